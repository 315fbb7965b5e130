package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestProgram runs the whole program: type a filter, wait for the reader
// to show the one article found, keep the filter, quit with q.
func TestProgram(t *testing.T) {
	tm := teatest.NewTestModel(t, newModel(seedCorpus(t), WithDarkBackground(true)), teatest.WithInitialTermSize(100, 30))
	tm.Send(press("/"))
	tm.Type("japon")
	// Only 002 has an update time, and "entretiens" opens its text: the
	// reader followed the filter and its rendering arrived. (The output
	// holds only changed cells: wait for words, not for whole lines.)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("18:15")) && bytes.Contains(b, []byte("entretiens"))
	},
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(press("enter"))
	tm.Send(press("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)

	got := screen(final)
	// The timeline row is marked as selected; the reader, 45 columns
	// wide, wraps the title.
	for _, want := range []string{"1 of 5 articles · filter japon", "▌2019-10-09 L’OTAN et le Japon", "│  L’OTAN et le Japon intensifient leur"} {
		if !strings.Contains(got, want) {
			t.Errorf("final screen lacks %q:\n%s", want, got)
		}
	}
	if final.focus != focusTimeline || final.filter.query() != "japon" {
		t.Errorf("after enter: focus %d, filter %q; want the timeline focused and the filter kept", final.focus, final.filter.query())
	}
	golden.RequireEqual(t, got)
}

// TestQuitKeys checks that q quits from the panes but is typed in the
// filter, where ctrl+c still quits.
func TestQuitKeys(t *testing.T) {
	c := seedCorpus(t)
	isQuit := func(cmd tea.Cmd) bool {
		if cmd == nil {
			return false
		}
		_, ok := cmd().(tea.QuitMsg)
		return ok
	}
	m := newSized(t, c, 100, 30)
	if _, cmd := m.Update(press("q")); !isQuit(cmd) {
		t.Error("q in the timeline does not quit")
	}
	m = steps(t, m, "/")
	next, cmd := m.Update(press("q"))
	if isQuit(cmd) {
		t.Error("q in the filter quits")
	}
	if q := next.(Model).filter.query(); q != "q" {
		t.Errorf("q in the filter typed %q, want \"q\"", q)
	}
	if _, cmd := next.(Model).Update(press("ctrl+c")); !isQuit(cmd) {
		t.Error("ctrl+c in the filter does not quit")
	}
}
