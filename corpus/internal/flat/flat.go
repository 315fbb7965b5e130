// Package flat writes and reads the parts of a file that is opened by
// mapping it into memory: byte strings, arrays of fixed-size numbers and
// string tables, each starting on an eight-byte boundary, so that a
// reader can take them as Go slices in place, without decoding.
//
// A Writer appends parts one after the other and records where each one
// starts and ends and its CRC-32C; Finish appends that table of parts. A
// Reader is given the bytes and the table and hands the parts back in the
// order they were written, checking that every part lies inside the
// bytes, has a whole number of elements and is aligned, and, but for the
// parts read as Bulk, that its checksum holds: nothing read from a file
// is trusted. A bulk part (the text of articles) is checked by its reader
// when it is first used, and a part written in blocks (Blocks, BlocksOf,
// NumberBlocks, the offsets of StringsOf) a block at a time as its
// reader reads it (Checked), so that opening a file does not read all of
// it. Numbers are in the machine's own byte order; the file's
// header says which (see NativeLittleEndian), and a file of the other
// order is not read.
//
// Writing costs one copy of each part through a buffer and its checksum
// (two for a part in blocks); reading a part costs its checksum (a few
// GB/s), a string table also a pass over its offsets, a part in blocks
// the checksums of the blocks read, once each, and a bit test a read.
package flat

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"unsafe"
)

// Castagnoli is the table of the CRC-32C checksums of parts.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Checksum returns the CRC-32C of b, as parts are checked.
func Checksum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// PartWords is the size of a part's entry in the table of parts, in
// uint64s: its start, its end, and its checksum.
const PartWords = 3

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
	off int64
	// parts holds the start, the end and the checksum of every part
	// written; sum is the checksum of the part being written.
	parts []uint64
	sum   uint32
	err   error
	pad   [Align]byte
	// blocks, when not nil, takes the checksums of the blocks of the
	// part being written (see Blocks).
	blocks *blockSums
}

// NewWriter returns a Writer that appends to w, which is at offset
// start of its file (a multiple of Align).
func NewWriter(w io.Writer, start int64) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 1<<20), off: start}
}

// start pads to the next part's boundary and returns where it starts.
func (w *Writer) start() int64 {
	if r := w.off % Align; r != 0 {
		w.write(w.pad[:Align-r])
	}
	w.sum = 0
	return w.off
}

// end records the part that started at start.
func (w *Writer) end(start int64) {
	w.parts = append(w.parts, uint64(start), uint64(w.off), uint64(w.sum))
}

// write writes p as it is.
func (w *Writer) write(p []byte) {
	if w.err != nil || len(p) == 0 {
		return
	}
	w.sum = crc32.Update(w.sum, castagnoli, p)
	if w.blocks != nil {
		w.blocks.add(p)
	}
	n, err := w.w.Write(p)
	w.off += int64(n)
	w.err = err
}

// Bytes appends one part holding p.
func (w *Writer) Bytes(p []byte) {
	start := w.start()
	w.write(p)
	w.end(start)
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
	start := w.start()
	for _, s := range ss {
		w.write(unsafe.Slice(unsafe.StringData(s), len(s)))
	}
	w.end(start)
}

// StringsOf appends a string table of the strings each gives, in the
// same order each time it is called: it is called twice, once for the
// offsets and once for the bytes, so that a table of millions of strings
// is written without a slice of them all. The offsets are written as
// Blocks writes bytes (a reader checks those it reads as it reads them),
// and the bytes as a bulk part, which the caller checks: the table is
// read back with Reader.CheckedStrings.
func (w *Writer) StringsOf(each func(yield func(string))) {
	var buf [4096]byte
	chunk := buf[:0]
	var n uint64
	start := w.start()
	w.blocks = &blockSums{size: SmallBlockSize, sums: []uint32{SmallBlockSize}}
	each(func(s string) {
		if len(chunk)+8 > cap(chunk) {
			w.write(chunk)
			chunk = chunk[:0]
		}
		chunk = binary.NativeEndian.AppendUint64(chunk, n)
		n += uint64(len(s))
	})
	chunk = binary.NativeEndian.AppendUint64(chunk, n)
	w.write(chunk)
	w.endBlocks(start)
	start = w.start()
	each(func(s string) { w.write(unsafe.Slice(unsafe.StringData(s), len(s))) })
	w.end(start)
}

// ChecksumUpdate returns the checksum of what sum is the checksum of,
// followed by p: Checksum of pieces end to end.
func ChecksumUpdate(sum uint32, p []byte) uint32 { return crc32.Update(sum, castagnoli, p) }

// Finish appends the table of parts and flushes the stream. It returns
// the offset of the table, its number of parts, its checksum, and the
// first error.
func (w *Writer) Finish() (tableOff int64, parts int, sum uint32, err error) {
	start := w.start()
	tableOff, parts = start, len(w.parts)/PartWords
	table := w.parts
	if parts > 0 {
		w.write(unsafe.Slice((*byte)(unsafe.Pointer(&table[0])), len(table)*8))
	}
	sum = w.sum
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return tableOff, parts, sum, w.err
}

