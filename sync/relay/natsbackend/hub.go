package natsbackend

import (
	"fmt"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// hub is a room this relay follows because some of its clients joined it:
// an ordered consumer of the room's entries from the head it had when the
// first client subscribed, and a core NATS subscription to its presence.
// It exists while it has subscribers.
type hub struct {
	room model.ScriptID

	mu        sync.Mutex
	subs      map[relay.Subscriber]struct{}
	delivered uint64 // room sequence number of the last entry delivered
	cc        jetstream.ConsumeContext
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
		if h.cc == nil {
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

// follow starts h's consumer and presence subscription, under h.mu.
func (b *Backend) follow(h *hub) error {
	t, err := b.tailOf(h.room)
	if err != nil {
		return err
	}
	h.delivered = t.head
	cons, err := b.orderedConsumer(jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{roomSubject(h.room)},
		DeliverPolicy:  jetstream.DeliverByStartSequencePolicy,
		OptStartSeq:    t.stream + 1,
	})
	if err != nil {
		return err
	}
	if h.cc, err = cons.Consume(func(m jetstream.Msg) { b.deliver(h, m) }); err != nil {
		return err
	}
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

// deliver hands one stored entry to h's subscribers.
func (b *Backend) deliver(h *hub, m jetstream.Msg) {
	en, err := entry(m.Headers(), m.Data())
	if err != nil {
		b.log.Error("skipping a stream message", "room", h.room, "subject", m.Subject(), "err", err)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if en.Seq <= h.delivered || h.stopped {
		return
	}
	h.delivered = en.Seq
	batch := &relay.Batch{Room: h.room, Entries: []protocol.Entry{en}}
	for s := range h.subs {
		s.Deliver(batch)
	}
}

// stop ends h's consumer and presence subscription, under h.mu.
func (h *hub) stop() {
	h.stopped = true
	if h.cc != nil {
		h.cc.Stop()
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
