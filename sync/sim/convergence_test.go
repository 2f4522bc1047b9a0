package sim

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/client"
	"github.com/scriptroom/scriptroom/sync/relay"
)

var (
	seeds    = flag.Int("seeds", 100, "how many seeds TestConvergence runs")
	seedFrom = flag.Uint64("seed", 1, "the first seed TestConvergence runs (with -seeds 1, replays one)")
)

// convergence's shape: small enough that 100 seeds take well under a
// minute with -race on two cores.
const (
	simClients   = 5
	simRooms     = 2
	simWorkers   = 4 // seeds run at once
	simQuiet     = 30 * time.Second
	simPublishes = 6 // most events a client publishes per seed
)

// simFaults is the network of the convergence test: a frame in 20 is lost,
// one in 20 comes twice, one in 10 is overtaken, and 2 % cut the
// connection.
var simFaults = Faults{Drop: 0.05, Dup: 0.05, Reorder: 0.10, Cut: 0.02, HoldFor: 15 * time.Millisecond}

// Five clients publish at random into two rooms through connections that
// drop, duplicate, reorder and cut frames; once the network is quiet every
// replica holds the relay's log, event for event in log order, and folds
// to the same state.
func TestConvergence(t *testing.T) {
	converge(t, *seeds, startBoltRelay)
}

