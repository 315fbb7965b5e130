package corpus

import (
	"fmt"
	"strings"

	"github.com/gazette-reader/gazette/corpus/internal/markup"
)

// MetaSeparator joins the parts of an article's metadata line.
const MetaSeparator = " · "

// MetaParts returns the parts of the article's metadata line for people,
// in order: the date ("undated" when unknown), the update when there is
// one, the source, the words and the minutes to read. A reader wraps the
// line between parts; Markdown joins them with MetaSeparator.
func (a *Article) MetaParts() []string {
	var parts []string
	if a.Date.IsZero() {
		parts = append(parts, "undated")
	} else {
		parts = append(parts, a.Date.Display())
	}
	if !a.Updated.IsZero() {
		parts = append(parts, "updated "+a.Updated.Display())
	}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	return append(parts, fmt.Sprintf("%d words", a.Words), fmt.Sprintf("%d min", a.ReadingMinutes()))
}

// Markdown returns the article as a Markdown document: the title as a
// heading, the metadata line in italics, then the paragraphs. Plain text
// is escaped, so it shows as written; a body the source wrote in Markdown
// (BodyMarkdown) keeps its headings, emphasis, lists and links, without
// HTML or character references (see SafeMarkdown).
func (a *Article) Markdown() string {
	var b strings.Builder
	b.WriteString("# ")
	b.WriteString(EscapeMarkdown(a.Title))
	b.WriteString("\n\n*")
	b.WriteString(EscapeMarkdown(strings.Join(a.MetaParts(), MetaSeparator)))
	b.WriteString("*\n")
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
		case c == '<' && i+1 < len(s) && (isAlnum(s[i+1]) || s[i+1] == '/' || s[i+1] == '!' || s[i+1] == '?'):
			b.WriteString("\\<")
		case c == '&' && markup.CharRefAt(s[i:]):
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// EscapeMarkdown backslash-escapes what Markdown would take for markup in
// s: emphasis, code, links, HTML, headings, lists, quotes and tables.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	atStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '[', ']', '<', '>', '|', '~':
			b.WriteByte('\\')
		case '_':
			// Inside a word ("003_a617") an underscore is no emphasis.
			if i == 0 || i == len(s)-1 || !isAlnum(s[i-1]) || !isAlnum(s[i+1]) {
				b.WriteByte('\\')
			}
		case '&':
			// Glamour decodes a character reference even after a
			// backslash ("\&#27;" prints ESC), so the "&" itself is
			// written as a reference.
			if markup.CharRefAt(s[i:]) {
				b.WriteString("&amp;")
				atStart = false
				continue
			}
		case '#', '+', '-', '=':
			if atStart {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "1. " or "1) " at the start of a line would open a list.
			if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' && leadingDigits(s[:i]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
		atStart = c == '\n' || (atStart && (c == ' ' || c == '\t'))
	}
	return b.String()
}

// leadingDigits reports whether s, after its last newline, is only digits.
func leadingDigits(s string) bool {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimLeft(s, " \t")
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
