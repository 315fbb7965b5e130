package corpus

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// latinFold gives, for each rune from U+00C0 to U+017F, the ASCII letter it
// folds to, or '.' when it folds to something else (Æ, ß, Œ, Ø...) and
// takes the general path. TestLatinFoldTable checks it against Fold.
const latinFold = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz."

// appendFoldedRune appends the folded form of the word rune r to dst, as
// Fold would write it: lower case, no diacritics, œ and æ spelled out.
// ASCII and Latin-1/Latin Extended-A letters take a table; the rest goes
// through Unicode decomposition.
func appendFoldedRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if r >= 0xc0 && r < 0x180 {
		if c := latinFold[r-0xc0]; c != '.' {
			return append(dst, c)
		}
	}
	switch r {
	case 'œ', 'Œ':
		return append(dst, 'o', 'e')
	case 'æ', 'Æ':
		return append(dst, 'a', 'e')
	case 'ß':
		return append(dst, 's', 's')
	}
	r = unicode.ToLower(r)
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	var dec [4 * utf8.UTFMax]byte
	d := norm.NFD.Append(dec[:0], buf[:n]...)
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if !unicode.Is(unicode.Mn, c) {
			dst = utf8.AppendRune(dst, c)
		}
	}
	return dst
}

// asciiFold maps each ASCII byte to its folded form when it belongs to a
// word (letters lower-cased, digits kept), and to 0 when it separates
// words.
const asciiFold = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x000123456789\x00\x00\x00\x00\x00\x00\x00abcdefghijklmnopqrstuvwxyz\x00\x00\x00\x00\x00\x00abcdefghijklmnopqrstuvwxyz\x00\x00\x00\x00\x00"

// isWordRune reports whether r belongs to a word: letters, digits, and the
// combining marks that decorate them. Apostrophes, hyphens, spaces and
// punctuation separate words, so "L’OTAN" is the two words "l" and "otan".
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiFold[r] != 0
	}
	if r >= 0xc0 && r < 0x180 { // Latin-1 and Extended-A: letters but × and ÷
		return r != 0xd7 && r != 0xf7
	}
	if r == 0x02bc { // modifier letter apostrophe: a letter, used as "’"
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// words walks the words of a text, folding each one. It allocates nothing
// once its buffer has grown to the longest word.
type words struct {
	s string
	i int
	// Start and End are the byte range of the current word in s, and Folded
	// its folded form, valid until the next call to next.
	Start, End int
	Folded     []byte
}

func newWords(s string) words { return words{s: s} }

// next advances to the next word that folds to something, reporting false
// at the end of the text.
func (w *words) next() bool {
	s := w.s
	for w.i < len(s) {
		// Skip separators.
		i := w.i
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if asciiFold[c] != 0 {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
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
				fc := asciiFold[c]
				if fc == 0 {
					break
				}
				f = append(f, fc)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				break
			}
			f = appendFoldedRune(f, r)
			i += size
		}
		w.End, w.i, w.Folded = i, i, f
		if len(f) > 0 {
			return true
		}
	}
	return false
}
