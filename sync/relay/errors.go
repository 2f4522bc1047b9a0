package relay

import "errors"

var (
	// ErrSchema is returned when a relay log was written by a relay with
	// another layout version.
	ErrSchema = errors.New("relay log schema version mismatch")
	// ErrNoBackend is returned by New when the config has no Backend.
	ErrNoBackend = errors.New("relay config has no backend")
)
