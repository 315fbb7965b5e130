package concord_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/concord"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/seeds"
)

func find(t *testing.T, c *corpus.Corpus, query string) *search.Results {
	t.Helper()
	r, err := search.New(c).Find(context.Background(), query, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// occurrences counts, the slow way, the places where word (folded as
// the search folds it: accents and case aside) starts a word in the
// titles and paragraphs of c.
func occurrences(c *corpus.Corpus, word string) int {
	n := 0
	for i := range c.Len() {
		a := c.At(i)
		for _, text := range append([]string{a.Title}, a.Paragraphs...) {
			n += strings.Count(strings.ToLower(text), word)
		}
	}
	return n
}

// TestEveryOccurrence: the concordance of cyberdéfense on the seeds
// holds every place the word is written, in titles and paragraphs, each
// line's match the word itself with the text around it.
func TestEveryOccurrence(t *testing.T) {
	c, _ := ingest.LoadFS("seeds", seeds.FS)
	lines, err := concord.New(find(t, c, "cyberdéfense")).All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := occurrences(c, "cyberdéfense")
	if len(lines) != want || want < 5 {
		t.Fatalf("%d lines, want %d (every occurrence)", len(lines), want)
	}
	for _, l := range lines {
		if !strings.EqualFold(l.Match, "cyberdéfense") {
			t.Errorf("match %q, want the word", l.Match)
		}
		a := c.At(l.Index)
		text := a.Title
		if l.Para >= 0 {
			text = a.Paragraphs[l.Para]
		}
		if !strings.HasSuffix(flat(text[:l.Span.Start]), l.Left) || !strings.HasPrefix(flat(text[l.Span.End:]), l.Right) {
			t.Errorf("context %q | %q not around the match in %q", l.Left, l.Right, text)
		}
	}
	titles := 0
	for _, l := range lines {
		if l.Para == -1 {
			titles++
		}
	}
	if titles != 1 {
		t.Errorf("%d lines in titles, want 1 (002's)", titles)
	}
}

func flat(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}

// TestLinesReadsOnlyWhatItNeeds: asking for one line gives one line, and
// asking for more than there are gives them all.
func TestLinesReadsOnlyWhatItNeeds(t *testing.T) {
	c, _ := ingest.LoadFS("seeds", seeds.FS)
	k := concord.New(find(t, c, "cyber"))
	if got := k.Lines(1); len(got) != 1 || k.Done() {
		t.Fatalf("Lines(1): %d lines, done %v; want 1 line, not done", len(got), k.Done())
	}
	all := k.Lines(1 << 20)
	if !k.Done() || len(all) < 10 {
		t.Errorf("Lines(all): %d lines, done %v", len(all), k.Done())
	}
}

// TestFirstLines: First stops once it has the lines asked for (a hit's
// lines whole), says whether they are all, and gives every line when
// asked for more than there are.
func TestFirstLines(t *testing.T) {
	c, _ := ingest.LoadFS("seeds", seeds.FS)
	all, _ := concord.New(find(t, c, "cyber")).All(t.Context())
	for _, n := range []int{1, 3, len(all), len(all) + 5} {
		got, complete, err := concord.New(find(t, c, "cyber")).First(t.Context(), n)
		if err != nil || len(got) < min(n, len(all)) || complete != (len(got) == len(all)) || !slices.Equal(got, all[:len(got)]) {
			t.Errorf("First(%d): %d lines, complete %v, %v; %d lines in all", n, len(got), complete, err, len(all))
		}
		if n < len(all)/2 && complete {
			t.Errorf("First(%d) read every hit", n)
		}
	}
}

func TestSort(t *testing.T) {
	lines := []concord.Line{
		{Index: 0, Left: "la défense de l'", Match: "OTAN", Right: " et le Japon"},
		{Index: 1, Left: "Le sommet de l’", Match: "OTAN", Right: " à Bruxelles"},
		{Index: 2, Left: "À l'", Match: "OTAN", Right: ", Zagreb"},
		{Index: 3, Left: "Avec l'", Match: "OTAN", Right: " À BRUXELLES, hier"},
	}
	byIndex := func(ls []concord.Line) (out []int) {
		for _, l := range ls {
			out = append(out, l.Index)
		}
		return out
	}
	left := append([]concord.Line(nil), lines...)
	concord.Sort(left, concord.ByLeft)
	// 1L is "l" for all; 2L: a (À), avec, de, de; 3L: la before sommet.
	if got, want := byIndex(left), []int{2, 3, 0, 1}; !slices.Equal(got, want) {
		t.Errorf("by left: %v, want %v", got, want)
	}
	right := append([]concord.Line(nil), lines...)
	concord.Sort(right, concord.ByRight)
	// 1R: a (à) a (À), et, zagreb; 2R: bruxelles, bruxelles; 3R: none < hier.
	if got, want := byIndex(right), []int{1, 3, 0, 2}; !slices.Equal(got, want) {
		t.Errorf("by right: %v, want %v", got, want)
	}
}

// TestCellsLineUp: the context fits its width in terminal cells whatever
// the script, wide CJK characters included.
func TestCellsLineUp(t *testing.T) {
	for _, l := range []concord.Line{
		{Left: "北约与日本加强网络防御对话", Right: "北约与日本加强网络防御对话"},
		{Left: "a", Right: "b"},
		{Left: "l’OTAN et le Japon intensifient leur dialogue", Right: "é\u0301 combining"},
	} {
		for w := range 12 {
			if got := ansi.StringWidth(l.LeftCells(w)); got != w {
				t.Errorf("LeftCells(%q, %d) is %d cells wide", l.Left, w, got)
			}
			if got := ansi.StringWidth(l.RightCells(w)); got != w {
				t.Errorf("RightCells(%q, %d) is %d cells wide", l.Right, w, got)
			}
		}
	}
}
