package client

import (
	"errors"
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

var (
	// ErrTerminal is returned by Run when the relay closed the connection
	// with a terminal close code (a protocol version it does not speak, a
	// failed authentication, a protocol error): reconnecting would fail the
	// same way until the app or the identity changes.
	ErrTerminal = errors.New("the relay refused this client")

	// ErrNoIdentity is returned by New's client when Config has no
	// Identity, and by Run.
	ErrNoIdentity = errors.New("sync needs an identity")

	// ErrNoStore is returned by Run when Config has no Store.
	ErrNoStore = errors.New("sync needs a store")

	// ErrHandshake is returned when the relay's answers during hello and
	// auth are not the ones the protocol expects.
	ErrHandshake = errors.New("unexpected message during the handshake")

	// ErrEventTooLarge is reported (Config.OnError) for an event whose
	// publish alone exceeds protocol.MaxMessageBytes; it is dropped from
	// the outbox, since the relay would refuse it forever.
	ErrEventTooLarge = errors.New("event too large to publish")
)

// What the client was doing in a room when the relay refused it (RoomError.Op).
const (
	// OpJoin: joining the room, or staying in it (the relay may tell a
	// joined connection to leave, as when the writer's role was revoked).
	OpJoin = "join"
	// OpPublish: publishing events to the room.
	OpPublish = "publish"
	// OpReceive: storing an event the relay sent, which this client
	// refused (its own check failed).
	OpReceive = "receive"
)

// RoomError is a refusal in one room, reported through Config.OnError: the
// room, what the client was doing (OpJoin, OpPublish, OpReceive), the
// event concerned if one, and the wire code (protocol.Code) that says why.
// Callers decide from Op and Code, never from the message; errors.As finds
// it and errors.Is finds the code's sentinel (protocol.ErrForbidden, …).
type RoomError struct {
	Room  model.ScriptID
	Op    string
	Event model.EventID // the event refused; "" when not about one event
	Code  protocol.Code
	Err   error // the relay's *protocol.Error, or the client's own cause
}

func newRoomError(room model.ScriptID, op string, ev model.EventID, err error) *RoomError {
	return &RoomError{Room: room, Op: op, Event: ev, Code: protocol.CodeOf(err), Err: err}
}

// Error says what was refused and why.
func (e *RoomError) Error() string {
	switch {
	case e.Op == OpReceive:
		return fmt.Sprintf("room %s: refused an event from the relay: %v", e.Room, e.Err)
	case e.Event != "":
		return fmt.Sprintf("room %s: the relay refused event %s: %v", e.Room, e.Event.Short(), e.Err)
	case e.Op == OpPublish:
		return fmt.Sprintf("publish to room %s: %v", e.Room, e.Err)
	}
	return fmt.Sprintf("%s room %s: %v", e.Op, e.Room, e.Err)
}

// Unwrap returns the cause.
func (e *RoomError) Unwrap() error { return e.Err }
