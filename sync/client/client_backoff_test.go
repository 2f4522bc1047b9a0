package client

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestBackoffBounds(t *testing.T) {
	b := Backoff{Base: 100 * time.Millisecond, Max: 5 * time.Second, Jitter: 0.5}
	cases := []struct {
		attempt  int
		r        float64
		min, max time.Duration
	}{
		// Without jitter drawn, the wait doubles from Base.
		{0, 0, 100 * time.Millisecond, 100 * time.Millisecond},
		{1, 0, 200 * time.Millisecond, 200 * time.Millisecond},
		{4, 0, 1600 * time.Millisecond, 1600 * time.Millisecond},
		// It stops at Max, however many attempts.
		{6, 0, 5 * time.Second, 5 * time.Second},
		{1000, 0, 5 * time.Second, 5 * time.Second},
		// Jitter takes off at most half.
		{0, 0.999, 50 * time.Millisecond, 51 * time.Millisecond},
		{1000, 0.5, 3750 * time.Millisecond, 3750 * time.Millisecond},
		// A random number out of range counts as 0.
		{0, 1.5, 100 * time.Millisecond, 100 * time.Millisecond},
	}
	for _, c := range cases {
		if d := b.Delay(c.attempt, c.r); d < c.min || d > c.max {
			t.Errorf("Delay(%d, %v) = %v, want in [%v, %v]", c.attempt, c.r, d, c.min, c.max)
		}
	}
}

// Over many random draws every delay stays in [d*(1-Jitter), d], and the
// draws spread over the interval (jitter is not a constant).
func TestBackoffJitterSpread(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, b := range []Backoff{
		{Base: time.Millisecond, Max: time.Second, Jitter: 0.5},
		{Base: 500 * time.Millisecond, Max: 30 * time.Second, Jitter: 1},
		{Base: time.Second, Max: 10 * time.Second, Jitter: 0},
	} {
		for attempt := 0; attempt < 12; attempt++ {
			full := b.Delay(attempt, 0)
			lo, hi := full, time.Duration(0)
			for i := 0; i < 500; i++ {
				d := b.Delay(attempt, rng.Float64())
				if d > full || float64(d) < float64(full)*(1-b.Jitter)-1 {
					t.Fatalf("%v attempt %d: %v outside [%v·(1-%v), %v]", b, attempt, d, full, b.Jitter, full)
				}
				lo, hi = min(lo, d), max(hi, d)
			}
			if spread := float64(hi-lo) / float64(full); spread < 0.8*b.Jitter {
				t.Fatalf("%v attempt %d: draws spread over %.2f of the wait, want about %.2f", b, attempt, spread, b.Jitter)
			}
		}
	}
}

func TestBackoffDefaults(t *testing.T) {
	var zero Backoff
	if d := zero.Delay(0, 0); d != DefaultBackoff.Base {
		t.Fatalf("zero back-off first wait = %v", d)
	}
	if d := zero.Delay(100, 0); d != DefaultBackoff.Max {
		t.Fatalf("zero back-off longest wait = %v", d)
	}
	if d := (Backoff{Base: time.Minute, Max: time.Second}).Delay(3, 0); d != time.Minute {
		t.Fatalf("Max below Base: %v", d)
	}
}
