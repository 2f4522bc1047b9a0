package app

import (
	"errors"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestProductionShared: in a shared script the owner's lock and set reach
// a collaborator through the room; the commenter's pages show the locked
// numbers; the commenter may not unlock, and is told so in words.
func TestProductionShared(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "commenter")
	if _, err := a.r.LockProduction(sid); err != nil {
		t.Fatal(err)
	}
	if _, err := a.r.StartRevisionSet(sid, model.RevisionSetInfo{Color: "pink", Date: "2026-12-09"}); err != nil {
		t.Fatal(err)
	}
	var info ProductionInfo
	waitFor(t, "Bob sees the lock and the Pink set", func() bool {
		var err error
		info, err = b.r.Production(sid)
		return err == nil && info.Locked && info.Set != nil && info.Set.Name == "Pink"
	})
	if !info.Shared || info.CanChange || len(info.History) != 2 || info.History[0].ByName != "Ann" {
		t.Fatalf("Bob's view: %+v", info)
	}
	_, err := b.r.UnlockProduction(sid)
	if !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "Could not unlock the script: only the script's owner or an editor can unlock the script (you are a commenter)") {
		t.Fatalf("a commenter's unlock: %v", err)
	}

	// Ann inserts a scene before the pier: Bob's pages number it 2A.
	text := strings.Replace(pierScript, "EXT. PIER - DUSK", "INT. CAFE - DUSK\n\nAnn drinks.\n\nEXT. PIER - DUSK", 1)
	if _, err := a.ed.Commit(sid, text, "Cafe"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Bob's pages number the cafe 2A", func() bool {
		p, err := b.ed.Pages(sid, "")
		if err != nil || !p.Locked || p.Set == nil || p.Set.Name != "Pink" {
			return false
		}
		for _, s := range p.Scenes {
			if s.Number == "2A" && strings.Contains(s.Heading, "CAFE") {
				return len(p.Marks) > 0
			}
		}
		return false
	})
	// Unlocked by Ann: plain pages again for both.
	if _, err := a.r.UnlockProduction(sid); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Bob's pages are unlocked", func() bool {
		p, err := b.ed.Pages(sid, "")
		return err == nil && !p.Locked
	})
}

// TestProductionNotShared: a script kept alone is locked in the library.
func TestProductionNotShared(t *testing.T) {
	w := newWriter(t, "Ann")
	sc, err := NewLibrary(w.s.c).Create("Alone")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.r.LockProduction(sc.ID); err == nil || !strings.Contains(err.Error(), "commit the script first") {
		t.Fatalf("a lock before the first revision: %v", err)
	}
	if _, err := w.ed.Commit(sc.ID, pierScript, "First"); err != nil {
		t.Fatal(err)
	}
	info, err := w.r.LockProduction(sc.ID)
	if err != nil || !info.Locked || info.Shared || !info.CanChange {
		t.Fatalf("lock: %+v %v", info, err)
	}
	if _, err := w.r.StartRevisionSet(sc.ID, model.RevisionSetInfo{Color: "mauve"}); err == nil || !strings.Contains(err.Error(), "Could not start the revision set: unknown revision colour \"mauve\"") {
		t.Fatalf("a mauve set: %v", err)
	}
}
