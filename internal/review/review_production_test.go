package review

import (
	"errors"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestFoldProduction: editors lock, start sets and unlock; a commenter's
// lock, a lock of a revision the room never saw and a second lock are
// refused and change nothing.
func TestFoldProduction(t *testing.T) {
	f := newFixture(t)
	base := f.main(script)
	unseen := model.RevisionID(model.ContentHash("never shared"))

	// Refused: a commenter, an unknown revision.
	byCarol := f.make(f.carol, model.KindProduction, model.ProductionPayload{Op: model.ProductionLock, Revision: base})
	unknown := f.make(f.ed1, model.KindProduction, model.ProductionPayload{Op: model.ProductionLock, Revision: unseen})
	room := Fold(f.log)
	if err := room.Validate(byCarol); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("commenter's lock: %v, want forbidden", err)
	}
	if err := room.Validate(unknown); !errors.Is(err, ErrUnknownRevision) {
		t.Fatalf("lock of an unseen revision: %v, want unknown revision", err)
	}

	f.add(f.ed1, model.KindProduction, model.ProductionPayload{Op: model.ProductionLock, Revision: base})
	next := f.main(script+"\nINT. NEW - DAY\n\nMore.\n", base)
	f.add(f.ed2, model.KindProduction, model.ProductionPayload{Op: model.ProductionSet, Revision: base,
		Set: &model.RevisionSetInfo{Name: "Blue", Color: "Blue", Date: "2026-12-06"}})
	again := f.add(f.ed2, model.KindProduction, model.ProductionPayload{Op: model.ProductionLock, Revision: next})
	room = Fold(f.log)
	p := room.Production
	if !p.Locked || p.Base != base || len(p.Sets) != 1 || p.Sets[0].From != base || len(p.History) != 2 ||
		p.History[0].By != f.ed1.ID() || p.History[1].Set != "Blue" {
		t.Fatalf("production: %+v", p)
	}
	if err := room.Refused(again.ID); !errors.Is(err, model.ErrLocked) {
		t.Fatalf("second lock: %v, want ErrLocked", err)
	}

	f.add(f.owner, model.KindProduction, model.ProductionPayload{Op: model.ProductionUnlock})
	if p := Fold(f.log).Production; p.Locked || len(p.History) != 3 {
		t.Fatalf("after unlock: %+v", p)
	}
}
