package relay

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// This file is a small in-process client for the relay's tests: it speaks
// the protocol over real loopback WebSockets, the way sync/client will.

// testAddrHeader lets a test pose as several client addresses, so that the
// per-address rate limit can be tested on loopback.
const testAddrHeader = "X-Test-Addr"

// waitFor bounds every wait in these tests; hitting it is a failure.
const waitFor = 10 * time.Second

type testRelay struct {
	relay   *Relay
	backend *BoltBackend
	srv     *httptest.Server
	path    string
}

// newTestRelay starts a relay on a fresh log in t.TempDir(), shut down with
// the test.
func newTestRelay(t testing.TB, configure func(*Config)) *testRelay {
	t.Helper()
	return startTestRelay(t, filepath.Join(t.TempDir(), "relay.db"), configure)
}

func startTestRelay(t testing.TB, path string, configure func(*Config)) *testRelay {
	t.Helper()
	return startTestRelayWith(t, path, true, configure)
}

// startTestRelayWith starts a relay on the log at path; noSync skips fsync.
func startTestRelayWith(t testing.TB, path string, noSync bool, configure func(*Config)) *testRelay {
	t.Helper()
	backend, err := OpenBolt(path, BoltOptions{NoSync: noSync})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Backend: backend,
		Name:    "test-relay",
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		ClientAddr: func(r *http.Request) string {
			if a := r.Header.Get(testAddrHeader); a != "" {
				return a
			}
			return remoteHost(r)
		},
	}
	if configure != nil {
		configure(&cfg)
	}
	r, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tr := &testRelay{relay: r, backend: backend, srv: httptest.NewServer(r.Handler()), path: path}
	t.Cleanup(tr.stop)
	return tr
}

// stop shuts the relay down; it may be called more than once.
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

func (tr *testRelay) wsURL() string { return "ws" + strings.TrimPrefix(tr.srv.URL, "http") + "/ws" }

type testClient struct {
	t  testing.TB
	id *model.Identity
	ws *websocket.Conn
	in chan protocol.Message
	// closeCode is set when the reader stops: the relay's close code, or
	// 1006 when the connection dropped without one.
	closed    chan struct{}
	closeCode int
}

// dial opens a WebSocket without the handshake.
func dial(t testing.TB, tr *testRelay, id *model.Identity, header http.Header) (*testClient, *http.Response, error) {
	t.Helper()
	d := websocket.Dialer{HandshakeTimeout: waitFor, ReadBufferSize: 1024, WriteBufferSize: 1024}
	ws, resp, err := d.Dial(tr.wsURL(), header)
	if err != nil {
		return nil, resp, err
	}
	ws.SetReadLimit(protocol.MaxRelayMessageBytes)
	c := &testClient{t: t, id: id, ws: ws, in: make(chan protocol.Message, 1024), closed: make(chan struct{})}
	go c.readLoop()
	t.Cleanup(func() { ws.Close() })
	return c, resp, nil
}

// connect dials and authenticates as id.
func connect(t testing.TB, tr *testRelay, id *model.Identity) *testClient {
	t.Helper()
	return connectFrom(t, tr, id, "")
}

// connectFrom connects posing as client address addr.
func connectFrom(t testing.TB, tr *testRelay, id *model.Identity, addr string) *testClient {
	t.Helper()
	h := http.Header{}
	if addr != "" {
		h.Set(testAddrHeader, addr)
	}
	c, _, err := dial(t, tr, id, h)
	if err != nil {
		t.Fatal(err)
	}
	c.send(&protocol.Hello{Version: protocol.Version, User: id.ID(), Name: id.Name, Client: "relay-test"})
	ch := expect[*protocol.Challenge](c)
	c.send(&protocol.Auth{Sig: id.Sign(protocol.AuthMessage(ch, id.ID()))})
	if w := expect[*protocol.Welcome](c); w.User != id.ID() {
		t.Fatalf("welcomed as %s", w.User)
	}
	return c
}

func (c *testClient) readLoop() {
	defer close(c.closed)
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				c.closeCode = ce.Code
			} else {
				c.closeCode = websocket.CloseAbnormalClosure
			}
			return
		}
		m, err := protocol.Decode(data)
		if err != nil {
			c.t.Errorf("relay sent an undecodable message: %v: %.200s", err, data)
			continue
		}
		c.in <- m
	}
}

