package model

import (
	"errors"
	"testing"
)

func TestProductionFold(t *testing.T) {
	r1 := RevisionID(ContentHash("one"))
	r2 := RevisionID(ContentHash("two"))
	r3 := RevisionID(ContentHash("three"))
	blue := &RevisionSetInfo{Name: "Blue", Color: "Blue", Date: "2026-12-06"}
	pink := &RevisionSetInfo{Name: "Pink", Color: "Pink", Date: "2026-12-09"}
	steps := []struct {
		name string
		pl   ProductionPayload
		want error
	}{
		// Nothing but a lock before a lock.
		{"unlock unlocked", ProductionPayload{Op: ProductionUnlock}, ErrNotLocked},
		{"set unlocked", ProductionPayload{Op: ProductionSet, Revision: r1, Set: blue}, ErrNotLocked},
		{"lock", ProductionPayload{Op: ProductionLock, Revision: r1}, nil},
		{"lock twice", ProductionPayload{Op: ProductionLock, Revision: r2}, ErrLocked},
		{"clear without a set", ProductionPayload{Op: ProductionClear, Revision: r2}, ErrBadProduction},
		// Sets.
		{"blue", ProductionPayload{Op: ProductionSet, Revision: r1, Set: blue}, nil},
		{"blue again", ProductionPayload{Op: ProductionSet, Revision: r2, Set: blue}, ErrBadProduction},
		{"pink", ProductionPayload{Op: ProductionSet, Revision: r2, Set: pink}, nil},
		{"clear", ProductionPayload{Op: ProductionClear, Revision: r2}, nil},
		// Malformed.
		{"no revision", ProductionPayload{Op: ProductionLock}, ErrBadProduction},
		{"bad date", ProductionPayload{Op: ProductionSet, Revision: r2, Set: &RevisionSetInfo{Name: "Yellow", Color: "Yellow", Date: "12/06/26"}}, ErrBadProduction},
		{"no name", ProductionPayload{Op: ProductionSet, Revision: r2, Set: &RevisionSetInfo{Color: "Yellow", Date: "2026-12-06"}}, ErrBadProduction},
		{"unknown op", ProductionPayload{Op: "freeze", Revision: r2}, ErrBadProduction},
		// Renumbering starts clean.
		{"relock", ProductionPayload{Op: ProductionRelock, Revision: r3}, nil},
	}
	var p Production
	for _, s := range steps {
		err := p.Apply(s.pl, "", 1)
		if s.want == nil && err != nil || s.want != nil && !errors.Is(err, s.want) {
			t.Fatalf("%s: got %v, want %v", s.name, err, s.want)
		}
		if s.name == "clear" {
			if cur, ok := p.Current(); !ok || cur.Name != "Pink" || cur.From != r2 || len(p.Sets) != 2 || p.Cleared != r2 {
				t.Fatalf("after clear: %+v", p)
			}
		}
	}
	if !p.Locked || p.Base != r3 || len(p.Sets) != 0 || p.Cleared != "" {
		t.Fatalf("after relock: %+v", p)
	}
	var ops []ProductionOp
	for _, h := range p.History {
		ops = append(ops, h.Op)
	}
	if len(ops) != 5 || ops[0] != ProductionLock || ops[4] != ProductionRelock {
		t.Fatalf("history %v: want lock, set, set, clear, relock", ops)
	}
	if err := p.Apply(ProductionPayload{Op: ProductionUnlock}, "", 2); err != nil || p.Locked {
		t.Fatalf("unlock: %v %+v", err, p)
	}
}

func TestProductionEventNeedsEditor(t *testing.T) {
	e := &Event{Kind: KindProduction, Payload: []byte(`{"op":"unlock"}`)}
	if r, err := e.RequiredRole(); err != nil || r != RoleEditor {
		t.Fatalf("got %q %v, want editor", r, err)
	}
}
