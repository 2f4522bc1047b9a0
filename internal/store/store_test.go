package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// newTestStore opens a store in a temporary folder; cleanup checks the file's
// consistency and closes it.
func newTestStore(t testing.TB, opts Options) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "library.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s.db == nil {
			return
		}
		if err := s.Check(); err != nil {
			t.Errorf("consistency check: %v", err)
		}
		s.Close()
	})
	return s
}

func newIdentity(t testing.TB) *model.Identity {
	t.Helper()
	id, err := model.NewIdentity("Tester")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newScript(t testing.TB, s *Store, owner *model.Identity) model.Script {
	t.Helper()
	now := time.Now().UTC()
	sc := model.Script{ID: model.NewScriptID(), Title: "Test", Owner: owner.ID(), Visibility: model.Private, Created: now, Modified: now}
	if err := s.PutScript(sc); err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestRoundTrips(t *testing.T) {
	s := newTestStore(t, Options{})
	// Identity.
	if _, err := s.Identity(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("identity before first run: %v", err)
	}
	me := newIdentity(t)
	if err := s.PutIdentity(me); err != nil {
		t.Fatal(err)
	}
	got, err := s.Identity()
	if err != nil || got.ID() != me.ID() || got.Name != "Tester" {
		t.Fatalf("identity = %+v, %v", got, err)
	}
	// Scripts, newest first.
	a := newScript(t, s, me)
	b := newScript(t, s, me)
	b.Modified = a.Modified.Add(time.Minute)
	b.Title = "Newer"
	if err := s.PutScript(b); err != nil {
		t.Fatal(err)
	}
	list, err := s.Scripts()
	if err != nil || len(list) != 2 || list[0].ID != b.ID || list[0].Title != "Newer" {
		t.Fatalf("scripts = %+v, %v", list, err)
	}
	if _, err := s.Script(model.NewScriptID()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing script: %v", err)
	}
	if err := s.PutScript(model.Script{ID: "bad"}); !errors.Is(err, model.ErrBadScriptID) {
		t.Fatalf("bad id: %v", err)
	}
	// Drafts.
	d := Draft{Text: "FADE IN:\n", Saved: time.Now().UTC().Truncate(time.Millisecond)}
	if err := s.PutDraft(a.ID, d); err != nil {
		t.Fatal(err)
	}
	if gd, err := s.Draft(a.ID); err != nil || gd.Text != d.Text || !gd.Saved.Equal(d.Saved) {
		t.Fatalf("draft = %+v, %v", gd, err)
	}
	// Settings.
	if _, err := s.Setting("x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing setting: %v", err)
	}
	if err := s.PutSetting("theme", "dark"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Setting("theme"); err != nil || v != "dark" {
		t.Fatalf("setting = %q, %v", v, err)
	}
	// Revisions: commit moves the head; add does not; the same one twice is stored once.
	r1, _ := model.NewRevision(me, nil, "FADE IN:\n", "one", time.Now())
	if err := s.CommitRevision(a.ID, r1, RevisionStats{Words: 2, Pages: 0.1}); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitRevision(a.ID, r1, RevisionStats{}); err != nil {
		t.Fatal(err)
	}
	r2, _ := model.NewRevision(me, []model.RevisionID{r1.ID}, "FADE IN:\n\nFADE OUT.", "two", time.Now())
	if err := s.AddRevision(a.ID, r2, RevisionStats{Words: 4}); err != nil {
		t.Fatal(err)
	}
	sc, _ := s.Script(a.ID)
	if sc.Head != r1.ID {
		t.Fatalf("head = %s, want %s", sc.Head, r1.ID)
	}
	infos, err := s.Revisions(a.ID)
	if err != nil || len(infos) != 2 || infos[0].ID != r1.ID || infos[0].Seq != 1 || infos[0].Stats.Words != 2 || infos[1].Parents[0] != r1.ID {
		t.Fatalf("revisions = %+v, %v", infos, err)
	}
	back, err := s.Revision(a.ID, r2.ID)
	if err != nil || back.Text != r2.Text || back.Verify() != nil {
		t.Fatalf("revision = %+v, %v", back, err)
	}
	if _, err := s.Revision(a.ID, r2.ID+"0"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing revision: %v", err)
	}
	if infos, err := s.Revisions(b.ID); err != nil || len(infos) != 0 {
		t.Fatalf("no revisions = %+v, %v", infos, err)
	}
	// A tampered revision is refused.
	bad := *r2
	bad.Text = "FADE OUT."
	if err := s.AddRevision(a.ID, &bad, RevisionStats{}); !errors.Is(err, model.ErrContentMismatch) {
		t.Fatalf("tampered revision: %v", err)
	}
	if err := s.AddRevision(model.NewScriptID(), r1, RevisionStats{}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("revision of a missing script: %v", err)
	}
	// Purge removes everything of the script.
	if err := s.PurgeScript(a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Draft(a.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("draft after purge: %v", err)
	}
	if _, err := s.Revisions(a.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("revisions after purge: %v", err)
	}
	if err := s.PurgeScript(a.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("purge twice: %v", err)
	}
}

func TestClosed(t *testing.T) {
	s := newTestStore(t, Options{})
	s.Close()
	if _, err := s.Scripts(); !errors.Is(err, ErrClosed) {
		t.Fatalf("after close: %v", err)
	}
	if err := s.Close(); !errors.Is(err, ErrClosed) {
		t.Fatalf("close twice: %v", err)
	}
}
