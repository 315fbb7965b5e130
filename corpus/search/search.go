// Package search is gazette's search engine: an inverted index over a
// corpus.Corpus, the query language the filter and `gazette search` take,
// matching, ranking, match spans and snippets.
//
// # The index
//
// Every title and body is cut into tokens (see fold.Tokens): its words,
// folded (case, accents and apostrophes away), and, for the rare chunks
// that hold them, compounds written with hyphens, joined ("plate-forme"
// also gives "plateforme"), and tokens with symbols as typed ("c++",
// "asp.net", "20%"). Tokens are looked up in one sorted vocabulary. Each
// field (titles, bodies) keeps, per term, the articles holding it and the
// word positions there, as varint-coded gaps: one or two bytes an
// occurrence. The postings are cut into shards of contiguous articles,
// one per core, so that building and searching use every core. Short
// prefixes (one to three letters) whose longer words occur, all together,
// in as many articles as a shard has also get their counts per article,
// four bits each, read instead of the postings of their many words.
//
// Over the vocabulary, a gram index lists the terms holding each run of
// three bytes after their first: the terms a term sits inside are among
// those of its rarest run. Metadata (tags, authors, the site, the source
// file, the loader's own fields) has a small index of its own, made by
// the first query that names a field: a lexicon and, per field and term,
// the sorted list of articles.
//
// Building costs one pass over the text, about 45 µs of CPU for an
// article of 3 KB, a sort of the vocabulary, and the gram index (four
// bytes per byte of vocabulary); the index takes about a third of the
// size of the text. It is built once, by the first Find or by Build, and
// never changes: any number of searches read it at once.
//
// # A query
//
// Parse turns a query into a group of clauses, each alternatives of
// which one must match (or none, negated); an alternative is a term, a
// phrase, a field term, a date range or a group in parentheses. Find
// resolves each term against the vocabulary:
//
//   - the term itself (a binary search) and the words it starts (a range);
//   - from three letters, the words it sits inside (the gram index: one
//     binary search per run of three bytes, then a check of each term of
//     the rarest run);
//   - when it looks misspelt, the words of five letters or more a typo
//     away (two typos, the first letter kept, for words of nine or more):
//     a walk of the sorted vocabulary as a trie, sharing the rows of the
//     edit-distance table between terms with a common prefix and skipping
//     every term under a prefix already too far, which reads a few
//     thousand rows for a real vocabulary. A term looks misspelt when it
//     is no word and starts none, or when the word a typo away is a
//     hundred times more common than what it matches whole and as a
//     start: a rare misspelling the corpus holds finds the common word,
//     and a common word never drags in its rare neighbours;
//   - from four letters, when it reads as an abbreviation (it matches
//     nothing otherwise, or the words holding its letters in order, from
//     its first, are a hundred times more common), those words: a scan of
//     the letter sets of the terms that start with its first letter.
//
// A term has at most 20 000 such forms (the most common are kept, and the
// results say how many); a query at most 64 terms, 8 levels of
// parentheses and 4096 bytes: every query does bounded work.
//
// Find then orders the clauses (positive words first, phrases and groups
// after them, negations last) and walks each term's postings, or a
// prefix's counts, marking per article how many clauses it matched. Each
// clause scores an article by its best tier, how it matched (whole word,
// word start, inside a word, typo, letters in order; in the title above
// in the body), plus its BM25 weight, which ranks within a tier. A phrase
// of whole words reads its rarest words' postings and positions straight
// through into sorted keys (article, start) and intersects them, then
// keeps the keys the other words follow, reading their positions only in
// the keys' articles: a pass over the rarest words' occurrences, a few
// nanoseconds each. A group in parentheses runs first, as a query of its
// own. Postings are decoded a block of a thousand at a time, without
// branches on what the processor cannot predict, and only the articles
// still in the running are weighed; a clause's score is added to an article's only once the next
// clause reaches it (or the hits are gathered), so that an article a
// later word drops costs no more than its entry's decoding. A query
// costs, per term, the length of its postings, bounded by the corpus's
// size; a query that narrows the previous one (one more term typed) looks
// only at that one's hits. Find checks its context between blocks, every
// few thousand postings, so that a search superseded by a newer keystroke
// stops within a fraction of a millisecond.
//
// # Saved and reopened
//
// Encode writes a built index as flat parts (the vocabulary as one string
// table, per shard and field the postings' bytes and offsets as they lie
// in memory, the prefix counts' nibbles) and Decode reads them back in
// place from a mapped file: opening costs the checks of the offsets,
// linear in the vocabulary, not a pass over the postings, which are
// checked a block of 64 KiB at a time as searches first read them
// (verify): a search of a rare word checks a few blocks.
//
// # Hits
//
// Results hold a hit's article and score only: Explain finds its match
// spans and snippet by cutting that article's text into tokens and
// matching them as the index does, so that a screen of a hundred thousand
// hits costs a screenful of scans.
package search

import (
	"context"
	"slices"
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
	x.index = sync.OnceValue(func() *index { return buildIndex(c.Articles(), &x.built, c.Release) })
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
	return x.find(ctx, q, within, nil)
}

