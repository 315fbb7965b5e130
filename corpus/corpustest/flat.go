package corpustest

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/gazette-reader/gazette/corpus/internal/flat"
)

// ReadBack writes parts with write and returns a Reader of them and their
// bytes, on an eight-byte boundary as a mapped file's are. The Reader
// shares the bytes: a test may damage them before reading.
func ReadBack(tb testing.TB, write func(w *flat.Writer)) (*flat.Reader, []byte) {
	tb.Helper()
	var buf bytes.Buffer
	w := flat.NewWriter(&buf, 0)
	write(w)
	off, n, sum, err := w.Finish()
	if err != nil {
		tb.Fatal(err)
	}
	data := Aligned(buf.Bytes())
	r, err := flat.NewReader(data, uint64(off), uint64(n), sum)
	if err != nil {
		tb.Fatal(err)
	}
	return r, data
}

// Aligned returns a copy of b that starts on an eight-byte boundary, as
// a mapping does.
func Aligned(b []byte) []byte {
	words := make([]uint64, (len(b)+7)/8)
	out := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), len(words)*8)[:len(b)]
	copy(out, b)
	return out
}
