//go:build !unix

package snapshot

import "os"

// mapsFiles says mapFile reads files whole, onto the heap.
const mapsFiles = false

// mapFile reads the file at path: without mmap, the snapshot is read
// whole.
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }

// unmap releases nothing: the bytes are the garbage collector's.
func unmap([]byte) {}

// releasePages does nothing: the bytes are the garbage collector's.
func releasePages([]byte) {}

// willNeed does nothing: the bytes are in memory already.
func willNeed([]byte) {}

// readRandomly does nothing: the bytes are in memory already.
func readRandomly([]byte) {}
