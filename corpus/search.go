package corpus

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"slices"
	"sync"
)

// Span is a byte range [Start, End) of a string.
type Span struct{ Start, End int }

// BodySpan is a match in the body: a byte range of one paragraph.
type BodySpan struct {
	Para int
	Span
}

// Hit is an article that matches a query, with where it matched.
type Hit struct {
	// Index is the article's position on the timeline: c.At(Index).
	Index int
	// Score ranks hits: higher is more relevant.
	Score float64
	// Title holds the matches in the title, in order and not overlapping
	// (as do Body, paragraph by paragraph, and SnippetSpans).
	Title []Span
	// Body holds the matches in the body, in reading order.
	Body []BodySpan
	// Snippet is the sentence around the best body match, and SnippetSpans
	// the matches inside it. When only the title matched, it is the
	// article's first sentence.
	Snippet      string
	SnippetSpans []Span
}

// QueryError is a query that cannot be parsed.
type QueryError struct {
	// Pos is the byte offset in the query where the problem is.
	Pos int
	// Msg says what is wrong, for people.
	Msg string
}

// Error returns the reason, for people: "unclosed quote".
func (e *QueryError) Error() string { return e.Msg }

// Results are the hits of one query on one corpus, held compactly (eight
// bytes a hit) so that a query matching every article of a large corpus
// stays cheap. Hit returns one hit with its Index and Score; Explain fills
// in where it matched, so that a reader showing a screenful of a hundred
// thousand hits pays for a screenful. Results are read-only once made and
// safe to share between goroutines.
type Results struct {
	// Query is the query the hits answer.
	Query *Query
	c     *Corpus
	plan  *plan
	index []int32
	score []float32
}

// Len returns the number of hits.
func (r *Results) Len() int { return len(r.index) }

// Hit returns the i-th hit, with its Index and Score only (see Explain).
func (r *Results) Hit(i int) Hit { return Hit{Index: int(r.index[i]), Score: float64(r.score[i])} }

// Hits returns every hit, with Index and Score only.
func (r *Results) Hits() []Hit {
	hits := make([]Hit, len(r.index))
	for i := range hits {
		hits[i] = r.Hit(i)
	}
	return hits
}

// ByScore returns the same hits in relevance order: highest score first,
// ties newest first, then by timeline position. r keeps its timeline
// order.
func (r *Results) ByScore() *Results {
	order := make([]int, len(r.index))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return r.c.compareHits(r.index[a], r.score[a], r.index[b], r.score[b]) })
	s := &Results{Query: r.Query, c: r.c, plan: r.plan, index: make([]int32, len(order)), score: make([]float32, len(order))}
	for i, o := range order {
		s.index[i], s.score[i] = r.index[o], r.score[o]
	}
	return s
}

