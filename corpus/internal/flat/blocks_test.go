package flat_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
)

// blocksOf writes p with Blocks and returns a Reader of it and the bytes.
func blocksOf(t *testing.T, p []byte) (*flat.Reader, []byte) {
	return corpustest.ReadBack(t, func(w *flat.Writer) { w.Blocks(p) })
}

func TestBlocksAreCheckedWhenRead(t *testing.T) {
	const size = flat.BlockSize
	p := make([]byte, 3*size+100)
	for i := range p {
		p[i] = byte(i * 7)
	}
	r, _ := blocksOf(t, p)
	c, err := r.Blocks()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.Bytes(), p) {
		t.Fatal("the part read is not the part written")
	}
	// One bit changed in the third block: what lies outside it reads
	// well, what touches it is refused, every time.
	c.Bytes()[2*size+10] ^= 0x10
	for _, tc := range []struct {
		lo, hi uint64
		bad    bool
	}{
		{0, 10, false},
		{size - 1, size + 1, false},
		{3 * size, 3*size + 100, false},
		{2*size + 10, 2*size + 11, true},
		{size, 3 * size, true},
		{0, 3*size + 100, true},
		{5, 5, false},
		{2*size + 10, 2*size + 11, true},
		{0, 3*size + 101, true}, // past the end
	} {
		err := c.Check(tc.lo, tc.hi)
		if tc.bad != (err != nil) || (err != nil && !errors.Is(err, flat.ErrDamaged)) {
			t.Errorf("Check(%d, %d) = %v; want damaged %t", tc.lo, tc.hi, err, tc.bad)
		}
	}
}

func TestBlocksOfNothing(t *testing.T) {
	r, _ := blocksOf(t, nil)
	c, err := r.Blocks()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(0, 0); err != nil {
		t.Errorf("Check(0, 0) of an empty part: %v", err)
	}
	if err := c.Check(0, 1); !errors.Is(err, flat.ErrDamaged) {
		t.Errorf("Check(0, 1) of an empty part: %v; want damaged", err)
	}
}

func TestBlockSumsAreChecked(t *testing.T) {
	r, data := blocksOf(t, make([]byte, flat.BlockSize+1))
	// The table of sums follows the part, on the next eight-byte
	// boundary: damaged, the part is refused when it is read.
	data[flat.BlockSize+8+1] ^= 1
	if _, err := r.Blocks(); !errors.Is(err, flat.ErrDamaged) {
		t.Errorf("Blocks with its sums damaged: %v; want damaged", err)
	}
}
