package model

import (
	"errors"
	"fmt"
)

// Errors of events, invites and room rights. They live beside errors.go so
// that the event envelope could be added without touching the older file.
var (
	// ErrBadEvent is returned when an event is malformed: a missing room,
	// kind or author, or a payload that is not a JSON object.
	ErrBadEvent = errors.New("malformed event")
	// ErrBadEventID is returned when an event id is not 64 hex digits.
	ErrBadEventID = errors.New("malformed event id")
	// ErrBadPayload is returned when an event's payload does not fit its
	// kind, such as a revision event whose revision is not signed by the
	// event's author.
	ErrBadPayload = errors.New("payload does not fit the event kind")
	// ErrUnknownKind is returned when a room is asked to accept an event of
	// a kind it has no rule for.
	ErrUnknownKind = errors.New("unknown event kind")
	// ErrBadRole is returned when a role name is not one of the five roles,
	// or names a role that cannot be granted.
	ErrBadRole = errors.New("unknown or ungrantable role")
	// ErrForbidden is returned when an author's role in a room does not
	// allow the event they made.
	ErrForbidden = errors.New("role does not allow this")
	// ErrNoRoom is returned when a room has no creation event yet, or when
	// an event other than the creation comes first.
	ErrNoRoom = errors.New("room does not exist")
	// ErrRoomExists is returned when a second creation event is made for a
	// room that already has an owner.
	ErrRoomExists = errors.New("room already exists")
	// ErrWrongRoom is returned when an event or invite names another room
	// than the one it is used in.
	ErrWrongRoom = errors.New("event or invite is for another room")
	// ErrBadInvite is returned when an invite token is malformed, its
	// signature does not verify, or it was not made by the room's owner.
	ErrBadInvite = errors.New("invalid invite")
	// ErrInviteSuperseded is returned when an invite is redeemed by a user
	// whose role the owner set (granted, changed or revoked) after issuing
	// it: removal and downgrades are final against older invites.
	ErrInviteSuperseded = fmt.Errorf("%w: issued before the owner last set this user's role", ErrBadInvite)
	// ErrInviteFromFuture is returned when a relay is asked to admit the
	// redemption of an invite issued later than its clock allows.
	ErrInviteFromFuture = fmt.Errorf("%w: issued in the future", ErrBadInvite)
	// ErrInviteExpired is returned when an invite is redeemed after its
	// expiry.
	ErrInviteExpired = errors.New("invite has expired")
	// ErrBadStatus is returned when a status payload is malformed: no
	// branch, the main branch, an unknown status, or a merge without its
	// merge revision.
	ErrBadStatus = fmt.Errorf("%w: bad proposal status", ErrBadPayload)
	// ErrBadComment is returned when a comment payload is malformed: a bad
	// id, an unknown op, a body or anchor where none belongs, or a size
	// over the limits.
	ErrBadComment = fmt.Errorf("%w: bad comment", ErrBadPayload)
)

// Errors of production events.
var (
	// ErrBadProduction is returned when a production payload is malformed
	// (an unknown op, a missing revision or set, a set without a name,
	// colour or YYYY-MM-DD date) or does not fit the script's state.
	ErrBadProduction = fmt.Errorf("%w: bad production change", ErrBadPayload)
	// ErrLocked is returned when a script already locked for production
	// is locked again (relock renumbers it).
	ErrLocked = errors.New("the script is locked for production")
	// ErrNotLocked is returned when a script that is not locked for
	// production is unlocked, relocked, or given a revision set.
	ErrNotLocked = errors.New("the script is not locked for production")
)

// Errors of revisions shared as deltas (RevisionPayload version 2).
var (
	// ErrPayloadVersion is returned for a revision payload of a version
	// this app does not read: it was made by a newer app.
	ErrPayloadVersion = fmt.Errorf("%w: unknown revision payload version", ErrBadPayload)
	// ErrBadDelta is returned when a revision payload's delta is
	// malformed: no base, a chain outside 1 to MaxDeltaChain, an operation
	// that sets no field or several, or a delta beside a whole text.
	ErrBadDelta = fmt.Errorf("%w: malformed text delta", ErrBadPayload)
	// ErrUnknownDeltaBase is returned when a revision shared as a delta
	// names a base revision whose text is not known here: its event is
	// not earlier in the room's log, or was refused.
	ErrUnknownDeltaBase = errors.New("the base of a text delta is not a known revision")
	// ErrDeltaMismatch is returned when a delta does not fit the text of
	// its base: it keeps or drops lines the base does not have, or leaves
	// some unused.
	ErrDeltaMismatch = errors.New("text delta does not fit its base")
	// ErrDeltaContentMismatch is returned when the text rebuilt from a
	// delta does not hash to the revision's content hash.
	ErrDeltaContentMismatch = fmt.Errorf("%w: text rebuilt from a delta", ErrContentMismatch)
)
