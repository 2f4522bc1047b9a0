//go:build unix

package relay

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system) this process has used: on
// a machine shared with other work, CPU time per event says more than
// events per second.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

// raiseFileLimit lifts RLIMIT_NOFILE to at least n if the hard limit allows
// it (or the process may raise the hard limit), and returns the soft limit.
func raiseFileLimit(n int) int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 1024
	}
	if lim.Cur >= uint64(n) {
		return int(lim.Cur)
	}
	want := lim
	want.Cur = uint64(n)
	if want.Max < want.Cur {
		want.Max = want.Cur
	}
	if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want) == nil {
		return n
	}
	want.Cur, want.Max = lim.Max, lim.Max
	if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want) == nil {
		return int(lim.Max)
	}
	return int(lim.Cur)
}
