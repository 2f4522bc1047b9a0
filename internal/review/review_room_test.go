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
		{"name too long to be decided", func(f *fixture, base model.RevisionID) *model.Event {
			name := strings.Repeat("n", model.MaxBranchName+1)
			id := f.revision(f.bob, name, apply(f.t, script, car), "radio", base)
			return f.make(f.bob, model.KindBranch, model.BranchPayload{Name: name, Base: base, Head: id})
		}, model.ErrBadPayload},
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
