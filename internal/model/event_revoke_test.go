package model

import (
	"errors"
	"math"
	"testing"
	"time"
)

// TestRevokedMemberCannotRejoin checks that removal and downgrades are
// final against invites issued before them: only a later invite readmits
// or re-raises the user. The log is then folded the two ways a room's
// rights are folded (Authorize at each event's time and Apply, as clients
// do; Apply alone, as the relay loads its log) to the same rights.
func TestRevokedMemberCannotRejoin(t *testing.T) {
	owner, bob, carol, dave, erin := mustIdentity(t, "Owner"), mustIdentity(t, "Bob"), mustIdentity(t, "Carol"), mustIdentity(t, "Dave"), mustIdentity(t, "Erin")
	room := NewScriptID()
	t0 := eventTime
	at := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	expires := t0.Add(7 * 24 * time.Hour)
	invite := func(role Role, issued time.Time) InviteToken {
		t.Helper()
		inv, err := NewInviteAt(owner, room, role, issued, expires)
		if err != nil {
			t.Fatal(err)
		}
		return *inv
	}
	event := func(who *Identity, kind string, payload any, when time.Time) *Event {
		t.Helper()
		e, err := NewEvent(who, room, kind, payload, when)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	redeem := func(who *Identity, inv InviteToken, when time.Time) *Event {
		return event(who, KindMember, MemberPayload{Invite: inv}, when)
	}
	setRole := func(who *Identity, role Role, when time.Time) *Event {
		return event(owner, KindRole, RolePayload{User: who.ID(), Role: role}, when)
	}
	mainHead := func(who *Identity, when time.Time) *Event {
		return event(who, KindBranch, BranchPayload{Name: MainBranch, Head: RevisionID(ContentHash(when.String()))}, when)
	}

	bobEditor, bobSpare := invite(RoleEditor, at(1)), invite(RoleEditor, at(2))
	carolEditor, carolSpare := invite(RoleEditor, at(1)), invite(RoleEditor, at(2))
	// Dave's invite was made while the owner's clock ran an hour fast.
	daveFast := invite(RoleEditor, at(60))
	// An invite signed before issue times existed (encoding v1).
	legacy := InviteToken{Room: room, Role: RoleEditor, Issuer: owner.ID(), Expires: expires.UnixMilli(), Nonce: "0123456789abcdef0123456789abcdef"}
	legacy.Sig = owner.Sign(legacy.CanonicalEncoding())

	steps := []struct {
		name string
		e    *Event
		want error
		who  *Identity
		role Role // the role of who after the step
	}{
		{"creation", event(owner, KindRoom, RoomPayload{Title: "T", Visibility: Invite}, at(0)), nil, owner, RoleOwner},
		// Removal.
		{"bob joins as editor", redeem(bob, bobEditor, at(3)), nil, bob, RoleEditor},
		{"bob moves main", mainHead(bob, at(4)), nil, bob, RoleEditor},
		{"owner removes bob", setRole(bob, RoleNone, at(5)), nil, bob, RoleNone},
		{"bob redeems his invite again", redeem(bob, bobEditor, at(6)), ErrInviteSuperseded, bob, RoleNone},
		{"bob redeems a spare older invite", redeem(bob, bobSpare, at(6)), ErrInviteSuperseded, bob, RoleNone},
		{"bob redeems a legacy invite", redeem(bob, legacy, at(6)), ErrInviteSuperseded, bob, RoleNone},
		{"bob moves main after all that", mainHead(bob, at(7)), ErrForbidden, bob, RoleNone},
		// Downgrade.
		{"carol joins as editor", redeem(carol, carolEditor, at(3)), nil, carol, RoleEditor},
		{"owner makes carol reader", setRole(carol, RoleReader, at(8)), nil, carol, RoleReader},
		{"carol redeems her invite again", redeem(carol, carolEditor, at(9)), ErrInviteSuperseded, carol, RoleReader},
		{"carol redeems a spare older invite", redeem(carol, carolSpare, at(9)), ErrInviteSuperseded, carol, RoleReader},
		{"carol moves main", mainHead(carol, at(9)), ErrForbidden, carol, RoleReader},
		// Only a later invite readmits or re-raises.
		{"owner invites bob again", redeem(bob, invite(RoleCommenter, at(10)), at(11)), nil, bob, RoleCommenter},
		{"bob still cannot use the old editor invite", redeem(bob, bobSpare, at(12)), ErrInviteSuperseded, bob, RoleCommenter},
		{"owner raises carol by a new invite", redeem(carol, invite(RoleProposer, at(10)), at(11)), nil, carol, RoleProposer},
		// An invite issued at the very millisecond of the role event is
		// older, not newer: ties go to the removal.
		{"owner removes carol", setRole(carol, RoleNone, at(13)), nil, carol, RoleNone},
		{"invite issued the same millisecond", redeem(carol, invite(RoleEditor, at(13)), at(14)), ErrInviteSuperseded, carol, RoleNone},
		// A clock that ran fast made Dave's invite look newer than his
		// removal; having redeemed it once, he cannot redeem it again.
		{"dave joins", redeem(dave, daveFast, at(15)), nil, dave, RoleEditor},
		{"owner removes dave", setRole(dave, RoleNone, at(16)), nil, dave, RoleNone},
		{"dave redeems the fast invite again", redeem(dave, daveFast, at(17)), ErrInviteSuperseded, dave, RoleNone},
		// A legacy invite still admits someone the owner never set.
		{"a newcomer redeems the legacy invite", redeem(erin, legacy, at(18)), nil, erin, RoleEditor},
	}
	acl := NewRoomACL(room)
	var log []*Event
	for _, s := range steps {
		err := s.e.Verify()
		if err == nil {
			err = acl.Authorize(s.e, time.UnixMilli(s.e.Time))
		}
		if !errors.Is(err, s.want) {
			t.Fatalf("%s: got %v, want %v", s.name, err, s.want)
		}
		if err == nil {
			acl.Apply(s.e)
			log = append(log, s.e)
		}
		if got := acl.RoleOf(s.who.ID()); got != s.role {
			t.Fatalf("%s: %s is %q, want %q", s.name, s.who.Name, got, s.role)
		}
	}
	if !errors.Is(ErrInviteSuperseded, ErrBadInvite) {
		t.Fatal("ErrInviteSuperseded does not wrap ErrBadInvite (wire code bad_invite)")
	}

	// Folding the accepted log again, with Apply alone, gives the same
	// rights; so does a log stored before this rule, which still holds
	// the re-redemptions it refuses.
	exploited := append([]*Event(nil), log...)
	for _, s := range steps {
		if s.want != nil && s.e.Kind == KindMember {
			exploited = append(exploited, s.e)
		}
	}
	for name, events := range map[string][]*Event{"accepted log": log, "log with the re-redemptions": exploited} {
		again := NewRoomACL(room)
		for _, e := range events {
			again.Apply(e)
		}
		for _, who := range []*Identity{owner, bob, carol, dave, erin} {
			if got, want := again.RoleOf(who.ID()), acl.RoleOf(who.ID()); got != want {
				t.Errorf("%s folded with Apply alone: %s is %q, want %q", name, who.Name, got, want)
			}
		}
	}
}

// TestInviteFromTheFuture checks that a relay refuses to admit the
// redemption of an invite issued beyond MaxInviteSkew after its clock, and
// admits one within it.
func TestInviteFromTheFuture(t *testing.T) {
	owner, bob := mustIdentity(t, "Owner"), mustIdentity(t, "Bob")
	room := NewScriptID()
	now := eventTime
	acl := NewRoomACL(room)
	acl.Apply(mustEvent(t, owner, room, KindRoom, RoomPayload{Title: "T", Visibility: Invite}))
	for _, tc := range []struct {
		ahead time.Duration
		want  error
	}{
		{MaxInviteSkew + time.Second, ErrInviteFromFuture},
		{MaxInviteSkew, nil},
		{-time.Hour, nil},
	} {
		inv, err := NewInviteAt(owner, room, RoleReader, now.Add(tc.ahead), now.Add(48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		e := mustEvent(t, bob, room, KindMember, MemberPayload{Invite: *inv})
		if err := acl.Admit(e, now); !errors.Is(err, tc.want) {
			t.Errorf("issued %v ahead: Admit = %v, want %v", tc.ahead, err, tc.want)
		}
		if err := acl.Authorize(e, now); err != nil {
			t.Errorf("issued %v ahead: Authorize (a fold's check) = %v, want nil", tc.ahead, err)
		}
	}
	// The latest issue time there is does not wrap around to the past.
	last := InviteToken{Room: room, Role: RoleReader, Issuer: owner.ID(), Issued: math.MaxInt64, Expires: math.MaxInt64, Nonce: "ff"}
	last.Sig = owner.Sign(last.CanonicalEncoding())
	e := mustEvent(t, bob, room, KindMember, MemberPayload{Invite: last})
	if err := acl.Admit(e, now); !errors.Is(err, ErrInviteFromFuture) {
		t.Errorf("issued at the int64 limit: Admit = %v, want %v", err, ErrInviteFromFuture)
	}
}
