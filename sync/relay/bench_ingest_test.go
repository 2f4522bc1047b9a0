package relay

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// ingestPublishers and ingestPerPublisher shape BenchmarkIngest: each
// iteration has every publisher publish ingestPerPublisher events.
const (
	ingestPublishers   = 100
	ingestPerPublisher = 100
)

// ingestRelay is benchRelay with the event quotas lifted too: the benchmark
// measures how fast the relay stores, not what one client may send.
func ingestRelay(b *testing.B) *testRelay {
	b.Helper()
	return startTestRelayWith(b, filepath.Join(b.TempDir(), "relay.db"), false, func(c *Config) {
		c.ConnRate, c.AddrRate = rate.Inf, rate.Inf
		c.Quotas = Quotas{ConnEvents: -1, ConnBytes: -1, UserEvents: -1, UserBytes: -1, AddrEvents: -1, AddrBytes: -1}
	})
}

// ingestPublisher is one writer in a room of its own, with its publish
// frames (one event each) encoded before the clock starts.
type ingestPublisher struct {
	ws     *websocket.Conn
	frames [][]byte
}

func newIngestPublisher(b *testing.B, tr *testRelay, i, n int) *ingestPublisher {
	b.Helper()
	id := newIdentity(b, "Writer")
	d := websocket.Dialer{HandshakeTimeout: waitFor}
	ws, _, err := d.Dial(tr.wsURL(), http.Header{testAddrHeader: {"10.7.0." + strconv.Itoa(i%250+1)}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	if err := handshakeRaw(ws, id); err != nil {
		b.Fatal(err)
	}
	room := model.NewScriptID()
	create, err := protocol.Encode(&protocol.Publish{Ref: "create", Room: room, Events: []*model.Event{
		newEvent(b, id, room, model.KindRoom, model.RoomPayload{Title: "Ingest", Visibility: model.Private}),
	}})
	if err != nil {
		b.Fatal(err)
	}
	p := &ingestPublisher{ws: ws, frames: [][]byte{create}}
	if n, err := p.run(); err != nil || n != 1 {
		b.Fatalf("create the room: %d stored, %v", n, err)
	}
	p.frames = nil
	body := strings.Repeat("w", 200)
	for k := range n {
		frame, err := protocol.Encode(&protocol.Publish{Ref: strconv.Itoa(k), Room: room,
			Events: []*model.Event{comment(b, id, room, body+strconv.Itoa(k))}})
		if err != nil {
			b.Fatal(err)
		}
		p.frames = append(p.frames, frame)
	}
	return p
}

// run publishes every frame, each once the previous one is acknowledged,
// and returns how many the relay stored.
func (p *ingestPublisher) run() (stored int, err error) {
	for _, frame := range p.frames {
		if err := p.ws.WriteMessage(websocket.TextMessage, frame); err != nil {
			return stored, err
		}
		for {
			_, data, err := p.ws.ReadMessage()
			if err != nil {
				return stored, err
			}
			if !bytes.HasPrefix(data, []byte(`{"type":"ack"`)) {
				continue
			}
			m, err := protocol.Decode(data)
			if err != nil {
				return stored, err
			}
			if r := m.(*protocol.Ack).Results[0]; r.Error == nil && r.Seq > 0 && !r.Duplicate {
				stored++
			}
			break
		}
	}
	return stored, nil
}

// BenchmarkIngest has 100 writers, each in a room of its own over a real
// loopback WebSocket, publish one event per publish as fast as the relay
// acknowledges them (each writer waits for its ack before the next), with
// the log fsynced as in production, and reports the events stored per
// second (goal ≥ 20,000) and the CPU time the process (relay and writers)
// spent per stored event, which on a loaded machine varies less.
func BenchmarkIngest(b *testing.B) {
	tr := ingestRelay(b)
	pubs := make([]*ingestPublisher, ingestPublishers)
	for i := range pubs {
		pubs[i] = newIngestPublisher(b, tr, i, b.N*ingestPerPublisher)
	}
	var wg sync.WaitGroup
	counts := make([]int, len(pubs))
	errs := make([]error, len(pubs))
	groups, grouped := tr.backend.groups.Load(), tr.backend.grouped.Load()
	b.ResetTimer()
	start := time.Now()
	cpu0, cpuOK := processCPU()
	for i, p := range pubs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[i], errs[i] = p.run()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu1, _ := processCPU()
	b.StopTimer()
	total := 0
	for i := range pubs {
		if errs[i] != nil {
			b.Fatalf("writer %d: %v", i, errs[i])
		}
		if counts[i] != len(pubs[i].frames) {
			b.Fatalf("writer %d: %d of %d events stored", i, counts[i], len(pubs[i].frames))
		}
		total += counts[i]
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "events/s")
	if cpuOK && total > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/float64(total), "cpu-µs/event")
	}
	if n := tr.backend.groups.Load() - groups; n > 0 {
		b.ReportMetric(float64(tr.backend.grouped.Load()-grouped)/float64(n), "appends/commit")
	}
}
