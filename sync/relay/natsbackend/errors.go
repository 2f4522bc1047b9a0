package natsbackend

import "errors"

var (
	// ErrNoURL is returned by Open without a server URL.
	ErrNoURL = errors.New("no NATS server URL given")
	// ErrReplicas is returned by Open for a replica count JetStream does
	// not take (1 to 5).
	ErrReplicas = errors.New("stream replicas must be 1 to 5")
	// ErrBadEntry is returned when a stored message is not a room entry
	// this relay wrote (a missing or malformed header, undecodable event).
	ErrBadEntry = errors.New("malformed room entry in the stream")
	// ErrContention is returned by Append when other relays kept storing
	// entries in the room first, retry after retry.
	ErrContention = errors.New("too many concurrent appends to the room")
	// ErrBadID is returned for a room or event id that cannot be a subject
	// token.
	ErrBadID = errors.New("room or event id is not lowercase hex")
)
