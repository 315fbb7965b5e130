package flat

import (
	"bytes"
	"errors"
	"testing"
	"unsafe"
)

// written writes p with Blocks and returns a Reader of what was written.
func written(t *testing.T, p []byte) (*Reader, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, 0)
	w.Blocks(p)
	off, n, sum, err := w.Finish()
	if err != nil {
		t.Fatal(err)
	}
	words := make([]uint64, (buf.Len()+7)/8)
	data := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), buf.Len())
	copy(data, buf.Bytes())
	r, err := NewReader(data, uint64(off), uint64(n), sum)
	if err != nil {
		t.Fatal(err)
	}
	return r, data
}

func TestBlocksAreCheckedWhenRead(t *testing.T) {
	p := make([]byte, 3*BlockSize+100)
	for i := range p {
		p[i] = byte(i * 7)
	}
	r, _ := written(t, p)
	c, err := r.Blocks()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.Bytes(), p) {
		t.Fatal("the part read is not the part written")
	}
	// One bit changed in the third block: what lies outside it reads
	// well, what touches it is refused, every time.
	c.Bytes()[2*BlockSize+10] ^= 0x10
	for _, tc := range []struct {
		lo, hi uint64
		bad    bool
	}{
		{0, 10, false},
		{BlockSize - 1, BlockSize + 1, false},
		{3 * BlockSize, 3*BlockSize + 100, false},
		{2*BlockSize + 10, 2*BlockSize + 11, true},
		{BlockSize, 3 * BlockSize, true},
		{0, 3*BlockSize + 100, true},
		{5, 5, false},
		{2*BlockSize + 10, 2*BlockSize + 11, true},
		{0, 3*BlockSize + 101, true}, // past the end
	} {
		err := c.Check(tc.lo, tc.hi)
		if tc.bad != (err != nil) || (err != nil && !errors.Is(err, ErrDamaged)) {
			t.Errorf("Check(%d, %d) = %v; want damaged %t", tc.lo, tc.hi, err, tc.bad)
		}
	}
}

func TestBlocksOfNothing(t *testing.T) {
	r, _ := written(t, nil)
	c, err := r.Blocks()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(0, 0); err != nil {
		t.Errorf("Check(0, 0) of an empty part: %v", err)
	}
	if err := c.Check(0, 1); !errors.Is(err, ErrDamaged) {
		t.Errorf("Check(0, 1) of an empty part: %v; want damaged", err)
	}
}

func TestBlockSumsAreChecked(t *testing.T) {
	p := make([]byte, BlockSize+1)
	_, data := written(t, p)
	// The table of sums follows the part: damage it, and the part is
	// refused when it is read.
	data[BlockSize+1+8] ^= 1
	var buf bytes.Buffer
	w := NewWriter(&buf, 0)
	w.Blocks(p)
	off, n, sum, _ := w.Finish()
	r, err := NewReader(data, uint64(off), uint64(n), sum)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Blocks(); !errors.Is(err, ErrDamaged) {
		t.Errorf("Blocks with its sums damaged: %v; want damaged", err)
	}
}
