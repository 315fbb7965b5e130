package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
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
	if clean, starters := isClean(s); clean && starters {
		return s // already NFC: composing would only check it again, slowly
	} else if clean {
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
			if r == zwj {
				prev, _ := utf8.DecodeLastRuneInString(b.String())
				next, _ := utf8.DecodeRuneInString(s[i:])
				if keepJoiner(prev, next) {
					b.WriteRune(r)
				}
			}
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
// or rewrite, so the common case costs one scan and no copy, and whether
// its characters are all NFC starters (see nfcStarter), so that it is
// already NFC.
func isClean(s string) (clean, starters bool) {
	starters = true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\r' || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false, false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return false, false
		}
		starters = starters && nfcStarter(r)
		i += size - 1
	}
	return true, starters
}

// unsafeRune reports whether r must never reach a terminal: a control
// character, a bidi control or mark, or an invisible format character
// that can hide text or change what a line shows (zero-width space, word
// joiner, soft hyphen, invisible operators, tag characters). The
// zero-width joiner is one, but between two pictographs, where it joins
// an emoji sequence (see keepJoiner).
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xfeff, r == 0x00ad, r == 0x061c, r == 0x180e:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x2060 && r <= 0x2064, r >= 0x206a && r <= 0x206f:
		return true
	case r >= 0xfff9 && r <= 0xfffb, r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// zwj is the zero-width joiner.
const zwj = 0x200d

// keepJoiner reports whether a zero-width joiner between prev and next
// joins an emoji sequence ("👩‍💻"), where it is kept.
func keepJoiner(prev, next rune) bool {
	return isPictograph(prev) && isPictograph(next)
}

// isPictograph reports whether r is part of an emoji: a pictographic
// symbol, a variation selector or a skin tone.
func isPictograph(r rune) bool {
	return r >= 0x1f000 && r <= 0x1faff || r >= 0x2600 && r <= 0x27bf || r == 0xfe0f || unicode.Is(unicode.So, r) && r > 0x2000
}

// collapseSpace trims s and turns every run of white space (no-break spaces
// included) into one space, keeping the first no-break space of a run so
// "28 pays" still does not break.
func collapseSpace(s string) string {
	if isCollapsed(s) {
		return s
	}
	return collapseRuns(s)
}

// collapseRuns is collapseSpace's general path, and isCollapsed's
// reference: a rune at a time.
func collapseRuns(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var pending rune
	for _, r := range s {
		if fold.IsSpace(r) {
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
			if fold.IsSpace(r) {
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

// scanClean's states: outside a word, inside one, after white space (or
// at the start), and between the two bytes of an accented Latin letter
// whose first byte is C3, or C4 or C5.
const (
	scanOut = iota
	scanIn
	scanSpace
	scanC3
	scanC4
	scanStates
)

// A step of scanTable is the next state, plus scanWord when a word starts,
// scanStop when the text is not clean (or needs the general path to say),
// or scanSlow when a character must be decoded (scanRune).
const (
	scanWord = 8
	scanStop = 16
	scanSlow = 32
)

// scanTable gives, for each scanClean state and byte, the step to take: a
// table load a byte and no branch that depends on the text, which the
// branchy loop it replaced mispredicted at every word boundary. ASCII and
// the accented letters of U+00C0-U+017F, bar × and ÷, go through it; the
// other characters are decoded. It has eight rows, three unused, so that
// indexing it with a step's state (step&7) needs no bounds check.
var scanTable = func() (t [8][256]uint8) {
	for st := range scanStates {
		for c := range 256 {
			in := st == scanIn
			var step uint8
			switch {
			case st == scanC3 || st == scanC4:
				step = scanStop // invalid UTF-8, × or ÷: the general path
				if c&0xc0 == 0x80 && !(st == scanC3 && (c == 0x97 || c == 0xb7)) {
					step = scanIn
				}
			case c == 0xc3 || c == 0xc4 || c == 0xc5:
				step = scanC4
				if c == 0xc3 {
					step = scanC3
				}
				if !in {
					step |= scanWord
				}
			case c >= utf8.RuneSelf:
				step = scanSlow
			case c < 0x20 || c == 0x7f:
				step = scanStop
			case c == ' ':
				step = scanSpace
				if st == scanSpace {
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
//
// Each byte is a step of a state machine, a table load that waits on the
// one before: so a long text is cut in two after a space, and the halves
// are read side by side, two independent chains of loads at once.
func scanClean(s string) (words int, ok bool) {
	a, b := s, ""
	if len(s) >= 64 {
		if cut := strings.IndexByte(s[len(s)/2:], ' '); cut >= 0 {
			cut += len(s)/2 + 1
			a, b = s[:cut], s[cut:]
		}
	}
	// A half starts after a space, or at the start: the same state.
	sa, sb := uint8(scanSpace), uint8(scanSpace)
	i, j := 0, 0
	for {
		for i < len(a) && j < len(b) {
			stepA, stepB := scanTable[sa][a[i]], scanTable[sb][b[j]]
			if stepA|stepB >= scanStop {
				break
			}
			words += int(stepA>>3) + int(stepB>>3)
			sa, sb = stepA&7, stepB&7
			i++
			j++
		}
		var n int
		switch {
		case i < len(a) && scanTable[sa][a[i]] >= scanStop:
			i, sa, n, ok = scanRune(a, i, sa)
		case j < len(b) && scanTable[sb][b[j]] >= scanStop:
			j, sb, n, ok = scanRune(b, j, sb)
		default: // a half is done: the other goes on alone
			ok = true
			if i < len(a) {
				n, sa, ok = scanFrom(a[i:], sa)
			} else if j < len(b) {
				n, sb, ok = scanFrom(b[j:], sb)
			}
			// The text ends as b does, or as a when s was not cut.
			end := sb
			if b == "" {
				end = sa
			}
			if !ok || end != scanOut && end != scanIn && s != "" {
				return 0, false
			}
			return words + n, true
		}
		if !ok {
			return 0, false
		}
		words += n
	}
}

// scanFrom takes scanClean's steps over s from state st: it returns the
// words that start in s, the state at its end, and false when s is not
// clean.
func scanFrom(s string, st uint8) (words int, end uint8, ok bool) {
	for i := 0; i < len(s); {
		if step := scanTable[st][s[i]]; step < scanStop {
			words += int(step >> 3)
			st = step & 7
			i++
			continue
		}
		var n int
		if i, st, n, ok = scanRune(s, i, st); !ok {
			return 0, st, false
		}
		words += n
	}
	return words, st, true
}

// scanRune takes scanClean's step at s[i], whose table step is scanStop or
// scanSlow, from state st: it returns the index after the character, the
// next state, 1 if a word starts there, and false when the text is not
// clean.
func scanRune(s string, i int, st uint8) (next int, nst uint8, word int, ok bool) {
	if scanTable[st][s[i]]&scanStop != 0 {
		return i, st, 0, false
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	next = i + size
	if !nfcStarter(r) || unsafeRune(r) {
		return next, st, 0, false // also invalid UTF-8, which decodes to U+FFFD
	}
	switch {
	case fold.IsSpace(r):
		if st == scanSpace {
			return next, st, 0, false
		}
		st = scanSpace
	case isJoiner(r): // ’ is frequent, and no letter
		if st != scanIn {
			st = scanOut
		}
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		if st != scanIn {
			word = 1
		}
		st = scanIn
	default:
		st = scanOut
	}
	return next, st, word, true
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
