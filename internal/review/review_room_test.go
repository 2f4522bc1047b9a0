package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// opened is a fixture with main at script and Alice's proposal "river"
// open on it.
type opened struct {
	*fixture
	base, head model.RevisionID
	propText   string
}

func newOpened(t testing.TB) *opened {
	t.Helper()
	f := newFixture(t)
	o := &opened{fixture: f, propText: apply(t, script, river)}
	o.base = f.main(script)
	o.head = f.propose(f.alice, "river", "Deeper river", o.base, o.propText)
	return o
}

// merge makes who's merge revision of the proposal into main and returns
// the status event that records it, without adding it to the log.
func (o *opened) merge(who *model.Identity) *model.Event {
	o.t.Helper()
	id := o.revision(who, model.MainBranch, o.propText, "merge river", o.base, o.head)
	return o.make(who, model.KindStatus, status("river", model.StatusMerged, id))
}

func TestFoldProposalLifecycle(t *testing.T) {
	o := newOpened(t)
	r := Fold(o.log)
	p, ok := r.Proposal("river")
	if !ok {
		t.Fatal("proposal not opened")
	}
	if p.Status != model.StatusOpen || p.Author != o.alice.ID() || p.Base != o.base || p.Head != o.head ||
		p.Title != "Deeper river" || p.Description != "why: Deeper river" || p.CreatedSeq != r.Seq || len(p.History) != 0 {
		t.Fatalf("opened proposal: %+v", p)
	}
	if r.MainHead != o.base {
		t.Fatalf("main head %s, want %s", r.MainHead.Short(), o.base.Short())
	}

	// Alice keeps typing: the head moves, live.
	o.propText = apply(t, o.propText, edit{"deep.", "deep and cold."})
	o.head = o.revision(o.alice, "river", o.propText, "colder", o.head)
	o.add(o.alice, model.KindBranch, model.BranchPayload{Name: "river", Base: o.base, Head: o.head})
	r = Fold(o.log)
	p, _ = r.Proposal("river")
	if p.Head != o.head || p.UpdatedSeq != r.Seq || p.CreatedSeq >= p.UpdatedSeq || p.Title != "Deeper river" {
		t.Fatalf("updated proposal: %+v", p)
	}

	// An editor merges it.
	ev := o.merge(o.ed1)
	o.log = append(o.log, ev)
	mergeRev := o.log[len(o.log)-2]
	o.add(o.ed1, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: mustRevision(t, mergeRev).ID})
	r = Fold(o.log)
	if len(r.Ignored) != 0 {
		t.Fatalf("ignored: %+v", r.Ignored)
	}
	p, _ = r.Proposal("river")
	merged := mustRevision(t, mergeRev)
	if p.Status != model.StatusMerged || p.Merge != merged.ID || p.DecidedBy != o.ed1.ID() || p.DecidedSeq != r.Seq-1 ||
		!p.DecidedAt.Equal(p.Updated) || len(p.History) != 1 || p.History[0].Status != model.StatusMerged {
		t.Fatalf("merged proposal: %+v", p)
	}
	if r.MainHead != merged.ID {
		t.Fatalf("main head %s, want the merge %s", r.MainHead.Short(), merged.ID.Short())
	}
	if rev, ok := r.Revision(merged.ID); !ok || len(rev.Parents) != 2 || rev.Parents[1] != o.head {
		t.Fatalf("merge revision %+v, want parents main and the proposal's head", rev)
	}
	if got := r.Proposals(); len(got) != 1 || got[0].Name != "river" {
		t.Fatalf("Proposals = %+v", got)
	}
}

// mustRevision decodes the revision a revision event carries.
func mustRevision(t testing.TB, ev *model.Event) model.Revision {
	t.Helper()
	var p model.RevisionPayload
	if err := ev.DecodePayload(&p); err != nil {
		t.Fatal(err)
	}
	return p.Revision
}

