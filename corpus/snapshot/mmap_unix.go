//go:build unix

package snapshot

import (
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// mapsFiles says mapFile maps: the text it gives is the file's pages, not
// the heap's.
const mapsFiles = true

// mapFile maps the file at path into memory, read-only.
func mapFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	if size < headerSize || int64(int(size)) != size {
		return nil, fmt.Errorf("%d bytes: %w", size, ErrDamaged)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	return data, nil
}

// unmap releases a mapping that nothing points into.
func unmap(data []byte) { _ = syscall.Munmap(data) }

// releasePages drops the whole pages of b, a stretch of a file's mapping,
// from the process: reading them again reads the file.
func releasePages(b []byte) {
	page := uintptr(os.Getpagesize())
	if len(b) == 0 {
		return
	}
	start := uintptr(unsafe.Pointer(&b[0]))
	lo := (start + page - 1) &^ (page - 1)
	hi := (start + uintptr(len(b))) &^ (page - 1)
	if hi <= lo {
		return
	}
	_ = syscall.Madvise(b[lo-start:hi-start], syscall.MADV_DONTNEED)
}

// willNeed asks the system to read the pages of b, a stretch of a file's
// mapping, ahead of their use, in one go (from its first whole page on).
func willNeed(b []byte) { advise(b, syscall.MADV_WILLNEED) }

// readRandomly tells the system that b, a stretch of a file's mapping,
// is read here and there: a page missing from memory is read alone, not
// with the megabytes after it that the system would read ahead (8 MB a
// fault on the machine where this was measured).
func readRandomly(b []byte) { advise(b, syscall.MADV_RANDOM) }

// advise gives the system advice about the whole pages of b.
func advise(b []byte, advice int) {
	if len(b) == 0 {
		return
	}
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(&b[0]))
	lo := (start + page - 1) &^ (page - 1)
	if lo-start >= uintptr(len(b)) {
		return
	}
	_ = syscall.Madvise(b[lo-start:], advice)
}
