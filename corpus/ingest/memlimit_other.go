//go:build !linux

package ingest

// systemMemoryLimit tells nothing on this system: MemoryLimit assumes
// fallbackMemory, less when GOMEMLIMIT says so.
func systemMemoryLimit() int64 { return 0 }
