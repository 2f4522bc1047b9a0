package client

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Connection timing, after gorilla/websocket's chat example.
const (
	// writeWait is how long one write may take before the connection is
	// considered dead.
	writeWait = 10 * time.Second
	// pongWait is how long the client waits for any frame from the relay.
	// The relay pings every 54 s, so a live relay is always heard within
	// it; a dead one (a laptop that slept, a cut cable) is noticed.
	pongWait = 70 * time.Second
	// handshakeWait is how long hello, challenge, auth and welcome may take.
	handshakeWait = 10 * time.Second
	// maxMessageSize is the client's read limit: the largest message a
	// relay sends.
	maxMessageSize = protocol.MaxRelayMessageBytes
)

// Conn is one connection to a relay: whole text messages in and out. The
// client calls ReadMessage from its reader goroutine and WriteMessage from
// its writer goroutine only, and Close from either.
type Conn interface {
	// ReadMessage returns the next message; after an error the connection
	// is dead. A close frame from the relay is a *websocket.CloseError.
	ReadMessage() ([]byte, error)
	// WriteMessage sends one message.
	WriteMessage(data []byte) error
	// Close drops the connection, unblocking ReadMessage.
	Close() error
}

// Dialer opens connections. Tests give the client one that injects faults.
type Dialer interface {
	Dial(ctx context.Context, url string) (Conn, error)
}

// WebSocketDialer is the real Dialer: a gorilla WebSocket with the read
// limit, deadlines and ping answers the protocol asks for.
type WebSocketDialer struct {
	// Header is sent with the upgrade request (no Origin: native clients
	// send none).
	Header http.Header
	// Dialer is gorilla's dialer; nil means websocket.DefaultDialer.
	Dialer *websocket.Dialer
}

// Dial implements Dialer.
func (d WebSocketDialer) Dial(ctx context.Context, url string) (Conn, error) {
	wd := d.Dialer
	if wd == nil {
		wd = websocket.DefaultDialer
	}
	ws, resp, err := wd.DialContext(ctx, url, d.Header)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("dial %s: %w (HTTP %s)", url, err, resp.Status)
		}
		return nil, fmt.Errorf("dial %s: %w", url, err)
	}
	ws.SetReadLimit(maxMessageSize)
	ws.SetReadDeadline(time.Now().Add(pongWait))
	ws.SetPingHandler(func(data string) error {
		ws.SetReadDeadline(time.Now().Add(pongWait))
		// WriteControl may be called concurrently with the writer.
		err := ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(writeWait))
		if err == websocket.ErrCloseSent {
			return nil
		}
		return err
	})
	return &wsConn{ws: ws}, nil
}

type wsConn struct{ ws *websocket.Conn }

func (c *wsConn) ReadMessage() ([]byte, error) {
	_, data, err := c.ws.ReadMessage()
	if err == nil {
		c.ws.SetReadDeadline(time.Now().Add(pongWait))
	}
	return data, err
}

func (c *wsConn) WriteMessage(data []byte) error {
	c.ws.SetWriteDeadline(time.Now().Add(writeWait))
	return c.ws.WriteMessage(websocket.TextMessage, data)
}

func (c *wsConn) Close() error { return c.ws.Close() }
