package protocol

import (
	"errors"
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Code is a typed error's stable name on the wire, carried in error messages
// and in rejected ack results.
type Code string

// The error codes. Each maps to one sentinel error below.
const (
	CodeBadMessage       Code = "bad_message"
	CodeUnknownType      Code = "unknown_type"
	CodeBadVersion       Code = "bad_version"
	CodeNotAuthenticated Code = "not_authenticated"
	CodeAuthFailed       Code = "auth_failed"
	CodeBadSignature     Code = "bad_signature"
	CodeBadEvent         Code = "bad_event"
	CodeForbidden        Code = "forbidden"
	CodeNoRoom           Code = "no_room"
	CodeBadInvite        Code = "bad_invite"
	CodeInviteExpired    Code = "invite_expired"
	CodeNotJoined        Code = "not_joined"
	CodeRateLimited      Code = "rate_limited"
	CodeTooLarge         Code = "too_large"
	CodeQuotaExceeded    Code = "quota_exceeded"
	CodeInternal         Code = "internal"
)

var (
	// ErrBadMessage is returned when a message is not JSON, or lacks or
	// mangles a field its type needs.
	ErrBadMessage = errors.New("malformed message")
	// ErrUnknownType is returned when a message's type is not one of this
	// version's.
	ErrUnknownType = errors.New("unknown message type")
	// ErrBadVersion is returned when a hello names a protocol version the
	// relay does not speak.
	ErrBadVersion = errors.New("unsupported protocol version")
	// ErrNotAuthenticated is returned when a message other than hello or
	// auth arrives before authentication, or a second hello arrives.
	ErrNotAuthenticated = errors.New("not authenticated")
	// ErrAuthFailed is returned when the challenge's signature does not
	// verify against the user's key.
	ErrAuthFailed = errors.New("authentication failed")
	// ErrBadSignature is returned when an event's signature does not verify.
	ErrBadSignature = errors.New("bad event signature")
	// ErrBadEvent is returned when an event is malformed or was altered
	// after signing (its id does not match its content).
	ErrBadEvent = errors.New("bad event")
	// ErrForbidden is returned when the user's role in the room does not
	// allow the join or the event.
	ErrForbidden = errors.New("forbidden")
	// ErrNoRoom is returned when a room has not been created, or a room's
	// first event is not its creation.
	ErrNoRoom = errors.New("no such room")
	// ErrBadInvite is returned when an invite is forged, altered or not
	// made by the room's owner.
	ErrBadInvite = errors.New("bad invite")
	// ErrInviteExpired is returned when an invite is redeemed too late.
	ErrInviteExpired = errors.New("invite expired")
	// ErrNotJoined is returned when presence is sent for a room the
	// connection has not joined.
	ErrNotJoined = errors.New("room not joined")
	// ErrRateLimited is returned when a connection, its user or its
	// address sends more messages, events or bytes a second than the relay
	// allows; the message or event was dropped. Send it again later.
	ErrRateLimited = errors.New("rate limited")
	// ErrTooLarge is returned when a message carries more than a limit
	// allows, such as more than MaxEventsPerPublish events.
	ErrTooLarge = errors.New("too large")
	// ErrQuotaExceeded is returned when storing an event would take a room
	// past its storage quota, or its author past the rooms a user may
	// create on the relay. Sending it again succeeds only once the relay's
	// operator raises the quota.
	ErrQuotaExceeded = errors.New("quota exceeded")
	// ErrInternal is returned when the relay failed for its own reasons,
	// such as a storage error. Retry later.
	ErrInternal = errors.New("relay internal error")
)

// codeList pairs codes with sentinels, in the order CodeOf tests them.
var codeList = []struct {
	code Code
	err  error
}{
	{CodeBadMessage, ErrBadMessage},
	{CodeUnknownType, ErrUnknownType},
	{CodeBadVersion, ErrBadVersion},
	{CodeNotAuthenticated, ErrNotAuthenticated},
	{CodeAuthFailed, ErrAuthFailed},
	{CodeBadSignature, ErrBadSignature},
	{CodeBadEvent, ErrBadEvent},
	{CodeForbidden, ErrForbidden},
	{CodeNoRoom, ErrNoRoom},
	{CodeBadInvite, ErrBadInvite},
	{CodeInviteExpired, ErrInviteExpired},
	{CodeNotJoined, ErrNotJoined},
	{CodeRateLimited, ErrRateLimited},
	{CodeTooLarge, ErrTooLarge},
	{CodeQuotaExceeded, ErrQuotaExceeded},
	{CodeInternal, ErrInternal},
}

// modelCodes maps the model's errors, in the order they are tested: an
// invite whose signature fails is a bad invite before it is a bad signature.
var modelCodes = []struct {
	err  error
	code Code
}{
	{model.ErrInviteExpired, CodeInviteExpired},
	{model.ErrBadInvite, CodeBadInvite},
	{model.ErrBadSignature, CodeBadSignature},
	{model.ErrForbidden, CodeForbidden},
	{model.ErrRoomExists, CodeForbidden},
	{model.ErrNoRoom, CodeNoRoom},
	{model.ErrIDMismatch, CodeBadEvent},
	{model.ErrContentMismatch, CodeBadEvent},
	{model.ErrBadEvent, CodeBadEvent},
	{model.ErrBadEventID, CodeBadEvent},
	{model.ErrBadPayload, CodeBadEvent},
	{model.ErrUnknownKind, CodeBadEvent},
	{model.ErrWrongRoom, CodeBadEvent},
	{model.ErrBadRole, CodeBadEvent},
	{model.ErrBadUserID, CodeBadEvent},
	{model.ErrBadScriptID, CodeBadEvent},
	{model.ErrBadRevisionID, CodeBadEvent},
	{model.ErrTooManyParents, CodeBadEvent},
	{model.ErrEmptyTitle, CodeBadEvent},
}

// ErrorOf returns the sentinel error of a code; unknown codes (from a newer
// relay) map to ErrInternal.
func ErrorOf(code Code) error {
	for _, c := range codeList {
		if c.code == code {
			return c.err
		}
	}
	return ErrInternal
}

// CodeOf returns the wire code of err, looking through wrapping for this
// package's sentinels and the model's. Anything else is CodeInternal.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	for _, c := range codeList {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	for _, m := range modelCodes {
		if errors.Is(err, m.err) {
			return m.code
		}
	}
	return CodeInternal
}

