package review

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
)

// anchorIn anchors quote (its first copy) in revision rev of text.
func anchorIn(t testing.TB, rev model.RevisionID, text, quote string) *model.Anchor {
	t.Helper()
	a := anchorAt(t, text, quote, 1)
	a.Revision = rev
	return &a
}

// threadIDs lists each thread's root and replies, for comparing.
func threadIDs(ts []Thread) [][]string {
	var out [][]string
	for _, th := range ts {
		ids := []string{th.Root.ID}
		for _, c := range th.Replies {
			ids = append(ids, c.ID)
		}
		out = append(out, ids)
	}
	return out
}

func TestCommentThreads(t *testing.T) {
	f := newFixture(t)
	base := f.main(script)
	f.add(f.carol, model.KindComment, addComment("river", "", anchorIn(t, base, script, "The water is brown and slow."), "Too slow?"))
	f.add(f.alice, model.KindComment, addComment("r1", "river", nil, "It is a river."))
	seenByCarol := uint64(len(f.log))
	f.add(f.owner, model.KindComment, addComment("r2", "r1", nil, "Agreed.")) // a reply to a reply joins the thread
	f.add(f.bob, model.KindComment, addComment("kitchen", "", anchorIn(t, base, script, "Edward pours coffee."), "Tea?"))
	f.add(f.carol, model.KindComment, addComment("r3", "river", nil, "Fair."))
	r := Fold(f.log)
	if len(r.Ignored) != 0 {
		t.Fatalf("ignored: %v", r.Ignored[0].Err)
	}

	ts := r.Threads(f.carol.ID(), seenByCarol)
	// Script order: the kitchen (line 5) before the river (line 12).
	if want := [][]string{{"kitchen"}, {"river", "r1", "r2", "r3"}}; !reflect.DeepEqual(threadIDs(ts), want) {
		t.Fatalf("threads %v, want %v", threadIDs(ts), want)
	}
	river := ts[1]
	if river.Root.Author != f.carol.ID() || river.Root.Body != "Too slow?" || river.Anchor.StartLine != 12 || river.Anchor.Revision != base {
		t.Fatalf("river thread %+v", river)
	}
	for _, c := range river.Replies {
		if c.Thread != "river" {
			t.Errorf("reply %s has thread %q, want river", c.ID, c.Thread)
		}
	}
	if river.LastSeq != r.Seq || river.Replies[2].Seq != r.Seq {
		t.Fatalf("LastSeq %d, want %d", river.LastSeq, r.Seq)
	}
	// Unread for Carol after seenByCarol: the owner's r2, not her own r3.
	if river.Unread != 1 || ts[0].Unread != 1 {
		t.Fatalf("unread river %d kitchen %d, want 1 and 1", river.Unread, ts[0].Unread)
	}
	// Everything is unread for someone who has seen nothing, but their own.
	unread := map[string]int{}
	for _, th := range r.Threads(f.alice.ID(), 0) {
		unread[th.Root.ID] = th.Unread
	}
	if want := map[string]int{"river": 3, "kitchen": 1}; !reflect.DeepEqual(unread, want) {
		t.Fatalf("Alice's unread %v, want %v", unread, want)
	}
	// Nothing is unread once all is seen.
	for _, th := range r.Threads(f.alice.ID(), r.Seq) {
		if th.Unread != 0 {
			t.Fatalf("thread %s has %d unread after everything was seen", th.Root.ID, th.Unread)
		}
	}
	if c, ok := r.Comment("r2"); !ok || c.Body != "Agreed." || c.Author != f.owner.ID() {
		t.Fatalf("Comment(r2) = %+v, %v", c, ok)
	}
}

