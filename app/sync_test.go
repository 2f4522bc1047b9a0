package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/workspace"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// syncWait is the longest a test waits for something to arrive through the
// relay; it normally takes milliseconds.
const syncWait = 10 * time.Second

// newTestRelay serves a relay over httptest and returns its ws:// address.
func newTestRelay(t testing.TB) string {
	t.Helper()
	backend, err := relay.OpenBolt(filepath.Join(t.TempDir(), "relay.db"), relay.BoltOptions{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := relay.New(relay.Config{Backend: backend, Name: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		r.Shutdown(ctx)
		srv.Close()
		backend.Close()
	})
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"
}

// newTestSync opens a library with its own identity and a started Sync.
func newTestSync(t testing.TB, name string) *Sync {
	t.Helper()
	c := newTestCore(t)
	if _, err := NewSettings(c).SetName(name); err != nil {
		t.Fatal(err)
	}
	s := NewSync(c)
	s.start()
	t.Cleanup(s.stop) // runs before the core closes
	return s
}

// eventually polls cond until it holds or syncWait passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(syncWait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %s", syncWait, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSyncShareInviteJoin(t *testing.T) {
	url := newTestRelay(t)
	a, b := newTestSync(t, "Ann"), newTestSync(t, "Bob")
	if _, err := a.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary(a.c)
	sc, err := lib.Create("Shared Script")
	if err != nil {
		t.Fatal(err)
	}
	ed := NewEditor(a.c)
	for _, text := range []string{"INT. ROOM - DAY\n\nAnn writes.\n", "INT. ROOM - DAY\n\nAnn writes more.\n"} {
		if _, err := ed.Commit(sc.ID, text, ""); err != nil {
			t.Fatal(err)
		}
	}
	info, err := a.Share(sc.ID, "invite")
	if err != nil {
		t.Fatal(err)
	}
	if !info.Shared || info.Role != "owner" || info.Visibility != "invite" {
		t.Fatalf("share info = %+v", info)
	}
	eventually(t, "A's room is joined and its events acknowledged", func() bool {
		st := a.status()
		rooms, _ := a.c.store.Rooms()
		return st.State == "online" && st.Pending == 0 && len(rooms) == 1
	})
	link, err := a.Invite(sc.ID, "editor", 24)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, "scriptroom://join?") {
		t.Fatalf("link = %q", link)
	}

	// B joins by the link, taking the relay from it, and receives the
	// script with both revisions.
	joined, err := b.Join(link)
	if err != nil {
		t.Fatal(err)
	}
	if joined.ScriptID != sc.ID || joined.Role != "editor" || joined.Relay != url {
		t.Fatalf("join info = %+v", joined)
	}
	sid := model.ScriptID(sc.ID)
	eventually(t, "B has the script with 2 revisions and A's head", func() bool {
		got, err := b.c.store.Script(sid)
		if err != nil {
			return false
		}
		revs, _ := b.c.store.Revisions(sid)
		return got.Title == "Shared Script" && len(revs) == 2 && string(got.Head) == headOf(t, a, sid)
	})
	doc, err := NewEditor(b.c).Open(sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "INT. ROOM - DAY\n\nAnn writes more.\n" || !doc.Committed {
		t.Fatalf("B's draft = %q (committed %v)", doc.Text, doc.Committed)
	}
	if r, err := b.Sharing(sc.ID); err != nil || r.Role != "editor" {
		t.Fatalf("B's role = %+v, %v", r, err)
	}

	// A new revision by A reaches B's history; one by B (an editor)
	// reaches A's.
	third, err := ed.Commit(sc.ID, "INT. ROOM - NIGHT\n\nAnn writes at night.\n", "Night")
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "B's history has A's third revision as head", func() bool {
		got, _ := b.c.store.Script(sid)
		return got.Head == third.ID
	})
	fourth, err := NewEditor(b.c).Commit(sc.ID, "INT. ROOM - NIGHT\n\nBob edits.\n", "Bob's pass")
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "A's history has B's revision as head", func() bool {
		got, _ := a.c.store.Script(sid)
		return got.Head == fourth.ID
	})
	hist, err := NewHistory(a.c).List(sc.ID)
	if err != nil || len(hist) != 4 || hist[0].AuthorName != "Bob" {
		t.Fatalf("A's history = %+v, %v", hist, err)
	}

	// Presence from A reaches B.
	if ok, err := a.SetPresence(sc.ID, "INT. ROOM - NIGHT", true); !ok || err != nil {
		t.Fatalf("SetPresence = %v, %v", ok, err)
	}
	eventually(t, "B sees A typing in the night scene", func() bool {
		ps, _ := b.Presence(sc.ID)
		return len(ps) == 1 && ps[0].Name == "Ann" && ps[0].Scene == "INT. ROOM - NIGHT" && ps[0].Typing &&
			ps[0].Who == string(a.c.identity().ID())
	})
	// A new name in Settings shows in presence (the client reconnects with it).
	if _, err := NewSettings(a.c).SetName("Ann Lee"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B sees A's new name", func() bool {
		a.SetPresence(sc.ID, "INT. ROOM - NIGHT", false)
		ps, _ := b.Presence(sc.ID)
		return len(ps) == 1 && ps[0].Name == "Ann Lee"
	})

	// B, not the owner, may neither share nor invite.
	if _, err := b.Share(sc.ID, "public"); !errors.Is(err, ErrNotOwner) {
		t.Fatalf("B shares: %v, want ErrNotOwner", err)
	}
	if _, err := b.Invite(sc.ID, "reader", 1); !errors.Is(err, ErrNotOwner) {
		t.Fatalf("B invites: %v, want ErrNotOwner", err)
	}
}

