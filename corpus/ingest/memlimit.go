package ingest

import (
	"math"
	"runtime/debug"
)

// budgetShare is the share, in percent, of the memory the process may use
// that a load's articles may hold by default: the index, the reader, the
// garbage collector's slack and the runtime need the rest.
const budgetShare = 35

// fallbackMemory is what MemoryLimit assumes when the system tells
// nothing.
const fallbackMemory = 8 << 30

// MemoryLimit returns the memory the process may use: the machine's, or
// less where an address-space limit, a cgroup limit or GOMEMLIMIT says
// so.
func MemoryLimit() int64 {
	limit := systemMemoryLimit()
	if limit <= 0 {
		limit = fallbackMemory
	}
	if go_ := debug.SetMemoryLimit(-1); go_ > 0 && go_ < math.MaxInt64 {
		limit = min(limit, go_)
	}
	return limit
}

// DefaultBudget returns the memory budget of a load when Options gives
// none: a share of MemoryLimit.
func DefaultBudget() int64 { return MemoryLimit() / 100 * budgetShare }
