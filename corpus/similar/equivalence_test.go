package similar

import (
	"slices"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// TestWordHashesAgreeWithReference: the signer hashes the words fold.Words
// cuts, folded as it folds them, on every rune up to U+2FFF between
// letters and on French text.
func TestWordHashesAgreeWithReference(t *testing.T) {
	texts := []string{"L’OTAN et l'industrie : cyber‑défense, ÉTÉ 2019 (Œuvre)… straße 中文 x×y", "\xc3(\xe2\x80 é\xc3"}
	for r := rune(0); r < 0x3000; r++ {
		texts = append(texts, "Ab"+string(r)+"cD é"+string(r)+"é")
	}
	for _, s := range texts {
		if got, want := appendWordHashes(nil, s), appendWordHashesRef(nil, s); !slices.Equal(got, want) {
			t.Fatalf("%q: %d hashes, reference %d", s, len(got), len(want))
		}
	}
}

// BenchmarkWordHashes is the word hashing of the signatures, the better
// part of their cost, on generated text.
func BenchmarkWordHashes(b *testing.B) {
	var text []string
	size := 0
	for _, a := range corpustest.Articles(2000, 3) {
		text = append(text, a.Paragraphs...)
		for _, p := range a.Paragraphs {
			size += len(p)
		}
	}
	b.SetBytes(int64(size))
	var dst []uint64
	for b.Loop() {
		for _, p := range text {
			dst = appendWordHashes(dst[:0], p)
		}
	}
}
