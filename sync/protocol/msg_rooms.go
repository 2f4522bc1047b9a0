package protocol

import "github.com/scriptroom/scriptroom/internal/model"

// Join subscribes the connection to a room (client to relay). The relay
// checks the user may read the room, replays every event after Since in
// events messages, then answers with joined and streams new events live.
type Join struct {
	// Ref is the client's reference for this request, echoed in the answer.
	Ref  string         `json:"ref,omitempty"`
	Room model.ScriptID `json:"room"`
	// Since is the client's cursor: the highest sequence number it holds for
	// this room, 0 for none.
	Since uint64 `json:"since"`
}

// Type implements Message.
func (*Join) Type() string { return TypeJoin }

// Validate implements Message.
func (m *Join) Validate() error {
	if err := m.Room.Validate(); err != nil {
		return badf("room: %v", err)
	}
	return checkRef(m.Ref)
}

// Joined ends a join's replay (relay to client): every event up to Head has
// been sent, and new ones follow live.
type Joined struct {
	Ref  string         `json:"ref,omitempty"`
	Room model.ScriptID `json:"room"`
	// Role is the user's role in the room.
	Role model.Role `json:"role"`
	// Head is the room's highest sequence number when the replay ended.
	Head uint64 `json:"head"`
}

// Type implements Message.
func (*Joined) Type() string { return TypeJoined }

// Validate implements Message.
func (m *Joined) Validate() error {
	if err := m.Room.Validate(); err != nil {
		return badf("room: %v", err)
	}
	return nil
}

// Leave unsubscribes the connection from a room (client to relay). It has
// no answer.
type Leave struct {
	Room model.ScriptID `json:"room"`
}

// Type implements Message.
func (*Leave) Type() string { return TypeLeave }

// Validate implements Message.
func (m *Leave) Validate() error {
	if err := m.Room.Validate(); err != nil {
		return badf("room: %v", err)
	}
	return nil
}
