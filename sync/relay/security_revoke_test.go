package relay

import (
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// TestRevokedMemberCannotRejoin checks over real WebSockets that a member
// the owner removed or downgraded cannot redeem an invite issued before
// that to get the old role back; only an invite issued later readmits.
// The relay rebuilds the same rights from its log after a restart.
func TestRevokedMemberCannotRejoin(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID, bobID, carolID := newIdentity(t, "Owner"), newIdentity(t, "Bob"), newIdentity(t, "Carol")
	owner := connect(t, tr, ownerID)
	bob, carol := connect(t, tr, bobID), connect(t, tr, carolID)
	room := createRoom(t, owner, model.Invite)
	expires := time.Now().Add(time.Hour)

	invite := func(role model.Role, issued time.Time) model.InviteToken {
		t.Helper()
		inv, err := model.NewInviteAt(ownerID, room, role, issued, expires)
		if err != nil {
			t.Fatal(err)
		}
		return *inv
	}
	// redeem publishes a new member event each time: its time is made
	// distinct, or a second redemption within the same millisecond would
	// be the first event again (and answered as a duplicate).
	redeemed := 0
	redeem := func(c *testClient, inv model.InviteToken) *protocol.AckResult {
		t.Helper()
		redeemed++
		e, err := model.NewEvent(c.id, room, model.KindMember, model.MemberPayload{Invite: inv}, time.Now().Add(time.Duration(redeemed)*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		r := c.publish(room, e).Results[0]
		return &r
	}
	// setRole publishes a role event and returns its time, the owner's
	// word on the user from then on.
	setRole := func(user model.UserID, role model.Role) time.Time {
		t.Helper()
		e := newEvent(t, ownerID, room, model.KindRole, model.RolePayload{User: user, Role: role})
		mustStore(t, owner.publish(room, e))
		return time.UnixMilli(e.Time)
	}
	moveMain := func(c *testClient) *protocol.AckResult {
		t.Helper()
		r := c.publish(room, newEvent(t, c.id, room, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: model.RevisionID(model.ContentHash(time.Now().String()))})).Results[0]
		return &r
	}
	refused := func(what string, r *protocol.AckResult, code protocol.Code) {
		t.Helper()
		if r.Error == nil || r.Error.Code != code || r.Seq != 0 {
			t.Fatalf("%s: %+v, want %s", what, r, code)
		}
	}
	stored := func(what string, r *protocol.AckResult) {
		t.Helper()
		if r.Error != nil || r.Seq == 0 {
			t.Fatalf("%s: %+v, want stored", what, r)
		}
	}
	roleOnJoin := func(c *testClient) model.Role {
		t.Helper()
		c.send(&protocol.Join{Ref: "j", Room: room})
		for {
			switch m := c.next().(type) {
			case *protocol.Events:
			case *protocol.Joined:
				c.send(&protocol.Leave{Room: room})
				return m.Role
			case *protocol.ErrorMsg:
				if m.Code != protocol.CodeForbidden {
					t.Fatalf("join: %s: %s", m.Code, m.Message)
				}
				return model.RoleNone
			default:
				t.Fatalf("join: unexpected %T", m)
			}
		}
	}

	// Removal: Bob was an editor by invite; removed, his invite and a
	// spare one issued before the removal get him nothing.
	bobInvite, bobSpare := invite(model.RoleEditor, time.Now()), invite(model.RoleEditor, time.Now())
	stored("bob joins as editor", redeem(bob, bobInvite))
	stored("editor bob moves main", moveMain(bob))
	removed := setRole(bobID.ID(), model.RoleNone)
	refused("bob redeems his invite again", redeem(bob, bobInvite), protocol.CodeBadInvite)
	refused("bob redeems a spare older invite", redeem(bob, bobSpare), protocol.CodeBadInvite)
	refused("removed bob moves main", moveMain(bob), protocol.CodeForbidden)
	if r := roleOnJoin(bob); r != model.RoleNone {
		t.Fatalf("removed bob joins as %q", r)
	}

	// Downgrade: Carol, editor by invite, made reader, stays reader.
	stored("carol joins as editor", redeem(carol, invite(model.RoleEditor, time.Now())))
	carolInvite := invite(model.RoleEditor, time.Now())
	downgraded := setRole(carolID.ID(), model.RoleReader)
	refused("carol redeems an older invite", redeem(carol, carolInvite), protocol.CodeBadInvite)
	refused("reader carol moves main", moveMain(carol), protocol.CodeForbidden)
	if r := roleOnJoin(carol); r != model.RoleReader {
		t.Fatalf("downgraded carol joins as %q", r)
	}

	// An invite issued after the removal (here a millisecond after, on the
	// owner's clock) readmits; the older one still does nothing.
	stored("bob redeems a newer invite", redeem(bob, invite(model.RoleCommenter, removed.Add(time.Millisecond))))
	refused("bob redeems the old editor invite once readmitted", redeem(bob, bobSpare), protocol.CodeBadInvite)
	if r := roleOnJoin(bob); r != model.RoleCommenter {
		t.Fatalf("readmitted bob joins as %q", r)
	}
	stored("carol is raised by a newer invite", redeem(carol, invite(model.RoleProposer, downgraded.Add(time.Millisecond))))

	// An invite dated beyond the relay's clock is not admitted.
	dave := connect(t, tr, newIdentity(t, "Dave"))
	refused("an invite issued an hour ahead", redeem(dave, invite(model.RoleEditor, time.Now().Add(time.Hour))), protocol.CodeBadInvite)

	// After a restart the relay folds its log to the same rights.
	tr.stop()
	tr2 := startTestRelay(t, tr.path, nil)
	for _, tc := range []struct {
		id   *model.Identity
		want model.Role
	}{{bobID, model.RoleCommenter}, {carolID, model.RoleProposer}} {
		c := connect(t, tr2, tc.id)
		if r := roleOnJoin(c); r != tc.want {
			t.Fatalf("after restart %s joins as %q, want %q", tc.id.Name, r, tc.want)
		}
		refused(tc.id.Name+" moves main after restart", moveMain(c), protocol.CodeForbidden)
	}
}