func TestStatusRules(t *testing.T) {
	cases := []struct {
		name string
		// last builds the log and returns the event under test.
		last func(o *opened) *model.Event
		err  error                // nil when accepted
		want model.ProposalStatus // the status after an accepted event
	}{
		// Who decides.
		{"editor merges", func(o *opened) *model.Event { return o.merge(o.ed1) }, nil, model.StatusMerged},
		{"owner merges", func(o *opened) *model.Event { return o.merge(o.owner) }, nil, model.StatusMerged},
		{"owner rejects", func(o *opened) *model.Event {
			return o.make(o.owner, model.KindStatus, status("river", model.StatusRejected, ""))
		}, nil, model.StatusRejected},
		{"author withdraws", func(o *opened) *model.Event {
			return o.make(o.alice, model.KindStatus, status("river", model.StatusWithdrawn, ""))
		}, nil, model.StatusWithdrawn},
		{"editor marks needs-update", func(o *opened) *model.Event {
			return o.make(o.ed2, model.KindStatus, status("river", model.StatusNeedsUpdate, ""))
		}, nil, model.StatusNeedsUpdate},
		{"author marks needs-update", func(o *opened) *model.Event {
			return o.make(o.alice, model.KindStatus, status("river", model.StatusNeedsUpdate, ""))
		}, nil, model.StatusNeedsUpdate},

		// Who may not.
		{"proposer merges her own proposal", func(o *opened) *model.Event { return o.merge(o.alice) }, ErrNotAllowed, ""},
		{"another proposer merges", func(o *opened) *model.Event { return o.merge(o.bob) }, ErrNotAllowed, ""},
		{"another proposer rejects", func(o *opened) *model.Event {
			return o.make(o.bob, model.KindStatus, status("river", model.StatusRejected, ""))
		}, ErrNotAllowed, ""},
		{"commenter rejects", func(o *opened) *model.Event {
			return o.make(o.carol, model.KindStatus, status("river", model.StatusRejected, ""))
		}, model.ErrForbidden, ""},
		{"owner withdraws someone's proposal", func(o *opened) *model.Event {
			return o.make(o.owner, model.KindStatus, status("river", model.StatusWithdrawn, ""))
		}, ErrNotAllowed, ""},
		{"another proposer withdraws it", func(o *opened) *model.Event {
			return o.make(o.bob, model.KindStatus, status("river", model.StatusWithdrawn, ""))
		}, ErrNotAllowed, ""},
		{"another proposer marks needs-update", func(o *opened) *model.Event {
			return o.make(o.bob, model.KindStatus, status("river", model.StatusNeedsUpdate, ""))
		}, ErrNotAllowed, ""},
		{"stranger rejects", func(o *opened) *model.Event {
			return o.make(identity(o.t, "Stranger"), model.KindStatus, status("river", model.StatusRejected, ""))
		}, model.ErrForbidden, ""},

		// A decision is made once.
		{"merge after a merge", func(o *opened) *model.Event {
			o.log = append(o.log, o.merge(o.ed1))
			return o.merge(o.ed2)
		}, ErrAlreadyDecided, ""},
		{"reject after a merge", func(o *opened) *model.Event {
			o.log = append(o.log, o.merge(o.ed1))
			return o.make(o.owner, model.KindStatus, status("river", model.StatusRejected, ""))
		}, ErrAlreadyDecided, ""},
		{"merge after a withdrawal", func(o *opened) *model.Event {
			o.add(o.alice, model.KindStatus, status("river", model.StatusWithdrawn, ""))
			return o.merge(o.ed1)
		}, ErrAlreadyDecided, ""},
		{"reopen after a rejection", func(o *opened) *model.Event {
			o.add(o.owner, model.KindStatus, status("river", model.StatusRejected, ""))
			return o.make(o.alice, model.KindStatus, status("river", model.StatusOpen, ""))
		}, ErrAlreadyDecided, ""},
		{"head moved after a merge", func(o *opened) *model.Event {
			o.log = append(o.log, o.merge(o.ed1))
			id := o.revision(o.alice, "river", o.propText+"\nMore.\n", "more", o.head)
			return o.make(o.alice, model.KindBranch, model.BranchPayload{Name: "river", Base: o.base, Head: id})
		}, ErrAlreadyDecided, ""},
		{"needs-update then decided", func(o *opened) *model.Event {
			o.add(o.ed1, model.KindStatus, status("river", model.StatusNeedsUpdate, ""))
			return o.make(o.owner, model.KindStatus, status("river", model.StatusRejected, ""))
		}, nil, model.StatusRejected},

		// Events that name what the room never saw, or are malformed.
		{"merge revision never shared", func(o *opened) *model.Event {
			rev, err := model.NewRevision(o.ed1, []model.RevisionID{o.base, o.head}, o.propText, "merge", o.clock)
			if err != nil {
				o.t.Fatal(err)
			}
			return o.make(o.ed1, model.KindStatus, status("river", model.StatusMerged, rev.ID))
		}, ErrUnknownRevision, ""},
		{"unknown proposal", func(o *opened) *model.Event {
			return o.make(o.owner, model.KindStatus, status("lake", model.StatusRejected, ""))
		}, ErrUnknownProposal, ""},
		{"status of main", func(o *opened) *model.Event {
			return o.make(o.owner, model.KindStatus, status(model.MainBranch, model.StatusRejected, ""))
		}, model.ErrBadStatus, ""},
		{"merged without a merge revision", func(o *opened) *model.Event {
			return o.make(o.owner, model.KindStatus, status("river", model.StatusMerged, ""))
		}, model.ErrBadStatus, ""},
		{"unknown status", func(o *opened) *model.Event {
			return o.make(o.owner, model.KindStatus, status("river", "approved", ""))
		}, model.ErrBadStatus, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := newOpened(t)
			ev := c.last(o)
			r := Fold(o.log)
			if len(r.Ignored) != 0 {
				t.Fatalf("the log before the event was refused: %+v", r.Ignored)
			}
			before, _ := r.Proposal("river")
			verr := r.Validate(ev)
			err := r.Apply(ev)
			if (verr == nil) != (err == nil) || (err != nil && verr.Error() != err.Error()) {
				t.Fatalf("Validate said %v, Apply %v", verr, err)
			}
			after, _ := r.Proposal("river")
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("Apply = %v, want %v", err, c.err)
				}
				if !reflect.DeepEqual(before, after) {
					t.Fatalf("a refused event changed the proposal:\n%+v\n%+v", before, after)
				}
				if n := len(r.Ignored); n != 1 || r.Ignored[0].Event != ev.ID || r.Ignored[0].Seq != r.Seq {
					t.Fatalf("Ignored = %+v", r.Ignored)
				}
				if r.Refused(ev.ID) != err {
					t.Fatalf("Refused = %v, want %v", r.Refused(ev.ID), err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if after.Status != c.want {
				t.Fatalf("status %s, want %s", after.Status, c.want)
			}
			if c.want.Final() && (after.DecidedBy != ev.Author || after.DecidedSeq != r.Seq) {
				t.Fatalf("decision recorded as %+v", after)
			}
		})
	}
}

