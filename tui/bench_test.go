package tui

import (
	"context"
	"os"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/similar"
)

// benchArticles is the corpus size of the benchmarks: 100 000, 10 000
// with -short, 500 000 with GAZETTE_BENCH_FULL=1 (as the corpus
// package's benchmarks).
func benchArticles() int {
	switch {
	case testing.Short():
		return 10_000
	case os.Getenv("GAZETTE_BENCH_FULL") != "":
		return 500_000
	}
	return 100_000
}

// BenchmarkView draws the screen of a large corpus, the cursor mid-way,
// a filter active: only visible rows may cost anything.
func BenchmarkView(b *testing.B) {
	c := corpustest.Corpus(benchArticles(), 1)
	m := newSized(b, c, 120, 35)
	m = steps(b, m, append([]any{"/"}, typed("sécurité")...)...)
	m = steps(b, m, "enter")
	m.timeline.moveTo(m.timeline.order.Len() / 2)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkFilterKeystroke is one keystroke in the filter: the search in
// its command, then the results laid out on the timeline (the article's
// rendering, cached or in its own command, is not counted).
func BenchmarkFilterKeystroke(b *testing.B) {
	c := corpustest.Corpus(benchArticles(), 1)
	m := newSized(b, c, 120, 35)
	m = steps(b, m, "/")
	queries := []string{"cyberd", "cyberdé"}
	m = searched(m, m.search(queries[1])()) // the index built
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := queries[i%2]
		i++
		m.filter.input.SetValue(q)
		m = searched(m, m.search(q)())
	}
	if m.timeline.order.Len() == 0 {
		b.Fatal("no hits")
	}
}

// BenchmarkTimelineResults is the TUI's share of a keystroke: laying out
// a new set of results (every article) on the timeline, without
// explaining the hits on screen.
func BenchmarkTimelineResults(b *testing.B) {
	c := corpustest.Corpus(benchArticles(), 1)
	t := newTimeline(c)
	t.setSize(60, 33)
	all := find(b, c, "")
	b.ReportAllocs()
	for b.Loop() {
		t.setResults(all)
	}
}

// BenchmarkCopiesInBackground is the command that finds the groups of
// copies once the reader has started: the wall time until the timeline
// can fold them, and the CPU time it takes from whatever else runs.
func BenchmarkCopiesInBackground(b *testing.B) {
	c := corpustest.Corpus(benchArticles(), 1)
	m := New(c, search.New(c), WithCopies(func(ctx context.Context) (*similar.Groups, error) { return similar.Find(ctx, c) }))
	cpu := corpustest.CPUTime()
	for b.Loop() {
		if msg := m.copiesCmd()().(copiesMsg); msg.err != nil {
			b.Fatal(msg.err)
		}
	}
	b.ReportMetric(float64(corpustest.CPUTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}

// BenchmarkKWICScreen opens the concordance of a common word on a large
// corpus and pages down: what a key costs in the view.
func BenchmarkKWICScreen(b *testing.B) {
	c := corpustest.Corpus(benchArticles(), 1)
	m := newSized(b, c, 120, 35)
	m = steps(b, m, append(append([]any{"/"}, typed("sécurité")...), "enter")...)
	b.ReportAllocs()
	for b.Loop() {
		m.kwic = newKWIC(m.timeline.res, false)
		m.panel = panelKWIC
		m = steps(b, m, "space")
	}
}

// BenchmarkNew makes the reader on a large corpus and gives it its size:
// what stands between the corpus opened and the first frame.
func BenchmarkNew(b *testing.B) {
	c := corpustest.Corpus(benchArticles(), 1)
	b.ReportAllocs()
	for b.Loop() {
		m := New(c, search.New(c), WithDarkBackground(true))
		_, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 35})
	}
}

// searched runs the search of msg (the first command of the batch a
// keystroke in the filter returns, the in-memory engine's search; the
// second waits for the index) and gives the model its results, as the
// program would.
func searched(m Model, msg tea.Msg) Model {
	if batch, ok := msg.(tea.BatchMsg); ok && len(batch) > 0 && batch[0] != nil {
		msg = batch[0]()
	}
	next, _ := m.Update(msg)
	return next.(Model)
}
