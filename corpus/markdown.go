package corpus

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/markup"
)

// MetaSeparator joins the parts of an article's metadata line.
const MetaSeparator = " · "

// MetaParts returns the parts of the article's metadata line for people,
// in order: the date ("undated" when unknown), the update when there is
// one, the source, the words and the minutes to read. A reader wraps the
// line between parts; Markdown joins them with MetaSeparator.
func (a *Article) MetaParts() []string {
	parts := a.ReadingParts()
	if a.Source == "" {
		return parts
	}
	at := 1 // after the date, and the update
	if !a.Updated.IsZero() {
		at = 2
	}
	return slices.Insert(parts, at, OneLine(a.Source))
}

// ReadingParts returns the parts of the metadata line that are about the
// text itself: MetaParts without the source.
func (a *Article) ReadingParts() []string {
	parts := make([]string, 0, 5)
	if a.Date.IsZero() {
		parts = append(parts, "undated")
	} else {
		parts = append(parts, a.Date.Display())
	}
	if !a.Updated.IsZero() {
		parts = append(parts, "updated "+a.Updated.Display())
	}
	return append(parts, fmt.Sprintf("%d words", a.Words), fmt.Sprintf("%d min", a.ReadingMinutes()))
}

// Markdown returns the article as a Markdown document: the title as a
// heading, the metadata line in italics, a list of the rest of its
// metadata (ID, URL, authors, tags, the source's other fields), then the
// paragraphs. Plain text is escaped where Markdown would read markup in
// it, so it shows as written and no HTML or link can come out of it; a
// body the source wrote in Markdown (BodyMarkdown) keeps its headings,
// emphasis, lists and links, without HTML or character references (see
// SafeMarkdown).
func (a *Article) Markdown() string {
	var b strings.Builder
	b.WriteString("# ")
	b.WriteString(EscapeMarkdown(a.Title))
	b.WriteString("\n\n*")
	b.WriteString(EscapeMarkdown(strings.Join(a.MetaParts(), MetaSeparator)))
	b.WriteString("*\n\n")
	item := func(name string, values ...string) {
		if len(values) == 0 || len(values) == 1 && values[0] == "" {
			return
		}
		b.WriteString("- ")
		b.WriteString(EscapeMarkdown(OneLine(name)))
		b.WriteString(": ")
		for i, v := range values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(EscapeMarkdown(OneLine(v)))
		}
		b.WriteString("\n")
	}
	item("ID", a.ID)
	item("URL", a.URL)
	item("Authors", a.Authors...)
	item("Tags", a.Tags...)
	for _, f := range a.Fields {
		item(f.Name, f.Values...)
	}
	for _, p := range a.Paragraphs {
		b.WriteString("\n")
		b.WriteString(a.BodyText(p))
		b.WriteString("\n")
	}
	return b.String()
}

// BodyText returns text of the body (a paragraph or a piece of one) as
// Markdown to render: escaped when the body is plain text, made safe when
// the source wrote it in Markdown.
func (a *Article) BodyText(s string) string {
	if a.BodyMarkdown {
		return SafeMarkdown(s)
	}
	return EscapeMarkdown(s)
}

// SafeMarkdown returns Markdown written by a source with what could bring
// markup of another kind into a rendering taken out: an HTML tag's "<" is
// escaped, and so is the "&" of a character reference (a renderer decodes
// "&#27;" to ESC). Headings, emphasis, lists, tables and links stay.
func SafeMarkdown(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<' && i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!' || s[i+1] == '?'):
			b.WriteString("\\<")
		case c == '&' && markup.CharRefAt(s[i:]):
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// OneLine returns s fit for a one-line message: newlines, tabs, every
// other control character and every invisible format character (the
// zero-width joiner of emoji aside) are written as escapes ("\n",
// "\x1b", "\u200b"), so that a file name or a reason can neither break
// the line nor forge another one. It returns s itself when there is
// nothing to escape.
func OneLine(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if mustEscape(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case !mustEscape(r, n):
			b.WriteString(s[i : i+n])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError || r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, s[i])
			n = 1
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		i += n
	}
	return b.String()
}

// mustEscape reports whether OneLine escapes the rune r, n bytes long.
func mustEscape(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true // a byte that is not UTF-8
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r < 0x200b:
		return false
	case r == 0x200d:
		return false // joins emoji, moves nothing
	}
	return r == 0x2028 || r == 0x2029 || unicode.Is(unicode.Cf, r)
}

