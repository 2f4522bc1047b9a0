package review

import (
	"reflect"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// brief is a Notice without its times, for comparing.
type brief struct {
	Kind     NoticeKind
	Proposal string
	Comment  string
	By       model.UserID
	Unread   bool
}

func briefs(ns []Notice) []brief {
	out := []brief{}
	for _, n := range ns {
		out = append(out, brief{n.Kind, n.Proposal, n.Comment, n.By, n.Unread})
	}
	return out
}

func TestInbox(t *testing.T) {
	o := newOpened(t) // Alice opens "river" on the owner's script
	seenAfterOpen := uint64(len(o.log))
	// Bob opens another; the owner rejects it.
	bobHead := o.propose(o.bob, "car", "Radio", o.base, apply(t, script, car))
	o.add(o.owner, model.KindStatus, model.StatusPayload{Branch: "car", Status: model.StatusRejected, Reason: "not now"})
	// Carol comments on main; Alice replies; the owner replies too.
	o.add(o.carol, model.KindComment, addComment("t", "", anchorIn(t, o.base, script, "Edward pours coffee."), "Tea?"))
	o.add(o.alice, model.KindComment, addComment("t1", "t", nil, "Coffee."))
	o.add(o.owner, model.KindComment, addComment("t2", "t", nil, "Coffee it is."))
	// Bob comments on Alice's proposal; Carol on Bob's.
	o.add(o.bob, model.KindComment, addComment("p", "", anchorIn(t, o.head, o.propText, "brown, slow and deep."), "Deep is good."))
	o.add(o.carol, model.KindComment, addComment("q", "", anchorIn(t, bobHead, apply(t, script, car), "The radio plays Sinatra."), "Which song?"))
	// A comment made and deleted reaches no one.
	o.add(o.carol, model.KindComment, addComment("gone", "", anchorIn(t, o.base, script, "EDWARD"), "Oops."))
	o.add(o.carol, model.KindComment, op("gone", model.CommentDelete, ""))
	// An editor marks Alice's proposal outdated, she updates it, an editor merges it.
	o.add(o.ed1, model.KindStatus, status("river", model.StatusNeedsUpdate, ""))
	seenBeforeMerge := uint64(len(o.log))
	o.propText = apply(t, o.propText, kitchen)
	o.head = o.revision(o.alice, "river", o.propText, "rebased", o.head)
	o.add(o.alice, model.KindBranch, model.BranchPayload{Name: "river", Base: o.base, Head: o.head})
	o.log = append(o.log, o.merge(o.ed2))
	r := Fold(o.log)
	if len(r.Ignored) != 0 {
		t.Fatalf("ignored: %v", r.Ignored[0].Err)
	}
	owner, alice, bob, carol, ed1 := o.owner.ID(), o.alice.ID(), o.bob.ID(), o.carol.ID(), o.ed1.ID()

	cases := []struct {
		name string
		me   model.UserID
		seen uint64
		want []brief
	}{
		// The owner hears of new proposals and of every comment but their own.
		{"owner", owner, seenAfterOpen, []brief{
			{NoticeComment, "", "q", carol, true},
			{NoticeComment, "", "p", bob, true},
			{NoticeComment, "", "t1", alice, true},
			{NoticeComment, "", "t", carol, true},
			{NoticeProposalOpened, "car", "", bob, true},
			{NoticeProposalOpened, "river", "", alice, false},
		}},
		// Alice hears of decisions on her proposal, comments on it, and
		// replies in the thread she replied in after her reply.
		{"proposer", alice, seenBeforeMerge, []brief{
			{NoticeProposalMerged, "river", "", o.ed2.ID(), true},
			{NoticeProposalNeedsUpdate, "river", "", ed1, false},
			{NoticeComment, "", "p", bob, false},
			{NoticeComment, "", "t2", owner, false},
			{NoticeComment, "", "t", carol, false},
		}},
		// Bob hears his proposal was rejected and of the comment on it; not
		// of a thread he never joined.
		{"rejected proposer", bob, 0, []brief{
			{NoticeComment, "", "q", carol, true},
			{NoticeProposalRejected, "car", "", owner, true},
		}},
		// Carol hears of the replies in her thread.
		{"commenter", carol, 0, []brief{
			{NoticeComment, "", "t2", owner, true},
			{NoticeComment, "", "t1", alice, true},
		}},
		// An editor who took no part hears of nothing.
		{"bystander", ed1, 0, []brief{}},
		// Everything seen: nothing unread.
		{"all seen", carol, r.Seq, []brief{
			{NoticeComment, "", "t2", owner, false},
			{NoticeComment, "", "t1", alice, false},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ns := Inbox(r, c.me, c.seen)
			if got := briefs(ns); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("inbox:\n%+v\nwant:\n%+v", got, c.want)
			}
			for i, n := range ns {
				if n.Script != r.ID || n.Seq == 0 || n.At.IsZero() {
					t.Errorf("notice %d: %+v", i, n)
				}
				if i > 0 && n.Seq >= ns[i-1].Seq {
					t.Errorf("notice %d is not older than the one before", i)
				}
				if n.Kind == NoticeComment && n.Thread == "" {
					t.Errorf("comment notice %d has no thread", i)
				}
				if want := map[NoticeKind]string{NoticeProposalRejected: "not now"}[n.Kind]; n.Reason != want {
					t.Errorf("notice %d gives the reason %q, want %q", i, n.Reason, want)
				}
			}
		})
	}
}
