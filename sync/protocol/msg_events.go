package protocol

import (
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Publish sends signed events to a room (client to relay). The relay checks
// each event on its own, stores the good ones (idempotently, by id), fans
// them out, and answers with one ack listing every event. The client may
// drop an event from its outbox once an ack result for it has no error, or
// an error that is not worth retrying (anything but rate_limited and
// internal).
type Publish struct {
	Ref    string         `json:"ref,omitempty"`
	Room   model.ScriptID `json:"room"`
	Events []*model.Event `json:"events"`
}

// Type implements Message.
func (*Publish) Type() string { return TypePublish }

// Validate implements Message. Each event's room and author must be
// canonical ids (lowercase hex) or the whole message is malformed; the
// events' signatures and rights are checked by the relay, one by one, so
// that one bad event does not reject the rest.
func (m *Publish) Validate() error {
	if err := m.Room.Validate(); err != nil {
		return badf("room: %v", err)
	}
	if len(m.Events) == 0 {
		return badf("no events")
	}
	if len(m.Events) > MaxEventsPerPublish {
		return fmt.Errorf("%w: %d events, the limit is %d", ErrTooLarge, len(m.Events), MaxEventsPerPublish)
	}
	for i, e := range m.Events {
		if e == nil {
			return badf("event %d is null", i)
		}
		if err := checkEventIDs(e); err != nil {
			return badf("event %d: %v", i, err)
		}
	}
	return checkRef(m.Ref)
}

// checkEventIDs refuses an event whose room or author is not spelled the
// one accepted way (lowercase hex, see model.UserID.Validate): such an
// event is a malformed message, not an event to weigh on its merits.
func checkEventIDs(e *model.Event) error {
	if err := e.Room.Validate(); err != nil {
		return fmt.Errorf("room: %w", err)
	}
	if err := e.Author.Validate(); err != nil {
		return fmt.Errorf("author: %w", err)
	}
	return nil
}

// Ack answers a publish (relay to client), one result per event, in the
// publish's order.
type Ack struct {
	Ref     string         `json:"ref,omitempty"`
	Room    model.ScriptID `json:"room"`
	Results []AckResult    `json:"results"`
}

// Type implements Message.
func (*Ack) Type() string { return TypeAck }

// Validate implements Message.
func (m *Ack) Validate() error {
	if err := m.Room.Validate(); err != nil {
		return badf("room: %v", err)
	}
	return nil
}

// AckResult is the fate of one published event: stored with a sequence
// number, already stored (Duplicate), or rejected with Error.
type AckResult struct {
	ID        model.EventID `json:"id"`
	Seq       uint64        `json:"seq,omitempty"`
	Duplicate bool          `json:"duplicate,omitempty"`
	Error     *Error        `json:"error,omitempty"`
}

// Events carries stored events of a room (relay to client), in sequence
// order: the replay after a join, then each live batch.
type Events struct {
	Room   model.ScriptID `json:"room"`
	Events []Entry        `json:"events"`
}

// Type implements Message.
func (*Events) Type() string { return TypeEvents }

// Validate implements Message.
func (m *Events) Validate() error {
	if err := m.Room.Validate(); err != nil {
		return badf("room: %v", err)
	}
	for i, e := range m.Events {
		if e.Event == nil || e.Seq == 0 {
			return badf("entry %d has no event or no seq", i)
		}
	}
	return nil
}

// Entry is one event in a room's log with its sequence number. Sequence
// numbers start at 1 and grow by one per stored event, per room; a client's
// cursor is the highest one it has applied.
type Entry struct {
	Seq   uint64       `json:"seq"`
	Event *model.Event `json:"event"`
}
