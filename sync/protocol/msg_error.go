package protocol

import "github.com/scriptroom/scriptroom/internal/model"

// ErrorMsg reports a typed error (relay to client): a message that was
// rejected as a whole. Ref and Room name the request when known. The
// connection stays open unless a close frame follows.
type ErrorMsg struct {
	Ref     string         `json:"ref,omitempty"`
	Room    model.ScriptID `json:"room,omitempty"`
	Code    Code           `json:"code"`
	Message string         `json:"message"`
}

// NewErrorMsg describes err for the request ref about room.
func NewErrorMsg(ref string, room model.ScriptID, err error) *ErrorMsg {
	return &ErrorMsg{Ref: ref, Room: room, Code: CodeOf(err), Message: err.Error()}
}

// Type implements Message.
func (*ErrorMsg) Type() string { return TypeError }

// Validate implements Message.
func (m *ErrorMsg) Validate() error {
	if m.Code == "" {
		return badf("no code")
	}
	return nil
}

// Err is the error as a Go value; it matches its code's sentinel with
// errors.Is.
func (m *ErrorMsg) Err() error { return &Error{Code: m.Code, Message: m.Message} }
