package corpus

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestGatherAgreesWithWords: the index cuts and folds words, with its
// shortcuts for ASCII, two-byte Latin letters and general punctuation,
// exactly as the word iterator that queries and snippets use does, on text
// mixing short and long words, capitals, digits, accents, marks,
// apostrophes, separators and broken UTF-8 at every offset, and on every
// rune up to U+2FFF alone and between letters.
func TestGatherAgreesWithWords(t *testing.T) {
	pieces := []string{
		"de", "la", "OTAN", "Japon", "cyberdéfense", "coopération", "2019", "a", "x",
		"internationale", "ÉTATS", "l’", "d'", "porte-parole", "e\u0301", "\u0301", "Œuvre",
		"straße", "ǅ", "中文", "x×y", "«", "»", " ", "  ", ", ", ". ", "\u00a0", "\t", "-",
		"abcdefg", "abcdefgh", "ABCDEFGHIJ", "mot7777", "Zz", "ª", "µ", "º", "²", "÷", "Ð",
		"Þ", "ſ", "ŉ", "œ", "Ÿ", "—", "…", "\u203f", "\u2040", "\u200d", "\xc3", "\xc3(",
		"\xe2\x80", "\xe2\x80(", "\xe2", "\x80", "\xc5\xbf\xbf",
	}
	check := func(s string) {
		t.Helper()
		var want []string
		for w := newWords(s); w.next(); {
			want = append(want, string(w.Folded))
		}
		b := &shardBuild{table: make([]slot, 16), folded: make([]byte, 0, 64)}
		n := b.gather(&b.body, s, 0, 0)
		var got []string
		for _, k := range b.body.block.keys {
			got = append(got, b.words[k>>32])
		}
		if !slices.Equal(got, want) || int(n) != len(want) {
			t.Fatalf("%q:\ngather %q (%d positions)\nwords  %q", s, got, n, want)
		}
	}
	for r := rune(0); r < 0x3000; r++ {
		check(string(r))
		check("Ab" + string(r) + "cD")
		check("é" + string(r) + "é")
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(sb.String())
	}
}
