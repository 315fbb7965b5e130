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
// What remains of an escape sequence after its introducer is removed is
// plain printable text and cannot drive a terminal.
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
		if unsafeRune(r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
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
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
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
// white space at either end, none but single plain spaces inside.
func isCollapsed(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < ' ' || c >= utf8.RuneSelf:
			if c != '\t' && c != '\n' && c != '\r' && c < ' ' {
				prevSpace = false
				continue
			}
			if c < utf8.RuneSelf {
				return false
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if isSpace(r) {
				return false
			}
			i += size - 1
			prevSpace = false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}
