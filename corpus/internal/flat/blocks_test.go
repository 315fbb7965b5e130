package flat_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
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

func TestNumberBlocksInSmallBlocks(t *testing.T) {
	nums := make([]uint64, 3*flat.SmallBlockSize/8+5)
	for i := range nums {
		nums[i] = uint64(i) * 3
	}
	r, _ := corpustest.ReadBack(t, func(w *flat.Writer) { flat.NumberBlocks(w, nums) })
	got, c, err := flat.CheckedNumbers[uint64](r, len(nums))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(nums) || got[len(got)-1] != nums[len(nums)-1] {
		t.Fatalf("read %d numbers, last %d; wrote %d", len(got), got[len(got)-1], len(nums))
	}
	// A number of the second block changed: the first and the third
	// still read, the second is refused.
	got[flat.SmallBlockSize/8+1]++
	const b = flat.SmallBlockSize
	for _, tc := range []struct {
		lo, hi uint64
		bad    bool
	}{{0, 8, false}, {2 * b, 2*b + 8, false}, {b, b + 8, true}, {b - 8, b + 8, true}} {
		if err := c.Check(tc.lo, tc.hi); tc.bad != (err != nil) {
			t.Errorf("Check(%d, %d) = %v; want damaged %t", tc.lo, tc.hi, err, tc.bad)
		}
	}
	r, _ = corpustest.ReadBack(t, func(w *flat.Writer) { flat.NumberBlocks(w, nums) })
	if _, _, err := flat.CheckedNumbers[uint64](r, len(nums)+1); !errors.Is(err, flat.ErrDamaged) {
		t.Errorf("CheckedNumbers of more numbers than written: %v; want damaged", err)
	}
}

func TestCheckedStrings(t *testing.T) {
	strs := make([]string, 2000)
	for i := range strs {
		strs[i] = strings.Repeat("é", i%7)
	}
	write := func(w *flat.Writer) {
		w.StringsOf(func(yield func(string)) {
			for _, s := range strs {
				yield(s)
			}
		})
	}
	r, _ := corpustest.ReadBack(t, write)
	tab, err := r.CheckedStrings(len(strs))
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.Check(0, tab.Len()); err != nil {
		t.Fatal(err)
	}
	for i, s := range strs {
		if tab.At(i) != s {
			t.Fatalf("string %d: %q; want %q", i, tab.At(i), s)
		}
	}
	// Damaged offsets are found by the check of the strings they bound,
	// whether the block's checksum or the order of the offsets tells.
	r, data := corpustest.ReadBack(t, write)
	binary.NativeEndian.PutUint64(data[8*1500:], 1<<40)
	tab, err = r.CheckedStrings(len(strs))
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.Check(0, 10); err != nil {
		t.Errorf("strings far from the damage: %v", err)
	}
	if err := tab.Check(1499, 1501); !errors.Is(err, flat.ErrDamaged) {
		t.Errorf("strings bounded by a damaged offset: %v; want damaged", err)
	}
	if err := tab.Check(10, 5); !errors.Is(err, flat.ErrDamaged) {
		t.Errorf("Check(10, 5): %v; want damaged", err)
	}
}