// TestTwoEditorsDecideAtOnce: both editors decide on the same proposal
// before seeing each other's decision. Every client folds the relay's order,
// so all agree: the first decision wins, the second is refused with a
// message naming the first, and there is one merge.
func TestTwoEditorsDecideAtOnce(t *testing.T) {
	reject := func(o *opened, who *model.Identity) *model.Event {
		return o.make(who, model.KindStatus, status("river", model.StatusRejected, ""))
	}
	cases := []struct {
		name          string
		first, second func(o *opened) *model.Event
		want          model.ProposalStatus
	}{
		{"merge and merge", func(o *opened) *model.Event { return o.merge(o.ed1) }, func(o *opened) *model.Event { return o.merge(o.ed2) }, model.StatusMerged},
		{"merge then reject", func(o *opened) *model.Event { return o.merge(o.ed1) }, func(o *opened) *model.Event { return reject(o, o.ed2) }, model.StatusMerged},
		{"reject then merge", func(o *opened) *model.Event { return reject(o, o.ed2) }, func(o *opened) *model.Event { return o.merge(o.ed1) }, model.StatusRejected},
		{"owner merge then editor merge", func(o *opened) *model.Event { return o.merge(o.owner) }, func(o *opened) *model.Event { return o.merge(o.ed1) }, model.StatusMerged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := newOpened(t)
			// Both decide on the same state, and their merge revisions reach
			// the log before the decisions: each decision validates alone.
			first, second := c.first(o), c.second(o)
			r0 := Fold(o.log)
			if err := r0.Validate(first); err != nil {
				t.Fatalf("first decision alone: %v", err)
			}
			if err := r0.Validate(second); err != nil {
				t.Fatalf("second decision alone: %v", err)
			}
			o.log = append(o.log, first, second)
			r := Fold(o.log)
			p, _ := r.Proposal("river")
			if p.Status != c.want || p.DecidedBy != first.Author || p.DecidedSeq != r.Seq-1 || len(p.History) != 1 {
				t.Fatalf("proposal after both: %+v", p)
			}
			err := r.Refused(second.ID)
			var de *DecidedError
			if !errors.As(err, &de) || !errors.Is(err, ErrAlreadyDecided) {
				t.Fatalf("second decision: %v, want a DecidedError", err)
			}
			if de.By != first.Author || de.Seq != r.Seq-1 || de.Status != c.want || de.Proposal != "river" {
				t.Fatalf("DecidedError %+v", de)
			}
			msg := err.Error()
			for _, s := range []string{"already decided", `"river"`, string(c.want), first.Author.Short()} {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q does not say %q", msg, s)
				}
			}
			if r.Refused(first.ID) != nil {
				t.Fatalf("first decision refused: %v", r.Refused(first.ID))
			}
			// The loser learns it before publishing anything more.
			if err := r.Validate(c.second(o)); !errors.Is(err, ErrAlreadyDecided) {
				t.Fatalf("a third decision validates: %v", err)
			}
		})
	}
}

