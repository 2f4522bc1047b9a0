package store

import (
	"errors"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

func TestProductionState(t *testing.T) {
	s := newTestStore(t, Options{})
	me := newIdentity(t)
	sc := newScript(t, s, me)
	rev := model.RevisionID(model.ContentHash("locked"))

	if p, err := s.Production(sc.ID); err != nil || p.Locked || len(p.History) != 0 {
		t.Fatalf("never locked: %+v %v", p, err)
	}
	lock := func(p *model.Production) error {
		return p.Apply(model.ProductionPayload{Op: model.ProductionLock, Revision: rev}, me.ID(), 1)
	}
	if _, err := s.ChangeProduction(sc.ID, lock); err != nil {
		t.Fatal(err)
	}
	// A refused change stores nothing.
	if _, err := s.ChangeProduction(sc.ID, lock); !errors.Is(err, model.ErrLocked) {
		t.Fatalf("second lock: %v", err)
	}
	p, err := s.Production(sc.ID)
	if err != nil || !p.Locked || p.Base != rev || len(p.History) != 1 {
		t.Fatalf("stored: %+v %v", p, err)
	}
	// Unknown scripts, and a purged script's state goes with it.
	if _, err := s.Production(model.NewScriptID()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown script: %v", err)
	}
	if err := s.PurgeScript(sc.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.PutScript(sc); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Production(sc.ID); err != nil || p.Locked {
		t.Fatalf("after purge: %+v %v", p, err)
	}
}
