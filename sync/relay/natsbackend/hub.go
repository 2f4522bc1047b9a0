package natsbackend

import (
	"fmt"
	"sync"

	"github.com/nats-io/nats.go"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// hub is a room this relay follows because some of its clients joined it:
// a core NATS subscription to the entries the stream's leader publishes
// again once stored (scriptroom.live.<room>...), whose gaps, should a
// message be lost, are filled from the stream; and one to its presence.
// It exists while it has subscribers.
type hub struct {
	room model.ScriptID

	mu        sync.Mutex
	subs      map[relay.Subscriber]struct{}
	delivered uint64 // room sequence number of the last entry delivered
	live      *nats.Subscription
	presence  *nats.Subscription
	stopped   bool
}

// Subscribe implements relay.Backend.
func (b *Backend) Subscribe(room model.ScriptID, sub relay.Subscriber) (uint64, error) {
	if err := checkRoom(room); err != nil {
		return 0, err
	}
	for {
		b.mu.Lock()
		h := b.hubs[room]
		if h == nil {
			h = &hub{room: room, subs: map[relay.Subscriber]struct{}{}}
			b.hubs[room] = h
		}
		b.mu.Unlock()
		h.mu.Lock()
		if h.stopped { // its last subscriber left meanwhile
			h.mu.Unlock()
			continue
		}
		if h.live == nil {
			if err := b.follow(h); err != nil {
				h.stop()
				h.mu.Unlock()
				b.drop(h)
				return 0, fmt.Errorf("subscribe to room %s: %w", room, err)
			}
		}
		h.subs[sub] = struct{}{}
		head := h.delivered
		h.mu.Unlock()
		return head, nil
	}
}

// follow subscribes h to its room's entries and presence, under h.mu.
// The subscription comes first and the head second, so that every entry
// stored after the head reaches h.
func (b *Backend) follow(h *hub) (err error) {
	h.live, err = b.nc.Subscribe(liveSubject(h.room), func(m *nats.Msg) { b.arrived(h, m) })
	if err != nil {
		return err
	}
	t, err := b.tailOf(h.room)
	if err != nil {
		return err
	}
	h.delivered = t.head
	h.presence, err = b.nc.Subscribe(subjPresence+string(h.room), func(m *nats.Msg) {
		if m.Header.Get(hdrOrigin) == b.origin {
			return // delivered here already
		}
		h.mu.Lock()
		defer h.mu.Unlock()
		for s := range h.subs {
			s.Signal(m.Data)
		}
	})
	return err
}

func liveSubject(room model.ScriptID) string { return subjLive + string(room) + ".>" }

// arrived hands an entry published again by the stream to h's
// subscribers, after the entries before it that did not arrive.
func (b *Backend) arrived(h *hub, m *nats.Msg) {
	en, err := entry(m.Header, m.Data)
	if err != nil {
		b.log.Error("skipping a live message", "room", h.room, "subject", m.Subject, "err", err)
		return
	}
	if t, ok := liveTail(m.Header); ok {
		b.tails.saw(h.room, t, false)
	}
	b.catchUp(h, en.Seq-1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if en.Seq == h.delivered+1 && !h.stopped {
		h.delivered = en.Seq
		batch := &relay.Batch{Room: h.room, Entries: []protocol.Entry{en}}
		for s := range h.subs {
			s.Deliver(batch)
		}
	}
}

// catchUp delivers h's entries up to head that it has not delivered, read
// from the stream: a live message lost (a slow or broken connection) shows
// as a gap before the next one, or as a tail behind after a reconnect.
func (b *Backend) catchUp(h *hub, head uint64) {
	for {
		h.mu.Lock()
		from, stopped := h.delivered, h.stopped
		h.mu.Unlock()
		if stopped || from >= head {
			return
		}
		entries, err := b.Read(h.room, from, int(min(head-from, 256)))
		if err != nil || len(entries) == 0 {
			b.log.Error("filling a gap in a room's live entries", "room", h.room, "after", from, "err", err)
			return
		}
		h.mu.Lock()
		var fresh []protocol.Entry
		for _, en := range entries {
			if en.Seq == h.delivered+1 && en.Seq <= head {
				fresh = append(fresh, en)
				h.delivered = en.Seq
			}
		}
		if len(fresh) > 0 && !h.stopped {
			batch := &relay.Batch{Room: h.room, Entries: fresh}
			for s := range h.subs {
				s.Deliver(batch)
			}
		}
		h.mu.Unlock()
	}
}

// reconnected brings every room followed up to its head: live messages
// published while the connection was down were lost.
func (b *Backend) reconnected() {
	b.mu.Lock()
	hubs := make([]*hub, 0, len(b.hubs))
	for _, h := range b.hubs {
		hubs = append(hubs, h)
	}
	b.mu.Unlock()
	for _, h := range hubs {
		if t, err := b.tailOf(h.room); err == nil {
			b.catchUp(h, t.head)
		}
	}
}

// stop ends h's consumer and presence subscription, under h.mu.
func (h *hub) stop() {
	h.stopped = true
	if h.live != nil {
		h.live.Unsubscribe()
	}
	if h.presence != nil {
		h.presence.Unsubscribe()
	}
}

// drop removes h from the rooms followed.
func (b *Backend) drop(h *hub) {
	b.mu.Lock()
	if b.hubs[h.room] == h {
		delete(b.hubs, h.room)
	}
	b.mu.Unlock()
}

// Unsubscribe implements relay.Backend; the room is no longer followed
// when its last subscriber leaves.
func (b *Backend) Unsubscribe(room model.ScriptID, sub relay.Subscriber) {
	b.mu.Lock()
	h := b.hubs[room]
	b.mu.Unlock()
	if h == nil {
		return
	}
	h.mu.Lock()
	delete(h.subs, sub)
	last := len(h.subs) == 0 && !h.stopped
	if last {
		h.stop()
	}
	h.mu.Unlock()
	if last {
		b.drop(h)
	}
}

// Signal implements relay.Backend: to this relay's subscribers at once,
// and to the other relays' over core NATS.
func (b *Backend) Signal(room model.ScriptID, from relay.Subscriber, frame []byte) {
	if checkRoom(room) != nil {
		return
	}
	b.mu.Lock()
	h := b.hubs[room]
	b.mu.Unlock()
	if h != nil {
		h.mu.Lock()
		for s := range h.subs {
			if s != from {
				s.Signal(frame)
			}
		}
		h.mu.Unlock()
	}
	m := &nats.Msg{Subject: subjPresence + string(room), Data: frame, Header: nats.Header{}}
	m.Header.Set(hdrOrigin, b.origin)
	if err := b.nc.PublishMsg(m); err != nil {
		b.log.Debug("presence not sent to other relays", "room", room, "err", err)
	}
}

// hubCount counts the rooms followed (for tests).
func (b *Backend) hubCount() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.hubs)
}