func TestCommentRules(t *testing.T) {
	// Each case starts from main at script and Carol's thread "t" with
	// Alice's reply "a".
	cases := []struct {
		name string
		last func(f *fixture, base model.RevisionID) *model.Event
		err  error
	}{
		// Edit and delete: one's own only.
		{"edit own", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.carol, model.KindComment, op("t", model.CommentEdit, "Much too slow?"))
		}, nil},
		{"edit another's", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.owner, model.KindComment, op("a", model.CommentEdit, "Rewritten by the owner."))
		}, ErrNotAllowed},
		{"delete own reply", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
		}, nil},
		{"delete another's", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.ed1, model.KindComment, op("t", model.CommentDelete, ""))
		}, ErrNotAllowed},
		{"edit a deleted comment", func(f *fixture, _ model.RevisionID) *model.Event {
			f.add(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
			return f.make(f.alice, model.KindComment, op("a", model.CommentEdit, "Back."))
		}, ErrUnknownComment},
		{"delete twice", func(f *fixture, _ model.RevisionID) *model.Event {
			f.add(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
			return f.make(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
		}, ErrUnknownComment},

		// Replies.
		{"reply to a deleted thread", func(f *fixture, _ model.RevisionID) *model.Event {
			f.add(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
			f.add(f.carol, model.KindComment, op("t", model.CommentDelete, ""))
			return f.make(f.bob, model.KindComment, addComment("b", "t", nil, "Hello?"))
		}, ErrUnknownComment},
		{"reply to a deleted reply of a deleted thread", func(f *fixture, _ model.RevisionID) *model.Event {
			f.add(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
			f.add(f.carol, model.KindComment, op("t", model.CommentDelete, ""))
			return f.make(f.bob, model.KindComment, addComment("b", "a", nil, "Hello?"))
		}, ErrUnknownComment},
		{"reply to a thread whose root was deleted, replies remain", func(f *fixture, _ model.RevisionID) *model.Event {
			f.add(f.carol, model.KindComment, op("t", model.CommentDelete, ""))
			return f.make(f.bob, model.KindComment, addComment("b", "t", nil, "Still here."))
		}, nil},
		{"reply to an unknown comment", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.bob, model.KindComment, addComment("b", "nope", nil, "Hello?"))
		}, ErrUnknownComment},
		{"id used before", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.bob, model.KindComment, addComment("a", "t", nil, "Same id."))
		}, ErrCommentExists},
		{"id of a deleted comment", func(f *fixture, _ model.RevisionID) *model.Event {
			f.add(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
			return f.make(f.bob, model.KindComment, addComment("a", "t", nil, "Same id."))
		}, ErrCommentExists},

		// Resolve and reopen: anyone who may comment.
		{"resolve by its author", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.carol, model.KindComment, op("t", model.CommentResolve, ""))
		}, nil},
		{"resolve through a reply", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.owner, model.KindComment, op("a", model.CommentResolve, ""))
		}, nil},
		{"resolve an unknown thread", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.owner, model.KindComment, op("zz", model.CommentResolve, ""))
		}, ErrUnknownComment},
		{"resolve a deleted thread", func(f *fixture, _ model.RevisionID) *model.Event {
			f.add(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
			f.add(f.carol, model.KindComment, op("t", model.CommentDelete, ""))
			return f.make(f.owner, model.KindComment, op("t", model.CommentResolve, ""))
		}, ErrUnknownComment},

		// New threads. The fold does not read revision texts: a quote
		// that is not at its lines is the commenting app's to refuse
		// (ValidateComment, tested in review_anchor_test.go); the fold
		// keeps the thread, which reads as outdated.
		{"comment on text deleted meanwhile (kept, outdated)", func(f *fixture, base model.RevisionID) *model.Event {
			text := apply(f.t, script, edit{"Sandra drives. Nobody speaks.\n\n", ""})
			head := f.main(text, base)
			// The quote and lines come from the old text; the anchor names the new.
			a := anchorIn(f.t, head, script, "Sandra drives. Nobody speaks.")
			return f.make(f.bob, model.KindComment, addComment("b", "", a, "Why so quiet?"))
		}, nil},
		{"comment on the revision it was quoted from", func(f *fixture, base model.RevisionID) *model.Event {
			f.main(apply(f.t, script, edit{"Sandra drives. Nobody speaks.\n\n", ""}), base)
			return f.make(f.bob, model.KindComment, addComment("b", "", anchorIn(f.t, base, script, "Sandra drives. Nobody speaks."), "Why so quiet?"))
		}, nil},
		{"lines past the end (kept, outdated)", func(f *fixture, base model.RevisionID) *model.Event {
			a := anchorIn(f.t, base, script, "EDWARD")
			a.StartLine, a.EndLine = 90, 91
			return f.make(f.bob, model.KindComment, addComment("b", "", a, "Here?"))
		}, nil},
		{"revision the room never saw", func(f *fixture, _ model.RevisionID) *model.Event {
			return f.make(f.bob, model.KindComment, addComment("b", "", anchorIn(f.t, testRev, script, "EDWARD"), "Here?"))
		}, ErrUnknownRevision},
		{"empty body", func(f *fixture, base model.RevisionID) *model.Event {
			return f.make(f.bob, model.KindComment, addComment("b", "", anchorIn(f.t, base, script, "EDWARD"), ""))
		}, model.ErrBadComment},
		{"reader comments", func(f *fixture, base model.RevisionID) *model.Event {
			f.add(f.owner, model.KindRole, model.RolePayload{User: f.bob.ID(), Role: model.RoleReader})
			return f.make(f.bob, model.KindComment, addComment("b", "", anchorIn(f.t, base, script, "EDWARD"), "Hi."))
		}, model.ErrForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			base := f.main(script)
			f.add(f.carol, model.KindComment, addComment("t", "", anchorIn(t, base, script, "The water is brown and slow."), "Too slow?"))
			f.add(f.alice, model.KindComment, addComment("a", "t", nil, "It is a river."))
			ev := c.last(f, base)
			r := Fold(f.log)
			if len(r.Ignored) != 0 {
				t.Fatalf("the log before the event was refused: %v", r.Ignored[0].Err)
			}
			before := r.Threads(f.owner.ID(), 0)
			err := r.Apply(ev)
			if c.err == nil {
				if err != nil {
					t.Fatalf("Apply: %v", err)
				}
				if strings.Contains(c.name, "deleted meanwhile") {
					ts, err := r.ThreadsAt(f.owner.ID(), 0, r.MainHead)
					if err != nil {
						t.Fatal(err)
					}
					for _, th := range ts {
						if th.Root.ID == "b" && !th.Outdated {
							t.Fatalf("a thread quoting deleted text is not outdated: %+v", th)
						}
					}
				}
				return
			}
			if !errors.Is(err, c.err) {
				t.Fatalf("Apply = %v, want %v", err, c.err)
			}
			if after := r.Threads(f.owner.ID(), 0); !reflect.DeepEqual(before, after) {
				t.Fatalf("a refused comment changed the threads:\n%+v\n%+v", before, after)
			}
		})
	}
}

