package natsbackend

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay"
	"github.com/scriptroom/scriptroom/sync/relay/natsbackend/natstest"
)

// startBoltRelay is a single relay on a bbolt log (fsync on), to compare.
func startBoltRelay(b *testing.B) *testRelay {
	b.Helper()
	backend, err := relay.OpenBolt(filepath.Join(b.TempDir(), "relay.db"), relay.BoltOptions{})
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r, err := relay.New(relay.Config{Backend: backend, Name: "bench-relay", Logger: log,
		Quotas: noQuotas, ConnRate: rate.Inf, AddrRate: rate.Inf})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(r.Handler())
	tr := &testRelay{relay: r, srv: srv, conns: map[net.Conn]struct{}{}}
	srv.Config.ConnState = func(net.Conn, http.ConnState) {}
	srv.Start()
	b.Cleanup(func() { srv.Close(); backend.Close() })
	return tr
}

// BenchmarkCrossRelayFanout: a writer publishes 2 KB events one at a time
// (each after the last one's ack) into a room 100 readers follow; p50 and
// p99 are from the publish to each reader's receipt, ack_p99 from the
// publish to the writer's ack (the append alone). "cluster": writer on
// relay A, readers on relay B, three NATS nodes, three replicas; "bolt":
// everyone on one bbolt relay, as a team relay runs.
func BenchmarkCrossRelayFanout(b *testing.B) {
	for _, mode := range []string{"bolt", "cluster"} {
		b.Run(mode, func(b *testing.B) {
			var wr, rd *testRelay
			if mode == "bolt" {
				wr = startBoltRelay(b)
				rd = wr
			} else {
				c := natstest.Start(b, 3)
				wr, rd = startRelay(b, c.Nodes[0].ClientURL(), 3), startRelay(b, c.Nodes[1].ClientURL(), 3)
			}
			benchFanout(b, wr, rd, *benchReaders)
		})
	}
}

func benchFanout(b *testing.B, wr, rd *testRelay, readers int) {
	owner := dialRelay(b, wr, newIdentity(b, "Owner"))
	room := createRoom(b, owner, model.Public)
	var sent sync.Map // event id → time sent
	var mu sync.Mutex
	var lat []time.Duration
	const perIter = 100
	var wg sync.WaitGroup
	for i := range readers {
		c := dialRelay(b, rd, newIdentity(b, "Reader"))
		if _, _, err := c.join(room, 0); err != nil {
			b.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := b.N * perIter
			for got := 0; got < want; {
				m, err := c.next()
				if err != nil {
					b.Errorf("reader %d: %v", i, err)
					return
				}
				ev, ok := m.(*protocol.Events)
				if !ok {
					continue
				}
				now := time.Now()
				mu.Lock()
				for _, e := range ev.Events {
					if at, ok := sent.Load(e.Event.ID); ok {
						lat = append(lat, now.Sub(at.(time.Time)))
						got++
					}
				}
				mu.Unlock()
			}
		}()
	}
	body := strings.Repeat("x", 2048)
	var acks []time.Duration // publish to the writer's ack: the append alone
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		for k := range perIter {
			// Distinct bodies: two events alike in the same millisecond
			// are one event.
			e := comment(b, owner.id, room, fmt.Sprint(i, k, body))
			at := time.Now()
			sent.Store(e.ID, at)
			mustStore(b, owner, room, e)
			acks = append(acks, time.Since(at))
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) == 0 {
		b.Fatal("no event reached a reader")
	}
	q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), "p50_ms")
	b.ReportMetric(q(0.99), "p99_ms")
	slices.Sort(acks)
	b.ReportMetric(float64(acks[int(0.99*float64(len(acks)-1))].Microseconds())/1000, "ack_p99_ms")
	b.ReportMetric(float64(b.N*perIter)/elapsed.Seconds(), "events/s")
	b.ReportMetric(0, "ns/op")
}

var benchReaders = flag.Int("bench-readers", 100, "readers of BenchmarkCrossRelayFanout")
