package app

import (
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// apply folds events received from a room into the library in order
// (workspace.ApplyEvents), forgets the room's cached rights when rights
// events arrive, and tells the Review service and the window.
func (s *Sync) apply(room model.ScriptID, evs []*model.Event) {
	for _, ev := range evs {
		if model.IsACLKind(ev.Kind) {
			s.mu.Lock()
			delete(s.acls, room)
			delete(s.revoked, room)
			s.mu.Unlock()
			break
		}
	}
	var keepMain func(*model.Event) bool
	if r := s.reviewService(); r != nil {
		keepMain = func(ev *model.Event) bool { return r.refusedMove(room, ev) }
	}
	got := s.c.ws.ApplyEvents(room, evs, keepMain)
	for _, err := range got.Errs {
		s.setProblem(fmt.Sprintf("Could not store a change received for a shared script: %v", err))
	}
	s.reviewReceived(room, evs)
	if got.Library {
		s.c.emit(EventLibraryChanged, LibraryChanged{ScriptID: string(room)})
	}
	if got.History {
		sc, _ := s.c.store.Script(room)
		s.c.emit(EventHistoryChanged, HistoryChanged{ScriptID: string(room), Head: string(sc.Head)})
	}
}
