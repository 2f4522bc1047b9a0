package relay

import (
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// BenchmarkIngestFloor is BenchmarkIngest's writers, the same processes
// and frames, against the least a relay must do for each event whatever
// it stores in: read the frame, decode it, check the event's signature and
// fields (model.Event.Verify, as the relay does) and write an ack. It
// stores nothing and checks no rights: its events/s is the most any relay
// could reach on this machine with these writers, and relay-cpu-µs/event
// is what is left to spend on storing once that is taken from
// BenchmarkIngest's.
//
// On a machine with n cores the writers and the relay together store at
// most n × 1,000,000 / (writer-cpu-µs/event + relay-cpu-µs/event) events a
// second.
func BenchmarkIngestFloor(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(serveIngestFloor))
	defer srv.Close()
	run := driveIngestWriters(b, "ws"+strings.TrimPrefix(srv.URL, "http")+"/ws", func() {})
	run.report(b)
}

// serveIngestFloor answers one writer of BenchmarkIngestFloor: the
// handshake (its signature checked), then for each publish the events
// verified and acknowledged as stored with the next sequence number.
func serveIngestFloor(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{ReadBufferSize: 4096, WriteBufferSize: 4096}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer ws.Close()
	read := func() (protocol.Message, error) {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return nil, err
		}
		return protocol.Decode(data)
	}
	write := func(m protocol.Message) error {
		data, err := protocol.Encode(m)
		if err != nil {
			return err
		}
		return ws.WriteMessage(websocket.TextMessage, data)
	}
	m, err := read()
	hello, ok := m.(*protocol.Hello)
	if err != nil || !ok {
		return
	}
	ch := &protocol.Challenge{Version: protocol.Version, Nonce: make([]byte, 32), Relay: "floor"}
	rand.Read(ch.Nonce)
	if write(ch) != nil {
		return
	}
	m, err = read()
	auth, ok := m.(*protocol.Auth)
	if err != nil || !ok || model.Verify(hello.User, protocol.AuthMessage(ch, hello.User), auth.Sig) != nil {
		return
	}
	if write(&protocol.Welcome{User: hello.User, MaxMessageBytes: protocol.MaxMessageBytes, MaxEventsPerPublish: protocol.MaxEventsPerPublish}) != nil {
		return
	}
	var seq uint64
	for {
		m, err := read()
		if err != nil {
			return
		}
		p, ok := m.(*protocol.Publish)
		if !ok {
			continue
		}
		ack := &protocol.Ack{Ref: p.Ref, Room: p.Room, Results: make([]protocol.AckResult, len(p.Events))}
		for i, e := range p.Events {
			ack.Results[i].ID = e.ID
			if err := e.Verify(); err != nil {
				ack.Results[i].Error = protocol.NewError(err)
				continue
			}
			seq++
			ack.Results[i].Seq = seq
		}
		if write(ack) != nil {
			return
		}
	}
}
