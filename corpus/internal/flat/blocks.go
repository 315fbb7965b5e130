package flat

import (
	"fmt"
	"sync/atomic"
)

// BlockSize is the span of each checksum of a part written by Blocks.
const BlockSize = 64 << 10

// Blocks appends p as Bytes does, then a part holding the CRC-32C of
// each BlockSize bytes of p (the last block may be shorter), so that a
// reader checks the pieces of p it reads when it first reads them, not
// all of p when it opens the file (see Checked). Writing costs a second
// checksum of p.
func (w *Writer) Blocks(p []byte) {
	w.Bytes(p)
	sums := make([]uint32, blocks(len(p)))
	for k := range sums {
		sums[k] = Checksum(p[k*BlockSize : min((k+1)*BlockSize, len(p))])
	}
	Numbers(w, sums)
}

// blocks returns how many blocks n bytes make.
func blocks(n int) int { return (n + BlockSize - 1) / BlockSize }

// Checked is a part written by Blocks, read in place: its blocks are
// checked against their checksums as they are first asked for, once each
// (safe for concurrent use).
type Checked struct {
	b    []byte
	sums []uint32
	// done has a bit set per block checked.
	done []atomic.Uint64
}

// Blocks returns the next part written by Writer.Blocks, checking its
// table of checksums (four bytes a block) but not the bytes themselves.
func (r *Reader) Blocks() (*Checked, error) {
	b, _, err := r.Bulk()
	if err != nil {
		return nil, err
	}
	sums, err := Read[uint32](r, blocks(len(b)))
	if err != nil {
		return nil, err
	}
	return &Checked{b: b, sums: sums, done: make([]atomic.Uint64, (len(sums)+63)/64)}, nil
}

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
	for k := lo / BlockSize; k <= (hi-1)/BlockSize; k++ {
		word, bit := &c.done[k/64], uint64(1)<<(k%64)
		if word.Load()&bit != 0 {
			continue
		}
		if Checksum(c.b[k*BlockSize:min((k+1)*BlockSize, uint64(len(c.b)))]) != c.sums[k] {
			return fmt.Errorf("block %d: checksum: %w", k, ErrDamaged)
		}
		word.Or(bit)
	}
	return nil
}