// find is Find for a query already parsed, with the reader's marks.
func (x *Index) find(ctx context.Context, q *Query, within *Results, marks Marks) (*Results, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ix := x.index()
	p, err := ix.resolve(ctx, q, marks)
	if err != nil {
		return nil, err
	}
	if err := ix.verify(p); err != nil {
		return nil, err
	}
	var narrow []int32
	if within != nil && within.x == x && q.Narrows(within.Query) {
		narrow = within.index
	}
	hits, err := ix.run(ctx, &p.root, narrow, true)
	if err != nil {
		return nil, err
	}
	return &Results{Query: q, x: x, plan: p, index: hits.index, score: hits.score, marks: marks}, nil
}

// run runs a group of clauses over the index, on every shard at once, and
// returns its hits in timeline order with their scores; within, when not
// nil, holds the only articles that may match. Groups inside it run
// first, each once. With top unset, a hit's score is the mean of its
// clauses' (see evaluator.group).
func (ix *index) run(ctx context.Context, g *groupPlan, within []int32, top bool) (*subHits, error) {
	subs := map[*groupPlan]*subHits{}
	for i := range g.clauses {
		for j := range g.clauses[i].alts {
			if sub := g.clauses[i].alts[j].sub; sub != nil {
				h, err := ix.run(ctx, sub, nil, false)
				if err != nil {
					return nil, err
				}
				subs[sub] = h
			}
		}
	}
	s := ix.newRun(ctx, subs)
	defer ix.release(s)
	if within != nil {
		for i := range s.count {
			s.count[i] = excluded
		}
		for _, d := range within {
			s.count[d] = 0
		}
	}
	// Each shard runs the clauses and counts its hits, then, once the
	// hits' places are known, writes them there: both on every core.
	shards := func(fn func(e *evaluator)) {
		if len(s.evals) == 1 {
			fn(s.evals[0])
			return
		}
		var wg sync.WaitGroup
		for _, e := range s.evals {
			wg.Go(func() { fn(e) })
		}
		wg.Wait()
	}
	counts := make([]int, len(s.evals))
	last := -1
	for i := range g.clauses {
		if !g.clauses[i].not {
			last = i
		}
	}
	shards(func(e *evaluator) {
		for i := range g.clauses {
			e.clause(&g.clauses[i], i == last)
			if e.err != nil {
				return
			}
		}
		counts[slices.Index(s.evals, e)] = e.countHits()
	})
	for _, e := range s.evals {
		if e.err != nil {
			return nil, e.err
		}
	}
	scale := float32(1)
	if matched := s.evals[0].ci; !top && matched > 0 {
		scale = 1 / float32(matched)
	}
	total := 0
	at := make([]int, len(s.evals))
	for i, n := range counts {
		at[i] = total
		total += n
	}
	h := &subHits{index: make([]int32, total), score: make([]float32, total)}
	shards(func(e *evaluator) {
		e.gatherHits(h, at[slices.Index(s.evals, e)], scale)
	})
	return h, nil
}

// countHits returns how many articles of the shard are hits once every
// clause has run: read from the articles the last positive clause
// reached, sorted, when they are few (see sparseShare), else from every
// article of the shard.
func (e *evaluator) countHits() int {
	count := e.run.count
	if e.ci > 0 && len(e.reached)*sparseShare < e.sh.hi-e.sh.lo {
		e.sparse = true
		slices.Sort(e.reached)
	}
	n := 0
	if e.sparse {
		for _, d := range e.reached {
			if count[d] == e.ci {
				n++
			}
		}
		return n
	}
	ci := e.ci
	for _, k := range count[e.sh.lo:e.sh.hi] {
		n += int((uint(k^ci) - 1) >> 63)
	}
	return n
}

// gatherHits writes the shard's hits, in timeline order, into h from j
// on, their scores times scale; countHits has run. A hit's score is the
// sum of its clauses', the last one's added here (see settle).
func (e *evaluator) gatherHits(h *subHits, j int, scale float32) {
	r, ci := e.run, e.ci
	count := r.count
	hit := func(d int32) float32 {
		switch ci {
		case 0:
			return 0
		case 1:
			return clauseScore(r.tiers[d], r.bm[d]) * scale
		}
		return (r.score[d] + clauseScore(r.tiers[d], r.bm[d])) * scale
	}
	if e.sparse {
		for _, d := range e.reached {
			if count[d] == ci {
				h.index[j], h.score[j] = d, hit(d)
				j++
			}
		}
		return
	}
	// Up to the last hit, every article is written at the next hit's
	// place, which the next hit overwrites when it is not one: no branch
	// on whether it is. The loop is written once per case of ci, so that
	// no article costs a call.
	end := e.sh.hi
	for end > e.sh.lo && count[end-1] != ci {
		end--
	}
	index, score := h.index, h.score[:len(h.index)]
	tiers, bm, sum := r.tiers, r.bm, r.score
	switch ci {
	case 0:
		for d := e.sh.lo; d < end; d++ {
			index[j], score[j] = int32(d), 0
			j += int((uint(count[d]^ci) - 1) >> 63)
		}
	case 1:
		for d := e.sh.lo; d < end; d++ {
			index[j], score[j] = int32(d), clauseScore(tiers[d], bm[d])*scale
			j += int((uint(count[d]^ci) - 1) >> 63)
		}
	default:
		for d := e.sh.lo; d < end; d++ {
			index[j], score[j] = int32(d), (sum[d]+clauseScore(tiers[d], bm[d]))*scale
			j += int((uint(count[d]^ci) - 1) >> 63)
		}
	}
}
