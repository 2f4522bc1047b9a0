package client

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gorilla/websocket"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// session is one connection's state. Only Run's goroutine touches it; the
// reader goroutine only hands it decoded messages.
type session struct {
	c    *Client
	conn Conn
	now  time.Time

	rooms    map[model.ScriptID]*roomSync
	inflight map[string]*publishReq
	sending  map[model.EventID]string // event id → ref of the publish carrying it
	nextRef  uint64
	// dirty means the outbox may hold events not in flight.
	dirty bool
	// holdUntil delays the next flush after the relay asked to slow down.
	holdUntil time.Time
	// quotaHeld holds, per room, the events the relay refused for a quota
	// until then (client_quota.go).
	quotaHeld map[model.ScriptID]time.Time
	pending   int
	presence  map[model.ScriptID]uint64 // presence version sent per room
}

// roomSync is a joined room's progress on this connection.
type roomSync struct {
	// cursor is the highest seq up to which every event is stored.
	cursor uint64
	// above holds the seqs received beyond a gap.
	above map[uint64]bool
	// known is the highest seq known to exist (events, joined, acks).
	known uint64
	// gapSince is when cursor < known was first seen; zero without a gap.
	gapSince time.Time
	// joinRef is the pending join's ref; "" once answered.
	joinRef  string
	joinSent time.Time
	joined   bool
}

type publishReq struct {
	room model.ScriptID
	ids  []model.EventID
	sent time.Time
}

// incoming is what the reader hands over: a message or the error that
// ended the connection.
type incoming struct {
	msg protocol.Message
	err error
}

// connect dials, authenticates and runs the connection until it fails or
// ctx ends. welcomed reports whether authentication succeeded.
func (c *Client) connect(ctx context.Context) (welcomed bool, err error) {
	conn, err := c.cfg.Dialer.Dial(ctx, c.cfg.URL)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	// The handshake runs before the reader starts, on this goroutine; a
	// timer drops a relay that does not answer.
	hsTimer := time.AfterFunc(handshakeWait, func() { conn.Close() })
	err = c.handshake(conn)
	if !hsTimer.Stop() && err != nil {
		err = fmt.Errorf("handshake timed out after %v: %w", handshakeWait, err)
	}
	if err != nil {
		return false, err
	}

	msgs := make(chan incoming, 16)
	done := make(chan struct{})
	defer close(done)
	go readLoop(conn, msgs, done)

	s := &session{
		c:        c,
		conn:     conn,
		rooms:    map[model.ScriptID]*roomSync{},
		inflight: map[string]*publishReq{},
		sending:  map[model.EventID]string{},
		presence: map[model.ScriptID]uint64{},
		dirty:    true,
	}
	return true, s.run(ctx, msgs)
}

// readLoop is the connection's only reader: it decodes each frame and hands
// it to the session, then the error that ended the connection.
func readLoop(conn Conn, msgs chan<- incoming, done <-chan struct{}) {
	for {
		data, err := conn.ReadMessage()
		var in incoming
		if err != nil {
			in.err = err
		} else if in.msg, err = protocol.Decode(data); err != nil {
			continue // a newer relay's message; nothing to do with it
		}
		select {
		case msgs <- in:
		case <-done:
			return
		}
		if in.err != nil {
			return
		}
	}
}

func (c *Client) handshake(conn Conn) error {
	id := c.cfg.Identity
	if err := send(conn, &protocol.Hello{Version: protocol.Version, User: id.ID(), Name: truncate(id.Name, protocol.MaxNameLength), Client: clientName}); err != nil {
		return err
	}
	m, err := readOne(conn)
	if err != nil {
		return err
	}
	ch, ok := m.(*protocol.Challenge)
	if !ok {
		return unexpected(m)
	}
	if err := send(conn, &protocol.Auth{Sig: id.Sign(protocol.AuthMessage(ch, id.ID()))}); err != nil {
		return err
	}
	if m, err = readOne(conn); err != nil {
		return err
	}
	w, ok := m.(*protocol.Welcome)
	if !ok || w.User != id.ID() {
		return unexpected(m)
	}
	c.mu.Lock()
	c.wholeTexts = w.RevisionPayloads < model.RevisionDelta
	c.mu.Unlock()
	return nil
}

func readOne(conn Conn) (protocol.Message, error) {
	data, err := conn.ReadMessage()
	if err != nil {
		return nil, closeErr(err)
	}
	m, err := protocol.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHandshake, err)
	}
	return m, nil
}

