// Package concord makes a concordance, keyword in context: every
// occurrence of a query's matches in the hits of a search, one line each,
// with the text to its left and to its right, as corpus-linguistics tools
// (AntConc, CQPweb) show them.
//
// # The algorithm
//
// The occurrences are the match spans the search engine finds in each
// hit's title and paragraphs (search.Results.ExplainSpans): the same words the
// reader highlights, found by the same rules (prefixes, typos, phrases).
// A Concordance explains hits in timeline order only as far as the lines
// asked for need, so that a screenful of a search with a hundred thousand
// hits costs a screenful. Each line keeps up to contextBytes of its
// paragraph on either side, never across paragraphs, its tabs and line
// breaks made spaces.
//
// Sort orders lines as AntConc does: by the words to the left of the
// match, nearest first (1L, 2L, 3L), or by those to the right (1R, 2R,
// 3R), compared folded (case and accents aside), ties in timeline order.
//
// # Costs
//
// Lines(n) costs one ExplainSpans (a scan of the article's text) per hit read,
// about as many hits as lines for a rare word and fewer for a common one,
// in batches sized by the lines a hit gave so far and explained on every
// core; All explains every hit. Sort folds at most three words a side per line,
// then sorts in O(n log n).
package concord

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
	"github.com/gazette-reader/gazette/corpus/search"
)

// contextBytes is how much text a line keeps on each side of its match:
// more than any terminal shows, cut at a character's start.
const contextBytes = 240

// sortWords is how many words on a side a sort compares.
const sortWords = 3

// Line is one occurrence of a match.
type Line struct {
	// Index is the article's position on the timeline.
	Index int
	// Para is the paragraph that holds the match, -1 for the title; Span
	// is the match's byte range in that text.
	Para int
	Span search.Span
	// Left is the text before the match (up to contextBytes), Match the
	// text matched, Right the text after it, each on one line.
	Left, Match, Right string
}

// Concordance is the lines of one search's hits, made as they are asked
// for. It is not safe for concurrent use.
type Concordance struct {
	r     *search.Results
	next  int // the next hit to explain
	lines []Line
	// fetch, when set, is given the positions of each batch of hits
	// before they are explained (see Fetching).
	fetch func(positions []int32)
}

// New returns the concordance of r's hits, in the order of r (timeline
// order from search.Index.Find), no line made yet.
func New(r *search.Results) *Concordance { return &Concordance{r: r} }

// Fetching has fetch read the articles of each batch of hits in one go
// before they are explained: results of a database, whose articles are
// read one block of the timeline at a time otherwise, a round trip a hit
// scattered over it. It returns c.
func (c *Concordance) Fetching(fetch func(positions []int32)) *Concordance {
	c.fetch = fetch
	return c
}

// Lines returns the first n lines, or every line when there are fewer. It
// explains only the hits those lines need. The slice is shared: do not
// modify it.
func (c *Concordance) Lines(n int) []Line {
	for len(c.lines) < n && c.next < c.r.Len() {
		c.explainBatch(c.batchFor(n - len(c.lines)))
	}
	return c.lines[:min(n, len(c.lines))]
}

// maxBatch bounds the hits explained at once: a batch may overshoot the
// lines asked for, by at most this many hits.
const maxBatch = 256

// batchFor returns how many hits to explain for want more lines: as
// many as the lines a hit gave so far say are needed (two a hit before
// any is read), at least one.
func (c *Concordance) batchFor(want int) int {
	rate := 2.0
	if c.next > 0 {
		rate = max(float64(len(c.lines))/float64(c.next), 0.25)
	}
	return max(1, min(maxBatch, int(float64(want)/rate)+1))
}

// explainBatch adds the lines of the next k hits, explained on every
// core when they are many.
func (c *Concordance) explainBatch(k int) {
	k = min(k, c.r.Len()-c.next)
	hits := make([]search.Hit, k)
	for i := range hits {
		hits[i] = c.r.Hit(c.next + i)
	}
	if c.fetch != nil {
		positions := make([]int32, k)
		for i := range hits {
			positions[i] = int32(hits[i].Index)
		}
		c.fetch(positions)
	}
	workers := min(runtime.GOMAXPROCS(0), k/8+1)
	var wg sync.WaitGroup
	for w := range workers {
		// Contiguous parts, each explained with one set of buffers.
		part := hits[w*k/workers : (w+1)*k/workers]
		wg.Go(func() { c.r.ExplainSpans(part) })
	}
	wg.Wait()
	c.next += k
	for i := range hits {
		c.addLines(&hits[i])
	}
}

// Done reports whether every hit has been read: Lines then holds them all.
func (c *Concordance) Done() bool { return c.next >= c.r.Len() }

