package fold

import (
	"unicode"
	"unicode/utf8"
)

// The references of the shortcuts above: each says by the Unicode tables
// alone what its shortcut computes with a table or by reading bytes.
// TestShortcutsAgreeWithReference holds them together.

// appendRuneRef is AppendRune without the tables: the typographic forms
// and ligatures it spells out, and for every other rune its Unicode
// decomposition. AppendRune calls it for what its tables do not hold.
func appendRuneRef(dst []byte, r rune) []byte {
	switch r {
	case 0x2018, 0x2019, 0x02bc, 0x2032:
		return append(dst, '\'')
	case 0x00a0, 0x2007, 0x202f:
		return append(dst, ' ')
	case 0x2010, 0x2011, 0x2012, 0x2013:
		return append(dst, '-')
	case 'œ', 'Œ':
		return append(dst, 'o', 'e')
	case 'æ', 'Æ':
		return append(dst, 'a', 'e')
	case 'ß':
		return append(dst, 's', 's')
	}
	return appendDecomposed(dst, r)
}

// isWordRuneRef is IsWordRune by the Unicode tables: letters, digits and
// nonspacing marks, but the modifier letter apostrophe.
func isWordRuneRef(r rune) bool {
	return r != 0x02bc && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// latinLetterAtRef is LatinLetterAt by decoding the rune: a two-byte word
// rune of U+00C0-U+017F that folds to one ASCII letter.
func latinLetterAtRef(s string, i int) byte {
	r, size := utf8.DecodeRuneInString(s[i:])
	if size != 2 || r < 0xc0 || r >= 0x180 || !isWordRuneRef(r) {
		return 0
	}
	if f := appendRuneRef(nil, r); len(f) == 1 && f[0] < utf8.RuneSelf {
		return f[0]
	}
	return 0
}

// punctuationAtRef is PunctuationAt by decoding the rune.
func punctuationAtRef(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return size == 3 && r >= 0x2000 && r <= 0x203f
}

// tokensRef is Tokens chunk by chunk: each run of text between white space
// cut into its words, then its longer tokens, as Tokens defines them.
func tokensRef(s string) []Token {
	var out []Token
	pos := 0
	for i := 0; i < len(s); {
		if size := spaceAt(s, i); size > 0 {
			i += size
			continue
		}
		start, end := i, i
		for end < len(s) && spaceAt(s, end) == 0 {
			_, size := utf8.DecodeRuneInString(s[end:])
			end += size
		}
		i = end
		chunk := s[start:end]
		first := pos
		for w := NewWords(chunk); w.Next(); {
			out = append(out, Token{Kind: Word, Start: start + w.Start, End: start + w.End, Folded: []byte(string(w.Folded)), Pos: pos, Width: 1})
			pos++
		}
		for _, x := range Extras(chunk, first) {
			x.Start += start
			x.End += start
			out = append(out, x)
		}
	}
	return out
}

// spaceAt returns the size of the white-space rune at s[i], or 0.
func spaceAt(s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	if IsSpace(r) {
		return size
	}
	return 0
}
