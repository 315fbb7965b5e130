package similar

import (
	"slices"
	"testing"
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
