package review

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

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
		winner int // -1 when the proposal was not merged
	}{
		{"interleaved, first wins", []step{{0, "rev"}, {1, "rev"}, {0, "status"}, {1, "status"}, {0, "main"}, {1, "main"}}, 0},
		{"one after the other", []step{{0, "rev"}, {0, "status"}, {0, "main"}, {1, "rev"}, {1, "status"}, {1, "main"}}, 0},
		{"second editor's status first", []step{{0, "rev"}, {1, "rev"}, {1, "status"}, {0, "status"}, {0, "main"}, {1, "main"}}, 1},
		{"loser moves main before the winner", []step{{1, "rev"}, {0, "rev"}, {0, "status"}, {1, "status"}, {1, "main"}, {0, "main"}}, 0},
		// The first editor rejects: the second's merge never reaches main.
		{"reject first", []step{{1, "rev"}, {0, "reject"}, {1, "status"}, {1, "main"}}, -1},
		{"withdrawn first", []step{{1, "rev"}, {0, "withdraw"}, {1, "status"}, {1, "main"}}, -1},
		// Main fast-forwarded to a rejected proposal's head.
		{"fast-forward after a rejection", []step{{0, "reject"}, {1, "status-ff"}, {1, "ff"}}, -1},
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
				case "status-ff":
					o.add(ed, model.KindStatus, status("river", model.StatusMerged, o.head))
				case "ff":
					o.add(ed, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: o.head})
				case "reject":
					o.add(ed, model.KindStatus, status("river", model.StatusRejected, ""))
				case "withdraw":
					o.add(o.alice, model.KindStatus, status("river", model.StatusWithdrawn, ""))
				}
			}
			r := Fold(o.log)
			if c.winner < 0 {
				if r.MainHead != o.base || len(r.Ignored) != 2 {
					t.Fatalf("main %s, ignored %+v; want main unmoved and the merge refused", r.MainHead.Short(), r.Ignored)
				}
				for _, ig := range r.Ignored {
					if !errors.Is(ig.Err, ErrAlreadyDecided) {
						t.Fatalf("refused with %v, want ErrAlreadyDecided", ig.Err)
					}
				}
				return
			}
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

// TestFastForwardMerge: when main has not moved since the proposal's base,
// main may simply move to the proposal's head, before or after the status.
func TestFastForwardMerge(t *testing.T) {
	for _, statusFirst := range []bool{true, false} {
		o := newOpened(t)
		st := model.StatusPayload{Branch: "river", Status: model.StatusMerged, Merge: o.head}
		mv := model.BranchPayload{Name: model.MainBranch, Head: o.head}
		if statusFirst {
			o.add(o.ed1, model.KindStatus, st)
			o.add(o.ed1, model.KindBranch, mv)
		} else {
			o.add(o.ed1, model.KindBranch, mv)
			o.add(o.ed1, model.KindStatus, st)
		}
		r := Fold(o.log)
		if p, _ := r.Proposal("river"); len(r.Ignored) != 0 || r.MainHead != o.head || p.Merge != o.head {
			t.Fatalf("status first %v: main %s, ignored %+v", statusFirst, r.MainHead.Short(), r.Ignored)
		}
	}
}
