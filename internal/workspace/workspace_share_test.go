package workspace

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

func TestShareEvents(t *testing.T) {
	owner, other := newTestWorkspace(t, "Owner"), newTestWorkspace(t, "Other")
	sc, _ := owner.Create("The Lock", "")
	r1, _ := owner.Commit(sc.ID, "one\n", "")
	r2, _ := owner.Commit(sc.ID, "one\ntwo\n", "")
	evs, err := owner.ShareEvents(sc.ID, model.Invite, true)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, ev := range evs {
		kinds = append(kinds, ev.Kind)
		if err := ev.Verify(); err != nil || ev.Room != sc.ID || ev.Author != owner.Identity().ID() {
			t.Fatalf("event %s: room %s author %s: %v", ev.Kind, ev.Room, ev.Author.Short(), err)
		}
	}
	want := []string{model.KindRoom, model.KindRevision, model.KindRevision, model.KindBranch}
	if len(kinds) != len(want) {
		t.Fatalf("first share publishes %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("first share publishes %v, want %v", kinds, want)
		}
	}
	var p model.RevisionPayload
	if evs[1].DecodePayload(&p); p.Revision.ID != r1.ID || p.Branch != model.MainBranch {
		t.Fatalf("first revision shared: %s on %q", p.Revision.ID.Short(), p.Branch)
	}
	var b model.BranchPayload
	if evs[3].DecodePayload(&b); b.Head != r2.ID {
		t.Fatalf("main shared at %s, want %s", b.Head.Short(), r2.ID.Short())
	}
	// Sharing again changes the visibility: the room event only.
	if evs, err := owner.ShareEvents(sc.ID, model.Public, false); err != nil || len(evs) != 1 || evs[0].Kind != model.KindRoom {
		t.Fatalf("second share: %v, %v", evs, err)
	}
	if _, err := owner.ShareEvents(sc.ID, "secret", true); !errors.Is(err, ErrBadVisibility) {
		t.Fatalf("bad visibility: %v", err)
	}
	// Someone else's script (a copy received from its room).
	room, _ := model.NewEvent(owner.Identity(), sc.ID, model.KindRoom, model.RoomPayload{Title: "The Lock", Visibility: model.Invite}, time.Now())
	other.ApplyEvents(sc.ID, []*model.Event{room}, nil)
	if _, err := other.ShareEvents(sc.ID, model.Public, true); !errors.Is(err, ErrNotOwner) {
		t.Fatalf("a member shares: %v", err)
	}
	if _, err := other.InviteLinkFor(sc.ID, true, "wss://r/ws", model.RoleReader, 1); !errors.Is(err, ErrNotOwner) {
		t.Fatalf("a member invites: %v", err)
	}
}

func TestInviteLinkFor(t *testing.T) {
	w := newTestWorkspace(t, "Owner")
	sc, _ := w.Create("The Lock", "")
	now := time.UnixMilli(time.Now().UnixMilli()) // invites keep milliseconds
	w.now = func() time.Time { return now }
	for _, tc := range []struct {
		hours int
		want  time.Duration
	}{
		{0, DefaultInviteHours * time.Hour},
		{-3, DefaultInviteHours * time.Hour},
		{5, 5 * time.Hour},
		{MaxInviteHours * 2, MaxInviteHours * time.Hour},
	} {
		link, err := w.InviteLinkFor(sc.ID, true, "wss://relay.example.com/ws", model.RoleEditor, tc.hours)
		if err != nil {
			t.Fatal(err)
		}
		relay, inv, err := ParseInviteLink(link)
		if err != nil || relay != "wss://relay.example.com/ws" || inv.Room != sc.ID || inv.Role != model.RoleEditor {
			t.Fatalf("link for %d hours: %q %+v %v", tc.hours, relay, inv, err)
		}
		if got := time.UnixMilli(inv.Expires).Sub(now); got != tc.want {
			t.Errorf("%d hours: valid for %v, want %v", tc.hours, got, tc.want)
		}
	}
	for _, tc := range []struct {
		shared bool
		relay  string
		role   model.Role
		want   error
	}{
		{false, "wss://r/ws", model.RoleEditor, ErrNotShared},
		{true, "wss://r/ws", model.RoleOwner, model.ErrBadRole},
		{true, "", model.RoleEditor, ErrNoRelay},
	} {
		if _, err := w.InviteLinkFor(sc.ID, tc.shared, tc.relay, tc.role, 1); !errors.Is(err, tc.want) {
			t.Errorf("invite (shared %v, relay %q, %s): %v, want %v", tc.shared, tc.relay, tc.role, err, tc.want)
		}
	}
}