// Error is a typed error as it travels: a code and a human-readable message.
// It unwraps to its code's sentinel, so errors.Is(err, ErrForbidden) works
// on errors received from a relay.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// NewError describes err for the wire.
func NewError(err error) *Error {
	return &Error{Code: CodeOf(err), Message: err.Error()}
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Unwrap returns the code's sentinel error.
func (e *Error) Unwrap() error { return ErrorOf(e.Code) }

// CloseCode is a WebSocket close code the relay uses. Codes for which
// IsRetry is true mean "reconnect after a back-off"; the others mean "do not
// reconnect until something changes" (the user's key, the app's version, the
// message that was too big).
type CloseCode int

// Close codes. 4000-4499 are retry codes, 4500-4999 terminal ones, after
// centrifuge's split.
const (
	// CloseNormal: the peer is done.
	CloseNormal CloseCode = 1000
	// CloseGoingAway: the relay is shutting down. Retry.
	CloseGoingAway CloseCode = 1001
	// CloseTooBig: a frame exceeded MaxMessageBytes. Terminal: drop that
	// message from the outbox before reconnecting.
	CloseTooBig CloseCode = 1009
	// CloseInternal: the relay failed. Retry.
	CloseInternal CloseCode = 1011
	// CloseSlowConsumer: the client did not read fast enough and its send
	// queue filled. Retry.
	CloseSlowConsumer CloseCode = 4000
	// CloseRateLimited: the client kept sending after being rate-limited.
	// Retry after a longer back-off.
	CloseRateLimited CloseCode = 4001
	// CloseAuthTimeout: the handshake did not finish in time. Retry.
	CloseAuthTimeout CloseCode = 4002
	// CloseBadVersion: the hello's protocol version is not spoken here.
	// Terminal: upgrade the client.
	CloseBadVersion CloseCode = 4500
	// CloseAuthFailed: the challenge signature did not verify. Terminal.
	CloseAuthFailed CloseCode = 4501
	// CloseProtocolError: the client broke the protocol (a message out of
	// order, or too many malformed messages). Terminal.
	CloseProtocolError CloseCode = 4502
)

// IsRetry reports whether a client should reconnect, after a back-off, when
// closed with code. Unknown codes in 4000-4499 are retry codes and unknown
// codes in 4500-4999 terminal ones, so newer relays can add codes.
func IsRetry(code int) bool {
	switch {
	case code >= 4000 && code < 4500:
		return true
	case code >= 4500 && code < 5000:
		return false
	}
	switch code {
	case 1001, 1006, 1011, 1012, 1013, 1014:
		return true
	}
	return false
}