func (c *testClient) send(m protocol.Message) {
	c.t.Helper()
	data, err := protocol.Encode(m)
	if err != nil {
		c.t.Fatal(err)
	}
	c.sendRaw(data)
}

func (c *testClient) sendRaw(data []byte) {
	c.t.Helper()
	c.ws.SetWriteDeadline(time.Now().Add(waitFor))
	if err := c.ws.WriteMessage(websocket.TextMessage, data); err != nil {
		c.t.Fatalf("send: %v", err)
	}
}

// next returns the next message other than presence.
func (c *testClient) next() protocol.Message {
	c.t.Helper()
	timeout := time.After(waitFor)
	for {
		var m protocol.Message
		select {
		case m = <-c.in:
		case <-c.closed:
			// The reader queues every message before it reports the close.
			select {
			case m = <-c.in:
			default:
				c.t.Fatalf("connection closed with %d while waiting for a message", c.closeCode)
			}
		case <-timeout:
			c.t.Fatal("no message from the relay")
		}
		if _, ok := m.(*protocol.Presence); !ok {
			return m
		}
	}
}

// expect returns the next message, which must be a T.
func expect[T protocol.Message](c *testClient) T {
	c.t.Helper()
	m := c.next()
	t, ok := m.(T)
	if !ok {
		c.t.Fatalf("got %T %+v, want %T", m, m, t)
	}
	return t
}

// expectError returns the next message, which must be an error with code.
func (c *testClient) expectError(code protocol.Code) *protocol.ErrorMsg {
	c.t.Helper()
	e := expect[*protocol.ErrorMsg](c)
	if e.Code != code {
		c.t.Fatalf("got error %s (%s), want %s", e.Code, e.Message, code)
	}
	return e
}

// waitClose waits for the relay to close the connection and returns the
// close code.
func (c *testClient) waitClose() int {
	c.t.Helper()
	for {
		select {
		case <-c.in:
		case <-c.closed:
			return c.closeCode
		case <-time.After(waitFor):
			c.t.Fatal("relay did not close the connection")
		}
	}
}

// join joins room from cursor since and returns the replayed entries.
func (c *testClient) join(room model.ScriptID, since uint64) ([]protocol.Entry, *protocol.Joined) {
	c.t.Helper()
	c.send(&protocol.Join{Ref: "j", Room: room, Since: since})
	var got []protocol.Entry
	for {
		switch m := c.next().(type) {
		case *protocol.Events:
			got = append(got, m.Events...)
		case *protocol.Joined:
			return got, m
		case *protocol.ErrorMsg:
			c.t.Fatalf("join: %s: %s", m.Code, m.Message)
		default:
			c.t.Fatalf("join: unexpected %T", m)
		}
	}
}

// publish publishes events and returns the ack, skipping events messages
// that arrive first.
func (c *testClient) publish(room model.ScriptID, events ...*model.Event) *protocol.Ack {
	c.t.Helper()
	c.send(&protocol.Publish{Ref: "p", Room: room, Events: events})
	for {
		switch m := c.next().(type) {
		case *protocol.Ack:
			return m
		case *protocol.Events:
		default:
			c.t.Fatalf("publish: unexpected %T %+v", m, m)
		}
	}
}

// nextEvents returns the next events message.
func (c *testClient) nextEvents() *protocol.Events {
	c.t.Helper()
	return expect[*protocol.Events](c)
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

// createRoom has owner create a room with visibility and returns its id.
func createRoom(t testing.TB, c *testClient, vis model.Visibility) model.ScriptID {
	t.Helper()
	room := model.NewScriptID()
	ack := c.publish(room, newEvent(t, c.id, room, model.KindRoom, model.RoomPayload{Title: "Big Night", Visibility: vis}))
	mustStore(t, ack)
	return room
}

// mustStore fails unless every result of ack was stored.
func mustStore(t testing.TB, ack *protocol.Ack) {
	t.Helper()
	for _, r := range ack.Results {
		if r.Error != nil || r.Seq == 0 {
			t.Fatalf("event %s not stored: %+v", r.ID.Short(), r.Error)
		}
	}
}

// grant has the owner give user a role.
func grant(t testing.TB, owner *testClient, room model.ScriptID, user model.UserID, role model.Role) {
	t.Helper()
	mustStore(t, owner.publish(room, newEvent(t, owner.id, room, model.KindRole, model.RolePayload{User: user, Role: role})))
}
