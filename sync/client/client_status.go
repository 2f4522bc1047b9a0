package client

import "fmt"

// State is the connection's state, as the app shows it.
type State string

// The states, in the order a connection goes through them.
const (
	// StateOffline: not connected; Status.Err says why when it failed.
	StateOffline State = "offline"
	// StateConnecting: dialing and authenticating.
	StateConnecting State = "connecting"
	// StateSyncing: connected, with events waiting for the relay's ack or
	// rooms still catching up.
	StateSyncing State = "syncing"
	// StateOnline: connected, the outbox empty and every room caught up.
	StateOnline State = "online"
)

// Status is what the app shows about sync.
type Status struct {
	State State `json:"state"`
	// Pending counts the events in the outbox, waiting for the relay.
	Pending int `json:"pending"`
	// CatchingUp counts the joined rooms whose replay is not complete.
	CatchingUp int `json:"catchingUp"`
	// Err is the last connection error while offline, for people.
	Err string `json:"err,omitempty"`
}

// String is the status in a few words: "offline", "connecting",
// "syncing 3", "online".
func (s Status) String() string {
	if s.State == StateSyncing {
		return fmt.Sprintf("syncing %d", s.Pending+s.CatchingUp)
	}
	return string(s.State)
}

// TakesRevisionDeltas reports whether revision events may carry their text
// as a delta (model.RevisionDelta): true unless the relay last connected
// to said in its welcome that it accepts whole texts only (a relay from
// before revision payload version 2, which would refuse them). Before the
// first connection it is true: a relay of this version or later is
// assumed.
func (c *Client) TakesRevisionDeltas() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.wholeTexts
}
