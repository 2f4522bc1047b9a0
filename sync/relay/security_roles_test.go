package relay

import (
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// TestRoleMatrix publishes every kind of event as every role, over real
// WebSockets, each in a room of its own, and checks the relay stores it or
// refuses it with the right wire code; and that each may join or not.
func TestRoleMatrix(t *testing.T) {
	tr := newTestRelay(t, func(c *Config) { c.ConnRate, c.AddrRate = rate.Inf, rate.Inf })
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	const (
		ok   = protocol.Code("")
		deny = protocol.CodeForbidden
	)
	// Who acts: the room's visibility, and the role the owner grants first
	// ("" grants nothing).
	type actor struct {
		name  string
		vis   model.Visibility
		grant model.Role
	}
	actors := []actor{
		{"owner", model.Invite, model.RoleOwner},
		{"editor", model.Invite, model.RoleEditor},
		{"proposer", model.Invite, model.RoleProposer},
		{"commenter", model.Invite, model.RoleCommenter},
		{"reader", model.Invite, model.RoleReader},
		{"non-member", model.Invite, model.RoleNone},
		{"non-member of a public room", model.Public, model.RoleNone},
	}
	// What they do, and the expected code for each actor, in actors' order.
	// A member event carries a valid reader invite issued after the
	// actor's grant, so it needs no role.
	type action struct {
		name string
		make func(who *model.Identity, room model.ScriptID, granted time.Time) *model.Event
		want [7]protocol.Code
	}
	revision := func(who *model.Identity) *model.Revision {
		rev, err := model.NewRevision(who, nil, "FADE IN:\n", "start", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return rev
	}
	head := model.RevisionID(model.ContentHash("head"))
	ev := func(who *model.Identity, room model.ScriptID, kind string, p any) *model.Event {
		return newEvent(t, who, room, kind, p)
	}
	actions := []action{
		// Owner only.
		{"room", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindRoom, model.RoomPayload{Title: "Renamed", Visibility: model.Invite})
		}, [7]protocol.Code{ok, deny, deny, deny, deny, deny, deny}},
		{"role", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindRole, model.RolePayload{User: newIdentity(t, "X").ID(), Role: model.RoleEditor})
		}, [7]protocol.Code{ok, deny, deny, deny, deny, deny, deny}},
		// Anyone holding a valid invite.
		{"member", func(w *model.Identity, r model.ScriptID, granted time.Time) *model.Event {
			inv, err := model.NewInviteAt(ownerID, r, model.RoleReader, granted.Add(time.Millisecond), time.Now().Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			return ev(w, r, model.KindMember, model.MemberPayload{Invite: *inv})
		}, [7]protocol.Code{ok, ok, ok, ok, ok, ok, ok}},
		// Editors and up.
		{"branch main", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: head})
		}, [7]protocol.Code{ok, ok, deny, deny, deny, deny, deny}},
		{"production lock", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindProduction, model.ProductionPayload{Op: model.ProductionLock, Revision: head})
		}, [7]protocol.Code{ok, ok, deny, deny, deny, deny, deny}},
		{"production set", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindProduction, model.ProductionPayload{Op: model.ProductionSet, Revision: head,
				Set: &model.RevisionSetInfo{Name: "Blue", Color: "Blue", Date: "2026-12-06"}})
		}, [7]protocol.Code{ok, ok, deny, deny, deny, deny, deny}},
		// Proposers and up (anyone in a public room).
		{"revision", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindRevision, model.RevisionPayload{Branch: "proposal", Revision: *revision(w)})
		}, [7]protocol.Code{ok, ok, ok, deny, deny, deny, ok}},
		{"branch proposal", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindBranch, model.BranchPayload{Name: "proposal", Base: head, Head: head, Title: "Mine"})
		}, [7]protocol.Code{ok, ok, ok, deny, deny, deny, ok}},
		{"status", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindStatus, model.StatusPayload{Branch: "proposal", Status: model.StatusWithdrawn})
		}, [7]protocol.Code{ok, ok, ok, deny, deny, deny, ok}},
		// Commenters and up.
		{"comment", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, model.KindComment, model.CommentPayload{ID: "c1", Op: model.CommentAdd, Body: "Tighter?",
				Anchor: &model.Anchor{Revision: head, StartLine: 1, EndLine: 1, Quote: "FADE IN:"}})
		}, [7]protocol.Code{ok, ok, ok, ok, deny, deny, ok}},
		// Kinds the protocol does not have, from anyone.
		{"unknown kind", func(w *model.Identity, r model.ScriptID, _ time.Time) *model.Event {
			return ev(w, r, "poll", map[string]int{"x": 1})
		}, [7]protocol.Code{protocol.CodeBadEvent, protocol.CodeBadEvent, protocol.CodeBadEvent, protocol.CodeBadEvent, protocol.CodeBadEvent, protocol.CodeBadEvent, protocol.CodeBadEvent}},
	}
	// Reading: reader and up, and anyone in a public room.
	joinWant := [7]protocol.Code{ok, ok, ok, ok, ok, deny, ok}
	joinedAs := [7]model.Role{model.RoleOwner, model.RoleEditor, model.RoleProposer, model.RoleCommenter, model.RoleReader, model.RoleNone, model.RoleProposer}

	// setUp makes a room of its own for one cell: created, the actor's
	// role granted; it returns the room and the grant's time.
	setUp := func(a actor, who *model.Identity) (model.ScriptID, time.Time) {
		t.Helper()
		room := createRoom(t, owner, a.vis)
		granted := time.Now()
		if a.grant != model.RoleOwner && a.grant != model.RoleNone {
			e := newEvent(t, ownerID, room, model.KindRole, model.RolePayload{User: who.ID(), Role: a.grant})
			mustStore(t, owner.publish(room, e))
			granted = time.UnixMilli(e.Time)
		}
		return room, granted
	}
	for i, a := range actors {
		who, c := ownerID, owner
		if a.grant != model.RoleOwner {
			who = newIdentity(t, a.name)
			c = connect(t, tr, who)
		}
		for _, act := range actions {
			t.Run(a.name+"/"+act.name, func(t *testing.T) {
				owner.t, c.t = t, t
				room, granted := setUp(a, who)
				e := act.make(who, room, granted)
				r := c.publish(room, e).Results[0]
				switch want := act.want[i]; {
				case want == ok && (r.Error != nil || r.Seq == 0):
					t.Fatalf("refused: %+v", r.Error)
				case want != ok && (r.Error == nil || r.Error.Code != want || r.Seq != 0):
					t.Fatalf("got %+v (seq %d), want %s", r.Error, r.Seq, want)
				}
			})
		}
		t.Run(a.name+"/join", func(t *testing.T) {
			owner.t, c.t = t, t
			room, _ := setUp(a, who)
			c.send(&protocol.Join{Ref: "j", Room: room})
			for {
				switch m := c.next().(type) {
				case *protocol.Events:
					continue
				case *protocol.Joined:
					if joinWant[i] != ok || m.Role != joinedAs[i] {
						t.Fatalf("joined as %q, want %q (%s)", m.Role, joinedAs[i], joinWant[i])
					}
				case *protocol.ErrorMsg:
					if m.Code != joinWant[i] {
						t.Fatalf("join: %s (%s), want %q", m.Code, m.Message, joinWant[i])
					}
				default:
					t.Fatalf("join: unexpected %T", m)
				}
				break
			}
		})
		owner.t, c.t = t, t
	}
}
