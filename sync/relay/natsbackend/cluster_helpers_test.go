package natsbackend

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay"
	"github.com/scriptroom/scriptroom/sync/relay/natsbackend/natstest"
)

// This file runs relays on an embedded NATS JetStream cluster (natstest),
// with a small protocol client over real loopback WebSockets.

// waitFor bounds every wait in these tests; hitting it is a failure.
const waitFor = natstest.WaitFor

// testRelay is a relay on the cluster, served over httptest.
type testRelay struct {
	relay   *relay.Relay
	backend *Backend
	srv     *httptest.Server

	mu    sync.Mutex
	conns map[net.Conn]struct{} // every connection, WebSockets included
}

func startRelay(t testing.TB, urls string, replicas int) *testRelay {
	t.Helper()
	var out io.Writer = io.Discard
	if testing.Verbose() {
		out = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelError}))
	b, err := Open(Options{URLs: urls, Replicas: replicas, Name: "test-relay", Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	r, err := relay.New(relay.Config{Backend: b, Name: "test-relay", Logger: log, Quotas: noQuotas,
		ConnRate: rate.Inf, AddrRate: rate.Inf})
	if err != nil {
		t.Fatal(err)
	}
	tr := &testRelay{relay: r, backend: b, srv: httptest.NewUnstartedServer(r.Handler()), conns: map[net.Conn]struct{}{}}
	tr.srv.Config.ConnState = func(c net.Conn, s http.ConnState) {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		if s == http.StateNew {
			tr.conns[c] = struct{}{}
		}
	}
	tr.srv.Start()
	t.Cleanup(tr.stop)
	return tr
}

// stop shuts the relay down gracefully; it may be called more than once.
func (tr *testRelay) stop() {
	if tr.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	tr.relay.Shutdown(ctx)
	tr.srv.Close()
	tr.backend.Close()
	tr.srv = nil
}

// kill drops the relay as a crash would: connections cut, nothing said.
func (tr *testRelay) kill() {
	tr.mu.Lock()
	for c := range tr.conns {
		c.Close()
	}
	tr.mu.Unlock()
	tr.srv.Close()
	tr.backend.Close()
	tr.srv = nil
}

func (tr *testRelay) wsURL() string { return "ws" + strings.TrimPrefix(tr.srv.URL, "http") + "/ws" }

type testClient struct {
	t      testing.TB
	id     *model.Identity
	ws     *websocket.Conn
	in     chan protocol.Message
	closed chan struct{}
}

// errClosed is returned by a client whose connection went away.
var errClosed = errors.New("connection closed")

// dialRelay connects and authenticates as id.
func dialRelay(t testing.TB, tr *testRelay, id *model.Identity) *testClient {
	t.Helper()
	d := websocket.Dialer{HandshakeTimeout: waitFor}
	ws, _, err := d.Dial(tr.wsURL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ws.SetReadLimit(protocol.MaxRelayMessageBytes)
	c := &testClient{t: t, id: id, ws: ws, in: make(chan protocol.Message, 4096), closed: make(chan struct{})}
	go c.readLoop()
	t.Cleanup(func() { ws.Close() })
	c.send(&protocol.Hello{Version: protocol.Version, User: id.ID(), Name: id.Name, Client: "cluster-test"})
	ch := mustNext[*protocol.Challenge](c)
	c.send(&protocol.Auth{Sig: id.Sign(protocol.AuthMessage(ch, id.ID()))})
	mustNext[*protocol.Welcome](c)
	return c
}

func (c *testClient) readLoop() {
	defer close(c.closed)
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		m, err := protocol.Decode(data)
		if err != nil {
			c.t.Errorf("relay sent an undecodable message: %v", err)
			continue
		}
		c.in <- m
	}
}

func (c *testClient) send(m protocol.Message) error {
	data, err := protocol.Encode(m)
	if err != nil {
		c.t.Fatal(err)
	}
	c.ws.SetWriteDeadline(time.Now().Add(waitFor))
	if err := c.ws.WriteMessage(websocket.TextMessage, data); err != nil {
		return errClosed
	}
	return nil
}

// next returns the next message other than presence, or errClosed.
func (c *testClient) next() (protocol.Message, error) {
	timeout := time.After(waitFor)
	for {
		var m protocol.Message
		select {
		case m = <-c.in:
		case <-c.closed:
			select {
			case m = <-c.in:
			default:
				return nil, errClosed
			}
		case <-timeout:
			c.t.Fatal("no message from the relay")
		}
		if _, ok := m.(*protocol.Presence); !ok {
			return m, nil
		}
	}
}

func mustNext[T protocol.Message](c *testClient) T {
	c.t.Helper()
	m, err := c.next()
	if err != nil {
		c.t.Fatal(err)
	}
	v, ok := m.(T)
	if !ok {
		c.t.Fatalf("got %T %+v, want %T", m, m, v)
	}
	return v
}

// join joins room from cursor since; live events that arrive with the
// replay go to got too.
func (c *testClient) join(room model.ScriptID, since uint64) (got []protocol.Entry, head uint64, err error) {
	if err := c.send(&protocol.Join{Ref: "j", Room: room, Since: since}); err != nil {
		return nil, 0, err
	}
	for {
		m, err := c.next()
		if err != nil {
			return got, 0, err
		}
		switch m := m.(type) {
		case *protocol.Events:
			got = append(got, m.Events...)
		case *protocol.Joined:
			return got, m.Head, nil
		case *protocol.ErrorMsg:
			return got, 0, fmt.Errorf("join: %s: %s", m.Code, m.Message)
		}
	}
}

// publish publishes events and waits for the ack; events messages that
// come first are returned too.
func (c *testClient) publish(room model.ScriptID, events ...*model.Event) (*protocol.Ack, []protocol.Entry, error) {
	if err := c.send(&protocol.Publish{Ref: "p", Room: room, Events: events}); err != nil {
		return nil, nil, err
	}
	var live []protocol.Entry
	for {
		m, err := c.next()
		if err != nil {
			return nil, live, err
		}
		switch m := m.(type) {
		case *protocol.Ack:
			return m, live, nil
		case *protocol.Events:
			live = append(live, m.Events...)
		case *protocol.ErrorMsg:
			return nil, live, fmt.Errorf("publish: %s: %s", m.Code, m.Message)
		}
	}
}

func newIdentity(t testing.TB, name string) *model.Identity {
	t.Helper()
	id, err := model.NewIdentity(name)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newEvent(t testing.TB, who *model.Identity, room model.ScriptID, kind string, payload any) *model.Event {
	t.Helper()
	e, err := model.NewEvent(who, room, kind, payload, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func comment(t testing.TB, who *model.Identity, room model.ScriptID, body string) *model.Event {
	t.Helper()
	return newEvent(t, who, room, model.KindComment, map[string]string{"body": body})
}

// mustStore publishes events, all of which must be stored.
func mustStore(t testing.TB, c *testClient, room model.ScriptID, events ...*model.Event) *protocol.Ack {
	t.Helper()
	ack, _, err := c.publish(room, events...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ack.Results {
		if r.Error != nil || r.Seq == 0 {
			t.Fatalf("event %s not stored: %+v", r.ID.Short(), r.Error)
		}
	}
	return ack
}

// collect reads events messages until the client holds every seq up to
// head; an event at an unexpected seq is an error.
func (c *testClient) collect(have []protocol.Entry, head uint64) ([]protocol.Entry, error) {
	for uint64(len(have)) < head {
		m, err := c.next()
		if err != nil {
			return have, err
		}
		if ev, ok := m.(*protocol.Events); ok {
			have = append(have, ev.Events...)
		}
	}
	return have, nil
}

// checkLog fails unless entries are seqs 1..len in order with distinct ids.
func checkLog(t testing.TB, who string, entries []protocol.Entry) {
	t.Helper()
	ids := map[model.EventID]uint64{}
	for i, e := range entries {
		if e.Seq != uint64(i+1) {
			t.Fatalf("%s: entry %d has seq %d: the log has a gap, a fork or a duplicate", who, i+1, e.Seq)
		}
		if at, dup := ids[e.Event.ID]; dup {
			t.Fatalf("%s: event %s at seq %d and %d", who, e.Event.ID.Short(), at, e.Seq)
		}
		ids[e.Event.ID] = e.Seq
	}
}

// noQuotas lifts the per-second quotas, which the tests do not test.
var noQuotas = relay.Quotas{ConnEvents: -1, UserEvents: -1, AddrEvents: -1, ConnBytes: -1, UserBytes: -1, AddrBytes: -1}
