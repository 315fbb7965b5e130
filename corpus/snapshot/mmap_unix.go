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
