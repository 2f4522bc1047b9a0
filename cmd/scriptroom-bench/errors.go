package main

import "errors"

var (
	// errBadFlags is returned for a command line the tool cannot run.
	errBadFlags = errors.New("bad flags")
	// errLost is returned when acknowledged events never reached a reader.
	errLost = errors.New("events lost")
	// errRefused is returned when the relays refused events.
	errRefused = errors.New("events refused")
	// errSetup is returned when the rooms cannot be created or the readers
	// cannot join before the run.
	errSetup = errors.New("setting up the run failed")
)
