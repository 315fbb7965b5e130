package fold

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// TestShortcutsAgreeWithReference: the Latin table, the ASCII table, the
// two- and three-byte shortcuts and the word test agree with their
// references on every rune of the Basic Multilingual Plane, alone and
// between letters, and on broken UTF-8.
func TestShortcutsAgreeWithReference(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xd800 && r < 0xe000 {
			continue // surrogates: not runes
		}
		if got, want := string(AppendRune(nil, r)), string(appendRuneRef(nil, r)); got != want {
			t.Errorf("AppendRune(%U) = %q, reference %q", r, got, want)
		}
		if got, want := IsWordRune(r), isWordRuneRef(r); got != want {
			t.Errorf("IsWordRune(%U) = %v, reference %v", r, got, want)
		}
		if r < utf8.RuneSelf && (ASCII[r] != 0) != isWordRuneRef(r) {
			t.Errorf("ASCII[%U] = %q, a word rune: %v", r, ASCII[r], isWordRuneRef(r))
		}
		for _, s := range []string{string(r), "a" + string(r) + "b"} {
			i := 0
			if len(s) > len(string(r)) {
				i = 1
			}
			if got, want := LatinLetterAt(s, i), latinLetterAtRef(s, i); got != want {
				t.Errorf("LatinLetterAt(%q) = %q, reference %q", s, got, want)
			}
			if got, want := PunctuationAt(s, i), punctuationAtRef(s, i); got != want {
				t.Errorf("PunctuationAt(%q) = %v, reference %v", s, got, want)
			}
		}
		if PunctuationAt(string(r), 0) && IsWordRune(r) {
			t.Errorf("%U is punctuation to PunctuationAt but a word rune", r)
		}
	}
	for _, s := range []string{"\xc3", "\xc3(", "\xe2\x80", "\xe2\x80(", "\xe2", "\x80", "\xc5\xbf\xbf", "\xc3\xc3"} {
		if got, want := LatinLetterAt(s, 0), latinLetterAtRef(s, 0); got != want {
			t.Errorf("LatinLetterAt(%q) = %q, reference %q", s, got, want)
		}
		if got, want := PunctuationAt(s, 0), punctuationAtRef(s, 0); got != want {
			t.Errorf("PunctuationAt(%q) = %v, reference %v", s, got, want)
		}
	}
}

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"L’ÉTÉ":             "l'ete",
		"Cyberdéfense":      "cyberdefense",
		"Œuvre ŒIL æther":   "oeuvre oeil aether",
		"Straße":            "strasse",
		"28\u00a0pays":      "28 pays",
		"porte\u2011parole": "porte-parole",
		"Ωμέγα Кириллица":   "ωμεγα кириллица",
		"":                  "",
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	text := "L’OTAN et l'industrie : cyber‑défense, ÉTÉ 2019 (Œuvre)… ß"
	type word struct{ text, folded string }
	var got []word
	w := NewWords(text)
	for w.Next() {
		got = append(got, word{text[w.Start:w.End], string(w.Folded)})
	}
	want := []word{{"L", "l"}, {"OTAN", "otan"}, {"et", "et"}, {"l", "l"}, {"industrie", "industrie"},
		{"cyber", "cyber"}, {"défense", "defense"}, {"ÉTÉ", "ete"}, {"2019", "2019"}, {"Œuvre", "oeuvre"}, {"ß", "ss"}}
	if !slices.Equal(got, want) {
		t.Errorf("words = %q\nwant %q", got, want)
	}
}

func TestIsSpace(t *testing.T) {
	for _, r := range []rune{' ', '\t', '\n', '\r', 0x00a0, 0x2007, 0x202f, 0x2003, 0x3000} {
		if !IsSpace(r) {
			t.Errorf("IsSpace(%U) = false", r)
		}
	}
	for _, r := range []rune{'a', '-', 0x200b, '_'} {
		if IsSpace(r) {
			t.Errorf("IsSpace(%U) = true", r)
		}
	}
}
