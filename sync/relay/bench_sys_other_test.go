//go:build !unix

package relay

import "time"

// processCPU is not measured here.
func processCPU() (time.Duration, bool) { return 0, false }

// raiseFileLimit reports the open-file limit the benchmarks assume where
// there is no RLIMIT_NOFILE to raise.
func raiseFileLimit(n int) int { return n }
