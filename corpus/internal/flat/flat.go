// Package flat writes and reads the parts of a file that is opened by
// mapping it into memory: byte strings, arrays of fixed-size numbers and
// string tables, each starting on an eight-byte boundary, so that a
// reader can take them as Go slices in place, without decoding.
//
// A Writer appends parts one after the other and records where each one
// starts and ends; Finish appends that table of parts. A Reader is given
// the bytes and the table and hands the parts back in the order they were
// written, checking that every part lies inside the bytes, has a whole
// number of elements and is aligned: nothing read from a file is trusted.
// Numbers are in the machine's own byte order; the file's header says
// which (see NativeLittleEndian), and a file of the other order is not
// read.
//
// Writing costs one copy of each part through a buffer; reading a part
// costs O(1), and a string table O(strings) to check its offsets.
package flat

import (
	"bufio"
	"errors"
	"fmt"
	"hash"
	"io"
	"unsafe"
)

// Align is the boundary every part starts on.
const Align = 8

// NativeLittleEndian reports whether the machine stores numbers least
// significant byte first.
func NativeLittleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// Writer appends parts to a stream. Its first error stops every later
// write and is returned by Finish.
type Writer struct {
	w   *bufio.Writer
	sum hash.Hash
	off int64
	// parts holds the start and the end of every part written.
	parts []uint64
	err   error
	pad   [Align]byte
}

// NewWriter returns a Writer that appends to w, which is at offset
// start of its file (a multiple of Align), and adds every byte it writes
// to sum.
func NewWriter(w io.Writer, start int64, sum hash.Hash) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 1<<20), sum: sum, off: start}
}

// write writes p as it is.
func (w *Writer) write(p []byte) {
	if w.err != nil || len(p) == 0 {
		return
	}
	w.sum.Write(p)
	n, err := w.w.Write(p)
	w.off += int64(n)
	w.err = err
}

// Bytes appends one part holding p.
func (w *Writer) Bytes(p []byte) {
	if r := w.off % Align; r != 0 {
		w.write(w.pad[:Align-r])
	}
	start := w.off
	w.write(p)
	w.parts = append(w.parts, uint64(start), uint64(start)+uint64(len(p)))
}

// String appends one part holding s.
func (w *Writer) String(s string) { w.Bytes(unsafe.Slice(unsafe.StringData(s), len(s))) }

// Numbers appends one part holding the numbers of s as they lie in
// memory.
func Numbers[T uint32 | int32 | uint64 | int64 | float32](w *Writer, s []T) {
	if len(s) == 0 {
		w.Bytes(nil)
		return
	}
	var zero T
	w.Bytes(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(zero))))
}

// Strings appends a string table: two parts, the offsets of the strings
// (one more than there are) and their bytes end to end.
func (w *Writer) Strings(ss []string) {
	offs := make([]uint64, len(ss)+1)
	var n uint64
	for i, s := range ss {
		offs[i] = n
		n += uint64(len(s))
	}
	offs[len(ss)] = n
	Numbers(w, offs)
	if r := w.off % Align; r != 0 {
		w.write(w.pad[:Align-r])
	}
	start := w.off
	for _, s := range ss {
		w.String0(s)
	}
	w.parts = append(w.parts, uint64(start), uint64(w.off))
}

// String0 writes s as part of the current part (see Strings).
func (w *Writer) String0(s string) { w.write(unsafe.Slice(unsafe.StringData(s), len(s))) }

// Finish appends the table of parts and flushes the stream. It returns
// the offset of the table, its number of parts, and the first error.
func (w *Writer) Finish() (tableOff int64, parts int, err error) {
	if r := w.off % Align; r != 0 {
		w.write(w.pad[:Align-r])
	}
	tableOff, parts = w.off, len(w.parts)/2
	if parts > 0 {
		Numbers(w, w.parts[:2*parts:2*parts])
	}
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return tableOff, parts, w.err
}

// Offset returns where the next byte will be written.
func (w *Writer) Offset() int64 { return w.off }

// ErrDamaged is wrapped by every error of a Reader: the bytes do not
// hold what their table says.
var ErrDamaged = errors.New("damaged")

