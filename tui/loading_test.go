package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus/search"
)

// loadingScreen returns what the loading screen shows.
func loadingScreen(m Loading) string { return ansi.Strip(m.View().Content) }

// sendLoading hands msg to the loading screen and, once it is the
// reader, runs the commands that follow as send does.
func sendLoading(t *testing.T, m Loading, msg tea.Msg) Loading {
	t.Helper()
	next, cmd := m.Update(msg)
	m = next.(Loading)
	if r, ok := m.Reader(); ok && cmd != nil {
		r = drain(t, r, cmd)
		m.reader = &r
	}
	return m
}

func TestLoadingShowsProgressThenTheReaderWithWhatWasTyped(t *testing.T) {
	c := seedCorpus(t)
	p := LoadProgress{Files: 40, FilesRead: 10, Size: 4 << 20, Read: 1 << 20, Articles: 1234}
	m := NewLoading("~/news", func() LoadProgress { return p }, nil)
	m = sendLoading(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	view := loadingScreen(m)
	for _, want := range []string{"Loading ~/news", "10 of 40 files · 1 MB of 4 MB · 1 234 articles", "q to quit"} {
		if !strings.Contains(view, want) {
			t.Errorf("loading screen lacks %q:\n%s", want, view)
		}
	}
	for _, k := range []string{"/", "o", "t", "a", "n"} {
		m = sendLoading(t, m, press(k))
	}
	if view := loadingScreen(m); !strings.Contains(view, "for the reader: /otan") {
		t.Errorf("the keys typed while loading are not shown:\n%s", view)
	}
	m = sendLoading(t, m, Loaded{Reader: New(c, search.New(c))})
	view = loadingScreen(m)
	if !strings.Contains(view, "2 of 5 articles · filter otan") || strings.Contains(view, "Loading") {
		t.Errorf("once loaded, the reader with the filter typed meanwhile; got:\n%s", view)
	}
	checkFits(t, view, 100, 30)
}

func TestLoadingQuitsAndSaysWhy(t *testing.T) {
	m := NewLoading("x", func() LoadProgress { return LoadProgress{} }, nil)
	m = sendLoading(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if next, cmd := m.Update(press("q")); cmd == nil || !errors.Is(next.(Loading).Err(), ErrInterrupted) {
		t.Errorf("q while loading: want to quit, interrupted")
	}
	failed := errors.New("no article loaded from x")
	next, cmd := m.Update(Loaded{Err: failed})
	if cmd == nil || !errors.Is(next.(Loading).Err(), failed) {
		t.Errorf("a failed load: want to quit with its error")
	}
}

// TestLoadingFirstFrameIsTheScreen checks that the loading screen sized
// before the program starts is drawn from its first frame, before the
// program reports the terminal's size, and follows the load at each tick.
func TestLoadingFirstFrameIsTheScreen(t *testing.T) {
	var p LoadProgress
	m := NewLoading("~/news", func() LoadProgress { return p }, nil).Sized(80, 24)
	view := loadingScreen(m)
	if !strings.Contains(view, "Loading ~/news") || !strings.Contains(view, "0 of 0 files") {
		t.Errorf("the first frame is not the loading screen:\n%s", view)
	}
	checkFits(t, view, 80, 24)
	p = LoadProgress{Files: 2, FilesRead: 1, Size: 2 << 20, Read: 1 << 20, Articles: 10}
	m = sendLoading(t, m, loadTickMsg{at: time.Now()})
	if view := loadingScreen(m); !strings.Contains(view, "1 of 2 files · 1 MB of 2 MB · 10 articles") {
		t.Errorf("the loading screen does not follow the load:\n%s", view)
	}
	p = LoadProgress{Files: 2, FilesRead: 2, Size: 2 << 20, Read: 2 << 20, Articles: 20, Saving: true}
	m = sendLoading(t, m, loadTickMsg{at: time.Now()})
	if view := loadingScreen(m); !strings.Contains(view, "20 articles · writing the snapshot") {
		t.Errorf("the loading screen does not say the snapshot is being written:\n%s", view)
	}
}
