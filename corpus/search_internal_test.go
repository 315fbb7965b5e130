package corpus

import (
	"slices"
	"testing"
	"unicode"
)

// TestLatinFoldTable checks the fast folding against Fold for every word
// rune of the Latin, Greek and Cyrillic blocks.
func TestLatinFoldTable(t *testing.T) {
	for r := rune(0x20); r < 0x530; r++ {
		if !isWordRune(r) || unicode.Is(unicode.Mn, r) {
			continue
		}
		if got, want := string(appendFoldedRune(nil, r)), Fold(string(r)); got != want {
			t.Errorf("%U %q folds to %q, Fold gives %q", r, r, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	text := "L’OTAN et l'industrie : cyber‑défense, ÉTÉ 2019 (Œuvre)… ß"
	type word struct{ text, folded string }
	var got []word
	w := newWords(text)
	for w.next() {
		got = append(got, word{text[w.Start:w.End], string(w.Folded)})
	}
	want := []word{{"L", "l"}, {"OTAN", "otan"}, {"et", "et"}, {"l", "l"}, {"industrie", "industrie"},
		{"cyber", "cyber"}, {"défense", "defense"}, {"ÉTÉ", "ete"}, {"2019", "2019"}, {"Œuvre", "oeuvre"}, {"ß", "ss"}}
	if !slices.Equal(got, want) {
		t.Errorf("words = %q\nwant %q", got, want)
	}
}

func TestSkipVarints(t *testing.T) {
	// 1-, 2- and 3-byte varints in a pattern longer than a word.
	var b []byte
	var starts []int
	for i := range 200 {
		starts = append(starts, len(b))
		switch i % 3 {
		case 0:
			b = append(b, 5)
		case 1:
			b = append(b, 0x80|3, 1)
		default:
			b = append(b, 0x80|1, 0x80|2, 3)
		}
	}
	for from := range 20 {
		for n := range 150 {
			if got, want := skipVarints(b, starts[from], uint32(n)), starts[from+n]; got != want {
				t.Fatalf("skipVarints from %d over %d = %d, want %d", from, n, got, want)
			}
		}
	}
}

func TestOneTypo(t *testing.T) {
	tests := []struct {
		q, w string
		want bool
	}{
		{"securty", "security", true},
		{"securite", "securite", true},
		{"secuirte", "securite", true},
		{"securie", "securite", true},
		{"securiteq", "securite", true},
		{"cyberdefnse", "cyberdefense", true},
		{"cyberdefnse", "cyberdefenses", true},
		{"sceurity", "security", true},
		{"secrutiy", "security", false},
		{"abcde", "vwxyz", false},
	}
	for _, tt := range tests {
		if got := oneTypo(tt.q, tt.w); got != tt.want {
			t.Errorf("oneTypo(%q, %q) = %v, want %v", tt.q, tt.w, got, tt.want)
		}
	}
}

func TestIsSubsequence(t *testing.T) {
	tests := []struct {
		q, w string
		want bool
	}{
		{"cybdef", "cyberdefense", true},
		{"cbdf", "cyberdefense", true},
		{"fed", "cyberdefense", false},
		{"cyd", "xxxxxxxxxxxcyxxxxxxxxxxxxxxxxxxd", false}, // too spread out
		{"otn", "otan", true},
	}
	for _, tt := range tests {
		if got := isSubsequence(tt.q, tt.w); got != tt.want {
			t.Errorf("isSubsequence(%q, %q) = %v, want %v", tt.q, tt.w, got, tt.want)
		}
	}
}

// TestHasMarkup: a body is read as HTML when it holds a tag or a character
// reference, wherever they are and whatever "<" or "&" come first.
func TestHasMarkup(t *testing.T) {
	for s, want := range map[string]bool{
		"":                             false,
		"plain text":                   false,
		"a < b & c; d":                 false,
		"1 < 2 & 3 > 2":                false,
		"x & y <p>z</p>":               true,
		"< a> &amp; b":                 true,
		"a &nbsp b < c":                false,
		"fin&#27;":                     true,
		"<br/>":                        true,
		"a <b and c > d":               true,
		"&&&&;<<<<>":                   false,
		"text then <a href=x>link</a>": true,
	} {
		if got := hasMarkup(s); got != want {
			t.Errorf("hasMarkup(%q) = %v, want %v", s, got, want)
		}
	}
}
