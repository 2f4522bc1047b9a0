package sim

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/relay"
)

var crashRuns = flag.Int("crash-runs", 100, "how many kill-and-restart runs TestCrashRecovery makes (make bench runs 1000)")

// crashClients is how many client processes each run has.
const crashClients = 2

// childWait bounds each wait for a child process; reaching it fails the
// run.
const childWait = 30 * time.Second

// A relay and two clients run as separate processes over durable stores.
// At random moments a random set of them is killed with SIGKILL and
// restarted on the same files, while the clients publish. Then the clients
// finish sending and catch up. Every event acknowledged to its author, and
// every event whose publish returned, is in the relay's log once and in
// every client's replica, at the same place; every file passes bbolt's
// consistency check.
func TestCrashRecovery(t *testing.T) {
	var total crashStats
	for run := 1; run <= *crashRuns; run++ {
		if err := crashRun(t.TempDir(), uint64(run), &total); err != nil {
			t.Fatalf("run %d (replay with -run TestCrashRecovery -crash-runs %d): %v", run, run, err)
		}
	}
	t.Logf("%d runs: %d processes killed, %d events published, %d acknowledged to their authors",
		*crashRuns, total.kills, total.published, total.acked)
}

type crashStats struct{ kills, published, acked int }

// ledger is what the clients said, over all their lives.
type ledger struct {
	mu        sync.Mutex
	published map[model.EventID]bool
	acked     map[model.EventID]bool
}

func (l *ledger) line(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case strings.HasPrefix(s, linePub):
		l.published[model.EventID(s[len(linePub):])] = true
	case strings.HasPrefix(s, lineAck):
		l.acked[model.EventID(s[len(lineAck):])] = true
	}
}

// freeAddr returns a loopback address nothing listens on now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func crashRun(dir string, seed uint64, total *crashStats) (err error) {
	rng := rand.New(rand.NewPCG(seed, 0xc7a5))
	ids := make([]string, crashClients)
	var owner *model.Identity
	for i := range ids {
		id, err := model.NewIdentity(fmt.Sprint("writer", i))
		if err != nil {
			return err
		}
		if i == 0 {
			owner = id
		}
		raw, _ := json.Marshal(id)
		ids[i] = string(raw)
	}
	// The room exists in the relay's log before anyone publishes.
	room := model.NewScriptID()
	if err := createRoom(dir, owner, room); err != nil {
		return err
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	url := "ws://" + addr + "/ws"
	led := &ledger{published: map[model.EventID]bool{}, acked: map[model.EventID]bool{}}

	var relayProc *child
	clients := make([]*child, crashClients)
	defer func() {
		for _, c := range append(clients, relayProc) {
			if c != nil {
				c.kill()
			}
		}
	}()
	startRelay := func() error {
		c, err := startChild("relay", []string{roleEnv + "=relay", dirEnv + "=" + dir, addrEnv + "=" + addr}, func(string) {})
		if err != nil {
			return err
		}
		relayProc = c
		return c.waitLine(lineReady, childWait)
	}
	lives := 0
	startClient := func(i, publish int, mode string) error {
		lives++
		c, err := startChild(fmt.Sprint("client ", i), []string{
			roleEnv + "=client", dbEnv + "=" + clientDB(dir, i), urlEnv + "=" + url,
			identEnv + "=" + ids[i], roomEnv + "=" + string(room),
			publishEnv + "=" + fmt.Sprint(publish), tagEnv + "=" + fmt.Sprintf("run %d life %d", seed, lives),
			modeEnv + "=" + mode,
		}, led.line)
		clients[i] = c
		return err
	}

	if err := startRelay(); err != nil {
		return err
	}
	for i := range clients {
		if err := startClient(i, 3+rng.IntN(5), "publish"); err != nil {
			return err
		}
	}
	// Kill a random set of the processes at random moments, and restart
	// them on the same files; restarted clients publish more.
	for range 1 + rng.IntN(3) {
		time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		victims := 1 + rng.IntN(1<<(crashClients+1)-1) // bit 0 the relay, bit i+1 client i
		if victims&1 != 0 {
			relayProc.kill()
			total.kills++
		}
		for i, c := range clients {
			if victims&(2<<i) != 0 {
				c.kill()
				total.kills++
			}
		}
		if victims&1 != 0 {
			if err := startRelay(); err != nil {
				return err
			}
		}
		for i := range clients {
			if victims&(2<<i) != 0 {
				if err := startClient(i, rng.IntN(4), "publish"); err != nil {
					return err
				}
			}
		}
	}
	// Everything published reaches the relay; then each client, alone on
	// the relay with nothing left to send, catches up from its cursor.
	for _, c := range clients {
		if err := c.waitLine(lineIdle, childWait); err != nil {
			return err
		}
	}
	for i, c := range clients {
		c.kill()
		if err := startClient(i, 0, "drain"); err != nil {
			return err
		}
	}
	for _, c := range clients {
		if err := c.wait(childWait); err != nil {
			return fmt.Errorf("%s draining: %w", c.name, err)
		}
	}
	if err := relayProc.stop(childWait); err != nil {
		return fmt.Errorf("relay stopping: %w", err)
	}
	led.mu.Lock()
	defer led.mu.Unlock()
	total.published += len(led.published)
	total.acked += len(led.acked)
	return checkCrashFiles(dir, room, led)
}

