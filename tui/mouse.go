package tui

import tea "charm.land/bubbletea/v2"

// paneAt tells which pane is under screen column x.
func (m *Model) paneAt(x int) focus {
	tw, _ := m.paneWidths()
	if m.wide() {
		if x < tw {
			return focusTimeline
		}
		return focusReader
	}
	if m.focus == focusReader {
		return focusReader
	}
	return focusTimeline
}

// wheel scrolls what is under the pointer: a pane, or the help or the
// problems over them.
func (m *Model) wheel(ms tea.Mouse) {
	delta := 3
	if ms.Button == tea.MouseWheelUp {
		delta = -3
	} else if ms.Button != tea.MouseWheelDown {
		return
	}
	switch {
	case m.tooSmall():
		return
	case m.showHelp:
		m.helpTop = max(0, min(m.helpTop+delta, len(m.helpLines())-m.helpHeight()))
		return
	case m.showProblems:
		m.problems.scroll(delta/3, m.width, m.bodyHeight()) // a problem a notch
		return
	}
	if m.paneAt(ms.X) == focusReader {
		m.reader.scroll(delta)
		return
	}
	m.timeline.scroll(delta)
}

func (m *Model) click(ms tea.Mouse) tea.Cmd {
	if ms.Button != tea.MouseLeft || m.tooSmall() || m.showHelp {
		return nil
	}
	if m.paneAt(ms.X) == focusReader {
		if m.focus != focusFilter {
			m.focus = focusReader
		}
		return nil
	}
	p, ok := m.timeline.rowAt(ms.Y - m.timelineTop())
	if !ok {
		return nil
	}
	if m.focus == focusReader {
		m.focus = focusTimeline
	}
	m.timeline.moveTo(p)
	return m.follow()
}
