package relay

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// floodShape is a flooding client's publishing: one publish every period,
// of perPublish fresh events with payload bytes of payload each.
type floodShape struct {
	period     time.Duration
	perPublish int
	payload    int
}

// maxFloodShape is the heaviest publishing one client can keep up within
// the relay's limits q (resolved) and the default message rate, without
// ever being refused: a publish as often as the message rate allows, with
// as many events as the events rates allow and as large as the bytes rates
// allow (a tenth kept for the JSON around the payloads). Without events
// and bytes rates (before quotas), that is 256 events of 1 KB.
func maxFloodShape(q Quotas) floodShape {
	msgs := float64(defaultConnRate)
	s := floodShape{
		period:     time.Duration(float64(time.Second) / msgs),
		perPublish: protocol.MaxEventsPerPublish,
		payload:    1000,
	}
	if ev := lowest(q.ConnEvents, q.UserEvents, q.AddrEvents); ev > 0 {
		s.perPublish = min(max(int(ev/msgs), 1), protocol.MaxEventsPerPublish)
	}
	if by := lowest(q.ConnBytes, q.UserBytes, q.AddrBytes); by > 0 {
		s.payload = max(int(0.9*by/msgs)/s.perPublish-500, 100)
	}
	return s
}

// lowest is the smallest of rates, 0 meaning none.
func lowest(rates ...float64) float64 {
	low := 0.0
	for _, r := range rates {
		if r > 0 && (low == 0 || r < low) {
			low = r
		}
	}
	return low
}

// perSecond is how many events the shape publishes a second.
func (s floodShape) perSecond() float64 {
	return float64(s.perPublish) * float64(time.Second) / float64(s.period)
}

// flood is a client publishing to a room of its own at a floodShape's
// pace, reading (and counting) its acks so that the relay never drops it as
// a slow reader.
type flood struct {
	ws       *websocket.Conn
	stop     chan struct{}
	done     sync.WaitGroup
	started  time.Time
	stopped  time.Time
	stored   atomic.Int64
	refused  atomic.Int64
	recycled atomic.Int64
}

// startFlood connects a flooder from an address of its own and starts it,
// with fresh signed events for about seconds of flooding (signed before it
// starts, so that signing does not compete with the relay for the CPU).
func startFlood(b *testing.B, tr *testRelay, shape floodShape, seconds float64) *flood {
	b.Helper()
	id := newIdentity(b, "Flooder")
	d := websocket.Dialer{HandshakeTimeout: waitFor}
	ws, _, err := d.Dial(tr.wsURL(), http.Header{testAddrHeader: {"10.9.9.9"}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	ws.SetReadLimit(protocol.MaxRelayMessageBytes)
	if err := handshakeRaw(ws, id); err != nil {
		b.Fatal(err)
	}
	room := model.NewScriptID()
	create, _ := protocol.Encode(&protocol.Publish{Ref: "create", Room: room, Events: []*model.Event{
		newEvent(b, id, room, model.KindRoom, model.RoomPayload{Title: "Flood", Visibility: model.Private}),
	}})
	if err := ws.WriteMessage(websocket.TextMessage, create); err != nil {
		b.Fatal(err)
	}
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			b.Fatal(err)
		}
		m, err := protocol.Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		if ack, ok := m.(*protocol.Ack); ok {
			if ack.Results[0].Error != nil {
				b.Fatalf("flood room: %v", ack.Results[0].Error)
			}
			break
		}
	}

	n := int(shape.perSecond()*seconds) + shape.perPublish
	body := strings.Repeat("f", shape.payload)
	var frames [][]byte
	for len(frames)*shape.perPublish < n {
		events := make([]*model.Event, shape.perPublish)
		for k := range events {
			events[k] = comment(b, id, room, body+strconv.Itoa(len(frames)*shape.perPublish+k))
		}
		frame, err := protocol.Encode(&protocol.Publish{Ref: "f" + strconv.Itoa(len(frames)), Room: room, Events: events})
		if err != nil {
			b.Fatal(err)
		}
		frames = append(frames, frame)
	}

	f := &flood{ws: ws, stop: make(chan struct{}), started: time.Now()}
	f.done.Add(2)
	go func() { // reader
		defer f.done.Done()
		for {
			_, data, err := ws.ReadMessage()
			if err != nil {
				return
			}
			m, err := protocol.Decode(data)
			if err != nil {
				continue
			}
			if ack, ok := m.(*protocol.Ack); ok {
				for _, r := range ack.Results {
					if r.Error == nil && !r.Duplicate {
						f.stored.Add(1)
					} else if r.Error != nil {
						f.refused.Add(1)
					}
				}
			}
		}
	}()
	go func() { // writer
		defer f.done.Done()
		tick := time.NewTicker(shape.period)
		defer tick.Stop()
		for i := 0; ; i++ {
			if i >= len(frames) {
				f.recycled.Add(1) // duplicates: cheaper for the relay than fresh events
			}
			ws.SetWriteDeadline(time.Now().Add(waitFor))
			if ws.WriteMessage(websocket.TextMessage, frames[i%len(frames)]) != nil {
				return
			}
			select {
			case <-f.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return f
}

// end stops the flood and returns the events the relay stored per second.
func (f *flood) end(b *testing.B) float64 {
	b.Helper()
	close(f.stop)
	f.stopped = time.Now()
	f.ws.Close() // ends the reader
	f.done.Wait()
	if n := f.recycled.Load(); n > 0 {
		b.Logf("the flood ran out of fresh events: %d publishes were repeats", n)
	}
	if n := f.refused.Load(); n > 0 {
		b.Logf("the relay refused %d flood events: the flood was not within the limits", n)
	}
	return float64(f.stored.Load()) / f.stopped.Sub(f.started).Seconds()
}

// BenchmarkFanoutUnderFlood is BenchmarkFanout100 with a writer publishing
// a 2 KB event every 10 ms while another client, from another address,
// floods a room of its own with the heaviest publishing the relay's default
// limits allow (maxFloodShape). It reports the honest readers' p99
// publish-to-receive latency (goal: within 2× of BenchmarkFanout100's in the
// same run) and the flood events the relay stored per second. Each iteration
// publishes p99Samples events, so every p99 is taken over at least 100
// latencies per reader.
func BenchmarkFanoutUnderFlood(b *testing.B) {
	const every = 10 * time.Millisecond
	tr := benchRelay(b)
	f := newFanoutRoom(b, tr, 100)
	events := f.events(b, b.N*p99Samples)
	seconds := (time.Duration(len(events))*every + 2*time.Second).Seconds()
	shape := maxFloodShape(tr.relay.cfg.Quotas)
	b.Logf("flood: %d events of %d bytes every %v", shape.perPublish, shape.payload, shape.period)
	fl := startFlood(b, tr, shape, seconds)
	b.ResetTimer()
	p99 := f.publish(b, events, every)
	b.StopTimer()
	rate := fl.end(b)
	b.ReportMetric(p99, "p99-ms")
	b.ReportMetric(rate, "flood-events/s")
}
