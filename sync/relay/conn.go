package relay

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// errClosing is returned by a blocking send on a connection being closed.
var errClosing = errors.New("connection closing")

// conn is one client's WebSocket: a reader goroutine (readLoop) that handles
// every message in order, and a writer goroutine (writeLoop) that drains the
// bounded send queue. Fan-out never waits for a client: if its queue is
// full, it is dropped with CloseSlowConsumer.
type conn struct {
	r       *Relay
	ws      *websocket.Conn
	addr    string
	addrLim *rate.Limiter
	lim     *rate.Limiter
	quota   *connQuota
	send    chan []byte

	closeOnce sync.Once
	closing   chan struct{}
	closeCode protocol.CloseCode
	closeMsg  string

	// Set by the handshake, read-only afterwards.
	state     int
	challenge *protocol.Challenge
	hello     *protocol.Hello
	strikes   int

	mu    sync.Mutex
	rooms map[model.ScriptID]*connRoom
	// backlog holds live batches that found the send queue full, and
	// backlogN counts their entries.
	backlog  []*Batch
	backlogN int
}

// Handshake states.
const (
	awaitHello = iota
	awaitAuth
	ready
)

// connRoom is a joined room. While its replay is sent, live entries wait in
// pending so that the client receives the room's log in order.
type connRoom struct {
	replaying bool
	pending   []protocol.Entry
}

func newConn(r *Relay, ws *websocket.Conn, addr string, addrLim *rate.Limiter) *conn {
	return &conn{
		r:       r,
		ws:      ws,
		addr:    addr,
		addrLim: addrLim,
		lim:     rate.NewLimiter(r.cfg.ConnRate, r.cfg.ConnBurst),
		quota:   r.quotas.newConnQuota(addr),
		send:    make(chan []byte, r.cfg.SendQueue),
		closing: make(chan struct{}),
	}
}

// closeWith starts closing the connection with code: the writer sends what
// is queued, then the close frame; the TCP connection is dropped once the
// client answers or after a grace period. It never blocks.
func (c *conn) closeWith(code protocol.CloseCode, msg string) {
	c.closeOnce.Do(func() {
		c.closeCode, c.closeMsg = code, msg
		if code != protocol.CloseNormal {
			c.r.metrics.closed.WithLabelValues(strconv.Itoa(int(code))).Inc()
		}
		close(c.closing)
		time.AfterFunc(3*closeGrace, func() { c.ws.Close() })
	})
}

// writeLoop is the connection's only writer of data frames.
func (c *conn) writeLoop() {
	ping := time.NewTicker(pingPeriod)
	defer ping.Stop()
	for {
		select {
		case frame := <-c.send:
			c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			err := c.ws.WriteMessage(websocket.TextMessage, frame)
			if err == nil {
				err = c.writeBacklog()
			}
			if err != nil {
				c.closeWith(protocol.CloseNormal, "")
				c.ws.Close()
				return
			}
		case <-ping.C:
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeWait)); err != nil {
				c.closeWith(protocol.CloseNormal, "")
				c.ws.Close()
				return
			}
		case <-c.closing:
			// Flush what is queued (errors explaining the close), briefly.
			deadline := time.Now().Add(closeGrace)
			c.ws.SetWriteDeadline(deadline)
			for flushing := true; flushing; {
				select {
				case frame := <-c.send:
					if c.ws.WriteMessage(websocket.TextMessage, frame) != nil {
						flushing = false
					}
				default:
					flushing = false
				}
			}
			c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(int(c.closeCode), c.closeMsg), deadline)
			time.AfterFunc(closeGrace, func() { c.ws.Close() })
			return
		}
	}
}

// readLoop reads and handles messages until the connection fails or closes,
// then cleans up.
func (c *conn) readLoop() {
	defer c.finish()
	c.ws.SetReadLimit(protocol.MaxMessageBytes)
	c.ws.SetReadDeadline(time.Now().Add(c.r.cfg.HandshakeTimeout))
	for {
		buf, err := c.read()
		if err != nil {
			c.readFailed(err)
			return
		}
		select {
		case <-c.closing:
			putReadBuffer(buf)
			continue // read until the client's close reply
		default:
		}
		c.handle(buf.Bytes())
		putReadBuffer(buf)
		if c.state == ready {
			// Any message proves the client alive, and a long replay must
			// not count against it.
			c.ws.SetReadDeadline(time.Now().Add(pongWait))
		}
	}
}

