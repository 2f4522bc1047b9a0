package client

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// waitFor bounds every wait in these tests; reaching it is a failure.
const waitFor = 20 * time.Second

// testRelay is a real relay on loopback, over a bolt log in a temporary
// folder.
type testRelay struct {
	relay   *relay.Relay
	backend *relay.BoltBackend
	srv     *httptest.Server
	url     string
}

func newTestRelay(t testing.TB) *testRelay {
	t.Helper()
	return newTestRelayWith(t, relay.Quotas{})
}

// newTestRelayWith is newTestRelay with quotas q.
func newTestRelayWith(t testing.TB, q relay.Quotas) *testRelay {
	t.Helper()
	backend, err := relay.OpenBolt(filepath.Join(t.TempDir(), "relay.db"), relay.BoltOptions{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := relay.New(relay.Config{
		Backend: backend,
		Name:    "test-relay",
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		// Every test client shares the loopback address.
		ConnRate: rate.Inf, AddrRate: rate.Inf,
		Quotas: q,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r.Handler())
	tr := &testRelay{relay: r, backend: backend, srv: srv, url: "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		r.Shutdown(ctx)
		srv.Close()
		backend.Close()
	})
	return tr
}

// log returns the ids of room's log, in order.
func (tr *testRelay) log(t testing.TB, room model.ScriptID) []model.EventID {
	t.Helper()
	var ids []model.EventID
	for after := uint64(0); ; {
		entries, err := tr.backend.Read(room, after, 1000)
		if err != nil {
			t.Fatal(err)
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

func newTestStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "library.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newIdentity(t testing.TB, name string) *model.Identity {
	t.Helper()
	id, err := model.NewIdentity(name)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// running is a client whose Run goroutine the test stops.
type running struct {
	*Client
	cancel context.CancelFunc
	done   chan struct{} // closed when Run returned
	err    error         // Run's result, once done is closed
}

// stop cancels Run and returns its result; it may be called more than once
// (the test's cleanup calls it again).
func (r *running) stop() error {
	r.cancel()
	select {
	case <-r.done:
		return r.err
	case <-time.After(waitFor):
		panic("client did not stop")
	}
}

func start(t testing.TB, cfg Config) *running {
	t.Helper()
	return run(t, New(cfg))
}

// run starts c.Run in a goroutine, stopped at the latest by the test's
// cleanup.
func run(t testing.TB, c *Client) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{Client: c, cancel: cancel, done: make(chan struct{})}
	go func() { r.err = r.Run(ctx); close(r.done) }()
	t.Cleanup(func() { r.stop() })
	return r
}

func mustEvent(t testing.TB, author *model.Identity, room model.ScriptID, kind string, payload any) *model.Event {
	t.Helper()
	ev, err := model.NewEvent(author, room, kind, payload, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func roomEvent(t testing.TB, owner *model.Identity, room model.ScriptID, vis model.Visibility) *model.Event {
	return mustEvent(t, owner, room, model.KindRoom, model.RoomPayload{Title: "Big Fish", Visibility: vis})
}

func comment(t testing.TB, author *model.Identity, room model.ScriptID, body string) *model.Event {
	return mustEvent(t, author, room, model.KindComment, map[string]string{"body": body})
}

// eventually polls cond until it holds or waitFor passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// statusLog records every status reported.
type statusLog struct {
	mu   sync.Mutex
	seen []Status
}

func (l *statusLog) add(s Status) { l.mu.Lock(); l.seen = append(l.seen, s); l.mu.Unlock() }

func (l *statusLog) states() []State {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []State
	for _, s := range l.seen {
		if len(out) == 0 || out[len(out)-1] != s.State {
			out = append(out, s.State)
		}
	}
	return out
}

func (l *statusLog) has(f func(Status) bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.seen {
		if f(s) {
			return true
		}
	}
	return false
}

func fastConfig(url string, id *model.Identity, st Store) Config {
	return Config{
		URL: url, Identity: id, Store: st,
		Backoff:    Backoff{Base: time.Millisecond, Max: 20 * time.Millisecond, Jitter: 0.5},
		AckTimeout: 200 * time.Millisecond, GapWait: 50 * time.Millisecond, ResyncEvery: time.Second,
	}
}

// Two users: the owner publishes offline, connects, and the other, joined
// from its own cursor, receives the events and the owner's presence; the
// owner's status goes connecting, syncing, online.
func TestPublishJoinPresenceStatus(t *testing.T) {
	tr := newTestRelay(t)
	alice, bob := newIdentity(t, "Alice"), newIdentity(t, "Bob")
	aliceStore, bobStore := newTestStore(t), newTestStore(t)
	room := model.NewScriptID()

	var aliceStatus statusLog
	cfg := fastConfig(tr.url, alice, aliceStore)
	cfg.OnStatus = aliceStatus.add
	a := New(cfg)
	// Offline: published events wait in the store.
	create := roomEvent(t, alice, room, model.Public)
	hello := comment(t, alice, room, "hello")
	for _, ev := range []*model.Event{create, hello} {
		if err := a.Publish(ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Join(room); err != nil {
		t.Fatal(err)
	}
	if out, _ := aliceStore.Outbox(""); len(out) != 2 {
		t.Fatalf("outbox before connecting: %d events", len(out))
	}
	if s := a.Status(); s.State != StateOffline {
		t.Fatalf("status before Run = %v", s)
	}
	run(t, a)

	eventually(t, "alice is online with an empty outbox", func() bool {
		s := a.Status()
		return s.State == StateOnline && s.Pending == 0
	})
	if got := tr.log(t, room); len(got) != 2 || got[0] != create.ID || got[1] != hello.ID {
		t.Fatalf("relay log = %v", got)
	}
	if out, _ := aliceStore.Outbox(""); len(out) != 0 {
		t.Fatalf("outbox after acks: %d events", len(out))
	}
	states := aliceStatus.states()
	if len(states) < 3 || states[0] != StateConnecting || states[len(states)-1] != StateOnline {
		t.Fatalf("alice's states = %v", states)
	}
	if !aliceStatus.has(func(s Status) bool { return s.State == StateSyncing && s.Pending == 2 && s.String() != "" }) {
		t.Fatalf("alice never reported syncing 2: %v", aliceStatus.seen)
	}

	// Bob joins and receives both, then the owner's presence.
	var mu sync.Mutex
	var got []model.EventID
	var seen []protocol.Presence
	bcfg := fastConfig(tr.url, bob, bobStore)
	bcfg.OnEvents = func(r model.ScriptID, evs []*model.Event) {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range evs {
			got = append(got, e.ID)
		}
	}
	bcfg.OnPresence = func(p protocol.Presence) { mu.Lock(); seen = append(seen, p); mu.Unlock() }
	b := start(t, bcfg)
	if err := b.Join(room); err != nil {
		t.Fatal(err)
	}
	eventually(t, "bob holds both events", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == 2
	})
	if cur, _ := bobStore.Cursor(room); cur != 2 {
		t.Fatalf("bob's cursor = %d", cur)
	}
	eventually(t, "bob is online", func() bool { return b.Status().State == StateOnline })
	a.SetPresence(room, "INT. RIVER - DAY", true)
	eventually(t, "bob sees alice typing", func() bool {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range seen {
			if p.User == alice.ID() && p.Scene == "INT. RIVER - DAY" && p.Typing && p.Name == "Alice" {
				return true
			}
		}
		return false
	})
	// Bob's own presence never comes back to him as another's.
	b.SetPresence(room, "EXT. FIELD", false)
	// Live: a new comment from bob reaches alice's replica.
	live := comment(t, bob, room, "nice")
	if err := b.Publish(live); err != nil {
		t.Fatal(err)
	}
	eventually(t, "alice holds bob's comment", func() bool {
		evs, _ := aliceStore.Events(room)
		return len(evs) == 3 && evs[2].ID == live.ID
	})
	mu.Lock()
	for _, p := range seen {
		if p.User == bob.ID() {
			t.Errorf("bob received his own presence: %+v", p)
		}
	}
	mu.Unlock()

	// Bob restarts from his cursor: nothing is delivered twice.
	b.stop()
	mu.Lock()
	got = nil
	mu.Unlock()
	b2 := start(t, bcfg)
	eventually(t, "bob is online again", func() bool { return b2.Status().State == StateOnline })
	if cur, _ := bobStore.Cursor(room); cur != 3 {
		t.Fatalf("bob's cursor after restart = %d", cur)
	}
	mu.Lock()
	if len(got) != 0 {
		t.Fatalf("events delivered again after restart: %v", got)
	}
	mu.Unlock()
}

// Without a relay the client goes offline with the dial error and retries
// with growing waits; when the relay is refused for good it stops.
func TestStatusOfflineAndRetry(t *testing.T) {
	id := newIdentity(t, "Ann")
	st := newTestStore(t)
	var log statusLog
	dials := make(chan time.Time, 100)
	cfg := fastConfig("ws://127.0.0.1:1/ws", id, st)
	cfg.Backoff = Backoff{Base: 5 * time.Millisecond, Max: 40 * time.Millisecond}
	cfg.Rand = func() float64 { return 0 }
	cfg.OnStatus = log.add
	cfg.Dialer = dialFunc(func(ctx context.Context, url string) (Conn, error) {
		dials <- time.Now()
		return nil, errors.New("connection refused")
	})
	r := start(t, cfg)
	var times []time.Time
	for len(times) < 6 {
		times = append(times, <-dials)
	}
	r.stop()
	// The waits double from 5 ms up to 40 ms (timers only run late).
	for i, want := range []time.Duration{5, 10, 20, 40, 40} {
		if gap := times[i+1].Sub(times[i]); gap < want*time.Millisecond {
			t.Errorf("wait %d = %v, want at least %v ms", i, gap, want)
		}
	}
	if !log.has(func(s Status) bool { return s.State == StateOffline && strings.Contains(s.Err, "connection refused") }) {
		t.Fatalf("no offline status with the error: %v", log.seen)
	}
	if states := log.states(); states[0] != StateConnecting || states[1] != StateOffline {
		t.Fatalf("states = %v", states)
	}
	if s := r.Status(); s.State != StateOffline {
		t.Fatalf("status after stop = %v", s)
	}
}

// A relay that refuses the signature closes with 4501: Run stops with
// ErrTerminal instead of hammering it.
func TestAuthFailureIsTerminal(t *testing.T) {
	tr := newTestRelay(t)
	id := newIdentity(t, "Mallory")
	cfg := fastConfig(tr.url, id, newTestStore(t))
	cfg.Dialer = dialFunc(func(ctx context.Context, url string) (Conn, error) {
		c, err := WebSocketDialer{}.Dial(ctx, url)
		if err != nil {
			return nil, err
		}
		return &forgeAuth{Conn: c}, nil
	})
	c := New(cfg)
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	err := c.Run(ctx)
	if !errors.Is(err, ErrTerminal) {
		t.Fatalf("Run = %v, want ErrTerminal", err)
	}
	if s := c.Status(); s.State != StateOffline || s.Err == "" {
		t.Fatalf("status = %+v", s)
	}
}

type dialFunc func(ctx context.Context, url string) (Conn, error)

func (f dialFunc) Dial(ctx context.Context, url string) (Conn, error) { return f(ctx, url) }

// forgeAuth corrupts the auth signature.
type forgeAuth struct{ Conn }

func (f *forgeAuth) WriteMessage(data []byte) error {
	if m, err := protocol.Decode(data); err == nil {
		if a, ok := m.(*protocol.Auth); ok {
			a.Sig[0] ^= 0xff
			data, _ = protocol.Encode(a)
		}
	}
	return f.Conn.WriteMessage(data)
}

// oldWelcome leaves the revision payload version out of the relay's
// welcome, as a relay made before version 2 sends it.
type oldWelcome struct{ Conn }

func (o *oldWelcome) ReadMessage() ([]byte, error) {
	data, err := o.Conn.ReadMessage()
	if err == nil {
		if m, derr := protocol.Decode(data); derr == nil {
			if w, ok := m.(*protocol.Welcome); ok {
				w.RevisionPayloads = 0
				data, _ = protocol.Encode(w)
			}
		}
	}
	return data, err
}

// TestRevisionDeltasFollowTheWelcome: a client takes revision deltas
// before it has connected and with a relay whose welcome says it accepts
// them, and not with one whose welcome does not (a relay from before
// version 2).
func TestRevisionDeltasFollowTheWelcome(t *testing.T) {
	tr := newTestRelay(t)
	for _, old := range []bool{false, true} {
		cfg := fastConfig(tr.url, newIdentity(t, "Ann"), newTestStore(t))
		if old {
			cfg.Dialer = dialFunc(func(ctx context.Context, url string) (Conn, error) {
				c, err := WebSocketDialer{}.Dial(ctx, url)
				if err != nil {
					return nil, err
				}
				return &oldWelcome{Conn: c}, nil
			})
		}
		c := New(cfg)
		if !c.TakesRevisionDeltas() {
			t.Fatal("a client that never connected does not take deltas")
		}
		r := run(t, c)
		eventually(t, "online", func() bool { return c.Status().State == StateOnline })
		if got := c.TakesRevisionDeltas(); got == old {
			t.Fatalf("older relay %v: takes deltas %v", old, got)
		}
		if err := r.stop(); err != nil && !errors.Is(err, context.Canceled) {
			t.Fatal(err)
		}
	}
}
