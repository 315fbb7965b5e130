package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/state"
)

// withStore returns the reader on c with the store at path, its marks
// read, at w x h.
func withStore(t *testing.T, c *corpus.Corpus, path string, w, h int, opts ...Option) Model {
	t.Helper()
	s, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m := newModel(c, append([]Option{WithDarkBackground(true), WithKeeper(s), WithReadAfter(0)}, opts...)...)
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return send(t, m, m.loadMarks()())
}

// TestMarkingInTheReader: f stars, t tags (tab completing from the tags
// used), m toggles read; the rows and the header show it; the store keeps
// it for the next run.
func TestMarkingInTheReader(t *testing.T) {
	c := seedCorpus(t)
	path := filepath.Join(t.TempDir(), "state.db")
	m := withStore(t, c, path, 120, 35)
	if got := screen(m); !strings.Contains(got, "▌• 2014-09-20 L'OTAN") || !strings.Contains(got, "• unread") {
		t.Fatalf("the marks do not show:\n%s", got)
	}
	m = steps(t, m, "f", "t")
	m = steps(t, m, typed("x suivi")...)
	m = steps(t, m, "enter", "j", "t")
	if got := screen(m); !strings.Contains(got, "tab: suivi x") {
		t.Errorf("the tags prompt does not offer the tags used:\n%s", got)
	}
	m = steps(t, m, typed("s")...)
	m = steps(t, m, "tab", "enter", "m")
	got := screen(m)
	for _, want := range []string{"▌  2015-04-21 Le Maroc", "#suivi", " •★2014-09-20 L'OTAN lance son cyberpartenariat avec… #suivi #x", "✓ read · # suivi"} {
		if !strings.Contains(got, want) {
			t.Errorf("the screen lacks %q:\n%s", want, got)
		}
	}
	checkFits(t, m.View().Content, 120, 35)

	again := withStore(t, c, path, 120, 35)
	for i, want := range []state.Mark{{Starred: true, Tags: []string{"suivi", "x"}}, {Read: true, Tags: []string{"suivi"}}} {
		if got := again.marks.Mark(i); got.Read != want.Read || got.Starred != want.Starred || strings.Join(got.Tags, " ") != strings.Join(want.Tags, " ") {
			t.Errorf("article %d after a restart: %+v, want %+v", i, got, want)
		}
	}
	// The terms about marks, in the filter.
	again = steps(t, again, append([]any{"/"}, typed("is:starred tag:x")...)...)
	if got := screen(again); !strings.Contains(got, "1 of 5 articles · filter is:starred tag:x") {
		t.Errorf("is:starred tag:x:\n%s", got)
	}
}

// TestReadAfterShowing: an article on screen long enough becomes read;
// one moved past before does not.
func TestReadAfterShowing(t *testing.T) {
	c := seedCorpus(t)
	m := withStore(t, c, filepath.Join(t.TempDir(), "state.db"), 120, 35, WithReadAfter(time.Millisecond))
	m = steps(t, m, "j")
	if !m.marks.Read(1) {
		t.Error("shown past the delay, the article is not read")
	}
	stale := readTimerMsg{token: m.readToken - 1}
	m = steps(t, m, "k", stale)
	if m.marks.Read(2) {
		t.Error("an article never selected is read")
	}
}

// TestSavedSearches: S names the filter's query, L lists the saved ones
// with their counts, enter applies one; they are there after a restart.
func TestSavedSearches(t *testing.T) {
	c := seedCorpus(t)
	path := filepath.Join(t.TempDir(), "state.db")
	m := withStore(t, c, path, 120, 35)
	m = steps(t, m, append([]any{"/"}, typed("otan")...)...)
	m = steps(t, m, "enter", "S")
	m = steps(t, m, typed("nato\x1b[31m")...)
	if m = steps(t, m, "enter"); !strings.Contains(screen(m), `saved "nato[31m": otan`) {
		t.Errorf("S did not say it saved the search:\n%s", screen(m))
	}
	m = withStore(t, c, path, 120, 35)
	m = steps(t, m, "L")
	got := screen(m)
	if !strings.Contains(got, "Saved searches") || !strings.Contains(got, "▌ nato[31m") || !strings.Contains(got, " 2  otan") {
		t.Fatalf("the saved searches:\n%s", got)
	}
	if r := corpustest.FirstUnsafe(got); r >= 0 {
		t.Errorf("the list holds %U", r)
	}
	m = steps(t, m, "enter")
	if got := screen(m); !strings.Contains(got, "2 of 5 articles · filter otan") {
		t.Errorf("enter did not apply the search:\n%s", got)
	}
}

// TestNoStore: without a store the marking keys are not offered, and a
// store that cannot be read says why in the status line.
func TestNoStore(t *testing.T) {
	c := seedCorpus(t)
	m := newSized(t, c, 120, 35)
	if got := screen(m); strings.Contains(got, "f star") || strings.Contains(got, "• 2014") || strings.Contains(got, "unread") {
		t.Errorf("marks without a store:\n%s", got)
	}
	m = steps(t, m, "f")
	if m.marks != nil {
		t.Error("a mark without a store")
	}
	m = newModel(c, WithDarkBackground(true), WithoutState("/x/state.db: not a gazette state store"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 35})
	if got := screen(m); !strings.Contains(got, "no saved state") {
		t.Errorf("the status does not say there is no state:\n%s", got)
	}
}

// TestFilterDoesNotWaitForMarks: while the marks are read (on a million
// articles, seconds: every article's content key), a filter of words is
// answered at once; one about the marks waits for them, then is answered
// with them.
func TestFilterDoesNotWaitForMarks(t *testing.T) {
	c := seedCorpus(t)
	s, err := state.Open(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	starred, yes := c.At(2), true
	if err := s.Apply([]state.Ref{{ID: starred.ID, Key: state.KeyOf(starred)}}, state.Change{Starred: &yes}); err != nil {
		t.Fatal(err)
	}
	m := newModel(c, WithDarkBackground(true), WithKeeper(s), WithReadAfter(0))
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = steps(t, m, "/ o t a n")
	want := find(t, c, "otan").Len()
	if m.timeline.res == nil || m.timeline.res.Len() != want {
		t.Fatalf("otan, the marks not read yet: %v; want its %d hits at once", m.timeline.res, want)
	}
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "reading marks") {
		t.Errorf("the status does not say the marks are being read:\n%s", v)
	}
	m = steps(t, m, "esc", "/ i s : s t a r r e d")
	if v := ansi.Strip(m.View().Content); m.searching != "is:starred" || m.cancel != nil || !strings.Contains(v, "searching…") {
		t.Fatalf("is:starred not waiting for the marks (searching %q):\n%s", m.searching, v)
	}
	m = send(t, m, m.loadMarks()())
	if r := m.timeline.res; r == nil || r.Len() != 1 || c.At(r.Hit(0).Index) != starred {
		t.Errorf("is:starred once the marks are read: %v; want the starred article", r)
	}
}
