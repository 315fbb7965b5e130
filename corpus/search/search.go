// Package search is gazette's search engine: an inverted index over a
// corpus.Corpus, the query language the filter and `gazette search` take,
// matching, ranking, match spans and snippets.
//
// # The index
//
// Every word of every title and body is folded (case, accents and
// apostrophes away; see the fold package) and looked up in one sorted
// vocabulary. Each field (titles, bodies) keeps, per term, the articles
// holding it and the word positions there, as varint-coded gaps: one or
// two bytes an occurrence. The postings are cut into shards of contiguous
// articles, one per core, so that building and searching use every core.
// Short prefixes (one to three letters) whose words occur in more than a
// quarter of a shard's articles also get a bitmap of those articles.
//
// Building costs one pass over the text, about 45 µs of CPU for an
// article of 3 KB, then a sort of the vocabulary; the index takes about a
// third of the size of the text. It is built once, by the first Find or
// by Build, and never changes: any number of searches read it at once.
//
// # A query
//
// Parse turns a query into clauses of alternatives; Find resolves each
// word against the vocabulary (a binary search, a prefix range, or for a
// fuzzy word one scan of the vocabulary), orders the clauses (positive
// words first, phrases after them, negations last), then walks each
// word's postings, or its prefix bitmap, marking per article how many
// clauses it matched and adding its BM25 score. A phrase reads positions
// only in the articles still in the running. A query costs, per term, the
// length of its postings, bounded by the corpus's size; a query that
// narrows the previous one (one more term typed) looks only at that one's
// hits. Find checks its context every few thousand postings, so that a
// search superseded by a newer keystroke stops within a fraction of a
// millisecond.
//
// # Hits
//
// Results hold a hit's article and score only: Explain finds its match
// spans and snippet by scanning that article's text, so that a screen of
// a hundred thousand hits costs a screenful of scans.
package search

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/gazette-reader/gazette/corpus"
)

// Index searches one corpus. Its inverted index is built once, by the
// first Find or by Build, in the background of whatever needs the corpus
// first (listing, showing, checking never wait for it). An Index is safe
// for use by any number of goroutines.
type Index struct {
	c     *corpus.Corpus
	index func() *index
	// built counts the articles indexed so far, for Progress.
	built atomic.Int64
}

// New returns the search index of c, not built yet.
func New(c *corpus.Corpus) *Index {
	x := &Index{c: c}
	x.index = sync.OnceValue(func() *index { return buildIndex(c.Articles(), &x.built) })
	return x
}

// Corpus returns the corpus the index searches.
func (x *Index) Corpus() *corpus.Corpus { return x.c }

// Build builds the index now, if it is not built yet, and returns when it
// is. A search that comes during the build waits for it.
func (x *Index) Build() { x.index() }

// Progress returns how many of the corpus's articles the build has read:
// done == total once the index is built or nearly so (what is left is
// laying the postings out, a fraction of the work).
func (x *Index) Progress() (done, total int) {
	return int(x.built.Load()), x.c.Len()
}

// Search returns the articles that match query (see Query for the
// language), in timeline order, each with its match spans and snippet. An
// empty query matches every article. A query that cannot be parsed is a
// *QueryError. Search stops early, returning ctx.Err(), when ctx is done.
//
// Search costs a Find plus a scan of every hit's text for the spans: use
// Find and Results.Explain when only some hits are shown.
func (x *Index) Search(ctx context.Context, query string) ([]Hit, error) {
	r, err := x.Find(ctx, query, nil)
	if err != nil {
		return nil, err
	}
	hits := r.Hits()
	if !r.plan.hasWords {
		return hits, nil
	}
	for i := range hits {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		r.Explain(&hits[i])
	}
	return hits, nil
}

// Find returns the articles that match query, in timeline order, with
// their scores but without spans or snippets (see Results.Explain). When
// within holds the results of an earlier query on the same index that
// the new one narrows (Query.Narrows: the user typed another term), only
// within's hits are looked at. Find stops early, returning ctx.Err(), when
// ctx is done; it checks every few thousand postings.
//
// Find costs, per term, a binary search of the vocabulary and a walk of
// the term's postings (or of a bitmap for one- to three-letter prefixes);
// fuzzy terms scan the vocabulary once; phrases read positions only in
// the articles that hold all their words.
func (x *Index) Find(ctx context.Context, query string, within *Results) (*Results, error) {
	q, err := Parse(query)
	if err != nil {
		return nil, err
	}
	return x.find(ctx, q, within)
}

// find is Find for a query already parsed.
func (x *Index) find(ctx context.Context, q *Query, within *Results) (*Results, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ix := x.index()
	p, err := ix.resolve(ctx, q)
	if err != nil {
		return nil, err
	}
	s := ix.newRun(ctx)
	defer ix.release(s)
	if within != nil && within.x == x && q.Narrows(within.Query) {
		for i := range s.count {
			s.count[i] = excluded
		}
		for _, d := range within.index {
			s.count[d] = 0
		}
	}
	run := func(e *evaluator) {
		for i := range p.clauses {
			cl := &p.clauses[i]
			e.not = cl.not
			for j := range cl.alts {
				e.atom(&cl.alts[j])
			}
			if e.err != nil {
				return
			}
			if !cl.not {
				e.ci++
			}
		}
	}
	if len(s.evals) == 1 {
		run(s.evals[0])
	} else {
		var wg sync.WaitGroup
		for _, e := range s.evals {
			wg.Go(func() { run(e) })
		}
		wg.Wait()
	}
	for _, e := range s.evals {
		if e.err != nil {
			return nil, e.err
		}
	}
	matched := s.evals[0].ci
	total := 0
	for _, k := range s.count {
		if k == matched {
			total++
		}
	}
	r := &Results{Query: q, x: x, plan: p, index: make([]int32, 0, total), score: make([]float32, 0, total)}
	for d, k := range s.count {
		if k == matched {
			r.index = append(r.index, int32(d))
			r.score = append(r.score, s.score[d])
		}
	}
	return r, nil
}
