package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Sanitize makes untrusted text safe to print and uniform to process: it
// replaces invalid UTF-8 with U+FFFD, composes to NFC, turns CRLF and CR into
// LF, and drops every control character but newline and tab (C0, DEL, C1, and
// so every ESC or CSI sequence introducer), the bidi embedding, override and
// isolate controls (U+202A-U+202E, U+2066-U+2069), and the byte-order mark.
// A whole escape sequence goes with its introducer (ESC or C1) when it is
// well formed: "\x1b[31mred" becomes "red", an OSC 8 hyperlink its text.
// What remains of a malformed one is plain printable text and cannot drive
// a terminal.
func Sanitize(s string) string {
	if isClean(s) {
		return norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		i += size
		if r == '\r' {
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
			continue
		}
		switch r {
		case 0x1b:
			i = escapeEnd(s, i)
			continue
		case 0x9b:
			i = max(i, csiEnd(s, i))
			continue
		case 0x90, 0x98, 0x9d, 0x9e, 0x9f:
			i = max(i, stringEnd(s, i))
			continue
		}
		if unsafeRune(r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// escapeEnd returns where the escape sequence whose ESC ends at s[i] ends:
// a CSI ("[" parameters final), a control string (OSC "]", DCS "P", SOS
// "X", PM "^", APC "_", up to its terminator) or a short sequence
// (intermediates and a final byte, as in "ESC ( B"). For a malformed
// sequence only the ESC goes.
func escapeEnd(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		if end := csiEnd(s, i+1); end > i+1 {
			return end
		}
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		if end := stringEnd(s, i+1); end > i+1 {
			return end
		}
	case c >= 0x20 && c <= 0x7e:
		j := i
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e && j-i < 4 {
			return j + 1
		}
	}
	return i
}

// csiEnd returns the end of the CSI parameters, intermediates and final
// byte starting at s[i], or i when they are not well formed.
func csiEnd(s string, i int) int {
	for j := i; j < len(s) && j-i < 64; j++ {
		switch c := s[j]; {
		case c >= 0x20 && c <= 0x3f:
		case c >= 0x40 && c <= 0x7e:
			return j + 1
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the end of a control string starting at s[i]: just
// past its BEL, ESC \ or C1 ST terminator, found on the same line within
// 4 KiB; or i when there is none, so that no text is swallowed.
func stringEnd(s string, i int) int {
	for j := i; j < len(s) && j-i < 4096; j++ {
		switch s[j] {
		case 0x07:
			return j + 1
		case 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			return i
		case '\n':
			return i
		case 0xc2:
			if j+1 < len(s) && s[j+1] == 0x9c {
				return j + 2
			}
		}
	}
	return i
}

// isClean reports whether s is valid UTF-8 with nothing Sanitize would drop
// or rewrite, so the common case costs one scan and no copy.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\r' || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return false
		}
		i += size - 1
	}
	return true
}

// unsafeRune reports whether r must never reach a terminal.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xfeff:
		return true
	}
	return false
}

// isSpace reports whether r separates words: Unicode white space, including
// the no-break spaces U+00A0, U+2007 and U+202F that are kept for display.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r) || r == 0x2007 || r == 0x202f
}

// collapseSpace trims s and turns every run of white space (no-break spaces
// included) into one space, keeping the first no-break space of a run so
// "28 pays" still does not break.
func collapseSpace(s string) string {
	if isCollapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var pending rune
	for _, r := range s {
		if isSpace(r) {
			if pending == 0 || (pending == ' ' && r != ' ' && r != '\n' && r != '\t' && r != '\r') {
				pending = r
				if r == '\n' || r == '\t' || r == '\r' {
					pending = ' '
				}
			}
			continue
		}
		if pending != 0 && b.Len() > 0 {
			b.WriteRune(pending)
		}
		pending = 0
		b.WriteRune(r)
	}
	return b.String()
}