// Flush writes what the buffer holds to the stream, so that the parts
// written so far may be read from the file (see Written).
func (w *Writer) Flush() error {
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

// Written returns a Reader of the parts this Writer has written from the
// from-th on, in data, the file's bytes from its start (mapped after a
// Flush). The table of parts is the Writer's own, not read from the
// file; what the parts hold is checked as Reader checks it.
func (w *Writer) Written(data []byte, from int) (*Reader, error) {
	if len(data) > 0 && uintptr(unsafe.Pointer(&data[0]))%Align != 0 {
		return nil, errors.New("bytes not aligned")
	}
	if from < 0 || from > w.Parts() || w.off > int64(len(data)) {
		return nil, fmt.Errorf("parts written: %w", ErrDamaged)
	}
	return &Reader{data: data, parts: slices.Clone(w.parts[from*PartWords:])}, nil
}

// Offset returns where the next byte will be written.
func (w *Writer) Offset() int64 { return w.off }

// Parts returns how many parts have been written.
func (w *Writer) Parts() int { return len(w.parts) / PartWords }

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
// tableOff, holds n parts and has the checksum sum. data must start on an
// Align boundary.
func NewReader(data []byte, tableOff, n uint64, sum uint32) (*Reader, error) {
	if len(data) > 0 && uintptr(unsafe.Pointer(&data[0]))%Align != 0 {
		return nil, errors.New("bytes not aligned")
	}
	if tableOff%Align != 0 || tableOff > uint64(len(data)) || n > (uint64(len(data))-tableOff)/(8*PartWords) {
		return nil, fmt.Errorf("table of parts: %w", ErrDamaged)
	}
	r := &Reader{data: data}
	if n > 0 {
		r.parts = unsafe.Slice((*uint64)(unsafe.Pointer(&data[tableOff])), PartWords*n)
	}
	if Checksum(data[tableOff:tableOff+8*PartWords*n]) != sum {
		return nil, fmt.Errorf("table of parts: checksum: %w", ErrDamaged)
	}
	for i := 0; i < len(r.parts); i += PartWords {
		if start, end := r.parts[i], r.parts[i+1]; start > end || end > tableOff || start%Align != 0 {
			return nil, fmt.Errorf("part %d: %w", i/PartWords, ErrDamaged)
		}
	}
	return r, nil
}

// Bytes returns the next part, after checking its checksum.
func (r *Reader) Bytes() ([]byte, error) {
	b, sum, err := r.Bulk()
	if err == nil && Checksum(b) != sum {
		err = fmt.Errorf("part %d: checksum: %w", r.next-1, ErrDamaged)
	}
	return b, err
}

// Bulk returns the next part and its checksum, without checking it: the
// caller checks the part, or pieces of it, before using them.
func (r *Reader) Bulk() ([]byte, uint32, error) {
	if r.next >= len(r.parts)/PartWords {
		return nil, 0, fmt.Errorf("part %d missing: %w", r.next, ErrDamaged)
	}
	e := r.parts[PartWords*r.next : PartWords*(r.next+1)]
	r.next++
	return r.data[e[0]:e[1]:e[1]], uint32(e[2]), nil
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
	return numbers[T](b, r.next-1, want)
}

// BulkRead is Read without the checksum, which it returns (see Bulk).
func BulkRead[T uint32 | int32 | uint64 | int64 | float32](r *Reader, want int) ([]T, uint32, error) {
	b, sum, err := r.Bulk()
	if err != nil {
		return nil, 0, err
	}
	s, err := numbers[T](b, r.next-1, want)
	return s, sum, err
}

// numbers returns part number part, b, as numbers; want as in Read.
func numbers[T uint32 | int32 | uint64 | int64 | float32](b []byte, part, want int) ([]T, error) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if len(b)%size != 0 || (want >= 0 && len(b)/size != want) {
		return nil, fmt.Errorf("part %d: %d bytes for %d numbers: %w", part, len(b), want, ErrDamaged)
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

// Strings returns the next string table, after checking its checksum
// and that its offsets rise and stay inside its bytes; want, when not
// negative, is how many strings it must hold.
func (r *Reader) Strings(want int) (Table, error) {
	t, sum, err := r.BulkStrings(want)
	if err == nil && Checksum(t.bytes) != sum {
		err = fmt.Errorf("part %d: checksum: %w", r.next-1, ErrDamaged)
	}
	return t, err
}

// BulkStrings is Strings without the checksum of the strings' bytes,
// which it returns: the caller checks the strings before using them (the
// offsets are checked).
func (r *Reader) BulkStrings(want int) (Table, uint32, error) {
	offs, err := Read[uint64](r, -1)
	if err != nil {
		return Table{}, 0, err
	}
	b, sum, err := r.Bulk()
	if err != nil {
		return Table{}, 0, err
	}
	if len(offs) == 0 || (want >= 0 && len(offs) != want+1) || offs[0] != 0 || offs[len(offs)-1] != uint64(len(b)) {
		return Table{}, 0, fmt.Errorf("string table %d: %w", r.next-1, ErrDamaged)
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] {
			return Table{}, 0, fmt.Errorf("string table %d: %w", r.next-1, ErrDamaged)
		}
	}
	return Table{offs: offs, bytes: b}, sum, nil
}

// Span returns the bytes of the strings [i, j), end to end; i <= j <= Len.
func (t Table) Span(i, j int) []byte { return t.bytes[t.offs[i]:t.offs[j]] }

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
	if r.next != len(r.parts)/PartWords {
		return fmt.Errorf("%d parts left unread: %w", len(r.parts)/PartWords-r.next, ErrDamaged)
	}
	return nil
}