func TestCommentEditDeleteResolve(t *testing.T) {
	f := newFixture(t)
	base := f.main(script)
	f.add(f.carol, model.KindComment, addComment("t", "", anchorIn(t, base, script, "The water is brown and slow."), "Too slow?"))
	f.add(f.alice, model.KindComment, addComment("a", "t", nil, "It is a river."))
	f.add(f.carol, model.KindComment, op("t", model.CommentEdit, "Much too slow?"))
	f.add(f.owner, model.KindComment, op("a", model.CommentResolve, ""))
	r := Fold(f.log)
	th := r.Threads(f.owner.ID(), 0)[0]
	if th.Root.Body != "Much too slow?" || !th.Root.Edited || th.Root.UpdatedSeq != r.Seq-1 || th.Root.Seq >= th.Root.UpdatedSeq {
		t.Fatalf("edited root %+v", th.Root)
	}
	if !th.Resolved || th.ResolvedBy != f.owner.ID() || th.ResolvedAt.IsZero() {
		t.Fatalf("resolved thread %+v", th)
	}

	f.add(f.alice, model.KindComment, op("t", model.CommentReopen, ""))
	r = Fold(f.log)
	th = r.Threads(f.owner.ID(), 0)[0]
	if th.Resolved || th.ResolvedBy != "" || !th.ResolvedAt.IsZero() {
		t.Fatalf("reopened thread %+v", th)
	}

	// The root deleted: the thread stays for its reply, marked deleted.
	f.add(f.carol, model.KindComment, op("t", model.CommentDelete, ""))
	r = Fold(f.log)
	ts := r.Threads(f.owner.ID(), 0)
	if len(ts) != 1 || !ts[0].Deleted || ts[0].Root.Body != "" || len(ts[0].Replies) != 1 || ts[0].Unread != 1 {
		t.Fatalf("thread without its root: %+v", ts)
	}
	if _, ok := r.Comment("t"); ok {
		t.Fatal("Comment returns a deleted comment")
	}
	// The reply deleted too: the thread is gone.
	f.add(f.alice, model.KindComment, op("a", model.CommentDelete, ""))
	r = Fold(f.log)
	if ts := r.Threads(f.owner.ID(), 0); len(ts) != 0 {
		t.Fatalf("threads after deleting everything: %+v", ts)
	}
}

