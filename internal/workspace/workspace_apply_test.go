package workspace

import (
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
)

// roomEvent makes a signed event of author's in room.
func roomEvent(t *testing.T, author *model.Identity, room model.ScriptID, kind string, body any) *model.Event {
	t.Helper()
	ev, err := model.NewEvent(author, room, kind, body, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestApplyEvents(t *testing.T) {
	owner, reader := newTestWorkspace(t, "Owner"), newTestWorkspace(t, "Reader")
	me := owner.Identity()
	sc, _ := owner.Create("The Lock", "")
	r1, _ := owner.Commit(sc.ID, "one\n", "")
	r2, _ := owner.Commit(sc.ID, "one\ntwo\n", "")
	rev := func(id model.RevisionID, branch string) *model.Event {
		r, err := owner.Store().Revision(sc.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		return roomEvent(t, me, sc.ID, model.KindRevision, model.RevisionPayload{Branch: branch, Revision: *r})
	}
	main := func(id model.RevisionID) *model.Event {
		return roomEvent(t, me, sc.ID, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: id})
	}
	room := roomEvent(t, me, sc.ID, model.KindRoom, model.RoomPayload{Title: "The Lock", Visibility: model.Invite})

	got := reader.ApplyEvents(sc.ID, []*model.Event{room, rev(r1.ID, model.MainBranch), rev(r2.ID, model.MainBranch), main(r2.ID)}, nil)
	if !got.Library || !got.History || len(got.Errs) != 0 {
		t.Fatalf("first events: %+v", got)
	}
	rs, err := reader.Store().Script(sc.ID)
	d, _ := reader.Store().Draft(sc.ID)
	if err != nil || rs.Title != "The Lock" || rs.Owner != me.ID() || rs.Head != r2.ID || d.Text != "one\ntwo\n" {
		t.Fatalf("reader's copy %+v (%v), draft %q", rs, err, d.Text)
	}

	// The same events again, and the echo of an earlier move, change nothing.
	if got := reader.ApplyEvents(sc.ID, []*model.Event{room, rev(r1.ID, model.MainBranch), main(r1.ID)}, nil); got.Library || got.History || len(got.Errs) != 0 {
		t.Fatalf("repeats: %+v", got)
	}
	if rs, _ := reader.Store().Script(sc.ID); rs.Head != r2.ID {
		t.Fatalf("main went back to %s", rs.Head)
	}

	// Unsaved typing keeps the draft when main moves; a refused move does
	// not move main; a proposal's revision leaves main's history alone.
	if err := reader.Store().PutDraft(sc.ID, draftOf(d.Text+"typing\n", r2.ID)); err != nil {
		t.Fatal(err)
	}
	r3, _ := owner.Commit(sc.ID, "one\ntwo\nthree\n", "")
	move := main(r3.ID)
	got = reader.ApplyEvents(sc.ID, []*model.Event{rev(r3.ID, model.MainBranch), move}, func(ev *model.Event) bool { return ev.ID == move.ID })
	if rs, _ := reader.Store().Script(sc.ID); rs.Head != r2.ID || len(got.Errs) != 0 {
		t.Fatalf("a refused move moved main to %s (%+v)", rs.Head, got)
	}
	got = reader.ApplyEvents(sc.ID, []*model.Event{move}, nil)
	rs, _ = reader.Store().Script(sc.ID)
	d, _ = reader.Store().Draft(sc.ID)
	if !got.History || rs.Head != r3.ID || d.Text != "one\ntwo\ntyping\n" {
		t.Fatalf("move: %+v, head %s, draft %q", got, rs.Head, d.Text)
	}
	p1, _ := owner.Commit(sc.ID, "a proposal\n", "")
	propMove := roomEvent(t, me, sc.ID, model.KindBranch, model.BranchPayload{Name: "proposal-x", Base: r3.ID, Head: p1.ID, Title: "X"})
	onlyMain := func(ev *model.Event) bool {
		t.Errorf("keepMain asked about %s, not a move of main", ev.ID.Short())
		return false
	}
	if got := reader.ApplyEvents(sc.ID, []*model.Event{rev(p1.ID, "proposal-x"), propMove}, onlyMain); got.History || len(got.Errs) != 0 {
		t.Fatalf("proposal revision: %+v", got)
	}
	if rs, _ := reader.Store().Script(sc.ID); rs.Head != r3.ID {
		t.Fatalf("a proposal's move moved main to %s", rs.Head.Short())
	}
	if _, err := reader.Store().Revision(sc.ID, p1.ID); err != nil {
		t.Fatalf("proposal revision not stored: %v", err)
	}

	// A revision passed on by someone other than its author is refused;
	// the events beside it are applied.
	r4, _ := owner.Commit(sc.ID, "four\n", "")
	r4rev, _ := owner.Store().Revision(sc.ID, r4.ID)
	relayed := roomEvent(t, reader.Identity(), sc.ID, model.KindRevision, model.RevisionPayload{Branch: model.MainBranch, Revision: *r4rev})
	retitle := roomEvent(t, me, sc.ID, model.KindRoom, model.RoomPayload{Title: "The Key", Visibility: model.Invite})
	got = reader.ApplyEvents(sc.ID, []*model.Event{relayed, retitle}, nil)
	if len(got.Errs) != 1 || !got.Library {
		t.Fatalf("relayed revision: %+v", got)
	}
	if _, err := reader.Store().Revision(sc.ID, r4.ID); err == nil {
		t.Fatal("a revision relayed by another was stored")
	}
	if rs, _ := reader.Store().Script(sc.ID); rs.Title != "The Key" {
		t.Fatalf("title %q after the retitle", rs.Title)
	}
}

func draftOf(text string, base model.RevisionID) store.Draft {
	return store.Draft{Text: text, Base: base, Saved: time.Now().UTC()}
}

// The relay echoes a writer's own moves of main. When two commits follow
// each other quickly, the first's echo arrives after the second commit: it
// must not take main, and the draft, back to the first; nor to any earlier
// revision after a third commit.
func TestApplyIgnoresAnEarlierMove(t *testing.T) {
	w := newTestWorkspace(t, "Ann")
	sc, _ := w.Create("Quick Commits", "")
	first, _ := w.Commit(sc.ID, "INT. ROOM - DAY\n\nOne.\n", "one")
	second, _ := w.Commit(sc.ID, "INT. ROOM - DAY\n\nOne. Two.\n", "two")
	echo := func(id model.RevisionID) *model.Event {
		return roomEvent(t, w.Identity(), sc.ID, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: id})
	}
	if got := w.ApplyEvents(sc.ID, []*model.Event{echo(first.ID)}, nil); got.History || len(got.Errs) != 0 {
		t.Fatalf("the first commit's echo: %+v; want no move", got)
	}
	s, _ := w.Store().Script(sc.ID)
	d, _ := w.Store().Draft(sc.ID)
	if s.Head != second.ID || d.Text != "INT. ROOM - DAY\n\nOne. Two.\n" {
		t.Fatalf("head %s, draft %q; want the second commit", s.Head, d.Text)
	}
	third, _ := w.Commit(sc.ID, "INT. ROOM - DAY\n\nOne. Two. Three.\n", "three")
	if got := w.ApplyEvents(sc.ID, []*model.Event{echo(second.ID)}, nil); got.History || len(got.Errs) != 0 {
		t.Fatalf("a move back to the second commit: %+v", got)
	}
	if s, _ := w.Store().Script(sc.ID); s.Head != third.ID {
		t.Fatalf("head = %s, want %s", s.Head, third.ID)
	}
}
