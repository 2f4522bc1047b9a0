package workspace

import (
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
)

// roomFixture is a shared room as a reader's library holds it: the owner
// makes events, receive stores them as the sync client does (then tells
// Rooms, or not, to make a gap).
type roomFixture struct {
	t      *testing.T
	w      *Workspace
	owner  *model.Identity
	room   model.ScriptID
	seq    uint64
	script model.Script
}

func newRoomFixture(t *testing.T) *roomFixture {
	w := newTestWorkspace(t, "Reader")
	owner, err := model.NewIdentity("Owner")
	if err != nil {
		t.Fatal(err)
	}
	f := &roomFixture{t: t, w: w, owner: owner, room: model.NewScriptID()}
	if err := w.Store().JoinRoom(f.room); err != nil {
		t.Fatal(err)
	}
	f.receive(true, roomEvent(t, owner, f.room, model.KindRoom, model.RoomPayload{Title: "The Lock", Visibility: model.Invite}))
	return f
}

// receive stores evs at the next sequence numbers, and tells Rooms when
// tell is set.
func (f *roomFixture) receive(tell bool, evs ...*model.Event) {
	f.t.Helper()
	var entries []store.Entry
	for _, ev := range evs {
		f.seq++
		entries = append(entries, store.Entry{Seq: f.seq, Event: ev})
	}
	res, err := f.w.Store().ApplyEvents(f.room, entries, f.seq)
	if err != nil || len(res.Rejected) > 0 {
		f.t.Fatalf("store events: %v %v", err, res.Rejected)
	}
	if tell {
		f.w.Rooms().Received(f.room, evs)
	}
}

func (f *roomFixture) invite(who *model.Identity, role model.Role) *model.Event {
	f.t.Helper()
	inv, err := model.NewInvite(f.owner, f.room, role, time.Now().Add(time.Hour))
	if err != nil {
		f.t.Fatal(err)
	}
	return roomEvent(f.t, who, f.room, model.KindMember, model.MemberPayload{Invite: *inv})
}

