package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased and stripped of diacritics, with typographic
// apostrophes turned into "'", the ligatures œ and æ spelled out, and
// no-break spaces and hyphens turned into plain ones: "L’ÉTÉ" folds to
// "l'ete". It is the form in which dates and queries are compared.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		appendFolded(&b, r)
	}
	return b.String()
}

// latinBase gives, for U+00C0 to U+017F, the lower-case ASCII letter each
// character decomposes to ('.' where there is none): the fast path for
// French and most European text, which would otherwise pay a
// normalisation per accented letter.
const latinBase = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz."

// appendFolded writes the folded form of r to b.
func appendFolded(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteByte(byte(r))
		return
	}
	switch r {
	case 0x2018, 0x2019, 0x02bc, 0x2032:
		b.WriteByte('\'')
		return
	case 0x00a0, 0x2007, 0x202f:
		b.WriteByte(' ')
		return
	case 0x2010, 0x2011, 0x2012, 0x2013:
		b.WriteByte('-')
		return
	case 'œ', 'Œ':
		b.WriteString("oe")
		return
	case 'æ', 'Æ':
		b.WriteString("ae")
		return
	case 'ß':
		b.WriteString("ss")
		return
	}
	if r >= 0xc0 && r < 0xc0+rune(len(latinBase)) {
		if c := latinBase[r-0xc0]; c != '.' {
			b.WriteByte(c)
			return
		}
	}
	r = unicode.ToLower(r)
	var buf [utf8.UTFMax * 4]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Append(nil, buf[:n]...)
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
}
