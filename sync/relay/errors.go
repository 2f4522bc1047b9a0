package relay

import "errors"

var (
	// ErrSchema is returned when a relay log was written by a relay with
	// another layout version.
	ErrSchema = errors.New("relay log schema version mismatch")
	// ErrDamaged is returned by OpenBolt when the relay log is damaged
	// (truncated, overwritten, empty): restore it from a backup. The file
	// is left as it was.
	ErrDamaged = errors.New("the relay log is damaged")
	// ErrLogLocked is returned by OpenBolt when another process (another
	// relay) holds the relay log.
	ErrLogLocked = errors.New("the relay log is in use by another process")
	// ErrNoBackend is returned by New when the config has no Backend.
	ErrNoBackend = errors.New("relay config has no backend")
)
