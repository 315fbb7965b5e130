package tui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// batches returns a take function that gives one batch a call, then
// nothing.
func batches(bs ...[]*corpus.Article) func() []*corpus.Article {
	return func() []*corpus.Article {
		if len(bs) == 0 {
			return nil
		}
		b := slices.Clone(bs[0])
		bs = bs[1:]
		return b
	}
}

// runLoading runs the commands of the loading screen's answers to keys
// (searches on the articles so far), handing their messages back.
func runLoading(t *testing.T, m Loading, cmd tea.Cmd) Loading {
	t.Helper()
	runCmds(cmd, func(msg tea.Msg) tea.Cmd {
		if r, ok := msg.(earlyResultMsg); ok {
			next, cmd := m.Update(r)
			m = next.(Loading)
			return cmd
		}
		return nil
	})
	return m
}

// short is the start of a title, as a row shows it whatever the width.
func short(a *corpus.Article) string { return string([]rune(a.Title)[:20]) }

// TestLoadingListsTheArticlesAsTheyCome: the loading screen lists the
// articles made so far in date order, with those that come later in their
// place; the arrow keys move in the list, and the reader opens on the
// article chosen there.
func TestLoadingListsTheArticlesAsTheyCome(t *testing.T) {
	c := seedCorpus(t)
	p := LoadProgress{Files: 5, FilesRead: 2, Size: 5 << 10, Read: 2 << 10, Articles: 2}
	let := false
	m := NewLoading("seeds", func() LoadProgress { return p }, nil).
		WithArrivals(batches([]*corpus.Article{c.At(3), c.At(1)}, []*corpus.Article{c.At(4), c.At(0), c.At(2)}), func() { let = true })
	m = sendLoading(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	t0 := time.Now()
	m = sendLoading(t, m, loadTickMsg{at: t0})
	view := loadingScreen(m)
	if !strings.Contains(view, "Loading seeds · the timeline so far") || !strings.Contains(view, "2 of 5 files") {
		t.Errorf("the screen lacks what loads and how far:\n%s", view)
	}
	first, second := strings.Index(view, short(c.At(1))), strings.Index(view, short(c.At(3)))
	if first < 0 || second < first || strings.Contains(view, short(c.At(0))) {
		t.Errorf("want the two articles made so far, in date order:\n%s", view)
	}
	checkFits(t, view, 100, 30)
	m = sendLoading(t, m, loadTickMsg{at: t0.Add(time.Second)})
	view = loadingScreen(m)
	last := -1
	for i := range c.Len() {
		at := strings.Index(view, short(c.At(i)))
		if at < last {
			t.Fatalf("article %d missing or out of date order:\n%s", i, view)
		}
		last = at
	}
	m = sendLoading(t, m, press("down"))
	m = sendLoading(t, m, press("down"))
	if strings.Contains(loadingScreen(m), "for the reader") {
		t.Errorf("moving in the list is not typing for the reader:\n%s", loadingScreen(m))
	}
	kept := m // as the program keeps its first model
	m = sendLoading(t, m, Loaded{Reader: New(c, search.New(c))})
	if !let || m.early != nil || kept.early.shown != nil || kept.early.made() {
		t.Errorf("once the reader shows, the list lets the articles go, in every copy of the screen, and says so")
	}
	r, ok := m.Reader()
	if !ok || r.Place().Article != 2 {
		t.Fatalf("the reader opens on article %d, want 2, the one chosen while loading", r.Place().Article)
	}
	if view := loadingScreen(m); !strings.Contains(view, "3 of 5") || strings.Contains(view, "Loading") {
		t.Errorf("the reader, on the third article:\n%s", view)
	}
}

// TestLoadingAnswersAFilterOnTheArticlesSoFar: a filter typed while the
// corpus loads shows its hits among the articles made so far, saying so;
// once loaded, the reader runs it on the whole corpus.
func TestLoadingAnswersAFilterOnTheArticlesSoFar(t *testing.T) {
	c := seedCorpus(t)
	var sofar []*corpus.Article
	for i := range c.Len() {
		if a := c.At(i); a.Date.Time.Year() < 2019 {
			sofar = append(sofar, a)
		}
	}
	part := corpus.New(sofar)
	want, err := search.New(part).Find(context.Background(), "otan", nil)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := search.New(c).Find(context.Background(), "otan", nil)
	if want.Len() == all.Len() || len(sofar) == c.Len() {
		t.Fatalf("the seeds no longer tell a part from the whole: %d of %d articles, %d of %d hits", len(sofar), c.Len(), want.Len(), all.Len())
	}
	m := NewLoading("seeds", func() LoadProgress { return LoadProgress{Files: 5, Size: 10, Read: 5} }, nil).WithArrivals(batches(sofar), nil)
	m = sendLoading(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = sendLoading(t, m, loadTickMsg{at: time.Now()})
	for _, k := range []string{"/", "o", "t", "a", "n"} {
		next, cmd := m.Update(press(k))
		m = runLoading(t, next.(Loading), cmd)
	}
	view := loadingScreen(m)
	note := fmt.Sprintf("%s among the %d articles loaded so far · all once loaded", hitsCount(want.Len()), len(sofar))
	if !strings.Contains(view, "/otan") || !strings.Contains(view, note) {
		t.Errorf("want the filter and %q:\n%s", note, view)
	}
	for i := range want.Len() {
		if a := part.At(want.Hit(i).Index); !strings.Contains(view, short(a)) {
			t.Errorf("hit %q not listed:\n%s", a.Title, view)
		}
	}
	checkFits(t, view, 100, 30)
	m = sendLoading(t, m, Loaded{Reader: New(c, search.New(c))})
	if view := loadingScreen(m); !strings.Contains(view, fmt.Sprintf("%d of 5 articles · filter otan", all.Len())) {
		t.Errorf("once loaded, the reader with the filter on every article; got:\n%s", view)
	}
}

// TestArrivalsMergeInTimelineOrder: arrivals merged a batch at a time are
// in the order of a corpus of the same articles, and indexIn finds each
// one, and the place of one that is not there.
func TestArrivalsMergeInTimelineOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var arts []*corpus.Article
	for i := range 300 {
		a := &corpus.Article{ID: fmt.Sprintf("a%03d", i), Title: "t"}
		if r.IntN(5) > 0 {
			a.Date = corpus.NewDate(2000+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(2), 0, 0, corpus.Precision(1+r.IntN(3)))
		}
		arts = append(arts, a)
	}
	shown := &arrivals{}
	for rest := slices.Clone(arts); len(rest) > 0; {
		n := min(len(rest), 1+r.IntN(40))
		shown = shown.with(slices.Clone(rest[:n]))
		rest = rest[n:]
	}
	c := corpus.New(arts)
	for i := range c.Len() {
		if shown.At(i) != c.At(i) {
			t.Fatalf("position %d: %s, want %s", i, shown.At(i).ID, c.At(i).ID)
		}
		if got := indexIn(c, shown.At(i)); got != i {
			t.Errorf("indexIn(%s) = %d, want %d", shown.At(i).ID, got, i)
		}
	}
	stranger := &corpus.Article{ID: "a150x", Date: c.At(150).Date}
	if got := indexIn(c, stranger); corpus.CompareTimeline(c.At(got), stranger) < 0 {
		t.Errorf("an article not there: index %d is before it", got)
	}
}