func TestCommitEvents(t *testing.T) {
	w := newTestWorkspace(t, "Pat")
	sc, _ := w.Create("The Lock", "")
	r1, _ := w.Commit(sc.ID, "one\n", "")
	r2, _ := w.Commit(sc.ID, "one\ntwo\n", "")
	rev, _ := w.Store().Revision(sc.ID, r2.ID)
	for _, tc := range []struct {
		role   model.Role
		branch string
	}{
		{model.RoleOwner, model.MainBranch},
		{model.RoleEditor, model.MainBranch},
		{model.RoleProposer, "proposal-" + w.Identity().ID().Short()},
		{model.RoleCommenter, ""},
		{model.RoleReader, ""},
		{model.RoleNone, ""},
	} {
		evs, err := w.CommitEvents(sc.ID, rev, tc.role)
		if err != nil {
			t.Fatal(err)
		}
		if tc.branch == "" {
			if len(evs) != 0 {
				t.Errorf("%s publishes %d events", tc.role, len(evs))
			}
			continue
		}
		var p model.RevisionPayload
		var b model.BranchPayload
		if len(evs) != 2 || evs[0].DecodePayload(&p) != nil || evs[1].DecodePayload(&b) != nil {
			t.Fatalf("%s: %d events", tc.role, len(evs))
		}
		if p.Branch != tc.branch || p.Revision.ID != r2.ID || b.Name != tc.branch || b.Head != r2.ID {
			t.Errorf("%s: revision on %q, branch %q at %s", tc.role, p.Branch, b.Name, b.Head.Short())
		}
		if tc.role == model.RoleProposer && b.Base != r1.ID {
			t.Errorf("proposal's base %s, want %s", b.Base.Short(), r1.ID.Short())
		}
	}
}

// TestShareEventsProduction: a script locked while kept alone brings its
// production history to its room, after the revisions it names: folded,
// the events give the library's state and history.
func TestShareEventsProduction(t *testing.T) {
	w := newTestWorkspace(t, "Owner")
	at := time.UnixMilli(1_800_000_000_000)
	w.now = func() time.Time { return at } // every change in the same millisecond
	sc, _ := w.Create("The Lock", "")
	if _, err := w.Commit(sc.ID, "INT. ROOM - DAY\n\nOne.\n", ""); err != nil {
		t.Fatal(err)
	}
	change := func(op model.ProductionOp, set *model.RevisionSetInfo) {
		t.Helper()
		pl, err := w.ProductionChange(sc.ID, op, set)
		if err == nil {
			_, err = w.ChangeProduction(sc.ID, pl)
		}
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
	}
	change(model.ProductionLock, nil)
	if _, err := w.Commit(sc.ID, "INT. ROOM - DAY\n\nOne.\n\nTwo.\n", ""); err != nil {
		t.Fatal(err)
	}
	change(model.ProductionSet, &model.RevisionSetInfo{Color: "blue", Date: "2026-12-06"})
	if _, err := w.Commit(sc.ID, "INT. ROOM - DAY\n\nOne.\n\nTwo.\n\nThree.\n", ""); err != nil {
		t.Fatal(err)
	}
	change(model.ProductionSet, &model.RevisionSetInfo{Name: "Pink pages", Color: "pink", Date: "2026-12-09"})
	change(model.ProductionClear, nil)
	want, err := w.Production(sc.ID)
	if err != nil {
		t.Fatal(err)
	}

	evs, err := w.ShareEvents(sc.ID, model.Invite, true)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	var got model.Production
	seen := map[model.EventID]bool{}
	for _, ev := range evs {
		kinds = append(kinds, ev.Kind)
		if seen[ev.ID] {
			t.Fatalf("event %s twice", ev.ID.Short())
		}
		seen[ev.ID] = true
		if ev.Kind != model.KindProduction {
			continue
		}
		var pl model.ProductionPayload
		if err := ev.DecodePayload(&pl); err != nil {
			t.Fatal(err)
		}
		if err := got.Apply(pl, ev.Author, ev.Time); err != nil {
			t.Fatalf("fold %s: %v", pl.Op, err)
		}
	}
	wantKinds := []string{model.KindRoom, model.KindRevision, model.KindRevision, model.KindRevision, model.KindBranch,
		model.KindProduction, model.KindProduction, model.KindProduction, model.KindProduction}
	if !slices.Equal(kinds, wantKinds) {
		t.Fatalf("first share publishes %v, want %v", kinds, wantKinds)
	}
	// One millisecond apart, as the events must be: the history's times
	// are the events'.
	for i := range want.History {
		want.History[i].At = at.UnixMilli() + int64(i)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("folded from the events\n %+v\nwant the library's\n %+v", got, want)
	}
	// Shared already: sharing again brings no production events.
	if evs, err := w.ShareEvents(sc.ID, model.Public, false); err != nil || len(evs) != 1 {
		t.Fatalf("second share: %d events, %v", len(evs), err)
	}
}
