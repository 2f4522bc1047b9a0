package model

import "errors"

var (
	// ErrBadSignature is returned when a signature does not verify against the
	// author's public key.
	ErrBadSignature = errors.New("signature does not verify")

	// ErrIDMismatch is returned when a value's id is not the hash of its
	// canonical encoding: the value was altered after it was made.
	ErrIDMismatch = errors.New("id does not match content")

	// ErrContentMismatch is returned when a revision's text does not hash to
	// its recorded content hash.
	ErrContentMismatch = errors.New("text does not match content hash")

	// ErrBadUserID is returned when a user id is not a hex-encoded Ed25519
	// public key.
	ErrBadUserID = errors.New("malformed user id")

	// ErrBadScriptID is returned when a script id is not 32 hex digits.
	ErrBadScriptID = errors.New("malformed script id")

	// ErrBadRevisionID is returned when a revision id is not 64 hex digits.
	ErrBadRevisionID = errors.New("malformed revision id")

	// ErrEmptyTitle is returned when a script title is empty or only spaces.
	ErrEmptyTitle = errors.New("title is empty")

	// ErrTooManyParents is returned when a revision names more than two parents.
	ErrTooManyParents = errors.New("a revision has at most two parents")
)
