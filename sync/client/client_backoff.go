package client

import (
	"fmt"
	"time"
)

// Backoff is how long to wait before reconnecting: Base doubled at each
// failed attempt, at most Max, minus a random part of up to Jitter of it,
// so that many clients dropped at once by a relay restart do not come back
// at the same instant.
type Backoff struct {
	// Base is the wait after the first failure.
	Base time.Duration
	// Max caps the wait before jitter.
	Max time.Duration
	// Jitter is the fraction of the wait, from 0 to 1, that is random.
	Jitter float64
}

// DefaultBackoff waits half a second after a first failure, then up to half
// a minute: short enough that a laptop waking up syncs at once, long enough
// that a relay restarting under thousands of clients is not stampeded.
var DefaultBackoff = Backoff{Base: 500 * time.Millisecond, Max: 30 * time.Second, Jitter: 0.5}

// rateLimitedAttempts is how many doublings a rate-limited close (4001)
// adds to the back-off, as the protocol asks clients to back off longer.
const rateLimitedAttempts = 3

// withDefaults fills zero fields from DefaultBackoff and clamps the rest.
func (b Backoff) withDefaults() Backoff {
	if b.Base <= 0 {
		b.Base = DefaultBackoff.Base
	}
	if b.Max <= 0 {
		b.Max = DefaultBackoff.Max
	}
	if b.Max < b.Base {
		b.Max = b.Base
	}
	if b.Jitter < 0 {
		b.Jitter = 0
	}
	if b.Jitter > 1 {
		b.Jitter = 1
	}
	return b
}

// Delay is the wait before attempt (0 after the first failure), given r, a
// random number in [0, 1). It lies in [d*(1-Jitter), d] where d is
// min(Max, Base*2^attempt).
func (b Backoff) Delay(attempt int, r float64) time.Duration {
	b = b.withDefaults()
	d := b.Base
	for i := 0; i < attempt && d < b.Max; i++ {
		d *= 2
	}
	if d > b.Max || d <= 0 {
		d = b.Max
	}
	if r < 0 || r >= 1 {
		r = 0
	}
	return d - time.Duration(r*b.Jitter*float64(d))
}

// String describes the back-off, for logs.
func (b Backoff) String() string {
	return fmt.Sprintf("%v to %v, %.0f%% jitter", b.Base, b.Max, b.Jitter*100)
}
