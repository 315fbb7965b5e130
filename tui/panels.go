package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// panel is a view of the corpus shown over the panes, by its key.
type panel int

const (
	panelNone panel = iota
	// panelKWIC lists the filter's occurrences in context.
	panelKWIC
	// panelChart draws the hits of up to three queries over time.
	panelChart
	// panelFacets counts the shown articles by source, tag, year and
	// language.
	panelFacets
)

// panelKey opens a panel by its key; it reports whether msg was one.
func (m *Model) panelKey(msg tea.KeyPressMsg, k KeyMap) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, k.KWIC):
		m.panel, m.kwic = panelKWIC, newKWIC(m.timeline.res, fetched(m.c))
		return nil, true
	case key.Matches(msg, m.keys.KWIC) && m.focus != focusFilter:
		m.flash = "keyword in context needs a filter (/)"
		return nil, true
	case key.Matches(msg, k.Chart):
		m.panel = panelChart
		m.chart.open(m.timeline.res)
		return m.chart.countCmd(m.searchMarks()), true
	case key.Matches(msg, k.Facets):
		if fetched(m.c) {
			m.flash = "facets count every article's metadata: not offered on a database corpus"
			return nil, true
		}
		m.panel = panelFacets
		return m.facets.open(m.c, m.timeline.order.slice()), true
	}
	return nil, false
}

// panelKeyPress handles a key while a panel is shown.
func (m *Model) panelKeyPress(msg tea.KeyPressMsg) tea.Cmd {
	rows := m.panelRows()
	var req request
	var cmd tea.Cmd
	switch m.panel {
	case panelKWIC:
		req, cmd = m.kwic.update(msg, m.keys, rows)
	case panelChart:
		req, cmd = m.chart.update(msg, m.keys, m.searchMarks())
	case panelFacets:
		var query string
		req, query = m.facets.update(msg, m.keys, rows)
		if req == requestSearch {
			m.panel = panelNone
			return m.addToFilter(query)
		}
	}
	switch req {
	case requestClose:
		m.panel = panelNone
	case requestOpenOccurrence:
		return tea.Batch(cmd, m.openOccurrence())
	case requestCompare:
		return m.openPrompt(promptCompare)
	}
	return cmd
}

// panelRows is the number of lines a panel lists: the body but its title
// line and its bottom line.
func (m *Model) panelRows() int { return max(m.bodyHeight()-2, 1) }

// preparePanel makes what the panel shows next, so that View only reads.
func (m *Model) preparePanel() {
	if m.panel == panelKWIC {
		m.kwic.prepare(m.panelRows())
	}
}

// panelView draws the panel shown.
func (m *Model) panelView() string {
	w, h := m.width, m.bodyHeight()
	switch m.panel {
	case panelKWIC:
		return m.kwic.view(&m.styles, m.c, w, h)
	case panelChart:
		return m.chart.view(&m.styles, w, h)
	case panelFacets:
		return m.facets.view(&m.styles, w, h)
	}
	return ""
}

// openOccurrence closes the concordance and opens the article of the
// line under its cursor, in the reader, at that occurrence.
func (m *Model) openOccurrence() tea.Cmd {
	a, match, ok := m.kwic.occurrence()
	m.panel = panelNone
	if !ok {
		return nil
	}
	m.timeline.reveal(a)
	m.focus = focusReader
	cmd := tea.Batch(m.layout(), m.follow())
	m.reader.openAt(match)
	return cmd
}

// reveal moves the cursor to article a, showing its group of copies when
// a is a copy folded away.
func (t *timeline) reveal(a int) {
	if t.order.index(int32(a)) < 0 && t.copies.groups != nil {
		if k, ok := t.copies.groups.Of(a); ok {
			t.copies.expanded[k] = true
			t.arrange(true)
		}
	}
	if i := t.order.index(int32(a)); i >= 0 {
		t.moveTo(i)
	}
}

// openAt scrolls to the article's body match i (in reading order; -1:
// the top), now when its rendering is shown, else when it comes.
func (r *reader) openAt(i int) {
	r.pendingMatch = i
	if r.ready() {
		r.jumpPending()
	}
}

// jumpPending moves to the match openAt asked for, if any.
func (r *reader) jumpPending() {
	i := r.pendingMatch
	if i == noPendingMatch {
		return
	}
	r.pendingMatch = noPendingMatch
	if i < 0 || i >= len(r.marks) {
		r.vp.GotoTop()
		return
	}
	r.match = i
	r.vp.SetYOffset(max(r.marks[i].line-r.vp.Height()/3, 0))
}

// noPendingMatch says that no match waits for a rendering.
const noPendingMatch = -2