// Reader hands back the parts of a file's bytes in the order they were
// written.
type Reader struct {
	data  []byte
	parts []uint64
	next  int
}

// NewReader returns a Reader of data whose table of parts starts at
// tableOff and holds n parts. data must start on an Align boundary.
func NewReader(data []byte, tableOff uint64, n uint64) (*Reader, error) {
	if len(data) > 0 && uintptr(unsafe.Pointer(&data[0]))%Align != 0 {
		return nil, errors.New("bytes not aligned")
	}
	if tableOff%Align != 0 || tableOff > uint64(len(data)) || n > (uint64(len(data))-tableOff)/16 {
		return nil, fmt.Errorf("table of parts: %w", ErrDamaged)
	}
	r := &Reader{data: data}
	if n > 0 {
		r.parts = unsafe.Slice((*uint64)(unsafe.Pointer(&data[tableOff])), 2*n)
	}
	for i := 0; i < len(r.parts); i += 2 {
		if start, end := r.parts[i], r.parts[i+1]; start > end || end > tableOff || start%Align != 0 {
			return nil, fmt.Errorf("part %d: %w", i/2, ErrDamaged)
		}
	}
	return r, nil
}

// Bytes returns the next part.
func (r *Reader) Bytes() ([]byte, error) {
	if r.next >= len(r.parts)/2 {
		return nil, fmt.Errorf("part %d missing: %w", r.next, ErrDamaged)
	}
	start, end := r.parts[2*r.next], r.parts[2*r.next+1]
	r.next++
	return r.data[start:end:end], nil
}

// String returns the next part as a string sharing its bytes.
func (r *Reader) String() (string, error) {
	b, err := r.Bytes()
	return unsafeString(b), err
}

func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Read returns the next part as numbers, sharing its bytes; want, when
// not negative, is how many numbers it must hold.
func Read[T uint32 | int32 | uint64 | int64 | float32](r *Reader, want int) ([]T, error) {
	b, err := r.Bytes()
	if err != nil {
		return nil, err
	}
	var zero T
	size := int(unsafe.Sizeof(zero))
	if len(b)%size != 0 || (want >= 0 && len(b)/size != want) {
		return nil, fmt.Errorf("part %d: %d bytes for %d numbers: %w", r.next-1, len(b), want, ErrDamaged)
	}
	if len(b) == 0 {
		return nil, nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/size), nil
}

// Table is a string table read in place.
type Table struct {
	offs  []uint64
	bytes []byte
}

// Strings returns the next string table, after checking that its
// offsets rise and stay inside its bytes; want, when not negative, is how
// many strings it must hold.
func (r *Reader) Strings(want int) (Table, error) {
	offs, err := Read[uint64](r, -1)
	if err != nil {
		return Table{}, err
	}
	b, err := r.Bytes()
	if err != nil {
		return Table{}, err
	}
	if len(offs) == 0 || (want >= 0 && len(offs) != want+1) || offs[0] != 0 || offs[len(offs)-1] != uint64(len(b)) {
		return Table{}, fmt.Errorf("string table %d: %w", r.next-1, ErrDamaged)
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] {
			return Table{}, fmt.Errorf("string table %d: %w", r.next-1, ErrDamaged)
		}
	}
	return Table{offs: offs, bytes: b}, nil
}

// Len returns the number of strings.
func (t Table) Len() int { return max(len(t.offs)-1, 0) }

// At returns string i, sharing its bytes; i must be below Len.
func (t Table) At(i int) string { return unsafeString(t.bytes[t.offs[i]:t.offs[i+1]]) }

// All returns every string, sharing their bytes.
func (t Table) All() []string {
	out := make([]string, t.Len())
	for i := range out {
		out[i] = t.At(i)
	}
	return out
}

// Done reports an error when parts are left unread: the file holds more
// than its reader knows.
func (r *Reader) Done() error {
	if r.next != len(r.parts)/2 {
		return fmt.Errorf("%d parts left unread: %w", len(r.parts)/2-r.next, ErrDamaged)
	}
	return nil
}
