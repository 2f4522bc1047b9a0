package store

import (
	"errors"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestUpdateLibrary: changes made through one LibraryTx are seen inside it
// and stored together, or not at all when the function fails.
func TestUpdateLibrary(t *testing.T) {
	s := newTestStore(t, Options{})
	me := newIdentity(t)
	now := time.Now().UTC()
	sc := model.Script{ID: model.NewScriptID(), Title: "Tx", Owner: me.ID(), Visibility: model.Private, Created: now, Modified: now}
	r1, err := model.NewRevision(me, nil, "one\n", "first", now)
	if err != nil {
		t.Fatal(err)
	}
	write := func(tx *LibraryTx) error {
		if err := tx.PutScript(sc); err != nil {
			return err
		}
		if err := tx.AddRevision(sc.ID, r1, RevisionStats{Words: 1}); err != nil {
			return err
		}
		if err := tx.PutDraft(sc.ID, Draft{Text: "one\n", Base: r1.ID, Saved: now}); err != nil {
			return err
		}
		// Reads inside see the writes.
		got, err := tx.Revision(sc.ID, r1.ID)
		if err != nil || got.Text != "one\n" {
			return errors.Join(errors.New("revision not seen inside"), err)
		}
		if has, err := tx.HasRevision(sc.ID, r1.ID); !has || err != nil {
			return errors.Join(errors.New("HasRevision inside"), err)
		}
		if infos, err := tx.Revisions(sc.ID); len(infos) != 1 || err != nil {
			return errors.Join(errors.New("Revisions inside"), err)
		}
		if d, err := tx.Draft(sc.ID); d.Base != r1.ID || err != nil {
			return errors.Join(errors.New("draft inside"), err)
		}
		return nil
	}
	boom := errors.New("boom")
	if err := s.UpdateLibrary(func(tx *LibraryTx) error {
		if err := write(tx); err != nil {
			return err
		}
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("failed update: %v", err)
	}
	if _, err := s.Script(sc.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("script after a failed update: %v", err)
	}
	if _, err := s.Draft(sc.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("draft after a failed update: %v", err)
	}
	if err := s.UpdateLibrary(write); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Revision(sc.ID, r1.ID); err != nil || got.Text != "one\n" {
		t.Fatalf("revision after the update: %v", err)
	}
	// A draft for a script that does not exist is refused.
	err = s.UpdateLibrary(func(tx *LibraryTx) error { return tx.PutDraft(model.NewScriptID(), Draft{}) })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("draft of a missing script: %v", err)
	}
}