func (f *roomFixture) view() *RoomView {
	f.t.Helper()
	v, err := f.w.Rooms().View(f.room)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

func ids(evs []*model.Event) []model.EventID {
	var out []model.EventID
	for _, ev := range evs {
		out = append(out, ev.ID)
	}
	return out
}

// TestRoomsOverlay: an event published here is pending while in the
// outbox and after the relay's ack, until it comes back; one that left the
// outbox and never came back is forgotten after SentForget.
func TestRoomsOverlay(t *testing.T) {
	f := newRoomFixture(t)
	me := f.w.Identity()
	f.receive(true, f.invite(me, model.RoleCommenter))
	rooms := f.w.Rooms()
	note := roomEvent(t, me, f.room, model.KindComment, map[string]any{"id": "c1", "op": "add", "body": "hi", "authorName": "Reader"})
	if err := f.w.Store().Enqueue(f.room, note); err != nil {
		t.Fatal(err)
	}
	rooms.Published(note)
	v := f.view()
	if v.Received != 2 || len(v.Pending) != 1 || v.Pending[0].ID != note.ID || len(v.Events) != 3 || v.Names[me.ID()] != "Reader" {
		t.Fatalf("in the outbox: received %d, pending %v, events %d, names %v", v.Received, ids(v.Pending), len(v.Events), v.Names)
	}
	// Acknowledged (out of the outbox) and not back yet: still pending.
	if _, err := f.w.Store().Ack([]model.EventID{note.ID}); err != nil {
		t.Fatal(err)
	}
	if v := f.view(); len(v.Pending) != 1 {
		t.Fatalf("acked, not back: pending %v", ids(v.Pending))
	}
	// Back through the stream: received, not pending, once.
	f.receive(true, note)
	if v := f.view(); v.Received != 3 || len(v.Pending) != 0 || len(v.Events) != 3 {
		t.Fatalf("back: received %d, pending %v, events %d", v.Received, ids(v.Pending), len(v.Events))
	}
	// Sent, acknowledged, never back: forgotten after SentForget.
	lost := roomEvent(t, me, f.room, model.KindComment, map[string]any{"id": "c2", "op": "add", "body": "lost"})
	rooms.Published(lost)
	if v := f.view(); len(v.Pending) != 1 {
		t.Fatalf("lost, at once: pending %v", ids(v.Pending))
	}
	f.w.now = func() time.Time { return time.Now().Add(SentForget + time.Second) }
	if v := f.view(); len(v.Pending) != 0 {
		t.Fatalf("lost, after SentForget: pending %v", ids(v.Pending))
	}
}

// TestRoomsStaleness: the received log follows the library's cursor: told
// of every batch it grows; a batch stored and not told (a gap) is read from
// the library on next use; so are the rights and the proposal revisions.
func TestRoomsStaleness(t *testing.T) {
	f := newRoomFixture(t)
	rooms := f.w.Rooms()
	me := f.w.Identity()
	if a, _ := rooms.ACL(f.room); a.RoleOf(me.ID()) != model.RoleNone || !a.Exists() {
		t.Fatalf("before the invite: %v", a.RoleOf(me.ID()))
	}
	f.receive(true, f.invite(me, model.RoleEditor))
	if a, _ := rooms.ACL(f.room); a.RoleOf(me.ID()) != model.RoleEditor {
		t.Fatalf("after the invite (told): %v", a.RoleOf(me.ID()))
	}
	// A downgrade stored but not told: the cursor says the log is stale.
	downgrade := roomEvent(t, f.owner, f.room, model.KindRole, model.RolePayload{User: me.ID(), Role: model.RoleReader})
	f.receive(false, downgrade)
	if a, _ := rooms.ACL(f.room); a.RoleOf(me.ID()) != model.RoleReader {
		t.Fatalf("after a downgrade not told: %v", a.RoleOf(me.ID()))
	}
	if v := f.view(); v.Received != 3 || v.Events[2].ID != downgrade.ID {
		t.Fatalf("view after the gap: %v", ids(v.Events))
	}
	// Proposal revisions: received ones, and those in the outbox.
	rev := func(author *model.Identity, branch, text string) (*model.Event, model.RevisionID) {
		r, err := model.NewRevision(author, nil, text, "m", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return roomEvent(t, author, f.room, model.KindRevision, model.RevisionPayload{Branch: branch, Revision: *r}), r.ID
	}
	onMain, mainID := rev(f.owner, model.MainBranch, "main\n")
	onProp, propID := rev(f.owner, "proposal-x", "proposal\n")
	f.receive(true, onMain, onProp)
	mine, mineID := rev(me, "proposal-me", "mine\n")
	if err := f.w.Store().Enqueue(f.room, mine); err != nil {
		t.Fatal(err)
	}
	got, err := rooms.ProposalRevisions(f.room)
	if err != nil || len(got) != 2 || !got[propID] || !got[mineID] || got[mainID] {
		t.Fatalf("proposal revisions = %v, %v", got, err)
	}
	// Texts stay in the library, not in the received log.
	for _, ev := range f.view().Events {
		var p model.RevisionPayload
		if ev.Kind == model.KindRevision && ev.DecodePayload(&p) == nil && p.Revision.Text != "" && ev.ID != mine.ID {
			t.Fatalf("the received log keeps revision %s's text", p.Revision.ID.Short())
		}
	}
}

// TestRoomsRevoked: a revocation holds until rights events arrive.
func TestRoomsRevoked(t *testing.T) {
	f := newRoomFixture(t)
	rooms := f.w.Rooms()
	if rooms.Revoked(f.room) {
		t.Fatal("revoked at first")
	}
	rooms.Revoke(f.room)
	if !rooms.Revoked(f.room) || !f.view().Revoked {
		t.Fatal("not revoked after Revoke")
	}
	f.receive(true, roomEvent(t, f.owner, f.room, model.KindComment, map[string]any{"id": "c", "op": "add", "body": "x"}))
	if !rooms.Revoked(f.room) {
		t.Fatal("a comment cleared the revocation")
	}
	f.receive(true, f.invite(f.w.Identity(), model.RoleReader))
	if rooms.Revoked(f.room) {
		t.Fatal("rights events did not clear the revocation")
	}
}

// TestRoomsChain: the view says how the log holds each revision's text
// (whole, or the nth delta of a chain), for received and pending events
// alike, and hands the fold revision events without texts or delta
// operations.
func TestRoomsChain(t *testing.T) {
	f := newRoomFixture(t)
	at := time.Now()
	text := ""
	for i := 0; i < 30; i++ {
		text += "A line of the lock scene.\n"
	}
	first, _ := model.NewRevision(f.owner, nil, text, "", at)
	second, _ := model.NewRevision(f.owner, []model.RevisionID{first.ID}, text+"Another.\n", "", at)
	f.receive(true,
		roomEvent(t, f.owner, f.room, model.KindRevision, model.RevisionPayload{Branch: model.MainBranch, Revision: *first}),
		roomEvent(t, f.owner, f.room, model.KindRevision, SharePayload("lock-1a2b3c", second, first, 0)))
	me := f.w.Identity()
	third, _ := model.NewRevision(me, []model.RevisionID{second.ID}, text+"Another.\nAnd another.\n", "", at)
	mine := roomEvent(t, me, f.room, model.KindRevision, SharePayload("lock-1a2b3c", third, second, 1))
	if err := f.w.Store().Enqueue(f.room, mine); err != nil {
		t.Fatal(err)
	}
	v := f.view()
	want := map[model.RevisionID]int{first.ID: 0, second.ID: 1, third.ID: 2}
	if len(v.Chain) != len(want) {
		t.Fatalf("chain %v, want %v", v.Chain, want)
	}
	for id, n := range want {
		if got, ok := v.Chain[id]; !ok || got != n {
			t.Fatalf("revision %s: chain %d (%v), want %d", id.Short(), got, ok, n)
		}
	}
	for _, ev := range v.Events {
		var p model.RevisionPayload
		if ev.Kind != model.KindRevision || ev.DecodePayload(&p) != nil {
			continue
		}
		if p.Revision.Text != "" || p.Delta != nil && (p.Delta.Ops != nil || p.Delta.Base == "") {
			t.Fatalf("the fold gets revision %s with its text or operations: %+v", p.Revision.ID.Short(), p)
		}
	}
	var whole model.RevisionPayload
	if len(v.Pending) != 1 || v.Pending[0].ID != mine.ID || v.Pending[0].DecodePayload(&whole) != nil || len(whole.Delta.Ops) == 0 {
		t.Fatalf("pending %v: want the event whole", ids(v.Pending))
	}
}