func headOf(t testing.TB, s *Sync, sid model.ScriptID) string {
	t.Helper()
	sc, err := s.c.store.Script(sid)
	if err != nil {
		t.Fatal(err)
	}
	return string(sc.Head)
}

func TestSyncJoinRefusesBadLinks(t *testing.T) {
	url := newTestRelay(t)
	a, b := newTestSync(t, "Ann"), newTestSync(t, "Bob")
	if _, err := a.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	sc, err := NewLibrary(a.c).Create("Private")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Invite(sc.ID, "editor", 1); !errors.Is(err, ErrNotShared) {
		t.Fatalf("invite before sharing: %v, want ErrNotShared", err)
	}
	if _, err := a.Share(sc.ID, "invite"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Invite(sc.ID, "owner", 1); !errors.Is(err, model.ErrBadRole) {
		t.Fatalf("invite as owner: %v, want ErrBadRole", err)
	}
	good, err := a.Invite(sc.ID, "reader", 1)
	if err != nil {
		t.Fatal(err)
	}
	_, inv, err := workspace.ParseInviteLink(good)
	if err != nil {
		t.Fatal(err)
	}
	expired, err := model.NewInvite(a.c.identity(), inv.Room, model.RoleReader, time.Now().Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	expiredLink, err := workspace.InviteLink(url, expired)
	if err != nil {
		t.Fatal(err)
	}
	forged := *inv
	forged.Role = model.RoleEditor // the signature no longer matches
	forgedLink, err := workspace.InviteLink(url, &forged)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, link string
		want       error
		words      string
	}{
		// Links that were altered or are not invites.
		{"forged role", forgedLink, ErrBadInviteLink, "not a valid invite link"},
		{"cut short", good[:len(good)-20], ErrBadInviteLink, "not a valid invite link"},
		{"web address", "https://example.com/join", ErrBadInviteLink, "not a valid invite link"},
		// Links that were valid once.
		{"expired", expiredLink, ErrInviteExpired, "has expired"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.Join(tc.link)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.words) {
				t.Fatalf("Join: %v, want %v saying %q", err, tc.want, tc.words)
			}
		})
	}
	if _, err := a.Join(good); err == nil {
		t.Fatal("the owner joined with their own invite")
	}
}

func TestSyncRelayURL(t *testing.T) {
	s := newTestSync(t, "Ann")
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{in: "wss://relay.example.com/ws", want: "wss://relay.example.com/ws"},
		{in: " ws://10.0.0.2:7380 ", want: "ws://10.0.0.2:7380/ws"},
		{in: "", want: ""},
		{in: "https://relay.example.com", bad: true},
		{in: "relay.example.com", bad: true},
	} {
		st, err := s.SetRelayURL(tc.in)
		if tc.bad {
			if !errors.Is(err, ErrBadRelayURL) || !strings.Contains(err.Error(), "ws:// or wss://") {
				t.Errorf("SetRelayURL(%q) = %v, want ErrBadRelayURL", tc.in, err)
			}
			continue
		}
		if err != nil || st.Relay != tc.want {
			t.Errorf("SetRelayURL(%q) = %+v, %v; want relay %q", tc.in, st, err, tc.want)
		}
		if got, _ := s.RelayURL(); got != tc.want {
			t.Errorf("stored relay %q, want %q", got, tc.want)
		}
	}
	sc, err := NewLibrary(s.c).Create("Offline")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Share(sc.ID, "public"); !errors.Is(err, ErrNoRelay) {
		t.Fatalf("share with no relay: %v, want ErrNoRelay", err)
	}
}

func TestSyncHostOnThisComputer(t *testing.T) {
	a, b := newTestSync(t, "Ann"), newTestSync(t, "Bob")
	h, err := a.Host(0)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Running || h.Port == 0 || filepath.Base(h.Data) != "relay-data" {
		t.Fatalf("host = %+v", h)
	}
	for _, u := range h.URLs {
		if !strings.HasPrefix(u, "ws://") || strings.Contains(u, "127.0.0.1") {
			t.Errorf("URL to share %q", u)
		}
	}
	sc, err := NewLibrary(a.c).Create("Hosted")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewEditor(a.c).Commit(sc.ID, "FADE IN:\n", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Share(sc.ID, "invite"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "A online through its own relay", func() bool {
		st := a.status()
		return st.State == "online" && st.Pending == 0 && st.Hosting
	})
	link, err := a.Invite(sc.ID, "reader", 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Join(link); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B has the hosted script", func() bool {
		revs, err := b.c.store.Revisions(model.ScriptID(sc.ID))
		return err == nil && len(revs) == 1
	})
	if h, err := a.StopHost(); err != nil || h.Running {
		t.Fatalf("StopHost = %+v, %v", h, err)
	}
	if p, _ := a.c.store.Setting(settingHostPort); p != "" {
		t.Fatalf("host port still set: %q", p)
	}
}
