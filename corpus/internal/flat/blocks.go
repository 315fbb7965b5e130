package flat

import (
	"fmt"
	"sync/atomic"
	"unsafe"
)

// BlockSize is the span of each checksum of a part written by Blocks.
const BlockSize = 64 << 10

// SmallBlockSize is the span of each checksum of a table that is read an
// entry here and there (the records of articles): a read of one entry
// costs the checksum of its block.
const SmallBlockSize = 4 << 10

// Blocks appends p as Bytes does, then a part holding the CRC-32C of
// each BlockSize bytes of p (the last block may be shorter), so that a
// reader checks the pieces of p it reads when it first reads them, not
// all of p when it opens the file (see Checked). Writing costs a second
// checksum of p.
func (w *Writer) Blocks(p []byte) { w.BlocksOf(p, BlockSize) }

// BlocksOf is Blocks with blocks of size bytes, a power of two from 64
// to 16 MiB; the table of checksums starts with the size.
func (w *Writer) BlocksOf(p []byte, size int) {
	start := w.start()
	w.blocks = &blockSums{size: size, sums: []uint32{uint32(size)}}
	w.write(p)
	w.endBlocks(start)
}

// endBlocks ends the part that started at start, written in blocks, and
// appends the table of its blocks' checksums.
func (w *Writer) endBlocks(start int64) {
	sums := w.blocks.finish()
	w.blocks = nil
	w.end(start)
	Numbers(w, sums)
}

// NumberBlocks appends the numbers of s as Numbers does, in blocks of
// SmallBlockSize bytes; they are read back with CheckedNumbers.
func NumberBlocks[T uint32 | int32 | uint64 | int64 | float32](w *Writer, s []T) {
	var zero T
	w.BlocksOf(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero))), SmallBlockSize)
}

// blockSums takes the checksums of the blocks of a part as it is
// written, in pieces of any size.
type blockSums struct {
	size int
	sums []uint32
	cur  uint32
	n    int // bytes in the current block
}

func (b *blockSums) add(p []byte) {
	for len(p) > 0 {
		k := min(len(p), b.size-b.n)
		b.cur = ChecksumUpdate(b.cur, p[:k])
		b.n += k
		p = p[k:]
		if b.n == b.size {
			b.sums = append(b.sums, b.cur)
			b.cur, b.n = 0, 0
		}
	}
}

// finish returns the checksums, the last block's included.
func (b *blockSums) finish() []uint32 {
	if b.n > 0 {
		b.sums = append(b.sums, b.cur)
	}
	return b.sums
}

// blocks returns how many blocks of size bytes n bytes make.
func blocks(n, size int) int { return (n + size - 1) / size }

// Checked is a part written by Blocks, read in place: its blocks are
// checked against their checksums as they are first asked for, once each
// (safe for concurrent use).
type Checked struct {
	b    []byte
	size uint64
	sums []uint32
	// done has a bit set per block checked.
	done []atomic.Uint64
}

// Blocks returns the next part written by Writer.Blocks or BlocksOf,
// checking its table of checksums (four bytes a block) but not the bytes
// themselves.
func (r *Reader) Blocks() (*Checked, error) {
	b, _, err := r.Bulk()
	if err != nil {
		return nil, err
	}
	sums, err := Read[uint32](r, -1)
	if err != nil {
		return nil, err
	}
	if len(sums) == 0 || sums[0] < 64 || sums[0] > 16<<20 || sums[0]&(sums[0]-1) != 0 || len(sums)-1 != blocks(len(b), int(sums[0])) {
		return nil, fmt.Errorf("part %d: checksums of its blocks: %w", r.next-1, ErrDamaged)
	}
	return &Checked{b: b, size: uint64(sums[0]), sums: sums[1:], done: make([]atomic.Uint64, (len(sums)+62)/64)}, nil
}

// CheckedNumbers returns the next part written by NumberBlocks as
// numbers, sharing its bytes, unchecked but for its table of checksums:
// the caller checks (Checked.Check) the bytes of those it reads before
// reading them. want, when not negative, is how many numbers it must
// hold.
func CheckedNumbers[T uint32 | int32 | uint64 | int64 | float32](r *Reader, want int) ([]T, *Checked, error) {
	c, err := r.Blocks()
	if err != nil {
		return nil, nil, err
	}
	s, err := numbers[T](c.b, r.next-2, want)
	return s, c, err
}

// CheckedTable is a string table written by Writer.StringsOf, read in
// place: its offsets are checked a block at a time as they are asked
// for, and its bytes are left to the caller to check.
type CheckedTable struct {
	Table
	offs *Checked
}

// CheckedStrings returns the next string table, written by
// Writer.StringsOf, checking only that its offsets are whole numbers and
// the table of their checksums; want, when not negative, is how many
// strings it must hold. Check a range of strings before reading them.
func (r *Reader) CheckedStrings(want int) (CheckedTable, error) {
	offs, c, err := CheckedNumbers[uint64](r, -1)
	if err != nil {
		return CheckedTable{}, err
	}
	b, _, err := r.Bulk()
	if err != nil {
		return CheckedTable{}, err
	}
	if len(offs) == 0 || (want >= 0 && len(offs) != want+1) {
		return CheckedTable{}, fmt.Errorf("string table %d: %w", r.next-1, ErrDamaged)
	}
	return CheckedTable{Table: Table{offs: offs, bytes: b}, offs: c}, nil
}

// Check checks the offsets of strings [i, j) (j <= Len): their blocks'
// checksums, that they do not fall, and that they stay inside the bytes.
// Then At and Span may read those strings.
func (t CheckedTable) Check(i, j int) error {
	if i < 0 || i > j || j > t.Len() {
		return fmt.Errorf("strings [%d, %d) of %d: %w", i, j, t.Len(), ErrDamaged)
	}
	if err := t.offs.Check(uint64(i)*8, uint64(j+1)*8); err != nil {
		return err
	}
	if (i == 0 && t.Table.offs[0] != 0) || t.Table.offs[j] > uint64(len(t.bytes)) {
		return fmt.Errorf("strings [%d, %d): %w", i, j, ErrDamaged)
	}
	for k := i; k < j; k++ {
		if t.Table.offs[k] > t.Table.offs[k+1] {
			return fmt.Errorf("strings [%d, %d): %w", i, j, ErrDamaged)
		}
	}
	return nil
}

// Bytes returns the bytes of all the strings, end to end, unchecked.
func (t CheckedTable) Bytes() []byte { return t.bytes }

// Bytes returns the part's bytes, checked or not: use only what Check
// has accepted.
func (c *Checked) Bytes() []byte { return c.b }

// Check checks the blocks that the bytes [lo, hi) of the part lie in and
// that were not checked yet; it costs their checksum, at memory speed,
// and a bit test for those already checked. An error wraps ErrDamaged.
func (c *Checked) Check(lo, hi uint64) error {
	if hi > uint64(len(c.b)) || lo > hi {
		return fmt.Errorf("bytes [%d, %d) of %d: %w", lo, hi, len(c.b), ErrDamaged)
	}
	if lo == hi {
		return nil
	}
	for k := lo / c.size; k <= (hi-1)/c.size; k++ {
		word, bit := &c.done[k/64], uint64(1)<<(k%64)
		if word.Load()&bit != 0 {
			continue
		}
		if Checksum(c.b[k*c.size:min((k+1)*c.size, uint64(len(c.b)))]) != c.sums[k] {
			return fmt.Errorf("block %d: checksum: %w", k, ErrDamaged)
		}
		word.Or(bit)
	}
	return nil
}