// Search returns the articles that match query (see Query for the
// language), in timeline order, each with its match spans and snippet. An
// empty query matches every article. A query that cannot be parsed is a
// *QueryError. Search stops early, returning ctx.Err(), when ctx is done.
//
// Search costs a Find plus a scan of every hit's text for the spans: use
// Find and Results.Explain when only some hits are shown.
func (c *Corpus) Search(ctx context.Context, query string) ([]Hit, error) {
	r, err := c.Find(ctx, query, nil)
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
// within holds the results of an earlier query on the same corpus that
// the new one narrows (Query.Narrows: the user typed another term), only
// within's hits are looked at. Find stops early, returning ctx.Err(), when
// ctx is done; it checks every few thousand postings, so a search that a
// newer keystroke superseded stops within a fraction of a millisecond.
//
// Find costs, per term, a binary search of the vocabulary and a walk of
// the term's postings (or of a bitmap for one- to three-letter prefixes);
// fuzzy terms scan the vocabulary once; phrases read positions only in
// the articles that hold all their words.
func (c *Corpus) Find(ctx context.Context, query string, within *Results) (*Results, error) {
	q, err := ParseQuery(query)
	if err != nil {
		return nil, err
	}
	return c.FindQuery(ctx, q, within)
}

// FindQuery is Find for a query already parsed.
func (c *Corpus) FindQuery(ctx context.Context, q *Query, within *Results) (*Results, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := c.resolve(ctx, q)
	if err != nil {
		return nil, err
	}
	ix := c.index()
	s := ix.search(ctx, c)
	defer ix.release(s)
	if within != nil && within.c == c && q.Narrows(within.Query) {
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
	r := &Results{Query: q, c: c, plan: p, index: make([]int32, 0, total), score: make([]float32, 0, total)}
	for d, k := range s.count {
		if k == matched {
			r.index = append(r.index, int32(d))
			r.score = append(r.score, s.score[d])
		}
	}
	return r, nil
}

// compareHits orders two hits by relevance: higher score, then newer
// (later on the timeline, undated last), then timeline position.
func (c *Corpus) compareHits(ia int32, sa float32, ib int32, sb float32) int {
	if sa != sb {
		return cmp.Compare(sb, sa)
	}
	da, db := c.articles[ia].Date, c.articles[ib].Date
	switch {
	case db.Before(da):
		return -1
	case da.Before(db):
		return 1
	}
	return cmp.Compare(ia, ib)
}

// Weights of the ways a word can match, and of a match in the title.
const (
	titleBoost = 3
	// maxFuzzy bounds the vocabulary words one fuzzy term expands to.
	maxFuzzy = 128
	// excluded marks, in evaluator.count, an article that cannot match.
	excluded = 255
	// maxClauses is the most terms a query may have.
	maxClauses = 250
)

// matchKind says how a query word matched a word of the text; each kind
// ranks below the one before.
type matchKind uint8

const (
	exactMatch matchKind = iota
	prefixMatch
	subsequenceMatch
	typoMatch
)

func (k matchKind) weight() float32 {
	switch k {
	case exactMatch:
		return 1
	case prefixMatch:
		return 0.6
	case subsequenceMatch:
		return 0.3
	}
	return 0.2
}

// search is one query's run over the index: count[d] is the number of
// positive clauses article d has matched so far (or excluded), score[d]
// its score. One evaluator a shard fills them, each for its own articles
// only, so that they run at once.
type search struct {
	count []uint8
	score []float32
	evals []*evaluator
}

// evaluator runs one query over one shard.
type evaluator struct {
	ctx   context.Context
	c     *Corpus
	ix    *index
	sh    *shard
	count []uint8
	score []float32
	ci    uint8
	not   bool
	ops   int
	err   error
	// slot and ph are phrase's working memory.
	slot []int32
	ph   phraseScratch
}

// search returns a search with zeroed per-article arrays, reused from an
// earlier query when one is free.
func (ix *index) search(ctx context.Context, c *Corpus) *search {
	s, _ := ix.scratch.Get().(*search)
	if s == nil {
		s = &search{count: make([]uint8, ix.n), score: make([]float32, ix.n)}
		for _, sh := range ix.shards {
			s.evals = append(s.evals, &evaluator{ix: ix, sh: sh, count: s.count, score: s.score})
		}
	} else {
		clear(s.count)
		clear(s.score)
	}
	for _, e := range s.evals {
		e.ctx, e.c = ctx, c
	}
	return s
}

// release gives s back for another query.
func (ix *index) release(s *search) {
	for _, e := range s.evals {
		e.ctx, e.c, e.ci, e.not, e.ops, e.err = nil, nil, 0, false, 0, nil
	}
	ix.scratch.Put(s)
}

// add records that article d matches the current clause with weight w.
func (e *evaluator) add(d int32, w float32) {
	if e.not {
		e.count[d] = excluded
		return
	}
	switch e.count[d] {
	case e.ci:
		e.count[d] = e.ci + 1
		e.score[d] += w
	case e.ci + 1:
		e.score[d] += w
	}
}

// open reports whether article d can still match.
func (e *evaluator) open(d int32) bool {
	k := e.count[d]
	if e.not {
		return k != excluded
	}
	return k == e.ci || k == e.ci+1
}

// tick counts work and reports false once the search must stop.
func (e *evaluator) tick() bool {
	e.ops++
	if e.ops&8191 == 0 && e.err == nil {
		e.err = e.ctx.Err()
	}
	return e.err == nil
}

func (e *evaluator) atom(ap *atomPlan) {
	switch {
	case ap.dates != nil:
		e.dates(ap.dates)
	case len(ap.words) == 1:
		if !ap.title {
			e.word(&e.sh.body, true, &ap.words[0])
		}
		e.word(&e.sh.title, false, &ap.words[0])
	default:
		if !ap.title {
			e.phrase(&e.sh.body, true, ap.words)
		}
		e.phrase(&e.sh.title, false, ap.words)
	}
}

// word adds the articles whose field holds a match for wp. Every match
// weighs the word's inverse document frequency, estimated from the terms
// it expands to, times the weight of its kind: a rare expansion of a
// prefix does not outrank the word itself.
func (e *evaluator) word(f *field, body bool, wp *wordPlan) {
	var bm bitmap
	if wp.prefix {
		if bits := e.sh.prefixes[wp.word]; bits != nil {
			bm = bits.title
			if body {
				bm = bits.body
			}
		}
	}
	gdf := e.ix.df(body)
	var df uint64
	switch {
	case wp.prefix:
		for t := wp.lo; t < wp.hi; t++ {
			df += uint64(gdf[t])
		}
	case wp.exact >= 0:
		df = uint64(gdf[wp.exact])
	}
	for _, x := range wp.fuzzy {
		df += uint64(gdf[x.term])
	}
	w := idf(e.ix.n, int(min(df, uint64(e.ix.n))))
	if wp.exact >= 0 {
		e.walk(f, body, wp.exact, exactMatch.weight()*w)
	}
	if wp.prefix && wp.lo < wp.hi {
		if bm != nil {
			e.bitmap(bm, body, prefixMatch.weight()*w)
		} else {
			for t := wp.lo; t < wp.hi && e.err == nil; t++ {
				if t != wp.exact {
					e.walk(f, body, t, prefixMatch.weight()*w)
				}
			}
		}
	}
	for _, x := range wp.fuzzy {
		e.walk(f, body, x.term, x.kind.weight()*w)
	}
}

// walk adds the articles holding term t, weighted by w and, in bodies, by
// BM25's term frequency and length normalisation.
func (e *evaluator) walk(f *field, body bool, t int32, w float32) {
	p := f.postings(t)
	if !body {
		w *= titleBoost
		for p.next() && e.tick() {
			e.add(p.doc, w)
		}
		return
	}
	norm := e.ix.norm
	for p.next() && e.tick() {
		tf := float32(p.count)
		e.add(p.doc, w*tf*(bm25K1+1)/(tf+norm[p.doc]))
	}
}

// bitmap adds the articles of bm, each as if the term occurred once.
func (e *evaluator) bitmap(bm bitmap, body bool, w float32) {
	norm := e.ix.norm
	for i, word := range bm {
		if i&127 == 0 && !e.tick() {
			return
		}
		for word != 0 {
			d := int32(e.sh.lo + i*64 + bits.TrailingZeros64(word))
			word &= word - 1
			if body {
				e.add(d, w*(bm25K1+1)/(1+norm[d]))
			} else {
				e.add(d, w*titleBoost)
			}
		}
	}
}

// dates adds the articles whose date meets dr at the article's precision:
// whose span meets the range. Articles are in date order, and no span is
// longer than a year, so only those that start from a year before the
// range up to its end are looked at.
func (e *evaluator) dates(dr *dateRange) {
	from, to := dr.unix()
	lo, hi := e.sh.lo, e.sh.hi
	starts, ends := e.ix.dateFrom[:hi], e.ix.dateTo
	if from != math.MinInt64 {
		i, _ := slices.BinarySearch(starts[lo:], from-366*24*3600)
		lo += i
	}
	for d := lo; d < hi && starts[d] < to && e.tick(); d++ {
		if ends[d] > from && starts[d] != math.MaxInt64 {
			e.add(int32(d), 0)
		}
	}
}

// df returns the article counts of the terms in bodies or titles.
func (ix *index) df(body bool) []uint32 {
	if body {
		return ix.bodyDF
	}
	return ix.titleDF
}
