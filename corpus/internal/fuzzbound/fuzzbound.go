// Package fuzzbound bounds the time and memory one fuzz input may cost,
// so that a fuzzer fails on an input that would make gazette slow or
// hungry, not only on one that makes it wrong. Each fuzz target defers
// Check at its start: it costs one clock reading and one read of the
// runtime's allocation counter an input.
package fuzzbound

import (
	"runtime/metrics"
	"testing"
	"time"
)

// The bounds of one input: MaxTime, whatever its size (a fuzzer's inputs
// are kilobytes; a second is a thousand times what they should take), and
// MaxAlloc plus AllocPerByte times its size of allocated memory.
const (
	MaxTime      = 2 * time.Second
	MaxAlloc     = 256 << 20
	AllocPerByte = 200
)

// allocated returns the bytes the process has allocated so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// Check starts measuring one input of size bytes; the function it returns
// fails tb when the input took more than MaxTime or allocated more than
// its share.
func Check(tb testing.TB, size int) func() {
	start, before := time.Now(), allocated()
	return func() {
		if took := time.Since(start); took > MaxTime {
			tb.Fatalf("one input of %d bytes took %v, more than %v", size, took, MaxTime)
		}
		if n := allocated() - before; n > MaxAlloc+uint64(size)*AllocPerByte {
			tb.Fatalf("one input of %d bytes allocated %d MiB", size, n>>20)
		}
	}
}