func clientDB(dir string, i int) string { return filepath.Join(dir, fmt.Sprintf("client%d.db", i)) }

// createRoom puts room's creation event, by owner, in the relay's log.
func createRoom(dir string, owner *model.Identity, room model.ScriptID) error {
	b, err := relay.OpenBolt(filepath.Join(dir, "relay.db"), relay.BoltOptions{})
	if err != nil {
		return err
	}
	defer b.Close()
	ev, err := model.NewEvent(owner, room, model.KindRoom, model.RoomPayload{Title: "crash", Visibility: model.Public}, time.Now())
	if err != nil {
		return err
	}
	_, err = b.Append(room, []*model.Event{ev}, func(*model.Event, relay.Usage) error { return nil })
	return err
}

// checkCrashFiles checks the files the processes left: consistent, the
// relay holding every published and acknowledged event once, every client
// holding exactly the relay's log.
func checkCrashFiles(dir string, room model.ScriptID, led *ledger) error {
	b, err := relay.OpenBolt(filepath.Join(dir, "relay.db"), relay.BoltOptions{})
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.Check(); err != nil {
		return fmt.Errorf("relay log: %w", err)
	}
	log, err := RelayLog(b, room)
	if err != nil {
		return err
	}
	at := map[model.EventID]uint64{}
	for _, e := range log {
		if _, dup := at[e.Event.ID]; dup {
			return fmt.Errorf("the relay stored event %s twice", e.Event.ID.Short())
		}
		at[e.Event.ID] = e.Seq
	}
	for id := range led.acked {
		if _, ok := at[id]; !ok {
			return fmt.Errorf("event %s was acknowledged to its author but is not in the relay's log", id.Short())
		}
	}
	for id := range led.published {
		if _, ok := at[id]; !ok {
			return fmt.Errorf("event %s was published (its outbox write returned) but is not in the relay's log", id.Short())
		}
	}
	want := FoldEntries(log)
	for i := range crashClients {
		if err := checkClientFile(clientDB(dir, i), room, want, uint64(len(log))); err != nil {
			return fmt.Errorf("client %d: %w", i, err)
		}
	}
	return nil
}

func checkClientFile(path string, room model.ScriptID, want RoomState, head uint64) error {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		return err
	}
	if out, err := st.Outbox(""); err != nil || len(out) != 0 {
		return fmt.Errorf("outbox holds %d events (%v)", len(out), err)
	}
	entries, err := st.Entries(room)
	if err != nil {
		return err
	}
	if got := FoldEntries(entries); got.Digest != want.Digest {
		return fmt.Errorf("replica of %d events to seq %d, the relay's log has %d to %d", got.Count, got.Head, want.Count, want.Head)
	}
	if cur, err := st.Cursor(room); err != nil || cur != head {
		return fmt.Errorf("cursor %d, head %d (%v)", cur, head, err)
	}
	return nil
}
