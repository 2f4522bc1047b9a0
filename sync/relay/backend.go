package relay

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Backend is a room log and its fan-out: the one thing to replace to run
// relays as a cluster (for example on NATS JetStream, with rooms as subjects
// and each room's log as a stream). Every method is safe for concurrent use.
type Backend interface {
	// Append adds events to room's log in order. An event already stored
	// (same id) is reported as a duplicate with its sequence number. For
	// every other event, accept is called with what the room and the
	// event's author hold at that point, in order and serialised with all
	// other appends to the room; events it refuses are not stored and carry
	// its error. Stored events are then delivered to the room's subscribers.
	// When Append fails, nothing of the call is stored or delivered.
	Append(room model.ScriptID, events []*model.Event, accept func(*model.Event, Usage) error) ([]Appended, error)
	// Read returns up to limit entries of room's log with sequence numbers
	// above after, in order.
	Read(room model.ScriptID, after uint64, limit int) ([]protocol.Entry, error)
	// ReadACL calls fn with every stored event of room whose kind changes
	// rights (model.IsACLKind), in log order.
	ReadACL(room model.ScriptID, fn func(*model.Event)) error
	// Subscribe registers sub for room's new entries and returns the room's
	// head at that instant: every entry delivered later has a greater
	// sequence number.
	Subscribe(room model.ScriptID, sub Subscriber) (head uint64, err error)
	// Unsubscribe removes sub from room.
	Unsubscribe(room model.ScriptID, sub Subscriber)
	// Signal delivers an ephemeral frame (presence) to room's subscribers
	// except from. It is never stored.
	Signal(room model.ScriptID, from Subscriber, frame []byte)
	// Rooms counts the rooms that have a log.
	Rooms() (int, error)
	// Check reports whether the log is usable.
	Check() error
	// Close releases the log.
	Close() error
}

// Usage is what Append tells accept about an event, for quotas.
type Usage struct {
	// Bytes is the event's size in the log.
	Bytes int64
	// RoomBytes is the size of the room's log before the event.
	RoomBytes int64
	// Creates is true when the room has no log yet, so that storing the
	// event would create it; CreatorRooms is then how many rooms the
	// event's author has created on this relay.
	Creates      bool
	CreatorRooms int
	// Head is the room's head before the event: stored, it gets Head+1.
	// Set by SharedBackend implementations; BoltBackend leaves it 0.
	Head uint64
}

// SharedBackend is a Backend whose rooms other relays append to as well
// (sync/relay/natsbackend): the rights a relay holds for a room may then be
// behind the room's log. The relay brings them up to the room's head before
// a join, and up to Usage.Head before it accepts each event. Append may
// offer an event to accept more than once, when another relay stored an
// entry first; an event offered again was not stored, nor were the rights
// accept applied for it.
type SharedBackend interface {
	Backend
	// Head returns the room's head: its highest sequence number, 0 for a
	// room without a log.
	Head(room model.ScriptID) (uint64, error)
	// ReadACLBetween calls fn with every stored event of room that changes
	// rights and has a sequence number in (after, upto], in log order.
	ReadACLBetween(room model.ScriptID, after, upto uint64, fn func(*model.Event)) error
}

// MetricsSource is a Backend with Prometheus series of its own, which the
// relay serves on /metrics beside its own.
type MetricsSource interface {
	Collectors() []prometheus.Collector
}

// Appended is the fate of one event given to Backend.Append.
type Appended struct {
	Seq       uint64
	Duplicate bool
	// Err is accept's refusal; the event was not stored.
	Err error
}

// Subscriber receives a room's traffic. Its methods must not block: a
// subscriber that cannot keep up drops itself.
type Subscriber interface {
	// Deliver hands over newly stored entries.
	Deliver(b *Batch)
	// Signal hands over an ephemeral frame.
	Signal(frame []byte)
}

// Batch is entries of one room stored together. Its events frame is encoded
// once, however many subscribers send it.
type Batch struct {
	Room    model.ScriptID
	Entries []protocol.Entry

	once  sync.Once
	frame []byte
	err   error
	// rights is done once per batch by the relay on a SharedBackend when
	// the batch changes rights (conn.Deliver).
	rights sync.Once
}

// Frame is the batch as an encoded events message.
func (b *Batch) Frame() ([]byte, error) {
	b.once.Do(func() {
		b.frame, b.err = protocol.Encode(&protocol.Events{Room: b.Room, Events: b.Entries})
	})
	return b.frame, b.err
}