// CountWords counts the words of s: runs of letters and digits, where
// hyphens (also the non-breaking U+2011) and apostrophes join a word rather
// than split it.
func CountWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		var word bool
		if r < utf8.RuneSelf {
			word = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word && !in {
			n++
		}
		if word {
			in = true
		} else if !(in && isJoiner(r)) {
			in = false
		}
	}
	return n
}

// isJoiner reports whether r joins two parts of one word: a hyphen or an
// apostrophe of any kind.
func isJoiner(r rune) bool {
	switch r {
	case '-', 0x2010, 0x2011, '\'', 0x2019:
		return true
	}
	return false
}

// isCollapsed reports whether collapseSpace would return s unchanged: no
// white space at either end, and inside only single space characters (a
// lone no-break space is kept as it is). It reads bytes without decoding
// runes but after the lead bytes 0xC2, 0xE1, 0xE2 and 0xE3, with which
// every multi-byte space starts.
func isCollapsed(s string) bool {
	prevSpace := true // no space at the start
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < ' ':
			return false
		case c == 0xc2, c == 0xe1, c == 0xe2, c == 0xe3:
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size - 1
			if isSpace(r) {
				if prevSpace {
					return false
				}
				prevSpace = true
				continue
			}
			prevSpace = false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// scanClean's state: whether it is inside a word, and whether the last
// character was white space (or there was none yet).
const (
	scanIn    = 1
	scanSpace = 2
	// A step of scanASCII is the next state, plus scanWord when a word
	// starts, or scanStop when the text needs the general path.
	scanWord = 4
	scanStop = 8
)

// scanASCII gives, for each scanClean state and ASCII byte, the step to
// take: a table load a byte and no branch that depends on the text, which
// the branchy loop it replaced mispredicted at every word boundary.
var scanASCII = func() (t [4][utf8.RuneSelf]uint8) {
	for st := range t {
		in, space := st&scanIn != 0, st&scanSpace != 0
		for c := range t[st] {
			var step uint8
			switch {
			case c < 0x20 || c == 0x7f:
				step = scanStop
			case c == ' ':
				step = scanSpace
				if space {
					step = scanStop
				}
			case c == '-' || c == '\'':
				if in {
					step = scanIn
				}
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
				step = scanIn
				if !in {
					step |= scanWord
				}
			}
			t[st][c] = step
		}
	}
	return t
}()

// scanClean reports whether collapseSpace(Sanitize(s)) is s itself and, if
// so, how many words CountWords finds in it: the one pass that most
// paragraphs need, where the general path takes four.
func scanClean(s string) (words int, ok bool) {
	st := uint8(scanSpace) // no space at the start
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			step := scanASCII[st&3][c]
			if step >= scanStop {
				return 0, false
			}
			words += int(step >> 2)
			st = step & 3
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0xc0 && r < 0x180 && r != 0xd7 && r != 0xf7 {
			// Accented Latin letters, most of what is not ASCII in
			// European text: NFC starters, letters, never unsafe.
			if st&scanIn == 0 {
				words++
			}
			st = scanIn
			continue
		}
		if !nfcStarter(r) || unsafeRune(r) {
			return 0, false // also invalid UTF-8, which decodes to U+FFFD
		}
		switch {
		case isSpace(r):
			if st&scanSpace != 0 {
				return 0, false
			}
			st = scanSpace
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if st&scanIn == 0 {
				words++
			}
			st = scanIn
		case isJoiner(r):
			st &= scanIn
		default:
			st = 0
		}
	}
	return words, st&scanSpace == 0 || s == ""
}

// nfcStarter reports whether r is in a range whose every character is
// NFC-normal, has combining class 0 and never combines with the character
// before it: text made only of such characters is already NFC. The ranges
// are Latin, Greek and Cyrillic letters before the combining diacritics
// (U+0000-U+02FF) and general punctuation but for its first two spaces
// (U+2002-U+206F: ’ “ ” – — …). TestNFCStarter checks them against the
// Unicode tables.
func nfcStarter(r rune) bool {
	return r < 0x300 || (r >= 0x2002 && r <= 0x206f)
}
