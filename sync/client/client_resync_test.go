package client

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// swapRelay serves, at one address, a relay whose log file can be swapped:
// copied as a backup, restored from it, or replaced by an empty one.
type swapRelay struct {
	t       *testing.T
	dir     string
	url     string
	handler atomic.Pointer[http.Handler]
	relay   *relay.Relay
	backend *relay.BoltBackend
}

func newSwapRelay(t *testing.T) *swapRelay {
	sr := &swapRelay{t: t, dir: t.TempDir()}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*sr.handler.Load()).ServeHTTP(w, r)
	}))
	sr.url = "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"
	t.Cleanup(func() { sr.stop(); srv.Close() })
	return sr
}

// serve starts a relay over the log file name (in the relay's folder).
func (sr *swapRelay) serve(name string) {
	sr.t.Helper()
	backend, err := relay.OpenBolt(filepath.Join(sr.dir, name), relay.BoltOptions{})
	if err != nil {
		sr.t.Fatal(err)
	}
	r, err := relay.New(relay.Config{
		Backend: backend, Name: "test-relay",
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		ConnRate: rate.Inf, AddrRate: rate.Inf,
	})
	if err != nil {
		sr.t.Fatal(err)
	}
	h := r.Handler()
	sr.handler.Store(&h)
	sr.relay, sr.backend = r, backend
}

// stop shuts the relay down (its connections close) and closes its log.
func (sr *swapRelay) stop() {
	if sr.relay == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	sr.relay.Shutdown(ctx)
	sr.backend.Close()
	sr.relay, sr.backend = nil, nil
}

// copyFile copies the relay's log file from to to (the relay stopped).
func (sr *swapRelay) copyFile(from, to string) {
	sr.t.Helper()
	data, err := os.ReadFile(filepath.Join(sr.dir, from))
	if err != nil {
		sr.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sr.dir, to), data, 0o600); err != nil {
		sr.t.Fatal(err)
	}
}

func (sr *swapRelay) log(room model.ScriptID) []model.EventID {
	sr.t.Helper()
	var ids []model.EventID
	for after := uint64(0); ; {
		entries, err := sr.backend.Read(room, after, 1000)
		if err != nil {
			sr.t.Fatal(err)
		}
		if len(entries) == 0 {
			return ids
		}
		for _, e := range entries {
			ids = append(ids, e.Event.ID)
			after = e.Seq
		}
	}
}

// logIDs lists the ids of a replica's log, in its sequence order.
func logIDs(t *testing.T, st *store.Store, room model.ScriptID) []model.EventID {
	t.Helper()
	entries, err := st.Entries(room)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]model.EventID, len(entries))
	for i, e := range entries {
		ids[i] = e.Event.ID
	}
	return ids
}

// A relay restored from an old backup, which then takes a new event before
// the others come back, and later a relay that lost everything: the apps
// give it back every event they hold, and every replica ends with the
// relay's log, in the relay's order, holding nothing aside.
func TestRelayLostEvents(t *testing.T) {
	sr := newSwapRelay(t)
	sr.serve("relay.db")
	alice, bob, carol := newIdentity(t, "Alice"), newIdentity(t, "Bob"), newIdentity(t, "Carol")
	room := model.NewScriptID()
	stA, stB := newTestStore(t), newTestStore(t)
	a, b := start(t, fastConfig(sr.url, alice, stA)), start(t, fastConfig(sr.url, bob, stB))
	for _, r := range []*running{a, b} {
		if err := r.Join(room); err != nil {
			t.Fatal(err)
		}
	}
	var all []*model.Event
	publish := func(r *running, author *model.Identity, body string) {
		t.Helper()
		ev := comment(t, author, room, body)
		if body == "" {
			ev = roomEvent(t, author, room, model.Public)
		}
		all = append(all, ev)
		if err := r.Publish(ev); err != nil {
			t.Fatal(err)
		}
	}
	caughtUpTo := func(n int, what string, sts ...*store.Store) {
		t.Helper()
		eventually(t, what, func() bool {
			for _, st := range sts {
				if cur, _ := st.Cursor(room); cur != uint64(n) {
					return false
				}
				if out, _ := st.Outbox(room); len(out) != 0 {
					return false
				}
			}
			return true
		})
	}
	caughtUp := func(what string, sts ...*store.Store) { t.Helper(); caughtUpTo(len(all), what, sts...) }
	publish(a, alice, "")
	publish(a, alice, "a1")
	caughtUp("alice's first events are everywhere", stA, stB)
	publish(b, bob, "b1")
	publish(a, alice, "a2")
	caughtUp("four events everywhere", stA, stB)

	// The operator backs the relay up, and it goes on: three more events.
	sr.stop()
	sr.copyFile("relay.db", "backup.db")
	sr.serve("relay.db")
	publish(a, alice, "a3")
	publish(b, bob, "b2")
	publish(a, alice, "a4")
	caughtUp("seven events everywhere", stA, stB)

	// The disk fails; the relay comes back from the backup, and Carol
	// comments before Alice and Bob reconnect.
	a.stop()
	b.stop()
	sr.stop()
	sr.serve("backup.db")
	stC := newTestStore(t)
	c := start(t, fastConfig(sr.url, carol, stC))
	if err := c.Join(room); err != nil {
		t.Fatal(err)
	}
	eventually(t, "carol has the backup's four events", func() bool { cur, _ := stC.Cursor(room); return cur == 4 })
	publish(c, carol, "c1 on the restored relay")
	caughtUpTo(5, "carol's comment is stored", stC)
	if got := len(sr.log(room)); got != 5 {
		t.Fatalf("the restored relay holds %d events, want 4 from the backup and carol's", got)
	}

	a, b = start(t, fastConfig(sr.url, alice, stA)), start(t, fastConfig(sr.url, bob, stB))
	caughtUp("every replica and the relay hold the eight events", stA, stB, stC)
	want := sr.log(room)
	if len(want) != len(all) {
		t.Fatalf("the relay holds %d events, want %d", len(want), len(all))
	}
	for name, st := range map[string]*store.Store{"alice": stA, "bob": stB, "carol": stC} {
		if got := logIDs(t, st, room); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s's log differs from the relay's:\n got %v\nwant %v", name, got, want)
		}
		if held, _ := st.Held(room); len(held) != 0 {
			t.Errorf("%s still holds %d events aside", name, len(held))
		}
		if err := st.Check(); err != nil {
			t.Errorf("%s's library: %v", name, err)
		}
	}

	// The relay loses everything: a new one at the same address. Alice
	// alone gives the room back, her events and the others'.
	a.stop()
	b.stop()
	c.stop()
	sr.stop()
	sr.serve("new.db")
	a = start(t, fastConfig(sr.url, alice, stA))
	eventually(t, "the new relay holds every event", func() bool { return len(sr.log(room)) == len(all) })
	caughtUp("alice's log is the new relay's", stA)
	if got, want := logIDs(t, stA, room), sr.log(room); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("alice's log differs from the new relay's:\n got %v\nwant %v", got, want)
	}
	// The room event came first, so the relay could check the rest.
	if got := sr.log(room); got[0] != all[0].ID {
		t.Errorf("the new relay's first event is %s, want the room event", got[0].Short())
	}
}
