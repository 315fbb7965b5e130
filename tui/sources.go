package tui

import (
	"context"
	"iter"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// Articles is what the timeline lists and the reader shows: the model,
// in timeline order. *corpus.Corpus is one.
type Articles interface {
	Len() int
	At(i int) *corpus.Article
	// DateAt is At(i).Date, without making the article when the corpus
	// makes them on demand: the timeline reads every date.
	DateAt(i int) corpus.Date
}

// MarkSource is what the reader's articles may also be: a corpus that
// finds the articles the store marks itself, by their content keys
// (state.KeyOf), as a database that keeps them does, and makes their
// table. Else the reader computes every article's key from its text.
type MarkSource interface {
	MarksTable(m *state.Marks) (*state.Table, error)
}

// Fetcher is Articles read from elsewhere (a database), a few at a time:
// the reader asks it for the articles of a screen at once (Fetch, the
// timeline positions), sizes its title column on a sample of titles
// (SampleTitles), and does not offer the views that read every article
// (facets).
type Fetcher interface {
	Articles
	Fetch(positions []int32)
	SampleTitles(n int) []string
}

// MonthRuns is what Articles read from elsewhere may also offer: the
// runs of its timeline dated to one month, each as its first position
// and the date DateAt gives every article of it. The timeline then
// reads the runs rather than every article's date, its memory a few
// bytes a month whatever the corpus's size.
type MonthRuns interface {
	MonthRuns() iter.Seq2[int, corpus.Date]
}

// Finder is the engine the filter runs on: it answers a query with the
// reader's marks (for is:, tag:, has: and note:), looking only at the
// hits of within when the query narrows within's. The in-memory
// *search.Index is one.
type Finder interface {
	FindMarked(ctx context.Context, query string, within *search.Results, marks search.Marks) (*search.Results, error)
}

// FirstFinder is a Finder that answers the first hits of a query, in
// timeline order, sooner than all of them (a database, for which every
// hit costs a read): the reader shows them at once, saying the results
// are partial, then all of them when they come, the cursor staying on
// its article.
type FirstFinder interface {
	Finder
	FindFirst(ctx context.Context, query string, n int, marks search.Marks) (*search.Results, error)
}

// fetched reports whether c is read from elsewhere (a Fetcher).
func fetched(c Articles) bool {
	_, ok := c.(Fetcher)
	return ok
}