func TestOpenProposalRules(t *testing.T) {
	cases := []struct {
		name string
		last func(f *fixture, base model.RevisionID) *model.Event
		err  error
	}{
		// Who may open one.
		{"proposer", func(f *fixture, base model.RevisionID) *model.Event {
			id := f.revision(f.bob, "car", apply(f.t, script, car), "radio", base)
			return f.make(f.bob, model.KindBranch, model.BranchPayload{Name: "car", Base: base, Head: id})
		}, nil},
		{"editor", func(f *fixture, base model.RevisionID) *model.Event {
			id := f.revision(f.ed1, "car", apply(f.t, script, car), "radio", base)
			return f.make(f.ed1, model.KindBranch, model.BranchPayload{Name: "car", Base: base, Head: id})
		}, nil},
		{"commenter shares a revision", func(f *fixture, base model.RevisionID) *model.Event {
			rev, err := model.NewRevision(f.carol, []model.RevisionID{base}, apply(f.t, script, car), "radio", f.clock)
			if err != nil {
				f.t.Fatal(err)
			}
			return f.make(f.carol, model.KindRevision, model.RevisionPayload{Branch: "car", Revision: *rev})
		}, model.ErrForbidden},
		{"commenter opens on someone's revision", func(f *fixture, base model.RevisionID) *model.Event {
			id := f.revision(f.bob, "car", apply(f.t, script, car), "radio", base)
			return f.make(f.carol, model.KindBranch, model.BranchPayload{Name: "car", Base: base, Head: id})
		}, model.ErrForbidden},
		{"reader", func(f *fixture, base model.RevisionID) *model.Event {
			f.add(f.owner, model.KindRole, model.RolePayload{User: f.carol.ID(), Role: model.RoleReader})
			id := f.revision(f.bob, "car", apply(f.t, script, car), "radio", base)
			return f.make(f.carol, model.KindBranch, model.BranchPayload{Name: "car", Base: base, Head: id})
		}, model.ErrForbidden},
		{"proposer moves main", func(f *fixture, base model.RevisionID) *model.Event {
			id := f.revision(f.bob, "car", apply(f.t, script, car), "radio", base)
			return f.make(f.bob, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: id})
		}, model.ErrForbidden},

		// Bases and heads the room never saw.
		{"base the owner never saw", func(f *fixture, base model.RevisionID) *model.Event {
			private, err := model.NewRevision(f.bob, nil, script+"\nA private draft.\n", "mine", f.clock)
			if err != nil {
				f.t.Fatal(err)
			}
			id := f.revision(f.bob, "car", apply(f.t, script, car), "radio", private.ID)
			return f.make(f.bob, model.KindBranch, model.BranchPayload{Name: "car", Base: private.ID, Head: id})
		}, ErrUnknownBase},
		{"no base", func(f *fixture, base model.RevisionID) *model.Event {
			id := f.revision(f.bob, "car", apply(f.t, script, car), "radio", base)
			return f.make(f.bob, model.KindBranch, model.BranchPayload{Name: "car", Head: id})
		}, ErrUnknownBase},
		{"head never shared", func(f *fixture, base model.RevisionID) *model.Event {
			rev, err := model.NewRevision(f.bob, []model.RevisionID{base}, apply(f.t, script, car), "radio", f.clock)
			if err != nil {
				f.t.Fatal(err)
			}
			return f.make(f.bob, model.KindBranch, model.BranchPayload{Name: "car", Base: base, Head: rev.ID})
		}, ErrUnknownRevision},
		{"no name", func(f *fixture, base model.RevisionID) *model.Event {
			return f.make(f.bob, model.KindBranch, model.BranchPayload{Base: base, Head: base})
		}, model.ErrBadPayload},

		// Someone else's proposal.
		{"moving another's proposal", func(f *fixture, base model.RevisionID) *model.Event {
			f.propose(f.alice, "car", "Radio", base, apply(f.t, script, car))
			id := f.revision(f.bob, "car", apply(f.t, script, car, pier), "mine now", base)
			return f.make(f.bob, model.KindBranch, model.BranchPayload{Name: "car", Base: base, Head: id})
		}, ErrNotAllowed},
		{"revision shared for someone else", func(f *fixture, base model.RevisionID) *model.Event {
			rev, err := model.NewRevision(f.alice, []model.RevisionID{base}, apply(f.t, script, car), "radio", f.clock)
			if err != nil {
				f.t.Fatal(err)
			}
			return f.make(f.bob, model.KindRevision, model.RevisionPayload{Branch: "car", Revision: *rev})
		}, model.ErrBadPayload},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			base := f.main(script)
			ev := c.last(f, base)
			r := Fold(f.log)
			if len(r.Ignored) != 0 {
				t.Fatalf("the log before the event was refused: %+v", r.Ignored)
			}
			err := r.Apply(ev)
			if c.err == nil {
				if err != nil {
					t.Fatalf("Apply: %v", err)
				}
				return
			}
			if !errors.Is(err, c.err) {
				t.Fatalf("Apply = %v, want %v", err, c.err)
			}
			if _, ok := r.Proposal("car"); ok && c.name != "moving another's proposal" {
				t.Fatal("a refused event opened a proposal")
			}
			if r.MainHead != base {
				t.Fatal("a refused event moved main")
			}
		})
	}
}

