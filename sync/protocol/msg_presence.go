package protocol

import "github.com/scriptroom/scriptroom/internal/model"

// MaxSceneLength is the longest scene label in a presence message, in bytes.
const MaxSceneLength = 200

// Presence says where a user is in a room. A client sends it for a room it
// joined; the relay fills in User and Name and forwards it to the room's
// other connections. It is never stored. When a connection leaves a room or
// closes, the relay sends one with Gone set.
type Presence struct {
	Room model.ScriptID `json:"room"`
	// User and Name are set by the relay; a client leaves them empty.
	User model.UserID `json:"user,omitempty"`
	Name string       `json:"name,omitempty"`
	// Scene is the scene heading or label the user is on.
	Scene string `json:"scene,omitempty"`
	// Typing is true while the user is typing.
	Typing bool `json:"typing,omitempty"`
	// Gone is true when the user left the room.
	Gone bool `json:"gone,omitempty"`
}

// Type implements Message.
func (*Presence) Type() string { return TypePresence }

// Validate implements Message.
func (m *Presence) Validate() error {
	if err := m.Room.Validate(); err != nil {
		return badf("room: %v", err)
	}
	if len(m.Scene) > MaxSceneLength {
		return badf("scene is %d bytes, the limit is %d", len(m.Scene), MaxSceneLength)
	}
	if len(m.Name) > MaxNameLength {
		return badf("name is %d bytes, the limit is %d", len(m.Name), MaxNameLength)
	}
	return nil
}
