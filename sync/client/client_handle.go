package client

import (
	"errors"
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// handle acts on one message from the relay.
func (s *session) handle(m protocol.Message) error {
	switch m := m.(type) {
	case *protocol.Events:
		return s.events(m)
	case *protocol.Joined:
		return s.joined(m)
	case *protocol.Ack:
		return s.ack(m)
	case *protocol.Presence:
		if m.User != s.c.cfg.Identity.ID() && s.c.cfg.OnPresence != nil {
			s.c.cfg.OnPresence(*m)
		}
	case *protocol.ErrorMsg:
		return s.relayError(m)
	}
	return nil
}

// events stores a batch of a room's events in one transaction, advancing
// the cursor over the sequence numbers now held without a gap.
func (s *session) events(m *protocol.Events) error {
	rs := s.rooms[m.Room]
	if rs == nil {
		return nil // a room left since; its events come back on a join
	}
	if rs.above == nil {
		rs.above = map[uint64]bool{}
	}
	var entries []store.Entry
	for _, e := range m.Events {
		rs.known = max(rs.known, e.Seq)
		if rs.above[e.Seq] {
			continue // held already
		}
		// Events up to the cursor are held already too, but go to the
		// store, which checks that they sit at the same place: a join
		// asks for the event at the cursor again for that check.
		entries = append(entries, store.Entry{Seq: e.Seq, Event: e.Event})
	}
	if len(entries) == 0 {
		s.checkGap(rs)
		return nil
	}
	cursor := rs.cursor
	for _, e := range entries {
		if e.Seq > rs.cursor {
			rs.above[e.Seq] = true
		}
	}
	for rs.above[cursor+1] {
		cursor++
	}
	res, err := s.c.cfg.Store.ApplyEvents(m.Room, entries, cursor)
	if err != nil {
		// Nothing of the batch was stored: forget it, so that a re-join
		// from the stored cursor brings it again.
		for _, e := range entries {
			if e.Seq > rs.cursor {
				delete(rs.above, e.Seq)
			}
		}
		if errors.Is(err, store.ErrSeqTaken) {
			return s.reset(m.Room, err.Error())
		}
		return err
	}
	for seq := rs.cursor + 1; seq <= cursor; seq++ {
		delete(rs.above, seq)
	}
	rs.cursor = cursor
	for _, bad := range res.Rejected {
		s.c.report(newRoomError(m.Room, OpReceive, "", bad))
	}
	s.checkGap(rs)
	if len(res.Added) > 0 && s.c.cfg.OnEvents != nil {
		s.c.cfg.OnEvents(m.Room, res.Added)
	}
	return nil
}

// checkGap notes when the room's cursor starts lagging what is known to
// exist, so that timers re-join it if the gap stays open.
func (s *session) checkGap(rs *roomSync) {
	switch {
	case rs.cursor >= rs.known:
		rs.gapSince = timeZero
	case rs.gapSince.IsZero() && rs.joinRef == "":
		rs.gapSince = s.now
	}
}

// joined ends a room's replay.
func (s *session) joined(m *protocol.Joined) error {
	rs := s.rooms[m.Room]
	if rs == nil || m.Ref != rs.joinRef {
		return nil // an answer to an earlier join
	}
	rs.joinRef, rs.joined = "", true
	delete(s.presence, m.Room) // the relay forgot it: send it again
	if m.Head < rs.cursor {
		return s.reset(m.Room, fmt.Sprintf("the relay's log ends at %d, events up to %d are held here", m.Head, rs.cursor))
	}
	rs.known = max(rs.known, m.Head)
	s.checkGap(rs)
	return nil
}

// reset is for a relay that lost events of room (restored from a backup,
// or a new one): its log is shorter than the events held here, or holds
// others at their places. Every event stays held; the store queues them
// all for the relay again, and the room is fetched again from the start, so
// that this replica and the relay end up with the same log.
func (s *session) reset(room model.ScriptID, why string) error {
	if err := s.forget(room, why); err != nil {
		return err
	}
	return s.join(room)
}

// forget has the store hold every event of room without its sequence
// number and queue them for the relay (store.ResetRoom), and the session
// start the room's log from 0.
func (s *session) forget(room model.ScriptID, why string) error {
	n, err := s.c.cfg.Store.ResetRoom(room)
	if err != nil {
		return err
	}
	s.c.log.Warn("the relay lost events of this room; sending it the events held here", "room", room, "why", why, "held", n)
	if rs := s.rooms[room]; rs != nil {
		rs.cursor, rs.known, rs.above = 0, 0, nil
	}
	s.dirty = true
	return nil
}

// ack deletes from the outbox every event the relay stored, or refused for
// a reason that would not change on a retry.
func (s *session) ack(m *protocol.Ack) error {
	s.c.log.Debug("ack", "room", m.Room, "ref", m.Ref, "results", len(m.Results))
	s.settle(m.Ref)
	var done []model.EventID
	var overQuota []*protocol.Error
	for _, r := range m.Results {
		if r.Error != nil {
			if r.Error.Code == protocol.CodeRateLimited || r.Error.Code == protocol.CodeInternal {
				s.holdUntil = s.now.Add(s.c.cfg.AckTimeout)
				continue
			}
			if r.Error.Code == protocol.CodeQuotaExceeded { // kept until the quota is raised
				overQuota = append(overQuota, &protocol.Error{Code: r.Error.Code, Message: r.Error.Message})
				continue
			}
			s.c.report(newRoomError(m.Room, OpPublish, r.ID, &protocol.Error{Code: r.Error.Code, Message: r.Error.Message}))
		} else if rs := s.rooms[m.Room]; rs != nil && rs.joinRef == "" && r.Seq > rs.known {
			rs.known = r.Seq // it comes back through the room's stream
			s.checkGap(rs)
		}
		done = append(done, r.ID)
	}
	s.dirty = true
	if len(overQuota) > 0 {
		s.quotaRefused(m.Room, len(overQuota), overQuota[0])
	}
	if len(done) == 0 {
		return nil
	}
	deleted, err := s.c.cfg.Store.Ack(done)
	if err != nil {
		return err
	}
	if len(deleted) > 0 && s.c.cfg.OnAck != nil {
		s.c.cfg.OnAck(deleted)
	}
	return nil
}

// relayError handles an error message: a refused join waits for the next
// resync, a refused publish is sent again later, a revoked room is left.
func (s *session) relayError(m *protocol.ErrorMsg) error {
	err := m.Err()
	s.c.log.Debug("relay error", "room", m.Room, "ref", m.Ref, "err", err)
	if p := s.inflight[m.Ref]; m.Ref != "" && p != nil {
		s.settle(m.Ref)
		s.dirty = true
		s.holdUntil = s.now.Add(s.c.cfg.AckTimeout)
		if !errors.Is(err, protocol.ErrRateLimited) {
			s.c.report(newRoomError(m.Room, OpPublish, "", err))
		}
		return nil
	}
	if rs := s.rooms[m.Room]; rs != nil && m.Room != "" {
		if m.Ref == rs.joinRef || errors.Is(err, protocol.ErrForbidden) {
			// Not joined: try again at the next resync, not at once.
			rs.joinRef, rs.joined, rs.gapSince = "", false, timeZero
			rs.joinSent = s.now
			if errors.Is(err, protocol.ErrNoRoom) && m.Ref != "" {
				return s.relayForgotRoom(rs, m.Room)
			}
			s.c.report(newRoomError(m.Room, OpJoin, "", err))
			return nil
		}
	}
	if errors.Is(err, protocol.ErrRateLimited) {
		// A message refused before the relay read it (past a message or
		// bytes rate) has no ref: slow down; its publish is sent again once
		// unanswered for AckTimeout.
		s.holdUntil = s.now.Add(s.c.cfg.AckTimeout)
		return nil
	}
	if !errors.Is(err, protocol.ErrNotJoined) {
		s.c.report(fmt.Errorf("relay: %w", err))
	}
	return nil
}

// relayForgotRoom handles a join refused because the relay does not know
// the room. When events of it are held here, the relay lost them (a new
// relay, or one restored from before the room): they go back to it, and the
// join is tried again once GapWait has passed, when they have been stored.
// Otherwise the room may not have reached the relay yet: the join is tried
// again at the next resync, as for any refusal.
func (s *session) relayForgotRoom(rs *roomSync, room model.ScriptID) error {
	if rs.cursor > 0 {
		if err := s.forget(room, "the relay does not know the room"); err != nil {
			return err
		}
	}
	waiting, err := s.c.cfg.Store.Outbox(room)
	if err != nil {
		return err
	}
	if len(waiting) > 0 {
		rs.gapSince = s.now // re-join after GapWait
		return nil
	}
	s.c.report(newRoomError(room, OpJoin, "", protocol.ErrNoRoom))
	return nil
}