// converge runs n seeds from -seed, simWorkers at once, against the relays
// start gives for each.
func converge(t *testing.T, n int, start func(dir string) ([]*simRelay, error)) {
	var next atomic.Uint64
	next.Store(*seedFrom)
	last := *seedFrom + uint64(n)
	var wg sync.WaitGroup
	var totals simTotals
	for range min(simWorkers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seed := next.Add(1) - 1; seed < last; seed = next.Add(1) - 1 {
				if err := runSeed(memDir(t), seed, &totals, start); err != nil {
					t.Errorf("seed %d (replay with -run %s -seeds 1 -seed %d): %v", seed, t.Name(), seed, err)
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d seeds: %d events published, %d connections, %d frames: %d dropped, %d duplicated, %d reordered, %d cuts",
		n, totals.events.Load(), totals.dials.Load(), totals.frames.Load(), totals.dropped.Load(),
		totals.duplicated.Load(), totals.reordered.Load(), totals.cuts.Load())
	if n > 0 && totals.cuts.Load() == 0 {
		t.Error("no connection was cut: the faults are not being injected")
	}
}

type simTotals struct {
	events, dials, frames, dropped, duplicated, reordered, cuts atomic.Int64
}

func (s *simTotals) add(d *FaultDialer) {
	s.dials.Add(d.Stats.Dials.Load())
	s.frames.Add(d.Stats.Frames.Load())
	s.dropped.Add(d.Stats.Dropped.Load())
	s.duplicated.Add(d.Stats.Duplicated.Load())
	s.reordered.Add(d.Stats.Reordered.Load())
	s.cuts.Add(d.Stats.Cuts.Load())
}

// memDir is a temporary folder in memory (/dev/shm) when the system has
// one, else on disk. The convergence test is about delivery, not
// durability (TestCrashRecovery is): without it, every replica's fsyncs
// share one disk with the machine's other work and dominate the run.
func memDir(t *testing.T) string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "scriptroom-sim-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// simRelay is a relay on loopback.
type simRelay struct {
	backend relay.Backend
	relay   *relay.Relay
	srv     *httptest.Server
	url     string
}

// startBoltRelay starts one relay over a bolt log in dir.
func startBoltRelay(dir string) ([]*simRelay, error) {
	backend, err := relay.OpenBolt(filepath.Join(dir, "relay.db"), relay.BoltOptions{NoSync: true})
	if err != nil {
		return nil, err
	}
	rl, err := startRelay(backend)
	if err != nil {
		return nil, err
	}
	return []*simRelay{rl}, nil
}

// startRelay starts a relay over backend, which it closes.
func startRelay(backend relay.Backend) (*simRelay, error) {
	r, err := relay.New(relay.Config{
		Backend: backend, Name: "sim-relay",
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		ConnRate: rate.Inf, AddrRate: rate.Inf,
	})
	if err != nil {
		backend.Close()
		return nil, err
	}
	srv := httptest.NewServer(r.Handler())
	return &simRelay{backend: backend, relay: r, srv: srv, url: "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"}, nil
}

func (r *simRelay) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r.relay.Shutdown(ctx)
	r.srv.Close()
	r.backend.Close()
}

// simClient is one replica.
type simClient struct {
	id     *model.Identity
	store  *store.Store
	client *client.Client
	dialer *FaultDialer
}

// runSeed runs one seed against the relays open gives: client i uses
// relay i modulo their number.
func runSeed(dir string, seed uint64, totals *simTotals, open func(dir string) ([]*simRelay, error)) (err error) {
	rng := rand.New(rand.NewPCG(seed, 7))
	relays, err := open(dir)
	if err != nil {
		return err
	}
	for _, r := range relays {
		defer r.close()
	}
	rl := relays[0]

	// Each room is created in the relay's log up front (by client i's
	// user), so that every publish meets an existing room; all are public,
	// so every user may comment.
	clients := make([]*simClient, simClients)
	for i := range clients {
		id, err := model.NewIdentity(fmt.Sprint("user", i))
		if err != nil {
			return err
		}
		st, err := store.Open(filepath.Join(dir, fmt.Sprintf("client%d.db", i)), store.Options{})
		if err != nil {
			return err
		}
		defer st.Close()
		clients[i] = &simClient{id: id, store: st}
	}
	rooms := make([]model.ScriptID, simRooms)
	for i := range rooms {
		rooms[i] = model.NewScriptID()
		ev, err := model.NewEvent(clients[i].id, rooms[i], model.KindRoom, model.RoomPayload{Title: fmt.Sprint("room ", i), Visibility: model.Public}, time.Now())
		if err != nil {
			return err
		}
		if _, err := rl.backend.Append(rooms[i], []*model.Event{ev}, func(*model.Event, relay.Usage) error { return nil }); err != nil {
			return err
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	var fatal atomic.Value
	for i, c := range clients {
		c.dialer = NewFaultDialer(client.WebSocketDialer{}, simFaults, seed*100+uint64(i))
		c.client = client.New(client.Config{
			URL: relays[i%len(relays)].url, Identity: c.id, Store: c.store, Dialer: c.dialer,
			Backoff:    client.Backoff{Base: time.Millisecond, Max: 10 * time.Millisecond, Jitter: 0.5},
			Rand:       rand.New(rand.NewPCG(seed, uint64(i))).Float64,
			Logger:     debugLogger(seed, i),
			AckTimeout: 150 * time.Millisecond, GapWait: 30 * time.Millisecond, ResyncEvery: 250 * time.Millisecond,
		})
		for _, room := range rooms {
			if err := c.client.Join(room); err != nil {
				return err
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.client.Run(ctx); !errors.Is(err, context.Canceled) {
				fatal.Store(fmt.Errorf("client %d stopped: %v", i, err))
			}
		}()
	}
	defer func() {
		for _, c := range clients {
			totals.add(c.dialer)
		}
	}()

	// Random publishes over about 100 ms: each client a few events, each
	// into a random room, setting a random key (so later values overwrite
	// earlier ones in the fold).
	type plan struct {
		at     time.Duration
		client int
		room   int
		key    int
	}
	var plans []plan
	for i := range clients {
		for range 1 + rng.IntN(simPublishes) {
			plans = append(plans, plan{time.Duration(rng.IntN(100)) * time.Millisecond, i, rng.IntN(simRooms), rng.IntN(4)})
		}
	}
	start := time.Now()
	for n, p := range sortPlans(plans, func(p plan) time.Duration { return p.at }) {
		time.Sleep(time.Until(start.Add(p.at)))
		c := clients[p.client]
		payload := map[string]string{"body": fmt.Sprintf("note %d of seed %d", n, seed), "key": fmt.Sprint("k", p.key), "value": fmt.Sprintf("%d/%d", p.client, n)}
		ev, err := model.NewEvent(c.id, rooms[p.room], model.KindComment, payload, time.Now())
		if err != nil {
			return err
		}
		if err := c.client.Publish(ev); err != nil {
			return err
		}
	}
	totals.events.Add(int64(len(plans)))

	// Quiescence: the relay holds every event, every outbox is empty, and
	// every replica folds to the relay's state.
	want := len(plans) + simRooms
	deadline := time.Now().Add(simQuiet)
	var why string
	for {
		if f := fatal.Load(); f != nil {
			return f.(error)
		}
		relayState, err := FoldRelay(rl.backend, rooms)
		if err != nil {
			return err
		}
		why = ""
		if n := relayState[rooms[0]].Count + relayState[rooms[1]].Count; n != want {
			why = fmt.Sprintf("the relay holds %d events, %d were published", n, want)
		}
		for i, c := range clients {
			if why != "" {
				break
			}
			out, err := c.store.Outbox("")
			if err != nil {
				return err
			}
			st, err := FoldStore(c.store, rooms)
			if err != nil {
				return err
			}
			if len(out) > 0 {
				why = fmt.Sprintf("client %d has %d events in its outbox", i, len(out))
			} else if d := st.Diff(relayState); d != "" {
				why = fmt.Sprintf("client %d differs from the relay: %s", i, d)
			}
		}
		if why == "" {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not converged after %v: %s", simQuiet, why)
		}
		time.Sleep(20 * time.Millisecond)
	}

	// Converged: the cursors reach the heads, and the relay stored each
	// event once.
	for i, c := range clients {
		for _, room := range rooms {
			entries, err := RelayLog(rl.backend, room)
			if err != nil {
				return err
			}
			seen := map[model.EventID]bool{}
			for _, e := range entries {
				if seen[e.Event.ID] {
					return fmt.Errorf("the relay stored event %s twice", e.Event.ID.Short())
				}
				seen[e.Event.ID] = true
			}
			if err := waitCursor(c.store, room, uint64(len(entries)), time.Second); err != nil {
				return fmt.Errorf("client %d: %w", i, err)
			}
		}
	}
	// bbolt's check reads the free list without the writers' lock, so it
	// runs once the clients have stopped writing.
	cancel()
	wg.Wait()
	for i, c := range clients {
		if err := c.store.Check(); err != nil {
			return fmt.Errorf("client %d's store: %w", i, err)
		}
	}
	return rl.backend.Check()
}

// waitCursor waits until room's cursor in s reaches head: the events are
// all held, and the cursor follows once the batch that closes the gap is
// seen as such.
func waitCursor(s *store.Store, room model.ScriptID, head uint64, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		cur, err := s.Cursor(room)
		if err != nil || cur == head {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("room %s: cursor %d, head %d", room[:8], cur, head)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// sortPlans sorts by key, stably.
func sortPlans[T any](xs []T, key func(T) time.Duration) []T {
	out := append([]T(nil), xs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && key(out[j]) < key(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// debugLogger logs client i of seed at debug level when SCRIPTROOM_SIM_DEBUG
// is "seed/i", for looking into a failing seed.
func debugLogger(seed uint64, i int) *slog.Logger {
	if os.Getenv("SCRIPTROOM_SIM_DEBUG") != fmt.Sprint(seed, "/", i) {
		return nil
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
