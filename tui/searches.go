package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// savedView is the list of saved searches that the searches key shows
// over the panes, each with the number of articles it finds now, as
// newsboat's query feeds: enter applies one, d forgets it.
type savedView struct {
	list []state.SavedSearch
	// counts are the hits of each search, by name; a name missing is
	// being counted, -1 is a query that cannot run.
	counts map[string]int
	cursor int
}

// savedMsg carries the saved searches, read from the store.
type savedMsg struct {
	list []state.SavedSearch
	err  error
}

// countsMsg carries the hits of each saved search (see savedView.counts),
// for the list it was counted for.
type countsMsg struct {
	counts map[string]int
}

// readSaved reads the saved searches in a command.
func (m *Model) readSaved() tea.Cmd {
	k := m.keeper
	return func() tea.Msg {
		list, err := k.Searches()
		return savedMsg{list: list, err: err}
	}
}

// savedRead shows the saved searches and counts their hits in a command.
func (m *Model) savedRead(msg savedMsg) tea.Cmd {
	if msg.err != nil {
		m.showSaved = false
		m.flash = "saved searches: " + errorLine(msg.err)
		return nil
	}
	m.saved.list, m.saved.counts = msg.list, map[string]int{}
	m.saved.cursor = max(0, min(m.saved.cursor, len(msg.list)-1))
	f, list, marks := m.finder, msg.list, m.searchMarks()
	return func() tea.Msg {
		counts := make(map[string]int, len(list))
		for _, s := range list {
			r, err := f.FindMarked(context.Background(), s.Query, nil, marks)
			if err != nil {
				counts[s.Name] = -1
				continue
			}
			counts[s.Name] = r.Len()
		}
		return countsMsg{counts: counts}
	}
}

// savedKey handles a key while the saved searches are shown.
func (m *Model) savedKey(msg tea.KeyPressMsg) tea.Cmd {
	k, sv := m.keys, &m.saved
	switch {
	case key.Matches(msg, k.Searches, k.Back, k.Quit):
		m.showSaved = false
	case key.Matches(msg, k.Down):
		sv.cursor = min(sv.cursor+1, max(len(sv.list)-1, 0))
	case key.Matches(msg, k.Up):
		sv.cursor = max(sv.cursor-1, 0)
	case key.Matches(msg, k.Open) && len(sv.list) > 0:
		m.showSaved = false
		q := sv.list[sv.cursor].Query
		m.filter.input.SetValue(q)
		m.focus = focusTimeline
		m.flash = "search " + corpus.OneLine(sv.list[sv.cursor].Name)
		return m.search(q)
	case key.Matches(msg, k.DeleteSearch) && len(sv.list) > 0:
		name, keeper := sv.list[sv.cursor].Name, m.keeper
		m.flash = "forgot the search " + corpus.OneLine(name)
		return func() tea.Msg {
			if _, err := keeper.DeleteSearch(name); err != nil {
				return savedMsg{err: err}
			}
			list, err := keeper.Searches()
			return savedMsg{list: list, err: err}
		}
	}
	return nil
}

// saveSearch keeps the filter's query under name, in a command.
func (m *Model) saveSearch(name string) tea.Cmd {
	q := m.filter.query()
	n, err := state.NormalizeSearchName(name)
	if err != nil {
		m.flash = corpus.OneLine(err.Error())
		return nil
	}
	k := m.keeper
	return func() tea.Msg {
		return done(fmt.Sprintf("saved %q: %s", n, q), k.SaveSearch(n, q))
	}
}

// savedView draws the list of saved searches, h lines of w columns: a
// title, then one line a search (its name, its count, its query), the
// cursor's marked.
func (sv *savedView) view(s *Styles, k KeyMap, w, h int) string {
	head := " " + s.Year.Render("Saved searches") + s.Dim.Render(fmt.Sprintf("  (%s applies, %s forgets, %s closes)",
		k.Open.Help().Key, k.DeleteSearch.Help().Key, k.Back.Help().Key))
	lines := []string{ansi.Truncate(head, w, "…"), ""}
	if len(sv.list) == 0 {
		lines = append(lines, s.Placeholder.Render(fmt.Sprintf("  none yet: filter (/), then %s to save the query under a name", k.SaveSearch.Help().Key)))
		return strings.Join(lines, "\n")
	}
	nameW := 0
	for _, ss := range sv.list {
		nameW = max(nameW, ansi.StringWidth(corpus.OneLine(ss.Name)))
	}
	nameW = min(nameW, max(w/3, 8))
	rows := max(h-2, 1)
	top := max(0, sv.cursor-rows+1)
	for i := top; i < len(sv.list) && len(lines) < h; i++ {
		ss := sv.list[i]
		count := "…"
		if n, ok := sv.counts[ss.Name]; ok && n >= 0 {
			count = fmt.Sprint(n)
		} else if ok {
			count = "bad query"
		}
		name := ansi.Truncate(corpus.OneLine(ss.Name), nameW, "…")
		mark := " "
		if i == sv.cursor {
			mark = s.Mark.Render(markFocused)
		}
		line := fmt.Sprintf("%s %s%s %9s  %s", mark, name, strings.Repeat(" ", nameW-ansi.StringWidth(name)), count, s.Dim.Render(corpus.OneLine(ss.Query)))
		lines = append(lines, ansi.Truncate(line, w, "…"))
	}
	return strings.Join(lines, "\n")
}
