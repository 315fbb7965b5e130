package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/seeds"
)

// seedCorpus loads the embedded seeds.
func seedCorpus(tb testing.TB) *corpus.Corpus {
	tb.Helper()
	c, probs := ingest.LoadFS("seeds", seeds.FS)
	if len(probs) > 0 || c.Len() != 5 {
		tb.Fatalf("seeds: %d articles, problems %v", c.Len(), probs)
	}
	return c
}

// find returns the results of query on c, in timeline order.
func find(tb testing.TB, c *corpus.Corpus, query string) *search.Results {
	tb.Helper()
	r, err := search.New(c).Find(context.Background(), query, nil)
	if err != nil {
		tb.Fatalf("find %q: %v", query, err)
	}
	return r
}

// press returns the key press a terminal sends for s: one character, or a
// key name ("enter", "esc", "tab", "space", "pgdown", "down", "up",
// "ctrl+n", "backspace").
func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+n":
		return tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// send delivers msg to m and runs the commands it returns, feeding their
// searches and renderings back, as a program would, but synchronously.
func send(tb testing.TB, m Model, msg tea.Msg) Model {
	tb.Helper()
	next, cmd := m.Update(msg)
	return drain(tb, next.(Model), cmd)
}

// drain runs cmd and the commands that follow it, feeding their searches
// and renderings back to m, as a program would, but synchronously.
func drain(tb testing.TB, m Model, cmd tea.Cmd) Model {
	tb.Helper()
	runCmds(cmd, func(msg tea.Msg) tea.Cmd {
		switch msg.(type) {
		case searchResultMsg, renderedMsg, marksLoadedMsg, markSavedMsg, savedMsg, countsMsg, doneMsg, readTimerMsg, copiesMsg, kwicSortedMsg, chartCountedMsg, facetIndexMsg:
			next, cmd := m.Update(msg)
			m = next.(Model)
			return cmd
		}
		return nil
	})
	return m
}

// runCmds runs cmd and every command that follows from it, a batch's one
// by one, handing each message to deliver, which answers with the
// command the message gives.
func runCmds(cmd tea.Cmd, deliver func(tea.Msg) tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			queue = append(queue, deliver(msg))
		}
	}
}

// steps applies key names (strings) and messages in turn.
func steps(tb testing.TB, m Model, in ...any) Model {
	tb.Helper()
	for _, s := range in {
		switch s := s.(type) {
		case string:
			for _, k := range strings.Fields(s) {
				m = send(tb, m, press(k))
			}
		case tea.Msg:
			m = send(tb, m, s)
		}
	}
	return m
}

// typed returns the key presses that type text.
func typed(text string) []any {
	var out []any
	for _, r := range text {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// screen returns what the terminal shows, without colours.
func screen(m Model) string { return ansi.Strip(m.View().Content) }

// newSized returns the reader on c at w x h, in the dark style.
func newSized(tb testing.TB, c *corpus.Corpus, w, h int) Model {
	tb.Helper()
	return send(tb, newModel(c, WithDarkBackground(true)), tea.WindowSizeMsg{Width: w, Height: h})
}

// checkFits fails unless the screen is exactly h lines of at most w
// columns: nothing wraps.
func checkFits(tb testing.TB, view string, w, h int) {
	tb.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		tb.Errorf("screen has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			tb.Errorf("line %d is %d columns wide, more than %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}

// newModel returns the reader on c, filtered by c's own search index.
func newModel(c *corpus.Corpus, opts ...Option) Model { return New(c, search.New(c), opts...) }
