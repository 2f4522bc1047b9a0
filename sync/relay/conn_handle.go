package relay

import (
	"errors"
	"fmt"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// handle takes one message through the rate limits, the decoder and the
// handshake state, to its handler.
func (c *conn) handle(data []byte) {
	var limited error
	if !c.lim.Allow() || !c.addrLim.Allow() {
		limited = protocol.ErrRateLimited
	} else {
		limited = c.quota.chain.takeBytes(len(data), time.Now())
	}
	if limited != nil {
		c.strike(protocol.CloseRateLimited)
		m := protocol.NewErrorMsg("", "", limited)
		c.r.metrics.rejected.WithLabelValues(string(m.Code)).Inc()
		if frame, err := protocol.Encode(m); err == nil {
			c.Signal(frame) // dropped if the flooder is not reading
		}
		return
	}
	msg, err := protocol.Decode(data)
	if err != nil {
		c.strike(protocol.CloseProtocolError)
		c.fail("", "", err)
		return
	}
	if c.state != ready {
		c.handshake(msg)
		return
	}
	c.strikes = 0
	switch m := msg.(type) {
	case *protocol.Join:
		c.join(m)
	case *protocol.Leave:
		c.leave(m.Room)
	case *protocol.Publish:
		c.publish(m)
	case *protocol.Presence:
		c.presence(m)
	case *protocol.Hello, *protocol.Auth:
		c.fail("", "", fmt.Errorf("%w: already authenticated", protocol.ErrBadMessage))
	default:
		c.fail("", "", fmt.Errorf("%w: relays do not accept %s messages", protocol.ErrBadMessage, msg.Type()))
	}
}

// strike counts a refused message; too many in a row close the connection.
func (c *conn) strike(code protocol.CloseCode) {
	c.strikes++
	if c.strikes > maxStrikes {
		c.r.log.Warn("closing misbehaving client", "addr", c.addr, "user", c.user().Short(), "code", int(code))
		c.closeWith(code, "too many refused messages")
	}
}

// handshake runs hello → challenge → auth → welcome.
func (c *conn) handshake(msg protocol.Message) {
	switch m := msg.(type) {
	case *protocol.Hello:
		if c.state != awaitHello {
			break
		}
		if m.Version != protocol.Version {
			c.fail("", "", fmt.Errorf("%w: client speaks %d, relay speaks %d", protocol.ErrBadVersion, m.Version, protocol.Version))
			c.closeWith(protocol.CloseBadVersion, "unsupported protocol version")
			return
		}
		c.hello = m
		c.challenge = &protocol.Challenge{Version: protocol.Version, Nonce: newNonce(), Relay: c.r.cfg.Name}
		c.state = awaitAuth
		c.reply(c.challenge)
		return
	case *protocol.Auth:
		if c.state != awaitAuth {
			break
		}
		if err := model.Verify(c.hello.User, protocol.AuthMessage(c.challenge, c.hello.User), m.Sig); err != nil {
			c.fail("", "", fmt.Errorf("%w: %v", protocol.ErrAuthFailed, err))
			c.closeWith(protocol.CloseAuthFailed, "authentication failed")
			return
		}
		c.state = ready
		c.quota.authenticated(c.hello.User)
		c.ws.SetReadDeadline(time.Now().Add(pongWait))
		c.ws.SetPongHandler(func(string) error {
			c.ws.SetReadDeadline(time.Now().Add(pongWait))
			return nil
		})
		c.reply(&protocol.Welcome{User: c.hello.User, MaxMessageBytes: protocol.MaxMessageBytes, MaxEventsPerPublish: protocol.MaxEventsPerPublish,
			RevisionPayloads: model.RevisionDelta})
		c.r.log.Debug("authenticated", "addr", c.addr, "user", c.hello.User.Short(), "client", c.hello.Client)
		return
	}
	c.fail("", "", fmt.Errorf("%w: %s before the handshake finished", protocol.ErrNotAuthenticated, msg.Type()))
	c.closeWith(protocol.CloseProtocolError, "handshake out of order")
}

// join checks the user may read the room, subscribes, replays the log after
// the client's cursor and switches the room to live.
func (c *conn) join(m *protocol.Join) {
	st, err := c.r.room(m.Room)
	if err != nil {
		c.r.log.Error("load room", "room", m.Room, "err", err)
		c.fail(m.Ref, m.Room, protocol.ErrInternal)
		return
	}
	exists, role := st.acl.Exists(), st.acl.RoleOf(c.hello.User)
	c.r.release(m.Room, st)
	switch {
	case !exists:
		c.fail(m.Ref, m.Room, protocol.ErrNoRoom)
		return
	case !role.Allows(model.RoleReader):
		c.fail(m.Ref, m.Room, fmt.Errorf("%w: %s may not read this room", protocol.ErrForbidden, c.hello.User.Short()))
		return
	}
	c.leave(m.Room)
	cr := &connRoom{replaying: true}
	c.mu.Lock()
	if c.rooms == nil {
		c.rooms = map[model.ScriptID]*connRoom{}
	}
	c.rooms[m.Room] = cr
	c.mu.Unlock()
	head, err := c.r.backend.Subscribe(m.Room, c)
	if err == nil {
		err = c.replay(m.Room, m.Since, head)
	}
	if err != nil {
		c.leave(m.Room)
		if !errors.Is(err, errClosing) {
			c.r.log.Error("replay", "room", m.Room, "err", err)
			c.fail(m.Ref, m.Room, protocol.ErrInternal)
		}
		return
	}
	joined, err := protocol.Encode(&protocol.Joined{Ref: m.Ref, Room: m.Room, Role: role, Head: head})
	if err != nil {
		return
	}
	// Live batches still wait in cr.pending while joined is queued.
	if c.enqueue(joined) != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(cr.pending) > 0 {
		c.deliverLocked(&Batch{Room: m.Room, Entries: cr.pending})
	}
	cr.replaying, cr.pending = false, nil
}

// replay sends the room's entries in (since, head], in messages of at most
// about replayBytes.
func (c *conn) replay(room model.ScriptID, since, head uint64) error {
	for after := since; after < head; {
		entries, err := c.r.backend.Read(room, after, replayBatch)
		if err != nil {
			return err
		}
		for len(entries) > 0 && entries[len(entries)-1].Seq > head {
			entries = entries[:len(entries)-1]
		}
		if len(entries) == 0 {
			return nil
		}
		for len(entries) > 0 {
			n := entriesThatFit(entries)
			frame, err := protocol.Encode(&protocol.Events{Room: room, Events: entries[:n]})
			if err != nil {
				return err
			}
			if err := c.enqueue(frame); err != nil {
				return err
			}
			after = entries[n-1].Seq
			entries = entries[n:]
		}
	}
	return nil
}

// leave unsubscribes from a room, telling the others the user is gone.
func (c *conn) leave(room model.ScriptID) {
	c.mu.Lock()
	_, joined := c.rooms[room]
	delete(c.rooms, room)
	c.mu.Unlock()
	if joined {
		c.r.backend.Unsubscribe(room, c)
		c.signalGone(room)
	}
}

func (c *conn) signalGone(room model.ScriptID) {
	if frame, err := protocol.Encode(&protocol.Presence{Room: room, User: c.user(), Name: c.hello.Name, Gone: true}); err == nil {
		c.r.backend.Signal(room, c, frame)
	}
}

// presence forwards the user's presence to the room's other connections.
func (c *conn) presence(m *protocol.Presence) {
	c.mu.Lock()
	_, joined := c.rooms[m.Room]
	c.mu.Unlock()
	if !joined {
		c.fail("", m.Room, protocol.ErrNotJoined)
		return
	}
	m.User, m.Name, m.Gone = c.hello.User, c.hello.Name, false
	if frame, err := protocol.Encode(m); err == nil {
		c.r.backend.Signal(m.Room, c, frame)
	}
}

// publish verifies each event, checks its author's role, stores the good
// ones (which fans them out) and acknowledges every one.
func (c *conn) publish(m *protocol.Publish) {
	start := time.Now()
	ack := &protocol.Ack{Ref: m.Ref, Room: m.Room, Results: make([]protocol.AckResult, len(m.Events))}
	var good []*model.Event
	var where []int
	// Events past the connection's, user's or address's budget are refused
	// before their signatures cost anything.
	admitted, limited := c.quota.chain.takeEvents(len(m.Events), time.Now())
	c.quota.count(c, admitted)
	for i, e := range m.Events {
		ack.Results[i].ID = e.ID
		if i >= admitted {
			c.reject(&ack.Results[i], limited)
			continue
		}
		err := e.Verify()
		if err == nil && e.Room != m.Room {
			err = fmt.Errorf("event %s: %w", e.ID.Short(), model.ErrWrongRoom)
		}
		if err != nil {
			c.reject(&ack.Results[i], err)
			continue
		}
		good = append(good, e)
		where = append(where, i)
	}
	if len(good) > 0 {
		c.store(m.Room, good, where, ack)
		c.r.metrics.fanout.Observe(time.Since(start).Seconds())
	}
	c.reply(ack)
}

func (c *conn) store(room model.ScriptID, good []*model.Event, where []int, ack *protocol.Ack) {
	st, err := c.r.roomSynced(room, false)
	if err != nil {
		c.r.log.Error("load room", "room", room, "err", err)
		for _, i := range where {
			c.reject(&ack.Results[i], protocol.ErrInternal)
		}
		return
	}
	now := c.r.cfg.Now()
	var appended []Appended
	if g, ok := c.r.backend.(groupAppender); ok {
		appended, err = c.storeGrouped(g, room, st, good, now)
	} else {
		appended, err = c.storeLocked(room, st, good, now)
	}
	c.r.release(room, st)
	if err != nil {
		c.r.log.Error("append", "room", room, "err", err)
		for _, i := range where {
			c.reject(&ack.Results[i], protocol.ErrInternal)
		}
		return
	}
	stored, rights := 0, false
	for k, a := range appended {
		res := &ack.Results[where[k]]
		switch {
		case a.Err != nil:
			c.reject(res, a.Err)
		default:
			res.Seq, res.Duplicate = a.Seq, a.Duplicate
			if !a.Duplicate {
				stored++
				rights = rights || model.IsACLKind(good[k].Kind)
			}
		}
	}
	c.r.metrics.stored.Add(float64(stored))
	if rights {
		c.r.dropRevokedReaders(room)
	}
}

// storeLocked appends with the room's lock held until the append is done:
// its rights are judged and applied by accept, and unloaded again if the
// append fails.
func (c *conn) storeLocked(room model.ScriptID, st *roomState, good []*model.Event, now time.Time) ([]Appended, error) {
	syncRights := rightsSync(c.r.backend, room, st)
	appended, err := c.r.backend.Append(room, good, func(e *model.Event, u Usage) error {
		if err := syncRights(e, u); err != nil {
			return err
		}
		if err := st.acl.Admit(e, now); err != nil {
			return err
		}
		if err := c.r.checkStorage(e, u); err != nil {
			return err
		}
		st.acl.Apply(e)
		if _, shared := c.r.backend.(SharedBackend); shared {
			st.head = u.Head + 1
		}
		return nil
	})
	if err != nil {
		st.loaded = false // the rights applied above were not stored
	}
	return appended, err
}

// storeGrouped appends without holding the room's lock while the append
// waits for the disk, so that publishes to one room share a commit. The
// committer calls accept for the room's events one at a time, in log
// order, and accept takes the lock to judge and apply each. Rights changes
// it applied are pending until settled, which the committer calls with the
// commit's outcome before it judges anything else: a failed commit unloads
// the rights (read again from the log next time), so that no later event
// is judged by rights that were not stored. st is locked on return.
func (c *conn) storeGrouped(g groupAppender, room model.ScriptID, st *roomState, good []*model.Event, now time.Time) ([]Appended, error) {
	st.mu.Unlock()
	applied := 0
	accept := func(e *model.Event, u Usage) error {
		st.mu.Lock()
		defer st.mu.Unlock()
		if !st.loaded {
			return fmt.Errorf("%w: the room's rights are being read again after a failed write; publish again", protocol.ErrInternal)
		}
		if err := st.acl.Admit(e, now); err != nil {
			return err
		}
		if err := c.r.checkStorage(e, u); err != nil {
			return err
		}
		st.acl.Apply(e)
		if model.IsACLKind(e.Kind) {
			st.pending++
			applied++
		}
		return nil
	}
	settled := func(err error) {
		st.mu.Lock()
		defer st.mu.Unlock()
		if err != nil {
			st.loaded = false // what was applied above was not stored
		}
		if st.pending -= applied; st.pending == 0 {
			st.settled.Broadcast()
		}
		applied = 0
	}
	appended, err := g.appendSettled(room, good, accept, settled)
	if applied > 0 { // failed before the committer settled it
		settled(err)
	}
	st.mu.Lock()
	return appended, err
}

// reject records a refused event in its ack result and counts it.
func (c *conn) reject(res *protocol.AckResult, err error) {
	res.Error = protocol.NewError(err)
	c.r.metrics.rejected.WithLabelValues(string(res.Error.Code)).Inc()
}

// dropRevokedReaders makes every connection joined to room whose user may no
// longer read it leave, with a forbidden error: after a role is revoked or
// the room made private, nothing more reaches them.
func (r *Relay) dropRevokedReaders(room model.ScriptID) {
	st, err := r.room(room)
	if err != nil {
		r.log.Error("load room", "room", room, "err", err)
		return
	}
	r.mu.Lock()
	conns := make([]*conn, 0, len(r.conns))
	for c := range r.conns {
		conns = append(conns, c)
	}
	r.mu.Unlock()
	var revoked []*conn
	for _, c := range conns {
		c.mu.Lock()
		_, joined := c.rooms[room]
		c.mu.Unlock()
		if joined && !st.acl.RoleOf(c.user()).Allows(model.RoleReader) {
			revoked = append(revoked, c)
		}
	}
	r.release(room, st)
	for _, c := range revoked {
		c.leave(room)
		c.tellRevoked(room)
	}
}

// tellRevoked tells the client it was made to leave room.
func (c *conn) tellRevoked(room model.ScriptID) {
	m := protocol.NewErrorMsg("", room, fmt.Errorf("%w: your access to this room was revoked", protocol.ErrForbidden))
	if frame, err := protocol.Encode(m); err == nil {
		select { // best effort: the leave has happened either way
		case c.send <- frame:
		default:
		}
	}
}

// mayRead reports whether user may read room by the rights held in
// memory; true when none are (nothing to judge by).
func (r *Relay) mayRead(room model.ScriptID, user model.UserID) bool {
	r.roomsMu.RLock()
	st := r.rooms[room]
	r.roomsMu.RUnlock()
	if st == nil {
		return true
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return !st.loaded || st.acl.RoleOf(user).Allows(model.RoleReader)
}

// rightsSync returns what brings a room's rights up to each event's
// Usage.Head before accept judges it, on a SharedBackend (a no-op on
// others): another relay may have stored entries since. An event offered
// again was not stored: if rights were applied since, they are read again
// from the log.
func rightsSync(b Backend, room model.ScriptID, st *roomState) func(*model.Event, Usage) error {
	sh, ok := b.(SharedBackend)
	if !ok {
		return func(*model.Event, Usage) error { return nil }
	}
	offered := map[*model.Event]uint64{}
	dirty := false // rights applied that may not be stored
	return func(e *model.Event, u Usage) error {
		if at, again := offered[e]; again {
			if dirty {
				st.loaded, dirty = false, false
			} else {
				st.head = at // e's own entry was not stored
			}
			clear(offered)
		}
		offered[e] = u.Head
		if err := st.catchUpTo(sh, room, u.Head); err != nil {
			return fmt.Errorf("%w: reading the room's rights: %v", protocol.ErrInternal, err)
		}
		dirty = dirty || model.IsACLKind(e.Kind)
		return nil
	}
}
