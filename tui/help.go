package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpKey handles a key while the help is shown: it scrolls when the
// help is longer than the screen, ? or esc (or q, as in less) closes it.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	over := max(len(m.helpLines())-m.helpHeight(), 0)
	switch {
	case key.Matches(msg, k.Help, k.Back, k.Quit):
		m.showHelp = false
	case key.Matches(msg, k.Down):
		m.helpTop++
	case key.Matches(msg, k.Up):
		m.helpTop--
	case key.Matches(msg, k.PageDown):
		m.helpTop += m.helpHeight()
	case key.Matches(msg, k.PageUp):
		m.helpTop -= m.helpHeight()
	case key.Matches(msg, k.Top):
		m.helpTop = 0
	case key.Matches(msg, k.Bottom):
		m.helpTop = over
	}
	m.helpTop = max(0, min(m.helpTop, over))
	return nil
}

// helpView is the `?` screen: every binding, in columns, as many side by
// side as the width holds; when that is longer than the screen, it
// scrolls.
func (m *Model) helpView() string {
	lines := m.helpLines()
	h := m.helpHeight()
	hint, gap := "  (?, esc or q to close)", "\n\n"
	switch {
	case len(lines) > h:
		hint, gap = "  (?, esc or q to close, j/k to scroll)", "\n"
	case len(lines) > m.bodyHeight()-2:
		gap = "\n" // fits without the blank line
	}
	top := max(0, min(m.helpTop, len(lines)-h))
	lines = lines[top:min(top+h, len(lines))]
	title := m.styles.Year.Render("gazette keys") + m.styles.Dim.Render(hint)
	return ansi.Truncate(" "+title, m.width, "…") + gap + strings.Join(lines, "\n")
}

// helpHeight is the number of help lines on screen, under its title: a
// blank line separates them when the whole help fits.
func (m *Model) helpHeight() int {
	if n := m.bodyHeight() - 2; len(m.helpLines()) <= n {
		return n
	}
	return max(m.bodyHeight()-1, 1)
}

// helpLines returns the help's columns laid out for the width, line by
// line.
func (m *Model) helpLines() []string {
	h := m.help
	h.ShowAll = true
	h.SetWidth(0)
	heads := []string{"Move", "Timeline and reader", "Commands", "Marks and more", "Filter"}
	var rows []string
	var row []string
	roww := 0
	for i, group := range m.keys.FullHelp() {
		col := m.styles.Year.Render(heads[i]) + "\n" + h.FullHelpView([][]key.Binding{group})
		w := lipgloss.Width(col) + 4
		if len(row) > 0 && roww+w > m.width-1 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, roww = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(col))
		roww += w
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	return strings.Split(indent(strings.Join(rows, "\n\n"), " "), "\n")
}
