package review

import (
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// start is the time of a fixture's first event; each event is a minute
// after the one before.
var start = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// fixture is a room with an owner, two editors, two proposers and a
// commenter, and a log being written.
type fixture struct {
	t                                  testing.TB
	room                               model.ScriptID
	owner, ed1, ed2, alice, bob, carol *model.Identity
	log                                []*model.Event
	clock                              time.Time
}

func identity(t testing.TB, name string) *model.Identity {
	t.Helper()
	id, err := model.NewIdentity(name)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, room: model.NewScriptID(), clock: start,
		owner: identity(t, "Owner"), ed1: identity(t, "Editor One"), ed2: identity(t, "Editor Two"),
		alice: identity(t, "Alice"), bob: identity(t, "Bob"), carol: identity(t, "Carol")}
	f.add(f.owner, model.KindRoom, model.RoomPayload{Title: "Big Fish", Visibility: model.Invite})
	for _, g := range []struct {
		who  *model.Identity
		role model.Role
	}{{f.ed1, model.RoleEditor}, {f.ed2, model.RoleEditor}, {f.alice, model.RoleProposer}, {f.bob, model.RoleProposer}, {f.carol, model.RoleCommenter}} {
		f.add(f.owner, model.KindRole, model.RolePayload{User: g.who.ID(), Role: g.role})
	}
	return f
}

// make returns a signed event, a minute after the last one, without adding
// it to the log.
func (f *fixture) make(who *model.Identity, kind string, payload any) *model.Event {
	f.t.Helper()
	f.clock = f.clock.Add(time.Minute)
	ev, err := model.NewEvent(who, f.room, kind, payload, f.clock)
	if err != nil {
		f.t.Fatal(err)
	}
	return ev
}

// add appends an event to the log and returns it.
func (f *fixture) add(who *model.Identity, kind string, payload any) *model.Event {
	f.t.Helper()
	ev := f.make(who, kind, payload)
	f.log = append(f.log, ev)
	return ev
}

// revision shares a revision of text on branch and returns its id.
func (f *fixture) revision(who *model.Identity, branch, text, msg string, parents ...model.RevisionID) model.RevisionID {
	f.t.Helper()
	rev, err := model.NewRevision(who, parents, text, msg, f.clock)
	if err != nil {
		f.t.Fatal(err)
	}
	f.add(who, model.KindRevision, model.RevisionPayload{Branch: branch, Revision: *rev})
	return rev.ID
}

// main makes a main revision and moves main to it.
func (f *fixture) main(text string, parents ...model.RevisionID) model.RevisionID {
	f.t.Helper()
	id := f.revision(f.owner, model.MainBranch, text, "draft", parents...)
	f.add(f.owner, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: id})
	return id
}

// propose opens a proposal by who on branch from base with text.
func (f *fixture) propose(who *model.Identity, branch, title string, base model.RevisionID, text string) model.RevisionID {
	f.t.Helper()
	id := f.revision(who, branch, text, "why: "+title, base)
	f.add(who, model.KindBranch, model.BranchPayload{Name: branch, Base: base, Head: id, Title: title})
	return id
}

func status(branch string, s model.ProposalStatus, merge model.RevisionID) model.StatusPayload {
	return model.StatusPayload{Branch: branch, Status: s, Merge: merge}
}

func addComment(id, thread string, a *model.Anchor, body string) model.CommentPayload {
	return model.CommentPayload{ID: id, Op: model.CommentAdd, Thread: thread, Anchor: a, Body: body}
}

func op(id string, o model.CommentOp, body string) model.CommentPayload {
	return model.CommentPayload{ID: id, Op: o, Body: body}
}

// script is a short screenplay of four scenes, one line per element.
const script = `Title: The Pier

INT. KITCHEN - MORNING

Edward pours coffee.

EDWARD
We should go to the river.

EXT. RIVER - DAY

The water is brown and slow.

WILL
There is no fish in there.

INT. CAR - DAY

Sandra drives. Nobody speaks.

EXT. PIER - DUSK

Edward casts a line into the dark water.

EDWARD
Every story has a fish in it.
`

// replace returns s with old replaced once, and fails when old is absent.
func replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("text has no %q", old)
	}
	return strings.Replace(s, old, new, 1)
}