// EscapeMarkdown backslash-escapes what a Markdown reader (CommonMark with
// the GitHub extensions and definition lists, as Glamour reads it) would
// take for markup in s, and only that, so that the escaped text still
// reads as written: a heading, list, quote, fence or definition marker at
// the start of a line; emphasis and strike-through delimiters that could
// pair up; backticks that could open a code span; brackets that could
// make a link; "<" that could open HTML or an autolink; "|" of a table
// (only in text of several lines); a backslash that would escape; a
// character reference (its "&" is written "&amp;"). Bare URLs stay as
// written (a reader may link them). "#alternate",
// "_Tous_les_gens", "1.5" and "5 * 3" stay as they are.
func EscapeMarkdown(s string) string {
	if !strings.ContainsAny(s, "\\`*_~[]<>|&#+-=.):") {
		return s
	}
	esc := markdownEscapes(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '&' && markup.CharRefAt(s[i:]) {
			// Glamour decodes a character reference even after a
			// backslash ("\&#27;" prints ESC): the "&" itself is written
			// as a reference.
			b.WriteString("&amp;")
			continue
		}
		if esc[i] {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// markdownEscapes returns, for each byte of s, whether a backslash must
// come before it.
func markdownEscapes(s string) []bool {
	esc := make([]bool, len(s))
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		lineStartEscapes(s, start, end, esc)
		start = end + 1
	}
	ticks := strings.Count(s, "`") >= 2
	links := strings.Contains(s, "](") || strings.Contains(s, "][") || strings.Contains(s, "]:")
	table := strings.Contains(s, "\n")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			esc[i] = i+1 == len(s) || s[i+1] == '\n' || isASCIIPunct(s[i+1])
		case '`':
			esc[i] = esc[i] || ticks
		case '[', ']':
			esc[i] = links
		case '|':
			esc[i] = table
		case '<':
			esc[i] = i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!' || s[i+1] == '?')
		}
	}
	delimiterEscapes(s, esc)
	return esc
}

// lineStartEscapes marks what opens a block at the start of the line
// s[start:end]: an ATX heading, a list item, a thematic break, a setext
// underline (below another line), a quote, a code fence or a definition.
func lineStartEscapes(s string, start, end int, esc []bool) {
	p := start
	for p < end && (s[p] == ' ' || s[p] == '\t') {
		p++
	}
	if p == end {
		return
	}
	line := s[p:end]
	spaceAt := func(i int) bool { return i >= len(line) || line[i] == ' ' || line[i] == '\t' }
	run := func(c byte) int {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		return n
	}
	switch c := line[0]; {
	case c == '#':
		if n := run('#'); n <= 6 && spaceAt(n) {
			esc[p] = true
		}
	case c == '-' || c == '+' || c == '*':
		esc[p] = spaceAt(1) || thematicBreak(line) || (c == '-' && start > 0 && onlyOf(line, '-'))
	case c == '_':
		esc[p] = esc[p] || thematicBreak(line)
	case c == '=':
		esc[p] = start > 0 && onlyOf(line, '=')
	case c == '>':
		esc[p] = true
	case c == ':':
		esc[p] = spaceAt(1)
	case c == '`' || c == '~':
		esc[p] = run(c) >= 3
	case c >= '0' && c <= '9':
		n := 0
		for n < len(line) && n < 10 && line[n] >= '0' && line[n] <= '9' {
			n++
		}
		if n <= 9 && n < len(line) && (line[n] == '.' || line[n] == ')') && spaceAt(n+1) {
			esc[p+n] = true
		}
	}
}

// thematicBreak reports whether line is three or more of one of '-', '*'
// or '_', and spaces.
func thematicBreak(line string) bool {
	n := 0
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == line[0]:
			n++
		case line[i] != ' ' && line[i] != '\t':
			return false
		}
	}
	return n >= 3
}

// onlyOf reports whether line is c repeated, then spaces.
func onlyOf(line string, c byte) bool {
	return strings.Trim(strings.TrimRight(line, " \t"), string(c)) == ""
}

// delimiterEscapes marks the runs of '*', '_' and '~' that could make
// emphasis or strike-through: a run that can open (CommonMark's flanking
// rules) when a run of the same character that can close comes after
// it, and one that can close when one that can open comes before.
func delimiterEscapes(s string, esc []bool) {
	type run struct {
		start, end      int
		canOpen, canClo bool
	}
	for _, c := range []byte("*_~") {
		if strings.IndexByte(s, c) < 0 {
			continue
		}
		var runs []run
		for i := 0; i < len(s); {
			if s[i] != c {
				i++
				continue
			}
			j := i
			for j < len(s) && s[j] == c {
				j++
			}
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[j:])
			if i == 0 {
				before = ' '
			}
			if j == len(s) {
				after = ' '
			}
			left := !unicode.IsSpace(after) && (!isPunct(after) || unicode.IsSpace(before) || isPunct(before))
			right := !unicode.IsSpace(before) && (!isPunct(before) || unicode.IsSpace(after) || isPunct(after))
			r := run{start: i, end: j, canOpen: left, canClo: right}
			if c == '_' {
				r.canOpen = left && (!right || isPunct(before))
				r.canClo = right && (!left || isPunct(after))
			}
			runs = append(runs, r)
			i = j
		}
		opened := false
		closerAfter := make([]bool, len(runs)+1)
		for k := len(runs) - 1; k >= 0; k-- {
			closerAfter[k] = closerAfter[k+1] || runs[k].canClo
		}
		for k, r := range runs {
			if (r.canOpen && closerAfter[k+1]) || (r.canClo && opened) {
				for i := r.start; i < r.end; i++ {
					esc[i] = true
				}
			}
			opened = opened || r.canOpen
		}
	}
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