// readBuffers holds the buffers messages are read into: handle copies
// what it keeps (decoding does), so one buffer serves message after
// message, and an idle connection, waiting for its next frame, holds none.
var readBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledRead is the largest buffer put back in readBuffers: a rare big
// message's buffer is left to the collector.
const maxPooledRead = 64 << 10

// read reads the next message into a buffer from readBuffers, which the
// caller gives back with putReadBuffer once done with its bytes.
func (c *conn) read() (*bytes.Buffer, error) {
	_, r, err := c.ws.NextReader()
	if err != nil {
		return nil, err
	}
	buf := readBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	if _, err := buf.ReadFrom(r); err != nil {
		putReadBuffer(buf)
		return nil, err
	}
	return buf, nil
}

func putReadBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledRead {
		readBuffers.Put(buf)
	}
}

func (c *conn) readFailed(err error) {
	var ne net.Error
	switch {
	case errors.Is(err, websocket.ErrReadLimit):
		// gorilla has sent the close frame (1009). Read away the rest of the
		// frame so that closing the socket does not reset the connection
		// before the client has read the close.
		c.r.metrics.rejected.WithLabelValues("too_big").Inc()
		c.r.metrics.closed.WithLabelValues(strconv.Itoa(int(protocol.CloseTooBig))).Inc()
		c.r.log.Warn("frame over the read limit", "addr", c.addr, "user", c.user().Short())
		nc := c.ws.NetConn()
		nc.SetReadDeadline(time.Now().Add(closeGrace))
		io.Copy(io.Discard, io.LimitReader(nc, 16*protocol.MaxMessageBytes))
	case c.state != ready && errors.As(err, &ne) && ne.Timeout():
		c.closeWith(protocol.CloseAuthTimeout, "handshake not finished in time")
		<-time.After(closeGrace / 4) // let the writer send the close frame
	}
}

// finish runs once, when the reader stops: it leaves every room.
func (c *conn) finish() {
	c.mu.Lock()
	rooms := c.rooms
	c.rooms = nil
	c.mu.Unlock()
	for id := range rooms {
		c.r.backend.Unsubscribe(id, c)
		c.signalGone(id)
	}
	c.closeWith(protocol.CloseNormal, "")
	c.ws.Close()
	c.quota.release()
	c.r.forget(c)
}

func (c *conn) user() model.UserID {
	if c.hello == nil {
		return ""
	}
	return c.hello.User
}

// enqueue waits for room in the send queue; for answers to the client's own
// requests, which it is waiting for.
func (c *conn) enqueue(frame []byte) error {
	select {
	case c.send <- frame:
		return nil
	case <-c.closing:
		return errClosing
	}
}

// reply encodes and queues an answer.
func (c *conn) reply(m protocol.Message) {
	frame, err := protocol.Encode(m)
	if err != nil {
		c.r.log.Error("encode reply", "type", m.Type(), "err", err)
		return
	}
	c.enqueue(frame)
}

// fail answers a message with a typed error and counts it.
func (c *conn) fail(ref string, room model.ScriptID, err error) *protocol.ErrorMsg {
	m := protocol.NewErrorMsg(ref, room, err)
	c.r.metrics.rejected.WithLabelValues(string(m.Code)).Inc()
	c.reply(m)
	return m
}

// Deliver implements Subscriber.
func (c *conn) Deliver(b *Batch) {
	if c.lostRights(b) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cr := c.rooms[b.Room]
	if cr == nil {
		return
	}
	if cr.replaying {
		if len(cr.pending)+len(b.Entries) > c.r.cfg.MaxBacklog {
			c.closeWith(protocol.CloseSlowConsumer, "too far behind during replay")
			return
		}
		cr.pending = append(cr.pending, b.Entries...)
		return
	}
	c.deliverLocked(b)
}

