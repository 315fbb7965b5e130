package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus/search"
)

// view returns the strip line and the visible rows, exactly t.height+1
// lines of t.width columns.
func (t *timeline) view(s *Styles, focused bool) string {
	var b strings.Builder
	b.WriteString(t.stripView(s))
	for y := range t.height {
		b.WriteByte('\n')
		r := t.top + y
		if r >= len(t.rows) {
			continue
		}
		switch row := t.rows[r]; {
		case row < 0:
			b.WriteString(t.headingView(s, t.headings[-row-1]))
		case row >= snippetRow:
			b.WriteString(t.snippetView(s, int(row-snippetRow), focused))
		default:
			b.WriteString(t.rowView(s, int(row), focused))
		}
	}
	return b.String()
}

func (t *timeline) headingView(s *Styles, h heading) string {
	noun := "articles"
	if h.count == 1 {
		noun = "article"
	}
	var line string
	if h.month {
		line = "  " + s.Month.Render(h.label) + s.Dim.Render(fmt.Sprintf(" · %d", h.count))
	} else {
		line = s.Year.Render(h.label) + s.Dim.Render(fmt.Sprintf(" · %d %s", h.count, noun))
	}
	return ansi.Truncate(line, t.width, "…")
}

// rowBase is the style laid under the row of position p: the cursor's
// highlight, or none.
func (t *timeline) rowBase(s *Styles, p int, focused bool) lipgloss.Style {
	switch {
	case p != t.cursor:
		return lipgloss.NewStyle()
	case focused:
		return s.Selected
	}
	return s.SelectedUnfocused
}

// rowView renders the article at position p: date, then the title cut to
// the pane with an ellipsis, matches highlighted.
func (t *timeline) rowView(s *Styles, p int, focused bool) string {
	a := t.c.At(int(t.order[p]))
	base := t.rowBase(s, p, focused)
	date := a.Date.String()
	if len(date) > dateWidth {
		date = date[:dateWidth] // the time shows in the reader
	}
	date = fmt.Sprintf(" %-*s ", dateWidth, date)
	var b strings.Builder
	b.WriteString(s.Date.Inherit(base).Render(date))
	ts := s.Title
	if a.TitleDerived {
		ts = s.Derived
	}
	var spans []search.Span
	if h := t.hitAt(p); h != nil {
		spans = h.Title
	}
	return t.finishRow(&b, base, a.Title, spans, ts.Inherit(base), s.Match.Inherit(base))
}

// snippetView renders the line under the title of position p while a
// filter is active: the sentence around the best match, dim, matches
// highlighted, under the title.
func (t *timeline) snippetView(s *Styles, p int, focused bool) string {
	base := t.rowBase(s, p, focused)
	var b strings.Builder
	b.WriteString(base.Render(strings.Repeat(" ", dateWidth+2)))
	text, spans := "", []search.Span(nil)
	if h := t.hitAt(p); h != nil {
		// Same length: the spans still hold.
		text = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, h.Snippet)
		spans = h.SnippetSpans
	}
	return t.finishRow(&b, base, text, spans, s.Dim.Inherit(base), s.Match.Inherit(base))
}

// finishRow writes text after what b holds, cut to the pane with an
// ellipsis, the spans in match style, and pads the row to the pane.
func (t *timeline) finishRow(b *strings.Builder, base lipgloss.Style, text string, spans []search.Span, plain, match lipgloss.Style) string {
	room := t.width - dateWidth - 3
	if room < 1 {
		return ansi.Truncate(b.String(), t.width, "")
	}
	shown := text
	if cut := ansi.Truncate(text, room, "…"); cut != text {
		// No space before the ellipsis.
		shown = strings.TrimRight(strings.TrimSuffix(cut, "…"), " ")
	}
	writeMarked(b, shown, spans, plain, match)
	if len(shown) < len(text) {
		b.WriteString(plain.Render("…"))
	}
	w := ansi.StringWidth(b.String())
	if pad := t.width - w; pad > 0 {
		b.WriteString(base.Render(strings.Repeat(" ", pad)))
	}
	return b.String()
}

// writeMarked writes text with the spans in match style, the rest in
// plain style. Spans past the end of text are cut.
func writeMarked(b *strings.Builder, text string, spans []search.Span, plain, match lipgloss.Style) {
	at := 0
	for _, sp := range spans {
		start, end := max(sp.Start, at), min(sp.End, len(text))
		if start >= end {
			continue
		}
		if start > at {
			b.WriteString(plain.Render(text[at:start]))
		}
		b.WriteString(match.Render(text[start:end]))
		at = end
	}
	if at < len(text) {
		b.WriteString(plain.Render(text[at:]))
	}
}
