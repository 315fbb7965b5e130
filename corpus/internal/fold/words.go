package fold

import (
	"unicode"
	"unicode/utf8"
)

// ASCII maps each ASCII byte to its folded form when it belongs to a word
// (letters lower-cased, digits kept), and to 0 when it separates words.
const ASCII = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x000123456789\x00\x00\x00\x00\x00\x00\x00abcdefghijklmnopqrstuvwxyz\x00\x00\x00\x00\x00\x00abcdefghijklmnopqrstuvwxyz\x00\x00\x00\x00\x00"

// IsWordRune reports whether r belongs to a word: letters, digits, and
// the combining marks that decorate them. Apostrophes, hyphens, spaces
// and punctuation separate words, so "L’OTAN" is the two words "l" and
// "otan".
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ASCII[r] != 0
	}
	if r >= 0xc0 && r < 0x180 { // Latin-1 and Extended-A: letters but × and ÷
		return r != 0xd7 && r != 0xf7
	}
	if r == 0x02bc { // modifier letter apostrophe: a letter, used as "’"
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// LatinLetterAt returns the ASCII letter to which the rune at s[i] folds
// when it is one of the two-byte letters U+00C0-U+017F that fold to one
// letter, the accented letters of French and most European languages,
// and 0 otherwise. It reads two bytes and decodes nothing.
func LatinLetterAt(s string, i int) byte {
	if c := s[i]; c >= 0xc3 && c <= 0xc5 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
		if fc := latin[int(c&0x1f)<<6|int(s[i+1]&0x3f)-0xc0]; fc != '.' {
			return fc
		}
	}
	return 0
}

// PunctuationAt reports whether the rune at s[i] is in U+2000-U+203F
// (spaces, dashes, quotes such as ’, ellipsis), none of which belongs to
// a word. It reads three bytes and decodes nothing.
func PunctuationAt(s string, i int) bool {
	return s[i] == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&0xc0 == 0x80
}

// Words walks the words of a text, folding each one. It allocates nothing
// once its buffer has grown to the longest word.
type Words struct {
	s string
	i int
	// Start and End are the byte range of the current word in s, and
	// Folded its folded form, valid until the next call to Next.
	Start, End int
	Folded     []byte
}

// NewWords returns a walk over the words of s.
func NewWords(s string) Words { return Words{s: s} }

// Next advances to the next word that folds to something, reporting false
// at the end of the text.
func (w *Words) Next() bool {
	s := w.s
	for w.i < len(s) {
		// Skip separators.
		i := w.i
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if ASCII[c] != 0 {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if IsWordRune(r) {
				break
			}
			i += size
		}
		if i >= len(s) {
			w.i = i
			return false
		}
		w.Start = i
		f := w.Folded[:0]
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				fc := ASCII[c]
				if fc == 0 {
					break
				}
				f = append(f, fc)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !IsWordRune(r) {
				break
			}
			f = AppendRune(f, r)
			i += size
		}
		w.End, w.i, w.Folded = i, i, f
		if len(f) > 0 {
			return true
		}
	}
	return false
}