// deliverLocked queues a live batch, with c.mu held. When the send queue is
// full, batches wait in the backlog, which the writer drains (merged into
// fewer frames) as soon as the queue is empty; a client whose backlog
// passes Config.MaxBacklog entries is dropped. Events keep their order:
// once the backlog is in use, new batches join it.
func (c *conn) deliverLocked(b *Batch) {
	if len(c.backlog) == 0 {
		frame, err := b.Frame()
		if err != nil {
			c.r.log.Error("encode events", "room", b.Room, "err", err)
			return
		}
		select {
		case c.send <- frame:
			return
		default:
		}
	}
	if c.backlogN+len(b.Entries) > c.r.cfg.MaxBacklog {
		c.r.log.Warn("dropping slow client", "addr", c.addr, "user", c.user().Short())
		c.closeWith(protocol.CloseSlowConsumer, "too far behind")
		return
	}
	c.backlog = append(c.backlog, b)
	c.backlogN += len(b.Entries)
}

// writeBacklog writes the backlog once the send queue is empty.
func (c *conn) writeBacklog() error {
	for {
		c.mu.Lock()
		if len(c.send) > 0 || len(c.backlog) == 0 {
			c.mu.Unlock()
			return nil
		}
		batches := c.backlog
		c.backlog, c.backlogN = nil, 0
		c.mu.Unlock()
		frames, err := backlogFrames(batches)
		if err != nil {
			return err
		}
		for _, frame := range frames {
			c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.ws.WriteMessage(websocket.TextMessage, frame); err != nil {
				return err
			}
		}
	}
}

// backlogFrames encodes batches as events messages, merging consecutive
// batches of one room into messages of about replayBytes.
func backlogFrames(batches []*Batch) ([][]byte, error) {
	var frames [][]byte
	for len(batches) > 0 {
		room := batches[0].Room
		var entries []protocol.Entry
		for len(batches) > 0 && batches[0].Room == room {
			entries = append(entries, batches[0].Entries...)
			batches = batches[1:]
		}
		for len(entries) > 0 {
			n := entriesThatFit(entries)
			frame, err := protocol.Encode(&protocol.Events{Room: room, Events: entries[:n]})
			if err != nil {
				return nil, err
			}
			frames = append(frames, frame)
			entries = entries[n:]
		}
	}
	return frames, nil
}

// entriesThatFit counts the leading entries that fit in one message of about
// replayBytes, at least one.
func entriesThatFit(entries []protocol.Entry) int {
	n, size := 0, 0
	for n < len(entries) && (n == 0 || size < replayBytes) {
		size += len(entries[n].Event.Payload) + 2*len(entries[n].Event.Sig) + 400
		n++
	}
	return n
}

// Signal implements Subscriber: presence is dropped, not queued, when the
// client's queue is half full, so that it never crowds out events.
func (c *conn) Signal(frame []byte) {
	if len(c.send) >= cap(c.send)/2 {
		return
	}
	select {
	case c.send <- frame:
	default:
	}
}

func newNonce() []byte {
	b := make([]byte, protocol.NonceSize)
	rand.Read(b) // never fails on supported platforms
	return b
}

// lostRights reports, on a SharedBackend, whether b changes rights so that
// the user may no longer read the room: the rights may have changed
// through another relay, which cannot drop this relay's readers. The room
// is then left at once, before any later batch, and the client told.
func (c *conn) lostRights(b *Batch) bool {
	if _, shared := c.r.backend.(SharedBackend); !shared {
		return false
	}
	rights := false
	for _, e := range b.Entries {
		rights = rights || model.IsACLKind(e.Event.Kind)
	}
	if !rights {
		return false
	}
	// The first subscriber brings the room's rights up to the log.
	b.rights.Do(func() {
		if st, err := c.r.room(b.Room); err == nil {
			c.r.release(b.Room, st)
		}
	})
	if c.r.mayRead(b.Room, c.user()) {
		return false
	}
	c.mu.Lock()
	_, joined := c.rooms[b.Room]
	delete(c.rooms, b.Room)
	c.mu.Unlock()
	if joined {
		go func() {
			c.r.backend.Unsubscribe(b.Room, c)
			c.signalGone(b.Room)
			c.tellRevoked(b.Room)
		}()
	}
	return true
}
