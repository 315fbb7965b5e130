package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
)

// View draws the screen. It builds only what is visible.
func (m Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func (m *Model) screen() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		msg := m.styles.TooSmall.Render("terminal too small") + "\n" +
			m.styles.Dim.Render(fmt.Sprintf("%dx%d, need %dx%d", m.width, m.height, minWidth, minHeight))
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
	}
	var body string
	switch {
	case m.showHelp:
		body = m.helpView()
	case m.showProblems:
		body = m.problems.view(&m.styles, m.width, m.bodyHeight())
	case m.note != nil:
		body = m.noteView()
	case m.showSaved:
		body = m.saved.view(&m.styles, m.keys, m.width, m.bodyHeight())
	case m.panel == panelFacets && m.wide():
		// The facets beside the timeline they count.
		_, rw := m.paneWidths()
		return m.sideBySide(m.facets.view(&m.styles, rw, m.bodyHeight()))
	case m.panel != panelNone:
		body = m.panelView()
	case m.wide():
		return m.sideBySide(m.readerView())
	case m.focus == focusReader:
		body = m.readerView()
	default:
		body = m.timelineView()
	}
	return fit(body, m.width, m.bodyHeight()) + m.promptView() + "\n" + m.statusView()
}

// sideBySide draws the timeline and, right of it, the pane right (the
// reader's or the facets'), then the prompt and the status line. Both
// panes are cut to size, so lines join without measuring again.
func (m *Model) sideBySide(right string) string {
	tw, rw := m.paneWidths()
	left := strings.Split(fit(m.timelineView(), tw, m.bodyHeight()), "\n")
	rights := strings.Split(fit(right, rw, m.bodyHeight()), "\n")
	div := m.styles.Divider.Render("│")
	var b strings.Builder
	for i := range left {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(left[i] + div + rights[i])
	}
	return b.String() + m.promptView() + "\n" + m.statusView()
}

// promptView is the prompt's lines, after a newline, or "" when it is
// closed.
func (m *Model) promptView() string {
	if !m.prompt.open() {
		return ""
	}
	return "\n" + fit(m.prompt.view(&m.styles, m.width), m.width, m.prompt.lines())
}

func (m *Model) timelineView() string {
	tw, _ := m.paneWidths()
	v := m.timeline.view(&m.styles, m.focus != focusReader)
	if m.filter.shown() {
		v = m.filter.view(&m.styles, tw) + "\n" + v
	}
	return v
}

func (m *Model) readerView() string {
	where := ""
	if n := m.timeline.order.Len(); n > 0 {
		where = fmt.Sprintf("%d of %d", m.timeline.cursor+1, n)
	}
	return m.reader.view(&m.styles, where, m.focus == focusReader)
}

// statusView is the bottom line: how many articles are shown, the filter
// they are the results of, a passing message, then the help line for the
// focused pane.
func (m *Model) statusView() string {
	s := &m.styles
	left := s.Status.Render(fmt.Sprintf(" %d of %d articles", m.timeline.order.Len(), m.c.Len()))
	switch {
	case m.filtered() && m.filter.err != "":
		// The query typed cannot run: say which one the results are of.
		left += s.Status.Render(" · still filter ") + s.StatusFilter.Render(corpus.OneLine(m.timeline.res.Query.String()))
	case m.filtered():
		left += s.Status.Render(" · filter ") + s.StatusFilter.Render(corpus.OneLine(m.timeline.res.Query.String()))
	case m.filter.err != "":
		left += s.Status.Render(" · no filter yet")
	}
	if n := m.timeline.copies.hidden; n > 0 {
		left += s.Status.Render(fmt.Sprintf(" · %d %s folded", n, copyNoun(n)))
	}
	if m.filtered() && m.timeline.byScore {
		left += s.Status.Render(" · by relevance")
	}
	if done, total, building := m.indexing(); building && m.searching != "" {
		left += s.Status.Render(fmt.Sprintf(" · indexing %d%%, the filter waits for it", 100*done/max(total, 1)))
	} else if m.partial {
		left += s.Status.Render(" · the first hits, searching for the rest…")
	} else if m.searching != "" {
		left += s.Status.Render(" · searching…")
	}
	switch {
	case m.noState != "":
		left += s.Status.Render(" · no saved state")
	case m.keeper != nil && m.marks == nil:
		left += s.Status.Render(" · reading marks…")
	}
	if n := len(m.problems.list); n > 0 {
		noun := "problems"
		if n == 1 {
			noun = "problem"
		}
		left += s.Status.Render(fmt.Sprintf(" · %d load %s", n, noun))
	}
	if m.flash != "" {
		left += s.Status.Render(" · ") + s.Notice.Render(m.flash)
	}
	if m.copying {
		k := m.keys
		left += s.Status.Render(" · ") + s.Notice.Render(fmt.Sprintf("copy: %s %s, %s %s, %s %s (esc: nothing)",
			k.CopyURL.Help().Key, k.CopyURL.Help().Desc, k.CopyID.Help().Key, k.CopyID.Help().Desc, k.CopyArticle.Help().Key, k.CopyArticle.Help().Desc))
	}
	room := m.width - ansi.StringWidth(left) - 2
	if room < 10 || m.showHelp || m.showProblems || m.showSaved || m.note != nil || m.copying || m.panel != panelNone {
		return ansi.Truncate(left, m.width, "…")
	}
	h := m.help
	h.SetWidth(room)
	right := h.ShortHelpView(m.shortHelp())
	gap := max(m.width-ansi.StringWidth(left)-ansi.StringWidth(right)-1, 1)
	return ansi.Truncate(left+strings.Repeat(" ", gap)+right, m.width, "")
}

// shortHelp is the help line: the focused pane's keys, then those that
// work everywhere.
func (m *Model) shortHelp() []key.Binding {
	k := m.keysNow()
	if m.prompt.open() {
		return m.prompt.shortHelp(k)
	}
	var b []key.Binding
	switch m.focus {
	case focusFilter:
		b = m.filter.shortHelp(k)
	case focusReader:
		b = m.reader.shortHelp(k)
	default:
		b = m.timeline.shortHelp(k)
	}
	return append(b, k.Problems, k.Help, k.Quit, k.ForceQuit)
}

// fit cuts or pads s to exactly h lines of at most w columns.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lw := ansi.StringWidth(l)
		if lw > w {
			l, lw = ansi.Truncate(l, w, ""), w
		}
		if lw < w {
			l += strings.Repeat(" ", w-lw)
		}
		lines[i] = l
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines, "\n")
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