// unexpected describes a message out of place in the handshake; a relay's
// refusal of the version or the signature is terminal.
func unexpected(m protocol.Message) error {
	if e, ok := m.(*protocol.ErrorMsg); ok {
		err := e.Err()
		if errors.Is(err, protocol.ErrBadVersion) || errors.Is(err, protocol.ErrAuthFailed) {
			return fmt.Errorf("%w: %w", ErrTerminal, err)
		}
		return fmt.Errorf("%w: %w", ErrHandshake, err)
	}
	return fmt.Errorf("%w: %s", ErrHandshake, m.Type())
}

// closeErr classifies the error that ended a connection by its close code.
func closeErr(err error) error {
	var ce *websocket.CloseError
	if errors.As(err, &ce) && ce.Code >= 4500 && ce.Code < 5000 {
		return fmt.Errorf("%w: closed with %d %s", ErrTerminal, ce.Code, ce.Text)
	}
	return err
}

func isRateLimited(err error) bool {
	var ce *websocket.CloseError
	return errors.As(err, &ce) && ce.Code == int(protocol.CloseRateLimited)
}

func send(conn Conn, m protocol.Message) error {
	data, err := protocol.Encode(m)
	if err != nil {
		return err
	}
	if err := conn.WriteMessage(data); err != nil {
		return fmt.Errorf("send %s: %w", m.Type(), err)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// tickOf is how often the session checks its timers.
func (c *Client) tickOf() time.Duration {
	d := min(c.cfg.AckTimeout, c.cfg.GapWait, c.cfg.ResyncEvery) / 2
	return max(d, time.Millisecond)
}

// run is the connection's writer loop: it owns the session's state, handles
// the reader's messages and the client's wake-ups, and checks its timers.
func (s *session) run(ctx context.Context, msgs <-chan incoming) error {
	tick := time.NewTicker(s.c.tickOf())
	defer tick.Stop()
	s.now = time.Now()
	if err := s.syncRooms(); err != nil {
		return err
	}
	for {
		if err := s.flush(); err != nil {
			return err
		}
		if err := s.sendPresence(); err != nil {
			return err
		}
		s.reportStatus()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case in := <-msgs:
			s.now = time.Now()
			if in.err != nil {
				return closeErr(in.err)
			}
			if err := s.handle(in.msg); err != nil {
				return err
			}
		case <-s.c.wake:
			s.now = time.Now()
			s.dirty = true
			if err := s.syncRooms(); err != nil {
				return err
			}
		case <-tick.C:
			s.now = time.Now()
			if err := s.timers(); err != nil {
				return err
			}
		}
	}
}

func (s *session) ref(kind string) string {
	s.nextRef++
	return kind + strconv.FormatUint(s.nextRef, 10)
}

// syncRooms joins the store's rooms not joined on this connection yet, and
// leaves those the store no longer lists.
func (s *session) syncRooms() error {
	rooms, err := s.c.cfg.Store.Rooms()
	if err != nil {
		return err
	}
	want := make(map[model.ScriptID]bool, len(rooms))
	for _, room := range rooms {
		want[room] = true
		if s.rooms[room] == nil {
			s.rooms[room] = &roomSync{}
			if err := s.join(room); err != nil {
				return err
			}
		}
	}
	for room := range s.rooms {
		if !want[room] {
			delete(s.rooms, room)
			delete(s.presence, room)
			if err := send(s.conn, &protocol.Leave{Room: room}); err != nil {
				return err
			}
		}
	}
	return nil
}

// join (re-)joins room from its stored cursor.
func (s *session) join(room model.ScriptID) error {
	rs := s.rooms[room]
	cur, err := s.c.cfg.Store.Cursor(room)
	if err != nil {
		return err
	}
	if cur > rs.cursor {
		rs.cursor = cur
	}
	for seq := range rs.above {
		if seq <= rs.cursor {
			delete(rs.above, seq)
		}
	}
	rs.joinRef, rs.joinSent, rs.gapSince = s.ref("j"), s.now, time.Time{}
	// Ask for the event at the cursor again: the store checks that the
	// relay still has it there (a relay restored from a backup does not).
	since := rs.cursor
	if since > 0 {
		since--
	}
	s.c.log.Debug("join", "room", room, "since", since, "ref", rs.joinRef)
	return send(s.conn, &protocol.Join{Ref: rs.joinRef, Room: room, Since: since})
}

// timers resends unanswered publishes and joins, and re-joins rooms with a
// lasting gap or not re-synced for ResyncEvery.
func (s *session) timers() error {
	cfg := s.c.cfg
	s.endQuotaHolds()
	for ref, p := range s.inflight {
		if s.now.Sub(p.sent) >= cfg.AckTimeout {
			s.c.log.Debug("publish unanswered", "ref", ref, "events", len(p.ids))
			s.settle(ref)
			s.dirty = true
		}
	}
	for room, rs := range s.rooms {
		var again bool
		switch {
		case rs.joinRef != "":
			again = s.now.Sub(rs.joinSent) >= cfg.AckTimeout
		case !rs.gapSince.IsZero():
			again = s.now.Sub(rs.gapSince) >= cfg.GapWait
		default:
			again = s.now.Sub(rs.joinSent) >= cfg.ResyncEvery
		}
		if again {
			if err := s.join(room); err != nil {
				return err
			}
		}
	}
	return nil
}

// settle forgets a publish in flight, so its events can be sent again.
func (s *session) settle(ref string) {
	p := s.inflight[ref]
	if p == nil {
		return
	}
	for _, id := range p.ids {
		if s.sending[id] == ref {
			delete(s.sending, id)
		}
	}
	delete(s.inflight, ref)
}

// flush sends the outbox's events that are not in flight, grouped by room
// in outbox order, in publishes within the protocol's limits.
func (s *session) flush() error {
	if !s.dirty {
		return nil
	}
	st := s.c.cfg.Store
	evs, err := st.Outbox("")
	if err != nil {
		return err
	}
	s.pending = len(evs)
	if len(s.inflight) >= maxInflight || s.now.Before(s.holdUntil) {
		return nil // still dirty: flushed after the next ack or tick
	}
	s.dirty = false
	var order []model.ScriptID
	byRoom := map[model.ScriptID][]*model.Event{}
	for _, ev := range evs {
		if _, busy := s.sending[ev.ID]; busy {
			continue
		}
		if byRoom[ev.Room] == nil {
			order = append(order, ev.Room)
		}
		byRoom[ev.Room] = append(byRoom[ev.Room], ev)
	}
	for _, room := range order {
		if s.quotaHolds(room) {
			continue // sent again when the hold ends
		}
		batch, size := []*model.Event(nil), 0
		for _, ev := range byRoom[room] {
			n := eventSize(ev)
			if n > publishBudget {
				if _, err := st.Ack([]model.EventID{ev.ID}); err != nil {
					return err
				}
				s.c.report(fmt.Errorf("%w: event %s is %d bytes", ErrEventTooLarge, ev.ID.Short(), n))
				continue
			}
			if len(batch) == protocol.MaxEventsPerPublish || size+n > publishBudget {
				if err := s.publish(room, batch); err != nil {
					return err
				}
				batch, size = nil, 0
			}
			batch, size = append(batch, ev), size+n
			if len(s.inflight) >= maxInflight {
				s.dirty = true
				break
			}
		}
		if len(batch) > 0 {
			if err := s.publish(room, batch); err != nil {
				return err
			}
		}
		if len(s.inflight) >= maxInflight {
			s.dirty = true
			break
		}
	}
	return nil
}

// eventSize estimates an event's encoded size: JSON escaping and base64
// stay well under twice the raw size.
func eventSize(ev *model.Event) int {
	return 2*len(ev.Payload) + 2*len(ev.Sig) + len(ev.Room) + len(ev.Author) + len(ev.ID) + len(ev.Kind) + 128
}

func (s *session) publish(room model.ScriptID, events []*model.Event) error {
	ref := s.ref("p")
	p := &publishReq{room: room, sent: s.now}
	for _, ev := range events {
		p.ids = append(p.ids, ev.ID)
		s.sending[ev.ID] = ref
	}
	s.inflight[ref] = p
	s.c.log.Debug("publish", "room", room, "ref", ref, "events", len(events))
	return send(s.conn, &protocol.Publish{Ref: ref, Room: room, Events: events})
}

// sendPresence sends the presence that changed in the joined rooms.
func (s *session) sendPresence() error {
	for room, p := range s.c.presenceSnapshot() {
		rs := s.rooms[room]
		if rs == nil || !rs.joined || s.presence[room] == p.version {
			continue
		}
		s.presence[room] = p.version
		if err := send(s.conn, &protocol.Presence{Room: room, Scene: p.scene, Typing: p.typing}); err != nil {
			return err
		}
	}
	return nil
}

// reportStatus reports syncing or online.
func (s *session) reportStatus() {
	st := Status{State: StateOnline, Pending: s.pending}
	for _, rs := range s.rooms {
		if rs.joinRef != "" || rs.cursor < rs.known {
			st.CatchingUp++
		}
	}
	if st.Pending > 0 || st.CatchingUp > 0 {
		st.State = StateSyncing
	}
	s.c.setStatus(st)
}

// timeZero clears a time.Time.
var timeZero time.Time
