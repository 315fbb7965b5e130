package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/facet"
)

// facetsView counts the articles shown by source, tag, year and
// language, beside the timeline; enter adds the value under the cursor
// to the filter's query.
type facetsView struct {
	// index numbers every article's values, made once, in a command.
	index  *facet.Index
	facets []facet.Facet
	// rows are the lines of the view: a facet's heading (value -1) or
	// one of its values; cursor and top index the values' rows.
	rows   []facetRow
	cursor int
	top    int
	shown  int // the articles counted
	// order is the articles to count, those shown when the view opened.
	order []int32
}

// facetRow is a line of the facets view: facet f's heading, or its
// value v.
type facetRow struct{ f, v int }

// facetIndexMsg carries the facets' index of the corpus, made once.
type facetIndexMsg struct{ index *facet.Index }

// open counts the articles of order; the first time, it returns the
// command that numbers the corpus's values, and counts when it comes
// back (see indexed).
func (fv *facetsView) open(c Articles, order []int32) tea.Cmd {
	fv.order, fv.facets, fv.rows = order, nil, fv.rows[:0]
	if fv.index == nil {
		return func() tea.Msg { return facetIndexMsg{facet.New(c)} }
	}
	fv.count()
	return nil
}

// indexed takes the index back and counts the articles the view is for.
func (fv *facetsView) indexed(msg facetIndexMsg) {
	fv.index = msg.index
	if fv.order != nil {
		fv.count()
	}
}

// count counts the articles of the view's order and lays out its rows.
func (fv *facetsView) count() {
	order := fv.order
	fv.facets = fv.index.Count(func(yield func(int) bool) {
		for _, a := range order {
			if !yield(int(a)) {
				return
			}
		}
	})
	fv.shown = len(order)
	fv.rows = fv.rows[:0]
	for f, fc := range fv.facets {
		fv.rows = append(fv.rows, facetRow{f, -1})
		for v := range fc.Values {
			fv.rows = append(fv.rows, facetRow{f, v})
		}
	}
	fv.cursor, fv.top = fv.nextValue(-1, 1), 0
}

// nextValue returns the first row of a value from r on, in direction
// dir, or r when there is none.
func (fv *facetsView) nextValue(r, dir int) int {
	for i := r + dir; i >= 0 && i < len(fv.rows); i += dir {
		if fv.rows[i].v >= 0 {
			return i
		}
	}
	return max(r, 0)
}

// update handles a key while the view is shown, h lines of rows: the
// moving keys move between values, enter asks to add the value's query
// to the filter (returned), esc, q or the view's key close it.
func (fv *facetsView) update(msg tea.KeyPressMsg, k KeyMap, h int) (request, string) {
	switch {
	case key.Matches(msg, k.Facets, k.Back, k.Quit):
		return requestClose, ""
	case key.Matches(msg, k.Open):
		if r, ok := fv.current(); ok && r.Query != "" {
			return requestSearch, r.Query
		}
	case key.Matches(msg, k.Down):
		fv.cursor = fv.nextValue(fv.cursor, 1)
	case key.Matches(msg, k.Up):
		fv.cursor = fv.nextValue(fv.cursor, -1)
	case key.Matches(msg, k.PageDown):
		for range h {
			fv.cursor = fv.nextValue(fv.cursor, 1)
		}
	case key.Matches(msg, k.PageUp):
		for range h {
			fv.cursor = fv.nextValue(fv.cursor, -1)
		}
	}
	if fv.cursor < fv.top {
		fv.top = max(fv.cursor-1, 0) // its heading too, when it is first
	}
	if fv.cursor >= fv.top+h {
		fv.top = fv.cursor - h + 1
	}
	return requestNone, ""
}

// current returns the value under the cursor.
func (fv *facetsView) current() (facet.Value, bool) {
	if fv.cursor >= len(fv.rows) || fv.rows[fv.cursor].v < 0 {
		return facet.Value{}, false
	}
	r := fv.rows[fv.cursor]
	return fv.facets[r.f].Values[r.v], true
}

// view draws the view, h lines of w columns: a title, then the facets,
// each its heading and its values with their counts.
func (fv *facetsView) view(s *Styles, w, h int) string {
	if fv.facets == nil {
		return s.Year.Render(" Facets") + "\n" + s.Placeholder.Render(" counting…")
	}
	out := []string{ansi.Truncate(s.Year.Render(" Facets")+s.Dim.Render(fmt.Sprintf(" · %d %s shown · enter adds to the filter", fv.shown, articleNoun(fv.shown))), w, "…")}
	countW := len(fmt.Sprint(fv.shown))
	for r := fv.top; r < len(fv.rows) && len(out) < h; r++ {
		row := fv.rows[r]
		fc := fv.facets[row.f]
		if row.v < 0 {
			out = append(out, ansi.Truncate(s.Month.Render(" "+fc.Name)+s.Dim.Render(facetNote(fc)), w, "…"))
			continue
		}
		v := fc.Values[row.v]
		base, mark := s.Title, " "
		if r == fv.cursor {
			base, mark = s.Selected, s.Mark.Inherit(s.Selected).Render(markFocused)
		}
		line := mark + base.Render(fmt.Sprintf(" %*d  %s", countW, v.Count, corpus.OneLine(v.Name)))
		line = ansi.Truncate(line, w, "…")
		if pad := w - ansi.StringWidth(line); pad > 0 && r == fv.cursor {
			line += base.Render(strings.Repeat(" ", pad))
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// facetNote is what follows a facet's heading: the articles it does not
// list, with no value or past those listed.
func facetNote(fc facet.Facet) string {
	var parts []string
	if len(fc.Values) == 0 {
		parts = append(parts, "none given")
	}
	if fc.Others > 0 {
		parts = append(parts, fmt.Sprintf("%d in others", fc.Others))
	}
	if fc.None > 0 && len(fc.Values) > 0 {
		parts = append(parts, fmt.Sprintf("%d without", fc.None))
	}
	if len(parts) == 0 {
		return ""
	}
	return " · " + strings.Join(slices.Clip(parts), ", ")
}

// addToFilter adds a term to the filter's query and searches it.
func (m *Model) addToFilter(term string) tea.Cmd {
	q := strings.TrimSpace(m.filter.query() + " " + term)
	m.filter.input.SetValue(q)
	m.filter.input.CursorEnd()
	m.focus = focusTimeline
	return tea.Batch(m.layout(), m.search(q))
}

// articleNoun is "article" or "articles", for n of them.
func articleNoun(n int) string {
	if n == 1 {
		return "article"
	}
	return "articles"
}