func TestThreadsAt(t *testing.T) {
	f := newFixture(t)
	base := f.main(script)
	f.add(f.carol, model.KindComment, addComment("river", "", anchorIn(t, base, script, "The water is brown and slow."), "Too slow?"))
	f.add(f.bob, model.KindComment, addComment("car", "", anchorIn(t, base, script, "Sandra drives. Nobody speaks."), "Quiet."))
	f.add(f.alice, model.KindComment, addComment("pier", "", anchorIn(t, base, script, "Every story has a fish in it."), "Nice."))
	// Main moves on: a scene added at the top, the car line cut, the pier
	// line reworded a little.
	next := apply(t, script,
		edit{"INT. KITCHEN", "EXT. PORCH - DAWN\n\nA screen door bangs.\n\nINT. KITCHEN"},
		edit{"Sandra drives. Nobody speaks.\n\n", ""},
		edit{"Every story has a fish", "Every story has a big fish"})
	head := f.main(next, base)
	// A comment made on the new revision needs no re-anchoring.
	f.add(f.carol, model.KindComment, addComment("porch", "", anchorIn(t, head, next, "A screen door bangs."), "Loud."))
	r := Fold(f.log)
	if len(r.Ignored) != 0 {
		t.Fatalf("ignored: %v", r.Ignored[0].Err)
	}

	ts, err := r.ThreadsAt(f.owner.ID(), 0, head)
	if err != nil {
		t.Fatal(err)
	}
	type placed struct {
		id       string
		outdated bool
		rev      model.RevisionID
		quote    string
	}
	var got []placed
	for _, th := range ts {
		got = append(got, placed{th.Root.ID, th.Outdated, th.Anchor.Revision, th.Anchor.Quote})
		if !th.Outdated {
			if want := anchorAt(t, next, th.Anchor.Quote, 1); th.Anchor.StartLine != want.StartLine || th.Anchor.EndLine != want.EndLine {
				t.Errorf("%s at lines %d-%d, want %d-%d", th.Root.ID, th.Anchor.StartLine, th.Anchor.EndLine, want.StartLine, want.EndLine)
			}
		}
	}
	// In the new script's order, the outdated thread last with its old anchor.
	want := []placed{
		{"porch", false, head, "A screen door bangs."},
		{"river", false, head, "The water is brown and slow."},
		{"pier", false, head, "Every story has a big fish in it."},
		{"car", true, base, "Sandra drives. Nobody speaks."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ThreadsAt:\n%+v\nwant\n%+v", got, want)
	}
	// Back at the base, the porch comment is the outdated one.
	ts, err = r.ThreadsAt(f.owner.ID(), 0, base)
	if err != nil {
		t.Fatal(err)
	}
	if last := ts[len(ts)-1]; last.Root.ID != "porch" || !last.Outdated {
		t.Fatalf("at the base the last thread is %s (outdated %v), want porch outdated", last.Root.ID, last.Outdated)
	}
	if _, err := r.ThreadsAt(f.owner.ID(), 0, testRev); !errors.Is(err, ErrUnknownRevision) {
		t.Fatalf("ThreadsAt an unknown revision: %v", err)
	}
}

// BenchmarkThreadsAtFeature places 60 threads, made on a feature-length
// script (Big Fish), in main's next revision after a day of edits: one line
// diff for all of them.
func BenchmarkThreadsAtFeature(b *testing.B) {
	text := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	f := newFixture(b)
	base := f.main(text)
	lines := strings.Split(text, "\n")
	n := 0
	for l := 40; l < len(lines) && n < 60; l += len(lines) / 60 {
		for lines[l] == "" {
			l++
		}
		a := &model.Anchor{Revision: base, StartLine: l + 1, EndLine: l + 1, Quote: lines[l]}
		f.add(f.carol, model.KindComment, addComment(fmt.Sprintf("c%d", n), "", a, "Hmm."))
		n++
	}
	head := f.main(bigFishEdits(b, text), base)
	r := Fold(f.log)
	if len(r.Ignored) != 0 {
		b.Fatal(r.Ignored[0].Err)
	}
	b.ResetTimer()
	outdated := 0
	for i := 0; i < b.N; i++ {
		ts, err := r.ThreadsAt(f.owner.ID(), 0, head)
		if err != nil || len(ts) != n {
			b.Fatalf("%d threads, %v", len(ts), err)
		}
		for _, th := range ts {
			if th.Outdated {
				outdated++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/thread")
	b.ReportMetric(float64(outdated)/float64(b.N), "outdated")
}

// A thread on a proposal's text, seen on main: where main holds its words
// it shows there; where main has the line only as it was before the
// proposal changed it, it is not taken for that line. Once merged, main
// descends from the proposal and the thread follows its text as usual.
func TestThreadsOnAnotherLine(t *testing.T) {
	f := newFixture(t)
	base := f.main(script)
	propText := apply(t, script, edit{"The water is brown and slow.\n", "The water is brown and slow, and cold.\n"})
	prop := f.propose(f.bob, "cold", "Cold water", base, propText)
	f.add(f.bob, model.KindComment, addComment("cold", "", anchorIn(t, prop, propText, "The water is brown and slow, and cold."), "Too much?"))
	f.add(f.bob, model.KindComment, addComment("fish", "", anchorIn(t, prop, propText, "There is no fish in there."), "Say it twice?"))

	threadOf := func(r *Room, rev model.RevisionID, id string) Thread {
		t.Helper()
		ts, err := r.ThreadsAt(f.owner.ID(), 0, rev)
		if err != nil {
			t.Fatal(err)
		}
		for _, th := range ts {
			if th.Root.ID == id {
				return th
			}
		}
		t.Fatalf("no thread %s at %s", id, rev.Short())
		return Thread{}
	}
	// Main moved on elsewhere; the proposal is not merged.
	moved := apply(t, script, edit{"Edward pours coffee.\n", "Edward pours coffee.\n\nThe radio plays.\n"})
	head := f.main(moved, base)
	r := Fold(f.log)
	if th := threadOf(r, head, "cold"); !th.Outdated {
		t.Errorf("a thread on a proposal's changed line shows on main at line %d (%q)", th.Anchor.StartLine, th.Anchor.Quote)
	}
	want := anchorAt(t, moved, "There is no fish in there.", 1)
	if th := threadOf(r, head, "fish"); th.Outdated || th.Anchor.StartLine != want.StartLine || th.Anchor.Revision != head {
		t.Errorf("a thread on words main holds too = %+v, want line %d", th, want.StartLine)
	}

	// Merged: main's text now has the proposal's line, and the thread is there.
	merged := apply(t, moved, edit{"The water is brown and slow.\n", "The water is brown and slow, and cold.\n"})
	mergeRev := f.revision(f.owner, model.MainBranch, merged, "merge", head, prop)
	f.add(f.owner, model.KindStatus, status("cold", model.StatusMerged, mergeRev))
	f.add(f.owner, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: mergeRev})
	r = Fold(f.log)
	want = anchorAt(t, merged, "The water is brown and slow, and cold.", 1)
	if th := threadOf(r, mergeRev, "cold"); th.Outdated || th.Anchor.StartLine != want.StartLine {
		t.Errorf("after the merge the thread = %+v, want line %d", th, want.StartLine)
	}
}
