package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
)

// Problem is a load problem as the reader lists it: ingest.Problem is
// one.
type Problem interface {
	// Kind names the kind of problem in one word ("failed", "partial",
	// "duplicate").
	Kind() string
	// Line is "PATH: reason", on one line.
	Line() string
}

// problemsView is the list of the load's problems that `!` shows over the
// panes, in the order given, scrolled with the moving keys.
type problemsView struct {
	list []Problem
	// kinds counts the problems of each kind, in the order they come.
	kinds     []string
	count     map[string]int
	kindWidth int
	top       int
}

func newProblemsView(list []Problem) problemsView {
	pv := problemsView{list: list, count: map[string]int{}}
	for _, p := range list {
		k := p.Kind()
		if pv.count[k] == 0 {
			pv.kinds = append(pv.kinds, k)
			pv.kindWidth = max(pv.kindWidth, ansi.StringWidth(k))
		}
		pv.count[k]++
	}
	return pv
}

// summary counts the problems by kind: "98 load problems: 1 failed, 97
// duplicate".
func (pv *problemsView) summary() string {
	parts := make([]string, len(pv.kinds))
	for i, k := range pv.kinds {
		parts[i] = fmt.Sprintf("%d %s", pv.count[k], k)
	}
	noun := "problems"
	if len(pv.list) == 1 {
		noun = "problem"
	}
	return fmt.Sprintf("%d load %s: %s", len(pv.list), noun, strings.Join(parts, ", "))
}

// update handles a key while the problems are shown: the moving keys
// scroll, ! or esc or q close.
func (pv *problemsView) update(msg tea.KeyPressMsg, k KeyMap, height int) request {
	switch {
	case key.Matches(msg, k.Problems, k.Back, k.Quit):
		return requestClose
	case key.Matches(msg, k.Down):
		pv.top++
	case key.Matches(msg, k.Up):
		pv.top--
	case key.Matches(msg, k.PageDown):
		pv.top += height
	case key.Matches(msg, k.PageUp):
		pv.top -= height
	case key.Matches(msg, k.Top):
		pv.top = 0
	case key.Matches(msg, k.Bottom):
		pv.top = len(pv.list)
	}
	pv.top = max(0, min(pv.top, len(pv.list)-height))
	return requestNone
}

// view draws the list, h lines of w columns at most: its title, a blank
// line, then the problems from top on, each its kind then its line.
func (pv *problemsView) view(s *Styles, w, h int) string {
	rows := max(h-2, 1)
	top := max(0, min(pv.top, len(pv.list)-rows))
	hint := "  (! or esc to close)"
	if len(pv.list) > rows {
		hint = fmt.Sprintf("  (! or esc to close, j/k to scroll: %d-%d of %d)", top+1, min(top+rows, len(pv.list)), len(pv.list))
	}
	lines := []string{ansi.Truncate(" "+s.Year.Render(pv.summary())+s.Dim.Render(hint), w, "…"), ""}
	for _, p := range pv.list[top:min(top+rows, len(pv.list))] {
		k := corpus.OneLine(p.Kind())
		line := "  " + s.Error.Render(k) + strings.Repeat(" ", pv.kindWidth-ansi.StringWidth(k)+2) + corpus.OneLine(p.Line())
		lines = append(lines, ansi.Truncate(line, w, "…"))
	}
	return strings.Join(lines, "\n")
}
