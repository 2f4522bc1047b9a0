package review

import (
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// checkProduction decides a production event: the room's production state
// must allow it (model.Production.Check) and the revision it names must
// be one the room has seen, so every member can lay the script out
// against it.
func (r *Room) checkProduction(ev *model.Event) (func(), error) {
	var p model.ProductionPayload
	if err := ev.DecodePayload(&p); err != nil {
		return nil, err
	}
	if err := r.Production.Check(p); err != nil {
		return nil, err
	}
	if p.Revision != "" {
		if _, ok := r.revisions[p.Revision]; !ok {
			return nil, fmt.Errorf("%w: %s, named by a production %s", ErrUnknownRevision, p.Revision.Short(), p.Op)
		}
	}
	return func() { _ = r.Production.Apply(p, ev.Author, ev.Time) }, nil
}
