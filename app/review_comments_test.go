package app

import (
	"errors"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
)

func TestReviewCommentsReanchor(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "commenter")
	// Ann comments on the pier's description (line 16) and on the street
	// (line 12).
	pier, err := a.r.AddComment(sid, CommentInput{StartLine: 16, EndLine: 16, Quote: "Ben stands at the end", Body: "Too static."})
	if err != nil {
		t.Fatal(err)
	}
	street, err := a.r.AddComment(sid, CommentInput{StartLine: 12, EndLine: 12, Body: "Which corner?"})
	if err != nil {
		t.Fatal(err)
	}
	if street.Quote != "Cars pass. Ann waits at the corner." || street.StartLine != 12 {
		t.Fatalf("a comment without a quote quotes its lines: %+v", street)
	}

	// Four lines inserted above: both threads move down four lines.
	moved := strings.Replace(pierScript, "INT. KITCHEN - MORNING\n", "INT. KITCHEN - MORNING\n\nThe radio plays.\n\n", 1)
	moved = strings.Replace(moved, "Title: The Pier\n", "Title: The Pier\nAuthor: Ann\n", 1)
	if _, err := a.ed.Commit(sid, moved, "More"); err != nil {
		t.Fatal(err)
	}
	ts, err := a.r.Comments(sid, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].ID != street.ID || ts[0].StartLine != 16 || ts[1].ID != pier.ID || ts[1].StartLine != 20 ||
		ts[1].Quote != "Ben stands at the end" || ts[1].Outdated {
		t.Fatalf("threads after inserting lines: %+v", ts)
	}
	// On the revision it was made on, a thread keeps its place.
	first, _ := NewHistory(a.s.c).List(sid)
	if old, _ := a.r.Comments(sid, string(first[len(first)-1].ID)); len(old) != 2 || old[1].StartLine != 16 {
		t.Fatalf("threads on the first revision: %+v", old)
	}

	// Bob quotes the street line as he saw it; Ann rewrites it meanwhile:
	// his comment is refused in words, and the old thread is outdated.
	eventually(t, "Bob has Ann's insertions", func() bool { return headOf(t, b.s, model.ScriptID(sid)) == headOf(t, a.s, model.ScriptID(sid)) })
	gone := strings.Replace(moved, "Cars pass. Ann waits at the corner.\n", "Empty street.\n", 1)
	if _, err := a.ed.Commit(sid, gone, "Empty street"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Bob has the empty street", func() bool { return headOf(t, b.s, model.ScriptID(sid)) == headOf(t, a.s, model.ScriptID(sid)) })
	_, err = b.r.AddComment(sid, CommentInput{StartLine: 16, EndLine: 16, Quote: "Ann waits at the corner", Body: "Why wait?"})
	if !errors.Is(err, review.ErrQuoteNotFound) || !strings.Contains(err.Error(), "no longer there") {
		t.Fatalf("comment on deleted text: %v", err)
	}
	ts, _ = a.r.Comments(sid, "")
	if len(ts) != 2 || ts[0].ID != pier.ID || ts[0].Outdated || ts[1].ID != street.ID || !ts[1].Outdated {
		t.Fatalf("threads after deleting the street line (outdated last): %+v", ts)
	}

	// Replies, edits, resolve and reopen; only one's own comment is edited.
	if _, err := b.r.Reply(sid, pier.ID, "Agreed."); err != nil {
		t.Fatal(err)
	}
	if _, err := b.r.EditComment(sid, pier.ID, "Not static at all."); !errors.Is(err, ErrNotYourComment) {
		t.Fatalf("Bob edits Ann's comment: %v", err)
	}
	if _, err := b.r.DeleteComment(sid, pier.ID); !errors.Is(err, ErrNotYourComment) {
		t.Fatalf("Bob deletes Ann's comment: %v", err)
	}
	if _, err := b.r.Reply(sid, "nope", "?"); !errors.Is(err, ErrNoComment) {
		t.Fatalf("reply to nothing: %v", err)
	}
	eventually(t, "Ann sees Bob's reply", func() bool {
		ts, _ := a.r.Comments(sid, "")
		return len(ts[0].Replies) == 1 && ts[0].Replies[0].AuthorName == "Bob" && ts[0].Unread == 1
	})
	th, err := a.r.EditComment(sid, pier.ID, "Too static, still.")
	if err != nil || th.Root.Body != "Too static, still." || !th.Root.Edited {
		t.Fatalf("edit = %+v, %v", th.Root, err)
	}
	if th, err := a.r.Resolve(sid, pier.ID); err != nil || !th.Resolved {
		t.Fatalf("resolve = %+v, %v", th, err)
	}
	if th, err := a.r.Reopen(sid, pier.ID); err != nil || th.Resolved {
		t.Fatalf("reopen = %+v, %v", th, err)
	}
	if ok, err := a.r.DeleteComment(sid, street.ID); !ok || err != nil {
		t.Fatalf("delete = %v, %v", ok, err)
	}
	if ts, _ := a.r.Comments(sid, ""); len(ts) != 1 {
		t.Fatalf("threads after deleting one: %+v", ts)
	}

	// Unread: Ann's inbox has Bob's reply until she marks the script read.
	ns, err := a.r.Inbox()
	if err != nil || len(ns) != 1 || ns[0].Kind != "comment" || !ns[0].Unread || ns[0].Text != "Bob replied: Agreed." ||
		ns[0].Thread != pier.ID || ns[0].ScriptTitle != "The Pier" {
		t.Fatalf("Ann's inbox = %+v, %v", ns, err)
	}
	if n, _ := a.r.Unread(); n != 1 {
		t.Fatalf("unread = %d, want 1", n)
	}
	if ok, err := a.r.MarkRead(sid); !ok || err != nil {
		t.Fatalf("MarkRead = %v, %v", ok, err)
	}
	if n, _ := a.r.Unread(); n != 0 {
		t.Fatalf("unread after MarkRead = %d", n)
	}
	if ts, _ := a.r.Comments(sid, ""); ts[0].Unread != 0 {
		t.Fatalf("thread unread after MarkRead = %d", ts[0].Unread)
	}
}

func TestReviewNotShared(t *testing.T) {
	w := newWriter(t, "Ann")
	sc, err := NewLibrary(w.s.c).Create("Alone")
	if err != nil {
		t.Fatal(err)
	}
	if ps, err := w.r.Proposals(sc.ID); err != nil || len(ps) != 0 {
		t.Fatalf("proposals of a script not shared = %v, %v", ps, err)
	}
	if ts, err := w.r.Comments(sc.ID, ""); err != nil || len(ts) != 0 {
		t.Fatalf("comments of a script not shared = %v, %v", ts, err)
	}
	if _, err := w.r.StartProposal(sc.ID, "Idea", ""); !errors.Is(err, ErrNotShared) || !strings.Contains(err.Error(), "share the script first") {
		t.Fatalf("proposal on a script not shared: %v", err)
	}
	if _, err := w.r.StartProposal(sc.ID, "  ", ""); err == nil || !strings.Contains(err.Error(), "needs a title") {
		t.Fatalf("proposal without a title: %v", err)
	}
	if ns, err := w.r.Inbox(); err != nil || len(ns) != 0 {
		t.Fatalf("inbox = %v, %v", ns, err)
	}
}
