package model

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

var eventTime = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func mustEvent(t *testing.T, who *Identity, room ScriptID, kind string, payload any) *Event {
	t.Helper()
	e, err := NewEvent(who, room, kind, payload, eventTime)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestEventIDDeterministicAndCanonical(t *testing.T) {
	alice := mustIdentity(t, "Alice")
	room := NewScriptID()
	a := mustEvent(t, alice, room, KindComment, json.RawMessage(`{"body": "a <b> & c"}`))
	b := mustEvent(t, alice, room, KindComment, map[string]string{"body": "a <b> & c"})
	if a.ID != b.ID {
		t.Fatalf("same payload written two ways got ids %s and %s", a.ID, b.ID)
	}
	// The event survives a JSON round trip, and whitespace added in transit
	// does not change its id.
	raw, _ := json.Marshal(a)
	var back Event
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if err := back.Verify(); err != nil {
		t.Fatalf("round-tripped event: %v", err)
	}
	back.Payload = json.RawMessage("{ \"body\" :\n \"a <b> & c\" }")
	if err := back.Verify(); err != nil {
		t.Fatalf("re-spaced payload: %v", err)
	}
	if c := mustEvent(t, alice, room, KindComment, map[string]string{"body": "other"}); c.ID == a.ID {
		t.Fatal("different payloads share an id")
	}
}

func TestEventVerifyDetectsTampering(t *testing.T) {
	alice := mustIdentity(t, "Alice")
	mallory := mustIdentity(t, "Mallory")
	room := NewScriptID()
	good := mustEvent(t, alice, room, KindComment, map[string]string{"body": "nice"})
	cases := []struct {
		name   string
		tamper func(e *Event)
		want   error
	}{
		// Content changes.
		{"payload edited", func(e *Event) { e.Payload = json.RawMessage(`{"body":"mean"}`) }, ErrIDMismatch},
		{"time edited", func(e *Event) { e.Time++ }, ErrIDMismatch},
		{"room moved", func(e *Event) { e.Room = NewScriptID() }, ErrIDMismatch},
		{"kind changed", func(e *Event) { e.Kind = KindStatus }, ErrIDMismatch},
		// Forgery.
		{"author swapped", func(e *Event) { e.Author = mallory.ID(); e.ID = e.ComputeID() }, ErrBadSignature},
		{"signature flipped", func(e *Event) { e.Sig[3] ^= 1 }, ErrBadSignature},
		{"signed by another key", func(e *Event) { e.Sig = mallory.Sign([]byte(e.ID)) }, ErrBadSignature},
		// Malformed.
		{"payload not an object", func(e *Event) { e.Payload = json.RawMessage(`[1]`) }, ErrBadEvent},
		{"payload not JSON", func(e *Event) { e.Payload = json.RawMessage(`{`) }, ErrBadEvent},
		{"kind with capitals", func(e *Event) { e.Kind = "Comment" }, ErrBadEvent},
		{"short id", func(e *Event) { e.ID = "abc" }, ErrBadEventID},
		{"author not a key", func(e *Event) { e.Author = "zz" }, ErrBadUserID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := *good
			e.Sig = append([]byte(nil), good.Sig...)
			tc.tamper(&e)
			if err := e.Verify(); !errors.Is(err, tc.want) {
				t.Fatalf("Verify() = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestEventPayloadValidation(t *testing.T) {
	alice := mustIdentity(t, "Alice")
	bob := mustIdentity(t, "Bob")
	room := NewScriptID()
	rev, err := NewRevision(bob, nil, "FADE IN:\n", "start", eventTime)
	if err != nil {
		t.Fatal(err)
	}
	tampered := *rev
	tampered.Text = "FADE OUT.\n"
	cases := []struct {
		name    string
		kind    string
		payload any
		want    error
	}{
		// Room events.
		{"room ok", KindRoom, RoomPayload{Title: "Big Night", Visibility: Public}, nil},
		{"room without title", KindRoom, RoomPayload{Visibility: Public}, ErrBadPayload},
		{"room with odd visibility", KindRoom, RoomPayload{Title: "x", Visibility: "secret"}, ErrBadPayload},
		// Role events.
		{"grant editor", KindRole, RolePayload{User: bob.ID(), Role: RoleEditor}, nil},
		{"revoke", KindRole, RolePayload{User: bob.ID(), Role: RoleNone}, nil},
		{"grant owner", KindRole, RolePayload{User: bob.ID(), Role: RoleOwner}, ErrBadRole},
		{"grant to a non-key", KindRole, RolePayload{User: "nobody", Role: RoleReader}, ErrBadPayload},
		// Revisions must be intact and the author's own.
		{"own revision", KindRevision, RevisionPayload{Branch: "b", Revision: *rev}, nil},
		{"tampered revision", KindRevision, RevisionPayload{Branch: "b", Revision: tampered}, ErrContentMismatch},
		{"someone else's revision", "", nil, ErrBadPayload},
		// Branches need a name.
		{"branch without name", KindBranch, BranchPayload{Head: rev.ID}, ErrBadPayload},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			who, kind, payload := bob, tc.kind, tc.payload
			if tc.name == "someone else's revision" {
				who, kind, payload = alice, KindRevision, RevisionPayload{Branch: "b", Revision: *rev}
			}
			e := mustEvent(t, who, room, kind, payload)
			if err := e.Verify(); !errors.Is(err, tc.want) {
				t.Fatalf("Verify() = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestRoomACL(t *testing.T) {
	owner := mustIdentity(t, "Owner")
	bob := mustIdentity(t, "Bob")
	carol := mustIdentity(t, "Carol")
	room := NewScriptID()
	now := eventTime
	acl := NewRoomACL(room)
	authorize := func(e *Event) error {
		t.Helper()
		if err := e.Verify(); err != nil {
			return err
		}
		if err := acl.Authorize(e, now); err != nil {
			return err
		}
		acl.Apply(e)
		return nil
	}
	comment := func(who *Identity) *Event {
		return mustEvent(t, who, room, KindComment, map[string]string{"body": "hi"})
	}
	mainHead := func(who *Identity) *Event {
		return mustEvent(t, who, room, KindBranch, BranchPayload{Name: MainBranch, Head: RevisionID(ContentHash("x"))})
	}
	var lastInvite InviteToken
	invite := func(from *Identity, role Role, expires time.Time) *Event {
		inv, err := NewInvite(from, room, role, expires)
		if err != nil {
			t.Fatal(err)
		}
		lastInvite = *inv
		return mustEvent(t, bob, room, KindMember, MemberPayload{Invite: *inv})
	}
	reuse := func(who *Identity) *Event {
		return mustEvent(t, who, room, KindMember, MemberPayload{Invite: lastInvite})
	}
	steps := []struct {
		name string
		e    *Event
		want error
	}{
		// Creation comes first and only once.
		{"comment before creation", comment(owner), ErrNoRoom},
		{"creation", mustEvent(t, owner, room, KindRoom, RoomPayload{Title: "T", Visibility: Invite}), nil},
		{"second creation by another", mustEvent(t, bob, room, KindRoom, RoomPayload{Title: "Mine", Visibility: Public}), ErrRoomExists},
		// Strangers may do nothing in an invite-only room.
		{"stranger comments", comment(bob), ErrForbidden},
		{"stranger grants himself", mustEvent(t, bob, room, KindRole, RolePayload{User: bob.ID(), Role: RoleEditor}), ErrForbidden},
		// Invites.
		{"expired invite", invite(owner, RoleCommenter, now.Add(-time.Minute)), ErrInviteExpired},
		{"invite from a non-owner", invite(carol, RoleEditor, now.Add(time.Hour)), ErrBadInvite},
		{"good invite", invite(owner, RoleCommenter, now.Add(time.Hour)), nil},
		{"invite copied from the log by another", reuse(carol), ErrBadInvite},
		{"commenter comments", comment(bob), nil},
		{"commenter moves main", mainHead(bob), ErrForbidden},
		// Grants.
		{"owner makes bob editor", mustEvent(t, owner, room, KindRole, RolePayload{User: bob.ID(), Role: RoleEditor}), nil},
		{"editor moves main", mainHead(bob), nil},
		{"owner makes carol reader", mustEvent(t, owner, room, KindRole, RolePayload{User: carol.ID(), Role: RoleReader}), nil},
		{"reader comments", comment(carol), ErrForbidden},
		// Public rooms let anyone comment and propose, not edit main.
		{"owner opens the room", mustEvent(t, owner, room, KindRoom, RoomPayload{Title: "T", Visibility: Public}), nil},
		{"reader in public room comments", comment(carol), nil},
		{"public proposer moves main", mainHead(carol), ErrForbidden},
		// Unknown kinds are refused.
		{"unknown kind", mustEvent(t, owner, room, "poll", map[string]int{"x": 1}), ErrUnknownKind},
	}
	for _, s := range steps {
		if err := authorize(s.e); !errors.Is(err, s.want) {
			t.Errorf("%s: got %v, want %v", s.name, err, s.want)
		}
	}
	if acl.Owner != owner.ID() || acl.Title != "T" || acl.RoleOf(bob.ID()) != RoleEditor {
		t.Errorf("final ACL: %+v", acl)
	}
}

func TestInviteTampering(t *testing.T) {
	owner := mustIdentity(t, "Owner")
	inv, err := NewInvite(owner, NewScriptID(), RoleProposer, eventTime)
	if err != nil {
		t.Fatal(err)
	}
	if err := inv.Verify(); err != nil {
		t.Fatal(err)
	}
	up := *inv
	up.Role = RoleEditor
	if err := up.Verify(); !errors.Is(err, ErrBadInvite) {
		t.Fatalf("upgraded invite: %v", err)
	}
	later := *inv
	later.Expires += 1000
	if err := later.Verify(); !errors.Is(err, ErrBadInvite) {
		t.Fatalf("extended invite: %v", err)
	}
	// The issue time is signed: moving it, or dropping it to pass for an
	// invite of before issue times, breaks the signature.
	newer := *inv
	newer.Issued += 1000
	if err := newer.Verify(); !errors.Is(err, ErrBadInvite) {
		t.Fatalf("invite with a later issue time: %v", err)
	}
	undated := *inv
	undated.Issued = 0
	if err := undated.Verify(); !errors.Is(err, ErrBadInvite) {
		t.Fatalf("invite with its issue time dropped: %v", err)
	}
	if _, err := NewInvite(owner, NewScriptID(), RoleOwner, eventTime); !errors.Is(err, ErrBadRole) {
		t.Fatalf("owner invite: %v", err)
	}
}

func FuzzEventVerify(f *testing.F) {
	alice, err := NewIdentity("Alice")
	if err != nil {
		f.Fatal(err)
	}
	room := ScriptID("0123456789abcdef0123456789abcdef")
	for _, p := range []any{
		map[string]string{"body": "<hi> & \u2028"},
		RoomPayload{Title: "T", Visibility: Public},
		RolePayload{User: alice.ID(), Role: RoleEditor},
	} {
		e, err := NewEvent(alice, room, KindComment, p, eventTime)
		if err != nil {
			f.Fatal(err)
		}
		data, _ := json.Marshal(e)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var e Event
		if json.Unmarshal(data, &e) != nil {
			return
		}
		if e.Verify() != nil {
			return
		}
		// A verified event survives re-encoding.
		again, err := json.Marshal(&e)
		if err != nil {
			t.Fatal(err)
		}
		var back Event
		if err := json.Unmarshal(again, &back); err != nil {
			t.Fatal(err)
		}
		if err := back.Verify(); err != nil {
			t.Fatalf("verified event fails after a round trip: %v", err)
		}
	})
}
