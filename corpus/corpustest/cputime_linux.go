//go:build linux

package corpustest

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time the process has used so far, user and
// system, over all threads: unlike wall time it does not grow while other
// processes have the cores.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