// TestLostAccess: after the owner lowers Alice to reader, or removes her,
// nothing she does is taken, while what she did before stays.
func TestLostAccess(t *testing.T) {
	for _, role := range []model.Role{model.RoleReader, model.RoleNone} {
		t.Run(fmt.Sprintf("role %q", role), func(t *testing.T) {
			o := newOpened(t)
			o.add(o.alice, model.KindComment, addComment("c1", "", &model.Anchor{Revision: o.base, StartLine: 12, EndLine: 12, Quote: "brown and slow"}, "Too slow?"))
			o.add(o.owner, model.KindRole, model.RolePayload{User: o.alice.ID(), Role: role})
			later := []*model.Event{
				o.make(o.alice, model.KindStatus, status("river", model.StatusWithdrawn, "")),
				o.make(o.alice, model.KindComment, addComment("c2", "c1", nil, "Anyone?")),
				o.make(o.alice, model.KindComment, op("c1", model.CommentEdit, "Too fast?")),
				o.make(o.alice, model.KindComment, op("c1", model.CommentDelete, "")),
			}
			r := Fold(o.log)
			for i, ev := range later {
				if err := r.Apply(ev); !errors.Is(err, model.ErrForbidden) {
					t.Errorf("event %d after losing access: %v, want ErrForbidden", i, err)
				} else if !strings.Contains(err.Error(), o.alice.ID().Short()) {
					t.Errorf("message %q does not name her", err)
				}
			}
			if p, _ := r.Proposal("river"); p.Status != model.StatusOpen {
				t.Fatalf("proposal %s, want still open", p.Status)
			}
			if c, ok := r.Comment("c1"); !ok || c.Body != "Too slow?" {
				t.Fatalf("her earlier comment: %+v %v", c, ok)
			}
			// The owner may still decide on her proposal.
			if err := r.Apply(o.make(o.owner, model.KindStatus, status("river", model.StatusRejected, ""))); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestNeedsUpdateThenRebased: an editor marks the proposal outdated; its
// author rebases it onto the new main and it is open again.
func TestNeedsUpdateThenRebased(t *testing.T) {
	o := newOpened(t)
	newMain := o.main(apply(t, script, kitchen), o.base)
	o.add(o.ed1, model.KindStatus, status("river", model.StatusNeedsUpdate, ""))
	text, clean := Rebase(script, apply(t, script, kitchen), o.propText)
	if !clean {
		t.Fatal("rebase not clean")
	}
	head := o.revision(o.alice, "river", text, "rebased", newMain, o.head)
	o.add(o.alice, model.KindBranch, model.BranchPayload{Name: "river", Base: newMain, Head: head})
	r := Fold(o.log)
	p, _ := r.Proposal("river")
	if p.Status != model.StatusOpen || p.Base != newMain || p.Head != head || len(p.History) != 2 ||
		p.History[0].Status != model.StatusNeedsUpdate || p.History[1].Status != model.StatusOpen {
		t.Fatalf("rebased proposal: %+v", p)
	}
}

// fullLog is a room's log with every kind of event, accepted and refused.
func fullLog(t testing.TB) []*model.Event {
	o := newOpened(t)
	o.add(o.carol, model.KindComment, addComment("c1", "", &model.Anchor{Revision: o.base, StartLine: 12, EndLine: 12, Quote: "brown and slow"}, "Too slow?"))
	o.add(o.alice, model.KindComment, addComment("c2", "c1", nil, "Deeper now."))
	o.add(o.carol, model.KindComment, op("c1", model.CommentEdit, "Much too slow?"))
	o.add(o.owner, model.KindComment, op("c1", model.CommentResolve, ""))
	o.log = append(o.log, o.merge(o.ed1), o.merge(o.ed2)) // the second is refused
	o.add(o.bob, model.KindComment, addComment("c3", "c1", nil, "Late reply."))
	o.add(o.bob, model.KindComment, op("c3", model.CommentDelete, ""))
	return o.log
}

// state is what a fold shows, for comparing folds.
type state struct {
	Seq      uint64
	MainHead model.RevisionID
	Ignored  []string
	Props    []Proposal
	Threads  []Thread
	Inbox    []Notice
}

func stateOf(r *Room, me model.UserID) state {
	s := state{Seq: r.Seq, MainHead: r.MainHead, Props: r.Proposals(), Threads: r.Threads(me, 0), Inbox: Inbox(r, me, 0)}
	for _, ig := range r.Ignored {
		s.Ignored = append(s.Ignored, fmt.Sprintf("%d %s %v", ig.Seq, ig.Event, ig.Err))
	}
	return s
}

func TestFoldDuplicates(t *testing.T) {
	log := fullLog(t)
	want := Fold(log)
	if len(want.Ignored) != 1 {
		t.Fatalf("the full log should refuse the second merge only: %+v", want.Ignored)
	}
	owner := log[0].Author
	cases := []struct {
		name string
		log  []*model.Event
	}{
		{"each event twice in a row", func() (out []*model.Event) {
			for _, ev := range log {
				out = append(out, ev, ev)
			}
			return out
		}()},
		{"the whole log again", append(append([]*model.Event(nil), log...), log...)},
		{"every third event again later", func() (out []*model.Event) {
			out = append(out, log...)
			for i := 0; i < len(log); i += 3 {
				out = append(out, log[i])
			}
			return out
		}()},
		{"the refused decision again", append(append([]*model.Event(nil), log...), log[len(log)-3])},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Fold(c.log)
			if !reflect.DeepEqual(stateOf(got, owner), stateOf(want, owner)) {
				t.Fatalf("fold with duplicates:\n%+v\nwant:\n%+v", stateOf(got, owner), stateOf(want, owner))
			}
		})
	}
	// Applying a duplicate says so and changes nothing.
	r := Fold(log)
	before := stateOf(r, owner)
	for _, ev := range []*model.Event{log[0], log[len(log)-1], log[len(log)-3]} {
		if err := r.Apply(ev); !errors.Is(err, ErrDuplicateEvent) {
			t.Fatalf("duplicate %s: %v", ev.Kind, err)
		}
		if err := r.Validate(ev); !errors.Is(err, ErrDuplicateEvent) {
			t.Fatalf("Validate of a duplicate %s: %v", ev.Kind, err)
		}
	}
	if !reflect.DeepEqual(stateOf(r, owner), before) {
		t.Fatal("duplicates changed the room")
	}
}

func TestValidateChangesNothing(t *testing.T) {
	log := fullLog(t)
	owner := log[0].Author
	r := NewRoom("")
	// Validate before the room's first event must not adopt its room.
	if err := r.Validate(log[0]); err != nil {
		t.Fatalf("Validate the room event: %v", err)
	}
	if r.ID != "" || r.Seq != 0 {
		t.Fatalf("Validate changed an empty room: %+v", r)
	}
	for i, ev := range log {
		before := stateOf(r, owner)
		verr := r.Validate(ev)
		if !reflect.DeepEqual(stateOf(r, owner), before) {
			t.Fatalf("Validate of event %d changed the room", i)
		}
		if aerr := r.Apply(ev); (verr == nil) != (aerr == nil) {
			t.Fatalf("event %d: Validate %v, Apply %v", i, verr, aerr)
		}
	}
}

func TestFoldOtherRoomAndNil(t *testing.T) {
	log := fullLog(t)
	other := newFixture(t)
	stray := other.log[0]
	r := Fold(append(append([]*model.Event{}, log[:3]...), nil, stray))
	if len(r.Ignored) != 2 || !errors.Is(r.Ignored[0].Err, model.ErrBadEvent) || !errors.Is(r.Ignored[1].Err, model.ErrWrongRoom) {
		t.Fatalf("Ignored = %+v", r.Ignored)
	}
	if r.Seq != 5 || r.ID != log[0].Room {
		t.Fatalf("seq %d room %s", r.Seq, r.ID)
	}
	if got := Fold(nil); got.Seq != 0 || len(got.Proposals()) != 0 {
		t.Fatalf("empty fold: %+v", got)
	}
}

// BenchmarkFold10000 folds a log of 10,000 events: 500 proposals, each
// opened, moved 5 times and decided, with 12 comment events each.
func BenchmarkFold10000(b *testing.B) {
	f := newFixture(b)
	base := f.main(script)
	for i := 0; len(f.log) < 10000; i++ {
		name := fmt.Sprintf("p%d", i)
		who := f.alice
		if i%2 == 1 {
			who = f.bob
		}
		text := fmt.Sprintf("%s\nNote %d.\n", script, i)
		head := f.propose(who, name, name, base, text)
		for k := 0; k < 5; k++ {
			text += fmt.Sprintf("Line %d.\n", k)
			head = f.revision(who, name, text, "more", head)
			f.add(who, model.KindBranch, model.BranchPayload{Name: name, Base: base, Head: head})
		}
		cid := fmt.Sprintf("c%d", i)
		f.add(f.carol, model.KindComment, addComment(cid, "", &model.Anchor{Revision: base, StartLine: 12, EndLine: 12, Quote: "brown and slow"}, "Hmm."))
		for k := 0; k < 10; k++ {
			f.add(who, model.KindComment, addComment(fmt.Sprintf("%s-%d", cid, k), cid, nil, "Reply."))
		}
		f.add(f.owner, model.KindComment, op(cid, model.CommentResolve, ""))
		f.add(f.ed1, model.KindStatus, status(name, model.StatusRejected, ""))
	}
	log := f.log[:10000]
	b.ResetTimer()
	var r *Room
	for i := 0; i < b.N; i++ {
		r = Fold(log)
	}
	b.StopTimer()
	if len(r.Ignored) != 0 {
		b.Fatalf("ignored: %v", r.Ignored[0].Err)
	}
	b.ReportMetric(float64(len(log))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// TestSecondMergeNeverReachesMain: two editors merge the same proposal at
// once, each publishing a merge revision, the status and then main's move,
// in whatever interleaving the relay ordered. Main ends at the winner's
// merge; the loser's move of main is refused, so nothing merged is dropped.
func TestSecondMergeNeverReachesMain(t *testing.T) {
	type step struct {
		who  int // 0 first editor, 1 second
		what string
	}
	cases := []struct {
		name   string
		order  []step
		winner int
	}{
		{"interleaved, first wins", []step{{0, "rev"}, {1, "rev"}, {0, "status"}, {1, "status"}, {0, "main"}, {1, "main"}}, 0},
		{"one after the other", []step{{0, "rev"}, {0, "status"}, {0, "main"}, {1, "rev"}, {1, "status"}, {1, "main"}}, 0},
		{"second editor's status first", []step{{0, "rev"}, {1, "rev"}, {1, "status"}, {0, "status"}, {0, "main"}, {1, "main"}}, 1},
		{"loser moves main before the winner", []step{{1, "rev"}, {0, "rev"}, {0, "status"}, {1, "status"}, {1, "main"}, {0, "main"}}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := newOpened(t)
			eds := []*model.Identity{o.ed1, o.ed2}
			var revs [2]*model.Event
			var merges [2]model.RevisionID
			for i, ed := range eds {
				rev, err := model.NewRevision(ed, []model.RevisionID{o.base, o.head}, o.propText, "merge river", o.clock)
				if err != nil {
					t.Fatal(err)
				}
				merges[i] = rev.ID
				revs[i] = o.make(ed, model.KindRevision, model.RevisionPayload{Branch: model.MainBranch, Revision: *rev})
			}
			for _, s := range c.order {
				ed := eds[s.who]
				switch s.what {
				case "rev":
					o.log = append(o.log, revs[s.who])
				case "status":
					o.add(ed, model.KindStatus, status("river", model.StatusMerged, merges[s.who]))
				case "main":
					o.add(ed, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: merges[s.who]})
				}
			}
			r := Fold(o.log)
			p, _ := r.Proposal("river")
			if p.Merge != merges[c.winner] || r.MainHead != merges[c.winner] {
				t.Fatalf("merge %s, main %s; want both at the winner's %s", p.Merge.Short(), r.MainHead.Short(), merges[c.winner].Short())
			}
			if len(r.Ignored) != 2 {
				t.Fatalf("ignored %d events, want the loser's status and main move: %+v", len(r.Ignored), r.Ignored)
			}
			for _, ig := range r.Ignored {
				var de *DecidedError
				if !errors.As(ig.Err, &de) || de.By != eds[c.winner].ID() {
					t.Fatalf("refused with %v, want a DecidedError naming the winner", ig.Err)
				}
			}
			// Main goes on from the merge as usual.
			next := o.main(apply(t, o.propText, kitchen), merges[c.winner])
			if r := Fold(o.log); r.MainHead != next || len(r.Ignored) != 2 {
				t.Fatalf("main after the merge: %s, ignored %d", r.MainHead.Short(), len(r.Ignored))
			}
		})
	}
}

// FuzzApply sends status, comment and branch events with any payload, by
// anyone of the room, to a room with an open proposal and a thread: the
// fold must never panic, Validate must agree with Apply, and a refused
// event must leave the room as it was.
func FuzzApply(f *testing.F) {
	f.Add(uint8(0), uint8(1), []byte(`{"branch":"river","status":"merged","merge":"x"}`))
	f.Add(uint8(1), uint8(0), []byte(`{"id":"c2","op":"add","thread":"t","body":"hi"}`))
	f.Add(uint8(1), uint8(4), []byte(`{"id":"c3","op":"add","anchor":{"revision":"`+string(testRev)+`","startLine":3,"endLine":3,"quote":"INT."},"body":"x"}`))
	f.Add(uint8(1), uint8(5), []byte(`{"id":"t","op":"delete"}`))
	f.Add(uint8(2), uint8(3), []byte(`{"name":"river","head":"","base":""}`))
	f.Add(uint8(0), uint8(3), []byte(`{"branch":"river","status":"withdrawn"}`))
	o := newOpened(f)
	o.add(o.carol, model.KindComment, addComment("t", "", anchorIn(f, o.base, script, "The water is brown and slow."), "Too slow?"))
	log := o.log
	people := []*model.Identity{o.owner, o.ed1, o.ed2, o.alice, o.bob, o.carol}
	kinds := []string{model.KindStatus, model.KindComment, model.KindBranch}
	f.Fuzz(func(t *testing.T, kind, who uint8, payload []byte) {
		ev, err := model.NewEvent(people[int(who)%len(people)], o.room, kinds[int(kind)%len(kinds)], json.RawMessage(payload), o.clock)
		if err != nil {
			t.Skip() // not a JSON object
		}
		r := Fold(log)
		before := stateOf(r, o.owner.ID())
		verr := r.Validate(ev)
		aerr := r.Apply(ev)
		if (verr == nil) != (aerr == nil) {
			t.Fatalf("Validate %v, Apply %v", verr, aerr)
		}
		if aerr != nil {
			after := stateOf(r, o.owner.ID())
			after.Seq, after.Ignored = before.Seq, before.Ignored
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("refused event (%v) changed the room", aerr)
			}
		}
	})
}
