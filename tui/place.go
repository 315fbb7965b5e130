package tui

import tea "charm.land/bubbletea/v2"

// Place is where the reader is in a corpus: what Model.Place reports when
// the reader quits, and WithPlace puts it back.
type Place struct {
	// Article is the index of the article selected, -1 for none.
	Article int
	// Query is the filter's query, "" when none; Relevance is set when its
	// hits are in relevance order.
	Query     string
	Relevance bool
	// Scroll is the reading position in the article: 0 its top, 1 its end.
	Scroll float64
	// Reader is set when the reader has the focus.
	Reader bool
}

// WithPlace opens the reader where it was: on the article, with the
// filter, scrolled as far, the focus where it was.
func WithPlace(p Place) Option {
	return func(m *Model) { m.restore = &p }
}

// Place returns where the reader is now.
func (m Model) Place() Place {
	p := Place{Article: -1, Query: m.filter.query(), Relevance: m.timeline.byScore, Reader: m.focus == focusReader}
	if a, ok := m.timeline.selected(); ok {
		p.Article = a
		if m.reader.ready() {
			p.Scroll = m.reader.fraction()
		}
	}
	return p
}

// restorePlace puts the reader where WithPlace said, once the model is
// made: the article selected, its reading position kept for its first
// rendering, the filter's query searched (its results will keep the
// article selected).
func (m *Model) restorePlace() tea.Cmd {
	p := m.restore
	if p == nil {
		return nil
	}
	if p.Article >= 0 && p.Article < m.c.Len() {
		m.timeline.moveTo(m.timeline.positionOf(p.Article))
		m.timeline.anchor = p.Article
		m.reader.article = p.Article
		m.reader.restoreID, m.reader.restoreFrac = m.c.At(p.Article).ID, p.Scroll
	}
	if p.Reader {
		m.focus = focusReader
	}
	if p.Query == "" {
		m.restore = nil
		return nil
	}
	m.filter.input.SetValue(p.Query)
	return m.search(p.Query)
}
