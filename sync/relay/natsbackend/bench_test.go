package natsbackend

import (
	"bytes"
	"encoding/json"
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

	"github.com/gorilla/websocket"
	"github.com/nats-io/nats.go"
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
// (each after the last one's ack) into a room 100 readers follow. p50 and
// p99 are from the publish to a reader's reading of the frame that holds
// the event, ack_p99 from the publish to the writer's ack (the append
// alone), and on the cluster live_p99 from the publish to the stored entry
// reaching a plain NATS subscriber on relay B's node (the append plus the
// stream's republish), so that p99 minus live_p99 is relay B's delivery to
// its readers. "cluster": writer on relay A, readers on relay B, three
// NATS nodes, three replicas; "bolt": everyone on one bbolt relay, as a
// team relay runs.
//
// The readers, all in this process, only read each frame and pick the
// event ids out of it: decoding every event in full, 100 times over, would
// take the CPU the relays need on a small machine, and measure the
// readers more than the relays (real readers decode on their own
// machines).
func BenchmarkCrossRelayFanout(b *testing.B) {
	for _, mode := range []string{"bolt", "cluster"} {
		b.Run(mode, func(b *testing.B) {
			var wr, rd *testRelay
			var live *nats.Conn // a NATS client on relay B's node
			if mode == "bolt" {
				wr = startBoltRelay(b)
				rd = wr
			} else {
				c := natstest.Start(b, 3)
				wr, rd = startRelay(b, c.Nodes[0].ClientURL(), 3), startRelay(b, c.Nodes[1].ClientURL(), 3)
				var err error
				if live, err = nats.Connect(c.Nodes[1].ClientURL()); err != nil {
					b.Fatal(err)
				}
				b.Cleanup(live.Close)
			}
			benchFanout(b, wr, rd, live, *benchReaders)
		})
	}
}

// quantile is the q-quantile of sorted in milliseconds.
func quantile(sorted []time.Duration, q float64) float64 {
	return float64(sorted[int(q*float64(len(sorted)-1))].Microseconds()) / 1000
}

func benchFanout(b *testing.B, wr, rd *testRelay, live *nats.Conn, readers int) {
	owner := dialRelay(b, wr, newIdentity(b, "Owner"))
	room := createRoom(b, owner, model.Public)
	var sent sync.Map // event id → time sent
	var mu sync.Mutex
	var lat, liveLat []time.Duration
	const perIter = 100
	want := b.N * perIter
	if live != nil {
		sub, err := live.Subscribe(liveSubject(room), func(m *nats.Msg) {
			now := time.Now()
			id := m.Subject[strings.LastIndexByte(m.Subject, '.')+1:]
			if at, ok := sent.Load(model.EventID(id)); ok {
				mu.Lock()
				liveLat = append(liveLat, now.Sub(at.(time.Time)))
				mu.Unlock()
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		if err := live.Flush(); err != nil {
			b.Fatal(err)
		}
		defer sub.Unsubscribe()
	}
	var wg sync.WaitGroup
	for i := range readers {
		ws, head := joinBenchReader(b, rd, room)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := readLight(ws, head, want, func(id model.EventID, at time.Time) bool {
				t, ok := sent.Load(id)
				if ok {
					mu.Lock()
					lat = append(lat, at.Sub(t.(time.Time)))
					mu.Unlock()
				}
				return ok
			}); err != nil {
				b.Errorf("reader %d: %v", i, err)
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
	if len(lat) == 0 {
		b.Fatal("no event reached a reader")
	}
	slices.Sort(lat)
	b.ReportMetric(quantile(lat, 0.5), "p50_ms")
	b.ReportMetric(quantile(lat, 0.99), "p99_ms")
	slices.Sort(acks)
	b.ReportMetric(quantile(acks, 0.99), "ack_p99_ms")
	if live != nil {
		// The subscription may still be handing over the last entries.
		for deadline := time.Now().Add(waitFor); ; time.Sleep(time.Millisecond) {
			mu.Lock()
			n := len(liveLat)
			mu.Unlock()
			if n >= want || time.Now().After(deadline) {
				break
			}
		}
		mu.Lock()
		if len(liveLat) < want {
			b.Errorf("%d of %d stored entries reached a NATS subscriber on relay B's node", len(liveLat), want)
		}
		slices.Sort(liveLat)
		b.ReportMetric(quantile(liveLat, 0.99), "live_p99_ms")
		mu.Unlock()
	}
	b.ReportMetric(float64(want)/elapsed.Seconds(), "events/s")
	b.ReportMetric(0, "ns/op")
}

// joinBenchReader connects a new reader to tr and joins room from its
// start; it returns the connection, to be read by readLight, and the room's
// head at the join.
func joinBenchReader(b *testing.B, tr *testRelay, room model.ScriptID) (*websocket.Conn, uint64) {
	b.Helper()
	id := newIdentity(b, "Reader")
	d := websocket.Dialer{HandshakeTimeout: waitFor}
	ws, _, err := d.Dial(tr.wsURL(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	ws.SetReadLimit(protocol.MaxRelayMessageBytes)
	ws.SetReadDeadline(time.Now().Add(waitFor))
	send := func(m protocol.Message) {
		data, err := protocol.Encode(m)
		if err == nil {
			err = ws.WriteMessage(websocket.TextMessage, data)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	// await reads messages until one of type T, skipping events and presence.
	await := func(want string) protocol.Message {
		for {
			_, data, err := ws.ReadMessage()
			if err != nil {
				b.Fatalf("awaiting %s: %v", want, err)
			}
			m, err := protocol.Decode(data)
			if err != nil {
				b.Fatal(err)
			}
			if e, ok := m.(*protocol.ErrorMsg); ok {
				b.Fatalf("awaiting %s: %s: %s", want, e.Code, e.Message)
			}
			if m.Type() == want {
				return m
			}
		}
	}
	send(&protocol.Hello{Version: protocol.Version, User: id.ID(), Name: id.Name, Client: "cluster-bench"})
	ch := await(protocol.TypeChallenge).(*protocol.Challenge)
	send(&protocol.Auth{Sig: id.Sign(protocol.AuthMessage(ch, id.ID()))})
	await(protocol.TypeWelcome)
	send(&protocol.Join{Ref: "j", Room: room, Since: 0})
	joined := await(protocol.TypeJoined).(*protocol.Joined)
	ws.SetReadDeadline(time.Time{})
	return ws, joined.Head
}

// lightEntry is what a bench reader looks at in an entry.
type lightEntry struct {
	Seq   uint64 `json:"seq"`
	Event struct {
		ID model.EventID `json:"id"`
	} `json:"event"`
}

// lightEvents is the part of an events message a bench reader looks at.
type lightEvents struct {
	Type   string       `json:"type"`
	Events []lightEntry `json:"events"`
}

// Byte patterns of an events message as protocol.Encode writes it: the type
// first, each entry's seq and then its event, whose id comes first. No
// JSON string holds an unescaped quote, so these are never found inside
// one.
var (
	eventsPrefix = []byte(`{"type":"events",`)
	seqKey       = []byte(`{"seq":`)
	idKey        = []byte(`,"event":{"id":"`)
)

// scanEvents picks the entries' seqs and ids out of an events message
// without decoding it; false if data is not one, or not laid out as
// protocol.Encode writes it.
func scanEvents(data []byte) ([]lightEntry, bool) {
	if !bytes.HasPrefix(data, eventsPrefix) {
		return nil, false
	}
	var out []lightEntry
	for rest := data; ; {
		i := bytes.Index(rest, seqKey)
		if i < 0 {
			return out, len(out) > 0
		}
		rest = rest[i+len(seqKey):]
		var e lightEntry
		n := 0
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			e.Seq = e.Seq*10 + uint64(rest[n]-'0')
			n++
		}
		if n == 0 || !bytes.HasPrefix(rest[n:], idKey) {
			return nil, false
		}
		rest = rest[n+len(idKey):]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			return nil, false
		}
		e.Event.ID = model.EventID(rest[:end])
		out = append(out, e)
		rest = rest[end:]
	}
}

// readLight reads ws until got has counted want events, each in log order
// after head with no gap or repeat; got is told the time each frame was
// read. Events messages are scanned (scanEvents), the first one also
// decoded to check the scan; other messages are decoded.
func readLight(ws *websocket.Conn, head uint64, want int, got func(model.EventID, time.Time) bool) error {
	checked := false
	for n := 0; n < want; {
		ws.SetReadDeadline(time.Now().Add(waitFor))
		_, data, err := ws.ReadMessage()
		at := time.Now()
		if err != nil {
			return fmt.Errorf("after %d of %d events: %w", n, want, err)
		}
		entries, ok := scanEvents(data)
		if !ok || !checked {
			var m lightEvents
			if err := json.Unmarshal(data, &m); err != nil {
				return fmt.Errorf("undecodable message: %w", err)
			}
			if m.Type != protocol.TypeEvents {
				continue
			}
			if ok && !slices.Equal(entries, m.Events) {
				return fmt.Errorf("scanned %+v from an events message that holds %+v", entries, m.Events)
			}
			entries, checked = m.Events, true
		}
		for _, e := range entries {
			if e.Seq != head+1 {
				return fmt.Errorf("entry %d after %d: a gap or a repeat", e.Seq, head)
			}
			head = e.Seq
			if got(e.Event.ID, at) {
				n++
			}
		}
	}
	return nil
}

var benchReaders = flag.Int("bench-readers", 100, "readers of BenchmarkCrossRelayFanout")
