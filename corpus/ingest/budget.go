package ingest

import (
	"fmt"
	"sync/atomic"

	"github.com/gazette-reader/gazette/corpus"
)

// A load has a memory budget: what the articles it keeps will hold on the
// heap, with their share of the search index, may not pass it. An
// article is weighed as it is made; once one does not fit, the load takes
// no more articles, reads no more files, and says so once. A file read
// whole (JSON, CSV, a page) may take, while it is parsed, a share of what
// is left. No input, compressed or not, can then grow the heap past what
// the process may use.

// articleOverhead is what an article weighs beside its text: the struct,
// its slices and strings' headers, its rows in the index.
const articleOverhead = 400

// textWeight is what a byte of an article's text weighs once loaded and
// indexed: the text, and the index's share (about 1.6 in the benchmarks,
// with room for the garbage collector's slack while loading).
const textWeight = 2

// parseWeight is what a byte of a file read whole weighs while it is
// parsed: its bytes, its decoded text, and a parse tree of JSON at worst.
const parseWeight = 6

// budget is the memory budget of one load, shared by its workers.
type budget struct {
	limit int64
	held  atomic.Int64
	// spent is set once an article did not fit: the load stops.
	spent atomic.Bool
	// where names the source in which it ran out, loaded counts the
	// articles kept until then.
	where atomic.Pointer[string]
}

func newBudget(limit int64) *budget { return &budget{limit: limit} }

// weigh returns what article a weighs against the budget.
func weigh(a *corpus.Article) int64 {
	n := len(a.Title) + len(a.ID) + len(a.Source) + len(a.URL)
	for _, p := range a.Paragraphs {
		n += len(p)
	}
	for _, f := range a.Fields {
		for _, v := range f.Values {
			n += len(v)
		}
	}
	for _, t := range a.Tags {
		n += len(t)
	}
	for _, t := range a.Authors {
		n += len(t)
	}
	return int64(n)*textWeight + articleOverhead
}

// take reserves n bytes, reporting false (and taking nothing) when they do
// not fit.
func (b *budget) take(n int64) bool {
	for {
		held := b.held.Load()
		if held+n > b.limit {
			return false
		}
		if b.held.CompareAndSwap(held, held+n) {
			return true
		}
	}
}

// give returns n bytes taken for a while (a file being parsed).
func (b *budget) give(n int64) { b.held.Add(-n) }

// keep weighs article a and reports whether it fits; when it does not,
// the budget is spent, in the file named display.
func (b *budget) keep(a *corpus.Article, display string) bool {
	if b.spent.Load() {
		return false
	}
	if b.take(weigh(a)) {
		return true
	}
	if b.spent.CompareAndSwap(false, true) {
		b.where.Store(&display)
	}
	return false
}

// free is what is left, for a file to be parsed.
func (b *budget) free() int64 { return max(b.limit-b.held.Load(), 0) }

// problem is the one problem that says the budget ran out, and where, or
// false when it did not.
func (b *budget) problem(loaded int) (Problem, bool) {
	if !b.spent.Load() {
		return Problem{}, false
	}
	where := "the load"
	if w := b.where.Load(); w != nil {
		where = *w
	}
	return Problem{Path: where, Partial: true, Reason: fmt.Sprintf("the memory budget of %s is spent: the load stopped here, with %d article%s; --max-memory sets it",
		sizeString(b.limit), loaded, plural(loaded))}, true
}
