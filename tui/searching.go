package tui

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus/search"
)

// clearFilter empties the filter and shows every article again, the
// cursor staying on its article.
func (m *Model) clearFilter() tea.Cmd {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.filter.clear()
	m.searching, m.partial = "", false
	m.timeline.setResults(nil)
	return tea.Batch(m.layout(), m.follow())
}

// search starts a search for q in a command, cancelling the one in
// flight: a keystroke supersedes the previous one.
func (m *Model) search(q string) tea.Cmd {
	if m.cancel != nil {
		m.cancel()
	}
	m.partial = false
	if strings.TrimSpace(q) == "" {
		m.cancel, m.searching = nil, ""
		m.filter.err, m.filter.note = "", ""
		m.timeline.setResults(nil)
		return tea.Batch(m.layout(), m.follow())
	}
	if m.keeper != nil && m.marks == nil && usesMarks(q) {
		// The marks are being read (on a million articles, seconds: the
		// content key of every article): a query about them runs once
		// they are (see marksLoaded), so that is: and tag: find them;
		// any other runs now.
		m.cancel, m.searching = nil, q
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel, m.searching = cancel, q
	f, prev, marks := m.finder, m.timeline.res, m.searchMarks()
	all := func() tea.Msg {
		// Only the hits' positions and scores: those on screen are
		// explained by Update.
		r, err := f.FindMarked(ctx, q, prev, marks)
		return searchResultMsg{query: q, results: r, err: err}
	}
	ff, ok := f.(FirstFinder)
	if !ok {
		return tea.Batch(all, m.indexTick())
	}
	first := func() tea.Msg {
		r, err := ff.FindFirst(ctx, q, firstHits, marks)
		return searchResultMsg{query: q, results: r, err: err, first: true}
	}
	return tea.Batch(first, all)
}

// usesMarks reports whether q has a term about the reader's marks. A
// query that does not parse has none: it runs, and says what is wrong.
func usesMarks(q string) bool {
	p, err := search.Parse(q)
	return err == nil && p.UsesMarks()
}

// firstHits is how many hits a FirstFinder is asked for first: several
// screens.
const firstHits = 200

// indexing returns how much of the index is built, when a search waits
// for it: ok is false when the finder does not say or it is built.
func (m *Model) indexing() (done, total int, ok bool) {
	p, says := m.finder.(interface{ Progress() (done, total int) })
	if !says {
		return 0, 0, false
	}
	done, total = p.Progress()
	return done, total, done < total
}

// indexTickMsg redraws the status line while a search waits for the
// index, to show how far it is built.
type indexTickMsg struct{}

// indexTick asks for an indexTickMsg while a search waits for the index.
func (m *Model) indexTick() tea.Cmd {
	if _, _, building := m.indexing(); !building || m.searching == "" {
		return nil
	}
	return tea.Tick(200*time.Millisecond, func(time.Time) tea.Msg { return indexTickMsg{} })
}

// searched shows the results of a search, if they are for the query the
// filter holds now.
func (m *Model) searched(msg searchResultMsg) tea.Cmd {
	if msg.query != m.filter.query() {
		return nil // stale: a newer keystroke is being searched
	}
	if msg.first {
		return m.searchedFirst(msg)
	}
	m.searching = ""
	wasPartial := m.partial
	m.partial = false
	if msg.err != nil {
		var qe *search.QueryError
		switch {
		case errors.As(msg.err, &qe):
			m.filter.err = qe.Msg
		case errors.Is(msg.err, context.Canceled):
		default:
			m.filter.err = msg.err.Error()
		}
		return m.layout()
	}
	m.filter.err = ""
	m.filter.note = strings.Join(msg.results.Notes(), " · ")
	if wasPartial {
		// The first hits are shown: all of them come in their place,
		// the cursor on its article.
		m.timeline.setResultsKeep(msg.results)
		return tea.Batch(m.layout(), m.follow())
	}
	if p := m.restore; p != nil {
		// Reopened with this filter: the cursor stays on its article,
		// in the order it was.
		m.restore = nil
		m.timeline.setResultsKeep(msg.results)
		if p.Relevance {
			m.timeline.toggleSort()
		}
	} else {
		m.timeline.setResults(msg.results)
	}
	return tea.Batch(m.layout(), m.follow())
}

// searchedFirst shows the first hits of the search in flight, unless all
// of them came already; an error waits for the whole answer's.
func (m *Model) searchedFirst(msg searchResultMsg) tea.Cmd {
	if m.searching != msg.query || msg.err != nil || m.restore != nil {
		return nil
	}
	m.partial = true
	m.filter.err, m.filter.note = "", ""
	m.timeline.setResults(msg.results)
	return tea.Batch(m.layout(), m.follow())
}

// searchMarks are the marks a search reads: none (a nil interface) while
// there are none.
func (m *Model) searchMarks() search.Marks {
	if m.marks == nil {
		return nil
	}
	return m.marks
}
