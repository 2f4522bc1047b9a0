package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// testRelay is an in-process relay on a real port, which a test can stop
// and start again on the same log and port.
type testRelay struct {
	path, addr string
	relay      *relay.Relay
	backend    *relay.BoltBackend
	srv        *http.Server
	served     chan struct{}
}

// startRelay serves a relay over the log at path on addr ("127.0.0.1:0"
// for any port), with the message rates and event quotas lifted: every
// client of the tool comes from one address.
func startRelay(t testing.TB, path, addr string) *testRelay {
	t.Helper()
	return startRelayWith(t, path, addr, true)
}

func startRelayWith(t testing.TB, path, addr string, noSync bool) *testRelay {
	t.Helper()
	backend, err := relay.OpenBolt(path, relay.BoltOptions{NoSync: noSync})
	if err != nil {
		t.Fatal(err)
	}
	r, err := relay.New(relay.Config{
		Backend:  backend,
		Name:     "bench-test",
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		ConnRate: rate.Inf,
		AddrRate: rate.Inf,
		Quotas:   relay.Quotas{ConnEvents: -1, ConnBytes: -1, UserEvents: -1, UserBytes: -1, AddrEvents: -1, AddrBytes: -1},
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	tr := &testRelay{path: path, addr: ln.Addr().String(), relay: r, backend: backend,
		srv: &http.Server{Handler: r.Handler()}, served: make(chan struct{})}
	go func() {
		defer close(tr.served)
		tr.srv.Serve(ln)
	}()
	t.Cleanup(tr.stop)
	return tr
}

func (tr *testRelay) url() string { return "ws://" + tr.addr + "/ws" }

// startRelayB is startRelay for benchmarks: any port, and fsync on.
func startRelayB(b *testing.B, path string) *testRelay {
	b.Helper()
	return startRelayWith(b, path, "127.0.0.1:0", false)
}

// stop shuts the relay down (its clients get going-away) and closes its
// log; it may be called more than once.
func (tr *testRelay) stop() {
	if tr.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tr.relay.Shutdown(ctx)
	tr.srv.Close()
	<-tr.served
	tr.backend.Close()
	tr.srv = nil
}

// checkComplete fails unless res lost and duplicated nothing, had nothing
// refused, and every reader received every acked event of its room.
func checkComplete(t *testing.T, res *Result) {
	t.Helper()
	if res.Acked == 0 {
		t.Fatal("nothing was acked")
	}
	if res.Lost != 0 || res.Duplicates != 0 || res.Refused != 0 {
		t.Fatalf("lost %d, duplicates %d, refused %d; want none", res.Lost, res.Duplicates, res.Refused)
	}
	var received int64
	for i, r := range res.PerReader {
		if r.Acked == 0 || r.Received != r.Acked {
			t.Fatalf("reader %d (room %s) received %d of %d acked events", i, r.Room, r.Received, r.Acked)
		}
		received += int64(r.Received)
	}
	if received != res.Received {
		t.Fatalf("received %d in all, the readers hold %d", res.Received, received)
	}
}

// TestRunDeliversEverything: a short run against one relay stores every
// event and delivers it once to every reader of its room.
func TestRunDeliversEverything(t *testing.T) {
	tr := startRelay(t, filepath.Join(t.TempDir(), "relay.db"), "127.0.0.1:0")
	var progress bytes.Buffer
	res, err := Run(context.Background(), Config{
		Relays: []string{tr.url()}, Writers: 4, Readers: 6, Rooms: 3,
		Size: 600, Rate: 40, Duration: 1500 * time.Millisecond, Progress: &syncWriter{w: &progress},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkComplete(t, res)
	if res.Reconnects != 0 {
		t.Fatalf("%d reconnects with the relay up all along", res.Reconnects)
	}
	if res.P50ms <= 0 || res.P99ms < res.P50ms {
		t.Fatalf("latencies p50 %v ms, p99 %v ms", res.P50ms, res.P99ms)
	}
	if !strings.Contains(progress.String(), "acked") {
		t.Fatalf("no progress line: %q", progress.String())
	}
}

// TestRunSurvivesRelayRestart stops the relay while writers publish and
// starts it again on the same log and port: every client reconnects,
// readers resume from their cursors and writers publish again what was not
// acknowledged, and nothing acked is lost or received twice.
func TestRunSurvivesRelayRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "relay.db")
	tr := startRelay(t, path, "127.0.0.1:0")
	url, addr := tr.url(), tr.addr
	const writers, readers = 3, 6

	halfway := make(chan struct{})
	var once sync.Once
	type outcome struct {
		res *Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := Run(context.Background(), Config{
			Relays: []string{url}, Writers: writers, Readers: readers, Rooms: 3,
			Size: 500, Rate: 40, Duration: 3 * time.Second,
			afterAck: func(n int64) {
				if n >= 30 {
					once.Do(func() { close(halfway) })
				}
			},
		})
		done <- outcome{res, err}
	}()
	select {
	case <-halfway:
	case o := <-done:
		t.Fatalf("the run ended before the restart: %+v, %v", o.res, o.err)
	case <-time.After(30 * time.Second):
		t.Fatal("30 events were never acked")
	}
	tr.stop()
	startRelay(t, path, addr)

	var o outcome
	select {
	case o = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the run did not end")
	}
	if o.err != nil {
		t.Fatal(o.err)
	}
	checkComplete(t, o.res)
	if o.res.Reconnects < writers+readers {
		t.Fatalf("%d reconnects, want every one of the %d clients to reconnect", o.res.Reconnects, writers+readers)
	}
}

// TestCommandPrintsResult runs the command: its last stdout line is the
// result with exactly the documented fields.
func TestCommandPrintsResult(t *testing.T) {
	tr := startRelay(t, filepath.Join(t.TempDir(), "relay.db"), "127.0.0.1:0")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--relays", tr.url(), "--writers", "2", "--readers", "2", "--rooms", "1",
		"--size", "500", "--rate", "20", "--duration", "500ms"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var got map[string]float64
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	want := []string{"acked", "received", "lost", "duplicates", "p50_ms", "p99_ms", "ack_p50_ms", "ack_p99_ms", "reconnects"}
	if len(got) != len(want) {
		t.Fatalf("result %v, want the fields %v", got, want)
	}
	for _, k := range want {
		if _, ok := got[k]; !ok {
			t.Fatalf("result %v has no %s", got, k)
		}
	}
	if got["acked"] == 0 || got["lost"] != 0 || got["received"] != 2*got["acked"] {
		t.Fatalf("result %v: want every acked event received by both readers", got)
	}
}

// TestFlagsRefuseBadInput: each bad flag is refused with an error naming it.
func TestFlagsRefuseBadInput(t *testing.T) {
	good := []string{"--relays", "ws://127.0.0.1:1/ws"}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "--relays"},
		{[]string{"--relays", "http://a/ws"}, "ws://"},
		{append(good, "--writers", "0"), "--writers"},
		{append(good, "--readers", "-1"), "--readers"},
		{append(good, "--rooms", "0"), "--rooms"},
		{append(good, "--size", "10"), "--size"},
		{append(good, "--rate", "0"), "--rate"},
		{append(good, "--duration", "0s"), "--duration"},
		{append(good, "extra"), "unexpected"},
	} {
		_, err := parseFlags(tc.args, io.Discard)
		if !errors.Is(err, errBadFlags) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want a bad-flags error naming %s", tc.args, err, tc.want)
		}
	}
}

// TestEventSize: events weigh about --size bytes as sent.
func TestEventSize(t *testing.T) {
	owner, err := newRoom(mustIdentity(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{minEventSize, 1000, 4000, maxEventSize} {
		e, err := newComment(mustIdentity(t), 12, 345, owner.Room, size)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		data, _ := json.Marshal(e)
		if d := len(data) - size; d < -50 || d > 50 {
			t.Errorf("--size %d makes events of %d bytes", size, len(data))
		}
	}
}

// syncWriter is a writer safe for the run's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func mustIdentity(t *testing.T) *model.Identity {
	t.Helper()
	id, err := model.NewIdentity("Test")
	if err != nil {
		t.Fatal(err)
	}
	return id
}
