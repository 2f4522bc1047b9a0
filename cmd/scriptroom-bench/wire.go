package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Reconnection: a client whose relay goes away tries the next URL at once,
// then waits between rounds, doubling from backoffMin to backoffMax.
const (
	backoffMin  = 50 * time.Millisecond
	backoffMax  = 2 * time.Second
	dialTimeout = 10 * time.Second
	writeWait   = 10 * time.Second
	// rateLimitedWait is how long a client waits before sending again
	// what the relay refused for its rate.
	rateLimitedWait = 250 * time.Millisecond
	// firstDialWait is how long a client's first connection is retried,
	// once its turn to connect has come, before the run gives up.
	firstDialWait = 30 * time.Second
	// firstDials is how many clients make their first connection at once:
	// a relay limits messages and new connections per client address, and
	// a thousand clients from one machine wait their turn rather than
	// crowd it.
	firstDials = 8
)

// wire is one client's connection, moved from relay to relay.
type wire struct {
	l    *load
	id   *model.Identity
	next int // index of the URL to dial next
	ws   *websocket.Conn
	// dialled is true once the first connection was made: later ones are
	// reconnections.
	dialled bool
}

func newWire(l *load, id *model.Identity, first int) *wire {
	return &wire{l: l, id: id, next: first % len(l.cfg.Relays)}
}

// connect dials the relays in turn from the next one until one accepts and
// authenticates, or ctx ends, and makes it the wire's connection.
func (w *wire) connect(ctx context.Context) error {
	ws, err := w.dial(ctx)
	if err == nil {
		w.ws = ws
	}
	return err
}

// dial is connect without keeping the connection: it may run in a
// goroutine of its own while the wire's owner goes on without one.
func (w *wire) dial(ctx context.Context) (*websocket.Conn, error) {
	if !w.dialled {
		select {
		case w.l.firstDials <- struct{}{}:
			defer func() { <-w.l.firstDials }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	wait, start := backoffMin, time.Now()
	for {
		var last error
		for range w.l.cfg.Relays {
			url := w.l.cfg.Relays[w.next]
			w.next = (w.next + 1) % len(w.l.cfg.Relays)
			ws, err := dialRelay(ctx, url, w.id)
			if err == nil {
				if w.dialled {
					w.l.reconnects.Add(1)
				}
				w.dialled = true
				// Stay on this relay: the next dial after it goes away is
				// the URL after it.
				return ws, nil
			}
			last = err
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
		if !w.dialled && time.Since(start) > firstDialWait {
			// A first connection that no relay accepts for so long is a
			// wrong URL more often than an outage.
			return nil, last
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, backoffMax)
	}
}

// close drops the connection, if any.
func (w *wire) close() {
	if w.ws != nil {
		w.ws.Close()
		w.ws = nil
	}
}

// send writes one message.
func (w *wire) send(m protocol.Message) error {
	data, err := protocol.Encode(m)
	if err != nil {
		return err
	}
	w.ws.SetWriteDeadline(time.Now().Add(writeWait))
	return w.ws.WriteMessage(websocket.TextMessage, data)
}

// dialRelay opens a WebSocket to url and authenticates as id.
func dialRelay(ctx context.Context, url string, id *model.Identity) (*websocket.Conn, error) {
	d := websocket.Dialer{HandshakeTimeout: dialTimeout, ReadBufferSize: 4096, WriteBufferSize: 4096}
	ws, _, err := d.DialContext(ctx, url, http.Header{})
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", url, err)
	}
	ws.SetReadLimit(protocol.MaxRelayMessageBytes)
	if err := handshake(ws, id); err != nil {
		ws.Close()
		return nil, fmt.Errorf("handshake with %s: %w", url, err)
	}
	return ws, nil
}

// handshake runs hello, challenge, auth and welcome.
func handshake(ws *websocket.Conn, id *model.Identity) error {
	deadline := time.Now().Add(dialTimeout)
	ws.SetReadDeadline(deadline)
	ws.SetWriteDeadline(deadline)
	defer ws.SetReadDeadline(time.Time{})
	write := func(m protocol.Message) error {
		data, err := protocol.Encode(m)
		if err != nil {
			return err
		}
		return ws.WriteMessage(websocket.TextMessage, data)
	}
	if err := write(&protocol.Hello{Version: protocol.Version, User: id.ID(), Name: id.Name, Client: "scriptroom-bench"}); err != nil {
		return err
	}
	m, err := readMessage(ws)
	if err != nil {
		return err
	}
	ch, ok := m.(*protocol.Challenge)
	if !ok {
		return unexpected(m, "a challenge")
	}
	if err := write(&protocol.Auth{Sig: id.Sign(protocol.AuthMessage(ch, id.ID()))}); err != nil {
		return err
	}
	if m, err = readMessage(ws); err != nil {
		return err
	}
	if _, ok := m.(*protocol.Welcome); !ok {
		return unexpected(m, "welcome")
	}
	return nil
}

// readMessage reads and decodes one message.
func readMessage(ws *websocket.Conn) (protocol.Message, error) {
	_, data, err := ws.ReadMessage()
	if err != nil {
		return nil, err
	}
	return protocol.Decode(data)
}

// unexpected describes a message that is not the one awaited; an error
// message says what the relay refused.
func unexpected(m protocol.Message, want string) error {
	if e, ok := m.(*protocol.ErrorMsg); ok {
		return fmt.Errorf("the relay answered with an error: %w", e.Err())
	}
	return fmt.Errorf("got %s, want %s", m.Type(), want)
}
