package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// The selection mark, in the first column of the selected row: the
// focused pane's is bold, the other's light, so that both read without
// colour (the reader's bottom line carries the same mark when it has the
// focus).
const (
	markWidth     = 1
	markFocused   = "▌"
	markUnfocused = "▏"
)

// view returns the strip lines and the visible rows, exactly
// t.stripLines()+t.height lines of t.width columns.
func (t *timeline) view(s *Styles, focused bool) string {
	var b strings.Builder
	b.WriteString(t.stripView(s))
	for y := range t.height {
		b.WriteByte('\n')
		switch kind, i := t.row(t.top + y); kind {
		case rowHeading:
			b.WriteString(t.headingView(s, t.headings[i]))
		case rowSnippet:
			b.WriteString(t.snippetView(s, i, focused))
		case rowTitle:
			b.WriteString(t.rowView(s, i, focused))
		}
	}
	return b.String()
}

func (t *timeline) headingView(s *Styles, h heading) string {
	noun := "articles"
	if max(h.count, h.of) == 1 {
		noun = "article"
	}
	count := fmt.Sprint(h.count)
	if h.of > 0 {
		count = fmt.Sprintf("%d of %d", h.count, h.of)
	}
	var line string
	if h.month {
		line = "  " + s.Month.Render(h.label) + s.Dim.Render(" · "+count)
	} else {
		line = s.Year.Render(h.label) + s.Dim.Render(fmt.Sprintf(" · %s %s", count, noun))
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

// markView is the first column of the lines of position p: the selection
// mark on the cursor's, a space elsewhere.
func (t *timeline) markView(s *Styles, p int, focused bool, base lipgloss.Style) string {
	switch {
	case p != t.cursor:
		return " "
	case focused:
		return s.Mark.Inherit(base).Render(markFocused)
	}
	return s.Dim.Inherit(base).Render(markUnfocused)
}

// rowView renders the article at position p: the selection mark, the
// date when the corpus has dates, then the title cut to the pane with an
// ellipsis, matches highlighted.
func (t *timeline) rowView(s *Styles, p int, focused bool) string {
	i := int(t.order.At(p))
	a := t.c.At(i)
	base := t.rowBase(s, p, focused)
	var b strings.Builder
	b.WriteString(t.markView(s, p, focused, base))
	read, suffix := t.flagsView(&b, s, i, base)
	suffix += t.copies.suffix(int32(i))
	if t.dateW > 0 {
		date := a.Date.String()
		if len(date) > t.dateW {
			date = date[:t.dateW] // the time shows in the reader
		}
		b.WriteString(s.Date.Inherit(base).Render(fmt.Sprintf("%-*s ", t.dateW, date)))
	}
	ts := s.Title
	if a.TitleDerived {
		ts = s.Derived
	}
	if read {
		ts = ts.Inherit(s.ReadTitle)
	}
	var spans []search.Span
	if h := t.hitAt(p); h != nil {
		spans = h.Title
	}
	if suffix == "" {
		return t.finishRow(&b, base, a.Title, spans, ts.Inherit(base), s.Match.Inherit(base))
	}
	// The tags and the note's sign after the title, which gives them room
	// down to half its own.
	room := t.titleRoom()
	sw := ansi.StringWidth(suffix)
	titleRoom := max(room-sw, room/2)
	title := a.Title
	if ansi.StringWidth(title) > titleRoom {
		title = strings.TrimRight(strings.TrimSuffix(ansi.Truncate(title, titleRoom, "…"), "…"), " ")
		spans = cutSpans(spans, len(title))
		writeMarked(&b, title, spans, ts.Inherit(base), s.Match.Inherit(base))
		b.WriteString(ts.Inherit(base).Render("…"))
	} else {
		writeMarked(&b, title, spans, ts.Inherit(base), s.Match.Inherit(base))
	}
	left := t.width - ansi.StringWidth(b.String())
	b.WriteString(s.Tag.Inherit(base).Render(ansi.Truncate(suffix, max(left, 0), "…")))
	if pad := t.width - ansi.StringWidth(b.String()); pad > 0 {
		b.WriteString(base.Render(strings.Repeat(" ", pad)))
	}
	return b.String()
}

// flagsView writes the marks' column of article i (a dot when unread, a
// star when starred) and returns whether it is read and what follows its
// title: its tags and the sign of a note.
func (t *timeline) flagsView(b *strings.Builder, s *Styles, i int, base lipgloss.Style) (read bool, suffix string) {
	if t.flagW == 0 {
		return false, ""
	}
	if t.marks == nil {
		b.WriteString(base.Render(strings.Repeat(" ", t.flagW)))
		return false, ""
	}
	mk := t.marks.Mark(i)
	dot, star := base.Render(" "), base.Render(" ")
	if !mk.Read {
		dot = s.Unread.Inherit(base).Render("•")
	}
	if mk.Starred {
		star = s.Star.Inherit(base).Render("★")
	}
	b.WriteString(dot + star + base.Render(strings.Repeat(" ", t.flagW-2)))
	var parts []string
	for _, tag := range mk.Tags {
		parts = append(parts, "#"+corpus.OneLine(tag))
	}
	if mk.Note != "" {
		parts = append(parts, "✎")
	}
	if len(parts) > 0 {
		suffix = " " + strings.Join(parts, " ")
	}
	return mk.Read, suffix
}

// cutSpans returns the spans that start before n, cut to it.
func cutSpans(spans []search.Span, n int) []search.Span {
	var out []search.Span
	for _, sp := range spans {
		if sp.Start < n {
			out = append(out, search.Span{Start: sp.Start, End: min(sp.End, n)})
		}
	}
	return out
}

// snippetView renders the line under the title of position p while a
// filter is active: the sentence around the best match, dim, its part
// that holds the first matches, highlighted, under the title.
func (t *timeline) snippetView(s *Styles, p int, focused bool) string {
	base := t.rowBase(s, p, focused)
	var b strings.Builder
	b.WriteString(t.markView(s, p, focused, base))
	b.WriteString(base.Render(strings.Repeat(" ", t.titleCol()-markWidth)))
	text, spans := "", []search.Span(nil)
	if h := t.hitAt(p); h != nil {
		// Same length: the spans still hold.
		text = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, h.Snippet)
		text, spans = snippetWindow(text, h.SnippetSpans, t.titleRoom())
	}
	return t.finishRow(&b, base, text, spans, s.Dim.Inherit(base), s.Match.Inherit(base))
}

// titleRoom is the width left to a title, or a snippet, on its line.
func (t *timeline) titleRoom() int { return t.width - t.titleCol() - 1 }

// finishRow writes text after what b holds, cut to the pane with an
// ellipsis, the spans in match style, and pads the row to the pane.
func (t *timeline) finishRow(b *strings.Builder, base lipgloss.Style, text string, spans []search.Span, plain, match lipgloss.Style) string {
	room := t.titleRoom()
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

// snippetLead is what snippetWindow puts before text it cut.
const snippetLead = "… "

// snippetWindow returns the part of a snippet that shows its first
// matches in room columns: when they end past the room, the text before
// them is cut, after a space, so that they sit in the middle (as many of
// them as fit; further left when the text ends soon after them), behind
// an ellipsis. The spans move with the text.
func snippetWindow(text string, spans []search.Span, room int) (string, []search.Span) {
	if len(spans) == 0 || spans[0].Start >= len(text) || ansi.StringWidth(text[:min(spans[0].End, len(text))]) < room {
		return text, spans
	}
	first, end := spans[0].Start, spans[0].End
	for _, sp := range spans[1:] {
		if sp.End > len(text) || ansi.StringWidth(text[first:sp.End]) > room-2*len(snippetLead) {
			break
		}
		end = sp.End
	}
	lead := max(room-ansi.StringWidth(text[first:min(end, len(text))]), 0)/2 - ansi.StringWidth(snippetLead)
	// Near the end of the text, what follows the matches leaves more room
	// before them.
	lead = max(lead, room-ansi.StringWidth(snippetLead)-ansi.StringWidth(text[first:]))
	from := first
	for w := 0; from > 0; {
		r, n := utf8.DecodeLastRuneInString(text[:from])
		if w += ansi.StringWidth(string(r)); w > lead {
			break
		}
		from -= n
	}
	if sp := strings.IndexByte(text[from:first], ' '); sp >= 0 && from > 0 {
		from += sp + 1 // start at a word
	}
	if from == 0 {
		return text, spans
	}
	shift := len(snippetLead) - from
	out := make([]search.Span, 0, len(spans))
	for _, sp := range spans {
		if sp.Start >= from {
			out = append(out, search.Span{Start: sp.Start + shift, End: sp.End + shift})
		}
	}
	return snippetLead + text[from:], out
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
