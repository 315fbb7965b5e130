// Package fold is the one definition, shared by loading and searching, of
// what a word is, how it is compared and what separates it: case and
// diacritics folded away, apostrophes, hyphens and spaces in one form.
//
// Folding a rune costs a table load for ASCII and for the Latin-1 and
// Latin Extended-A letters (U+00C0-U+017F, which is most European text),
// and a Unicode decomposition (NFD) otherwise. String allocates its result
// once; Words allocates nothing once its buffer has grown to the longest
// word. Each shortcut has a reference beside it (ref.go), and
// TestShortcutsAgreeWithReference checks every rune they cover.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// String returns s lower-cased and stripped of diacritics, with
// typographic apostrophes turned into "'", the ligatures œ and æ and the
// letter ß spelled out, and no-break spaces and hyphens turned into plain
// ones: "L’ÉTÉ" folds to "l'ete". Loading compares dates, titles and page
// chrome in this form; the words of the index and of queries are its
// words (see Words).
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var buf [4 * utf8.UTFMax]byte
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			b.WriteByte(lowerASCII(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.Write(AppendRune(buf[:0], r))
		i += size
	}
	return b.String()
}

// latin gives, for each rune from U+00C0 to U+017F, the ASCII letter it
// folds to, or '.' when it folds to something else (Æ, ß, Œ, Ø...) or is
// no letter (× and ÷), which then take the general path.
const latin = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz."

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// AppendRune appends the folded form of r to dst, as String writes it.
func AppendRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return append(dst, lowerASCII(byte(r)))
	}
	if r >= 0xc0 && r < 0x180 {
		if c := latin[r-0xc0]; c != '.' {
			return append(dst, c)
		}
	}
	return appendRuneRef(dst, r)
}

// appendDecomposed appends r lower-cased, without its combining marks: the
// general path of AppendRune. A rune whose decomposition holds no mark (a
// Hangul syllable, which decomposes into letters) is kept whole.
func appendDecomposed(dst []byte, r rune) []byte {
	r = unicode.ToLower(r)
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	var dec [4 * utf8.UTFMax]byte
	d := norm.NFD.Append(dec[:0], buf[:n]...)
	marks := false
	for i := 0; i < len(d); {
		c, size := utf8.DecodeRune(d[i:])
		marks = marks || unicode.Is(unicode.Mn, c)
		i += size
	}
	if !marks {
		return utf8.AppendRune(dst, r)
	}
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if !unicode.Is(unicode.Mn, c) {
			dst = utf8.AppendRune(dst, c)
		}
	}
	return dst
}

// IsSpace reports whether r separates words as white space: Unicode white
// space, including the no-break spaces U+00A0, U+2007 and U+202F that are
// kept for display.
func IsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r) || r == 0x2007 || r == 0x202f
}
