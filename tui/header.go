package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// headerMargin is the left margin of the header, the same as Glamour's.
const headerMargin = "  "

// header returns the lines above the text: the title (two lines at most,
// matches highlighted), the metadata line, the details (authors, ID and
// URL, tags and fields), a blank line.
func (r *reader) header(s *Styles) []string {
	if r.article < 0 {
		return nil
	}
	a := r.c.At(r.article)
	w := r.headerWidth()
	ts := s.ReaderTitle
	if a.TitleDerived {
		ts = ts.Italic(true)
	}
	var spans []search.Span
	if r.hit != nil {
		spans = r.hit.Title
	}
	// Wrap the plain title, then style each line on its own: a style
	// must not run across a line, the panes are joined line by line.
	lines := make([]string, 0, 8)
	at := 0
	for i, l := range strings.SplitN(ansi.Wordwrap(a.Title, w, ""), "\n", 3) {
		start := at
		if j := strings.Index(a.Title[at:], l); j >= 0 {
			start = at + j
		}
		text := l
		if i == 1 {
			text = a.Title[start:] // the rest, cut below with an ellipsis
		}
		var shifted []search.Span
		for _, sp := range spans {
			if lo, hi := max(sp.Start, start)-start, min(sp.End, start+len(text))-start; lo < hi {
				shifted = append(shifted, search.Span{Start: lo, End: hi})
			}
		}
		var b strings.Builder
		writeMarked(&b, text, shifted, ts, s.Match)
		lines = append(lines, headerMargin+ansi.Truncate(b.String(), w, "…"))
		at = start + len(l)
		if i == 1 {
			break
		}
	}
	for _, l := range metaLines(a, w) {
		lines = append(lines, headerMargin+s.Dim.Render(l))
	}
	for _, l := range detailLines(a, w) {
		lines = append(lines, headerMargin+s.Detail.Render(l))
	}
	if r.kept != nil {
		for i, l := range markLines(r.kept.Mark(r.article), w) {
			st := s.Marks
			if i > 0 {
				st = s.Note
			}
			lines = append(lines, headerMargin+st.Render(l))
		}
	}
	return append(lines, "")
}

// maxNoteLines bounds the lines of a note in the header.
const maxNoteLines = 3

// markLines are the reader's marks under the details, cut to w: one line
// of read or unread, starred, the tags; then the note, wrapped, three
// lines at most.
func markLines(mk state.Mark, w int) []string {
	parts := []string{"• unread"}
	if mk.Read {
		parts[0] = "✓ read"
	}
	if mk.Starred {
		parts = append(parts, "★ starred")
	}
	if len(mk.Tags) > 0 {
		parts = append(parts, "# "+listText(mk.Tags, w))
	}
	lines := []string{ansi.Truncate(strings.Join(parts, corpus.MetaSeparator), w, "…")}
	if mk.Note == "" {
		return lines
	}
	// The note keeps its lines; each is cleaned of what could drive the
	// terminal (the store cleans it too).
	var note []string
	for _, l := range strings.Split(mk.Note, "\n") {
		note = append(note, strings.Split(ansi.Wordwrap(corpus.OneLine(l), max(w-2, 1), ""), "\n")...)
	}
	for i, l := range note {
		if i == maxNoteLines {
			break
		}
		prefix := "  "
		if i == 0 {
			prefix = "✎ "
		}
		if i == maxNoteLines-1 && len(note) > maxNoteLines {
			l += " …"
		}
		lines = append(lines, ansi.Truncate(prefix+l, w, "…"))
	}
	return lines
}

// headerWidth is the width of the header's text.
func (r *reader) headerWidth() int { return max(r.textWidth()-len(headerMargin), 1) }

// headerHeight is the number of header lines of the article shown.
func (r *reader) headerHeight() int {
	if r.article < 0 {
		return 0
	}
	a := r.c.At(r.article)
	w := r.headerWidth()
	n := min(strings.Count(ansi.Wordwrap(a.Title, w, ""), "\n")+1, 2) + len(metaLines(a, w)) + len(detailLines(a, w)) + 1
	if r.kept != nil {
		n += len(markLines(r.kept.Mark(r.article), w))
	}
	return n
}

// metaLines is the metadata line wrapped to w between its parts, two
// lines at most.
func metaLines(a *corpus.Article, w int) []string {
	var lines []string
	cur := ""
	// Where the article comes from is on the line of its ID.
	for _, part := range a.ReadingParts() {
		switch {
		case cur == "":
			cur = part
		case ansi.StringWidth(cur+corpus.MetaSeparator+part) <= w:
			cur += corpus.MetaSeparator + part
		default:
			lines = append(lines, cur)
			cur = part
		}
	}
	lines = append(lines, cur)
	if len(lines) > 2 {
		lines = []string{lines[0], strings.Join(lines[1:], corpus.MetaSeparator)}
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return lines
}

// detailLines are the article's details under the metadata line, each
// cut to w, lists cut with a count of what does not show: the authors;
// the ID and the URL (the source file when there is none: a URL tells
// apart the articles of one file), the URL on a line of its own when
// both do not fit;
// the tags and the source's other fields.
func detailLines(a *corpus.Article, w int) []string {
	var lines []string
	if len(a.Authors) > 0 {
		lines = append(lines, "by "+listText(a.Authors, w-len("by ")))
	}
	id, url := "id "+corpus.OneLine(a.ID), corpus.OneLine(a.URL)
	switch {
	case url == "" && a.Source != "":
		lines = append(lines, id+corpus.MetaSeparator+corpus.OneLine(a.Source))
	case url == "":
		lines = append(lines, id)
	case ansi.StringWidth(id+corpus.MetaSeparator+url) <= w:
		lines = append(lines, id+corpus.MetaSeparator+url)
	default:
		// Each on its line, so that the URL shows as much as it can.
		lines = append(lines, id, url)
	}
	var parts []string
	used := 0
	add := func(label string, values []string) {
		if len(values) == 0 {
			return
		}
		if len(parts) > 0 {
			used += len(corpus.MetaSeparator)
		}
		label = corpus.OneLine(label) + " "
		part := label + listText(values, w-used-ansi.StringWidth(label))
		parts = append(parts, part)
		used += ansi.StringWidth(part)
	}
	add("tags", a.Tags)
	for _, f := range a.Fields {
		add(f.Name, f.Values)
	}
	if len(parts) > 0 {
		lines = append(lines, strings.Join(parts, corpus.MetaSeparator))
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return lines
}

// listText joins values with commas, as many as fit in w columns with,
// when some do not, a count of the others ("+3").
func listText(values []string, w int) string {
	var b strings.Builder
	for i, v := range values {
		v = corpus.OneLine(v)
		sep := ""
		if i > 0 {
			sep = ", "
		}
		rest := ""
		if i+1 < len(values) {
			rest = fmt.Sprintf(" +%d", len(values)-i-1)
		}
		if i > 0 && ansi.StringWidth(b.String()+sep+v+rest) > w {
			return b.String() + fmt.Sprintf(" +%d", len(values)-i)
		}
		b.WriteString(sep + v)
	}
	return b.String()
}
