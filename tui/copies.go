package tui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus/similar"
)

// CopyFinder finds the groups of copies of the reader's articles (a wire
// story reprinted, a page republished): similar.Find on the corpus.
type CopyFinder func(ctx context.Context) (*similar.Groups, error)

// WithCopies has the reader find the groups of copies in the background
// once it starts; when they come, the timeline shows one row a group
// with its number of copies, expanded by a key.
func WithCopies(find CopyFinder) Option {
	return func(m *Model) { m.findCopies = find }
}

// copiesMsg carries the groups of copies, and how long finding them took.
type copiesMsg struct {
	groups *similar.Groups
	took   time.Duration
	err    error
}

// copiesCmd finds the groups of copies in a command, off the update loop.
func (m *Model) copiesCmd() tea.Cmd {
	find := m.findCopies
	if find == nil {
		return nil
	}
	return func() tea.Msg {
		start := time.Now()
		g, err := find(context.Background())
		return copiesMsg{groups: g, took: time.Since(start), err: err}
	}
}

// copiesFound folds the timeline's copies, the cursor kept on its article.
func (m *Model) copiesFound(msg copiesMsg) tea.Cmd {
	if msg.err != nil {
		m.flash = "copies not found: " + errorLine(msg.err)
		return nil
	}
	m.timeline.copies = copyFold{groups: msg.groups, expanded: map[int]bool{}}
	m.timeline.arrange(true)
	return nil
}

// copyFold is how the timeline folds the groups of copies: each group
// shows as its first article in the order shown (the earliest, or the
// most relevant), the others hidden unless the group is expanded.
type copyFold struct {
	groups *similar.Groups
	// expanded holds the groups shown whole.
	expanded map[int]bool
	// extra counts, for the first article shown of each group, the other
	// articles of the group the order holds (shown or not); hidden counts
	// the copies folded away.
	extra  map[int32]int
	hidden int
}

// fold returns order without the copies of the groups that are not
// expanded, and counts the copies of each group's first article. It
// costs a look-up an article, and a map entry a copy.
func (f *copyFold) fold(order shown) shown {
	f.extra, f.hidden = nil, 0
	if f.groups == nil || f.groups.Len() == 0 {
		return order
	}
	first := make([]int32, f.groups.Len()) // a group's first article + 1
	f.extra = map[int32]int{}
	out := make([]int32, 0, order.Len())
	for a := range order.All {
		k, ok := f.groups.Of(int(a))
		switch {
		case !ok:
			out = append(out, a)
		case first[k] == 0:
			first[k] = a + 1
			f.extra[a] = 0
			out = append(out, a)
		default:
			f.extra[first[k]-1]++
			if f.expanded[k] {
				out = append(out, a)
			} else {
				f.hidden++
			}
		}
	}
	return shown{ids: out, sorted: order.sorted}
}

// toggle expands the group of article a, or folds it again; it reports
// whether a is in a group.
func (f *copyFold) toggle(a int) bool {
	k, ok := f.groups.Of(a)
	if !ok {
		return false
	}
	f.expanded[k] = !f.expanded[k]
	return true
}

// suffix is what follows the title of article a: "+2 copies" on a
// group's first row, "▾ 2 copies" when the group is expanded, "≈ copy"
// on the copies shown; "" for an article in no group.
func (f *copyFold) suffix(a int32) string {
	k, ok := f.groups.Of(int(a))
	if !ok {
		return ""
	}
	n, first := f.extra[a]
	switch {
	case !first:
		return " ≈ copy"
	case n == 0:
		return ""
	case f.expanded[k]:
		return fmt.Sprintf(" ▾ %d %s", n, copyNoun(n))
	}
	return fmt.Sprintf(" +%d %s", n, copyNoun(n))
}

func copyNoun(n int) string {
	if n == 1 {
		return "copy"
	}
	return "copies"
}

// toggleCopies expands or folds the group of the selected article, the
// cursor staying on it; it reports whether there was one.
func (t *timeline) toggleCopies() bool {
	a, ok := t.selected()
	if !ok || t.copies.groups == nil || !t.copies.toggle(a) {
		return false
	}
	t.arrange(true)
	return true
}
