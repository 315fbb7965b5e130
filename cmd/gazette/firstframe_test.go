package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/tui"
)

// watchedTerminal is a file standing for the terminal, watched for the
// first frame.
func watchedTerminal(t *testing.T) (*os.File, *frameWatch) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "terminal"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, watchFirstFrame(f)
}

// TestLoadStartsOnceTheLoadingScreenIsDrawn runs the loading screen on a
// file for a terminal: when the load starts, the screen is already in the
// file.
func TestLoadStartsOnceTheLoadingScreenIsDrawn(t *testing.T) {
	f, out := watchedTerminal(t)
	var before string
	load := func() tea.Msg {
		out.wait()
		data, _ := os.ReadFile(f.Name())
		before = string(data)
		return tui.Loaded{Err: os.ErrNotExist}
	}
	progress := func() tui.LoadProgress { return tui.LoadProgress{} }
	m := tui.NewLoading("~/news", progress, load).Sized(80, 24)
	// A file has no size: the program is told the terminal's.
	p := tea.NewProgram(m, tea.WithContext(context.Background()), tea.WithInput(strings.NewReader("")), tea.WithOutput(out.w), tea.WithWindowSize(80, 24))
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(before, "Loading ~/news") {
		t.Errorf("the load started before the loading screen was drawn; the terminal had %q", before)
	}
}

// TestFirstFrameIsTheAlternateScreen checks that a write before the
// frame (a query to the terminal) does not count as the frame.
func TestFirstFrameIsTheAlternateScreen(t *testing.T) {
	_, out := watchedTerminal(t)
	drawn := func() bool {
		select {
		case <-out.drawn:
			return true
		default:
			return false
		}
	}
	out.w.Write([]byte("\x1b[?2026$p"))
	if drawn() {
		t.Fatal("a query counted as the first frame")
	}
	out.w.Write([]byte("\x1b[?1049h\x1b[HLoading"))
	if !drawn() {
		t.Fatal("the switch to the alternate screen did not count as the first frame")
	}
}
