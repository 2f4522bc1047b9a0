package app

import (
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// The relay echoes a writer's own moves of main. When two commits follow
// each other quickly, the first's echo arrives after the second commit: it
// must not take main, and the draft, back to the first.
func TestApplyBranchIgnoresAnEarlierMove(t *testing.T) {
	s := newTestSync(t, "Ann")
	sc, err := NewLibrary(s.c).Create("Quick Commits")
	if err != nil {
		t.Fatal(err)
	}
	ed := NewEditor(s.c)
	first, err := ed.Commit(sc.ID, "INT. ROOM - DAY\n\nOne.\n", "one")
	if err != nil {
		t.Fatal(err)
	}
	second, err := ed.Commit(sc.ID, "INT. ROOM - DAY\n\nOne. Two.\n", "two")
	if err != nil {
		t.Fatal(err)
	}
	echo, err := model.NewEvent(s.c.identity(), model.ScriptID(sc.ID), model.KindBranch,
		model.BranchPayload{Name: model.MainBranch, Head: first.ID}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	moved, err := s.applyBranch(model.ScriptID(sc.ID), echo)
	if err != nil || moved {
		t.Fatalf("applyBranch of the first commit's echo = %v, %v; want no move", moved, err)
	}
	if got := headOf(t, s, model.ScriptID(sc.ID)); got != string(second.ID) {
		t.Fatalf("head = %s, want the second commit %s", got, second.ID)
	}
	doc, err := ed.Open(sc.ID)
	if err != nil || doc.Text != "INT. ROOM - DAY\n\nOne. Two.\n" || !doc.Committed {
		t.Fatalf("draft = %q (committed %v), %v", doc.Text, doc.Committed, err)
	}

	// Nor to any earlier revision, after a third commit.
	third, err := ed.Commit(sc.ID, "INT. ROOM - DAY\n\nOne. Two. Three.\n", "three")
	if err != nil {
		t.Fatal(err)
	}
	back, _ := model.NewEvent(s.c.identity(), model.ScriptID(sc.ID), model.KindBranch,
		model.BranchPayload{Name: model.MainBranch, Head: second.ID}, time.Now())
	if moved, err := s.applyBranch(model.ScriptID(sc.ID), back); err != nil || moved {
		t.Fatalf("a move back to the second commit = %v, %v", moved, err)
	}
	if got := headOf(t, s, model.ScriptID(sc.ID)); got != string(third.ID) {
		t.Fatalf("head = %s, want %s", got, third.ID)
	}
}