// All returns every line. It stops, returning ctx's error, when ctx is
// done.
func (c *Concordance) All(ctx context.Context) ([]Line, error) {
	lines, _, err := c.First(ctx, math.MaxInt)
	return lines, err
}

// First returns the lines of the first hits, stopping once it has n or
// more (the last hit read gives all its lines), and whether they are
// every line: a bound on what a sort of the lines holds. It stops,
// returning ctx's error, when ctx is done.
func (c *Concordance) First(ctx context.Context, n int) ([]Line, bool, error) {
	for c.next < c.r.Len() && len(c.lines) < n {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		c.explainBatch(c.batchFor(n - len(c.lines)))
	}
	return c.lines, c.Done(), nil
}

// addLines adds the lines of an explained hit: its title's matches, then
// its body's, in reading order.
func (c *Concordance) addLines(h *search.Hit) {
	a := c.r.Article(h.Index)
	for _, s := range h.Title {
		c.lines = append(c.lines, lineOf(h.Index, -1, a.Title, s))
	}
	for _, s := range h.Body {
		c.lines = append(c.lines, lineOf(h.Index, s.Para, a.Paragraphs[s.Para], s.Span))
	}
}

// lineOf makes the line of the match s of text.
func lineOf(index, para int, text string, s search.Span) Line {
	from := s.Start - contextBytes
	for from > 0 && !utf8.RuneStart(text[from]) {
		from++
	}
	to := s.End + contextBytes
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	return Line{
		Index: index, Para: para, Span: s,
		Left:  flat(text[max(from, 0):s.Start]),
		Match: flat(text[s.Start:s.End]),
		Right: flat(text[s.End:min(to, len(text))]),
	}
}

// flat returns s with its line breaks, tabs and other spaces made plain
// spaces, so that a line stays one line.
func flat(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' || (r >= 0x80 && fold.IsSpace(r)) {
			return ' '
		}
		return r
	}, s)
}

// Order is how Sort orders lines.
type Order uint8

// The orders of a concordance.
const (
	// ByTimeline keeps the order of the hits: timeline order, then the
	// order of the matches in the article.
	ByTimeline Order = iota
	// ByLeft orders by the words left of the match, nearest first.
	ByLeft
	// ByRight orders by the words right of the match, nearest first.
	ByRight
)

// ParseOrder reads an order's name: "left", "right" or "" (timeline).
func ParseOrder(s string) (Order, bool) {
	switch s {
	case "":
		return ByTimeline, true
	case "left":
		return ByLeft, true
	case "right":
		return ByRight, true
	}
	return ByTimeline, false
}

// Sort orders lines in place by o, ties kept in their order.
func Sort(lines []Line, o Order) {
	if o == ByTimeline {
		return
	}
	keys := make([]string, len(lines))
	for i, l := range lines {
		if o == ByLeft {
			keys[i] = sortKey(l.Left, true)
		} else {
			keys[i] = sortKey(l.Right, false)
		}
	}
	order := make([]int, len(lines))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	sorted := make([]Line, len(lines))
	for i, o := range order {
		sorted[i] = lines[o]
	}
	copy(lines, sorted)
}

// sortKey returns the first sortWords words of s (the last ones, nearest
// first, when fromEnd), folded and joined by a byte below any letter, so
// that keys compare word by word.
func sortKey(s string, fromEnd bool) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return !fold.IsWordRune(r) })
	if fromEnd {
		slices.Reverse(words)
	}
	words = words[:min(len(words), sortWords)]
	for i, w := range words {
		words[i] = fold.String(w)
	}
	return strings.Join(words, "\x00")
}

// LeftCells returns the end of the line's left context that fits in w
// terminal cells (a wide CJK character takes two), padded on the left to
// exactly w: the column a match starts in lines up whatever the script.
func (l Line) LeftCells(w int) string {
	s := l.Left
	if sw := ansi.StringWidth(s); sw > w {
		s = ansi.TruncateLeft(s, sw-w, "")
	}
	for ansi.StringWidth(s) > w {
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
	}
	return strings.Repeat(" ", w-ansi.StringWidth(s)) + s
}

// RightCells returns the start of the line's right context that fits in
// w terminal cells, padded on the right to exactly w.
func (l Line) RightCells(w int) string { return Cells(l.Right, w) }

// Cells returns the start of s that fits in w terminal cells, padded on
// the right to exactly w.
func Cells(s string, w int) string {
	s = ansi.Truncate(s, w, "")
	for ansi.StringWidth(s) > w {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
	}
	return s + strings.Repeat(" ", w-ansi.StringWidth(s))
}
