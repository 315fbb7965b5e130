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

// update handles a key while the problems are shown, on a screen of w
// columns and h lines: the moving keys scroll by problem, ! or esc or q
// close.
func (pv *problemsView) update(msg tea.KeyPressMsg, k KeyMap, w, h int) request {
	rows := max(h-2, 1)
	switch {
	case key.Matches(msg, k.Problems, k.Back, k.Quit):
		return requestClose
	case key.Matches(msg, k.Down):
		pv.scroll(1, w, h)
	case key.Matches(msg, k.Up):
		pv.scroll(-1, w, h)
	case key.Matches(msg, k.PageDown):
		pv.scroll(rows, w, h)
	case key.Matches(msg, k.PageUp):
		pv.scroll(-rows, w, h)
	case key.Matches(msg, k.Top):
		pv.scroll(-len(pv.list), w, h)
	case key.Matches(msg, k.Bottom):
		pv.scroll(len(pv.list), w, h)
	}
	return requestNone
}

// scroll moves the list by delta problems, within its ends, on a screen
// of w columns and h lines.
func (pv *problemsView) scroll(delta, w, h int) {
	pv.top = max(0, min(pv.top+delta, pv.lastTop(w, max(h-2, 1))))
}

// lastTop is the first problem shown when the list is scrolled to its
// end: as many of the last ones as fit in rows lines.
func (pv *problemsView) lastTop(w, rows int) int {
	used := 0
	for i := len(pv.list) - 1; i >= 0; i-- {
		if used += len(pv.lines(pv.list[i], w)); used > rows {
			return i + 1
		}
	}
	return 0
}

// lines is one problem for the list, wrapped to w columns: its kind, then
// its line, the continuation indented under it.
func (pv *problemsView) lines(p Problem, w int) []string {
	k := corpus.OneLine(p.Kind())
	indent := 2 + pv.kindWidth + 2
	text := strings.Split(ansi.Wrap(corpus.OneLine(p.Line()), max(w-indent, 10), ""), "\n")
	for i := range text {
		text[i] = strings.Repeat(" ", indent) + text[i]
	}
	text[0] = "  " + k + text[0][2+ansi.StringWidth(k):]
	return text
}

// view draws the list, h lines of w columns at most: its title, a blank
// line, then the problems from top on, each its kind then its line,
// wrapped.
func (pv *problemsView) view(s *Styles, w, h int) string {
	rows := max(h-2, 1)
	top := max(0, min(pv.top, pv.lastTop(w, rows)))
	var body []string
	last := top
	for ; last < len(pv.list) && len(body) < rows; last++ {
		lines := pv.lines(pv.list[last], w)
		// The kind, in the first line's first columns, in colour.
		k := len(corpus.OneLine(pv.list[last].Kind()))
		lines[0] = "  " + s.Error.Render(lines[0][2:2+k]) + lines[0][2+k:]
		for _, l := range lines {
			body = append(body, ansi.Truncate(l, w, "…"))
		}
	}
	if len(body) > rows {
		body, last = body[:rows], last-1 // the last one does not show whole
	}
	hint := "  (!, esc or q to close)"
	if top > 0 || last < len(pv.list) {
		hint = fmt.Sprintf("  (!, esc or q to close, j/k to scroll: %d-%d of %d)", top+1, last, len(pv.list))
	}
	head := ansi.Truncate(" "+s.Year.Render(pv.summary())+s.Dim.Render(hint), w, "…")
	return strings.Join(append([]string{head, ""}, body...), "\n")
}
