package search

import (
	"context"
	"math"
	"slices"
)

// excluded marks, in evaluator.count, an article that cannot match.
const excluded = 255

// matchKind says how a query word matched a term of the text; each kind
// ranks below the one before.
type matchKind uint8

const (
	exactMatch matchKind = iota
	prefixMatch
	infixMatch
	typoMatch
	subsequenceMatch
	numKinds
)

// tier ranks how a clause matched an article: by kind first, then title
// above body; 0 is no match.
type tier uint8

func tierOf(k matchKind, title bool) tier {
	t := tier(2*(numKinds-k)) - 1
	if title {
		t++
	}
	return t
}

// A clause adds to an article's score its best tier times tierStep, plus
// the BM25 weight of its matches, kept below tierStep: tiers decide, BM25
// ranks within a tier.
const (
	tierStep = 256
	bmCap    = tierStep - 1
)

// BM25 parameters, and the weight of a title match.
const (
	bm25K1     = 1.2
	bm25B      = 0.75
	titleBoost = 3
)

// queryRun is one group's run over the index: count[d] is the number of
// positive clauses article d has matched so far (or excluded), score[d]
// its score; tierOf and bm hold the current clause's best tier and BM25
// weight. One evaluator a shard fills them, each for its own articles
// only, so that they run at once.
type queryRun struct {
	count []uint8
	score []float32
	tiers []tier
	bm    []float32
	evals []*evaluator
}

// evaluator runs one group over one shard.
type evaluator struct {
	ctx  context.Context
	ix   *index
	sh   *shard
	run  *queryRun
	subs map[*groupPlan]*subHits
	ci   uint8
	not  bool
	ops  int
	err  error
	// touched are the articles the current clause matched, to add their
	// clause score once it is done.
	touched []int32
	// reached are the articles the last positive clause brought to ci:
	// the only ones that can be hits, when the query has such a clause;
	// sparse says they are few enough to be read instead of the shard.
	// keep is how many articles the current clause may keep in touched:
	// none but for the last positive clause, and for it only up to the
	// number past which the hits are read from the whole shard.
	reached []int32
	sparse  bool
	keep    int
	// slot and ph are phrase's working memory.
	slot []int32
	ph   phraseScratch
	// buf is walk's working memory.
	buf *walkBuf
}

// subHits are the hits of a group inside a query, with their scores per
// clause of the group.
type subHits struct {
	index []int32
	score []float32
}

// newRun returns a run with zeroed per-article arrays, reused from an
// earlier query when one is free.
func (ix *index) newRun(ctx context.Context, subs map[*groupPlan]*subHits) *queryRun {
	var s *queryRun
	ix.scratchMu.Lock()
	if n := len(ix.scratch); n > 0 {
		s, ix.scratch = ix.scratch[n-1], ix.scratch[:n-1]
	}
	ix.scratchMu.Unlock()
	if s == nil {
		s = &queryRun{count: make([]uint8, ix.n), score: make([]float32, ix.n), tiers: make([]tier, ix.n), bm: make([]float32, ix.n)}
		for _, sh := range ix.shards {
			s.evals = append(s.evals, &evaluator{ix: ix, sh: sh, run: s})
		}
	} else {
		clear(s.count)
	}
	for _, e := range s.evals {
		e.ctx, e.subs = ctx, subs
	}
	return s
}

// release gives s back for another query.
func (ix *index) release(s *queryRun) {
	for _, e := range s.evals {
		e.ctx, e.subs, e.ci, e.not, e.ops, e.err = nil, nil, 0, false, 0, nil
		e.touched, e.reached, e.sparse = e.touched[:0], e.reached[:0], false
		e.ph.trim(e.sh.hi - e.sh.lo)
	}
	ix.scratchMu.Lock()
	if len(ix.scratch) < keptRuns {
		ix.scratch = append(ix.scratch, s)
	}
	ix.scratchMu.Unlock()
}

// keptRuns is how many queries' working arrays an index keeps: those of
// the searches that run at once (the reader's filter and a search behind
// it). A run holds ten bytes an article, and a phrase's keys up to
// thirty-two more.
const keptRuns = 2

// clause runs one clause of a group. A positive clause's scores are
// added to the articles' lazily (see settle): a clause's tier and BM25
// weight stay in tiers and bm until the next clause reaches the article,
// or the hits are gathered, so that the articles a later clause drops
// cost nothing more.
//
// last says the clause is the group's last positive one: its hits are
// the group's.
func (e *evaluator) clause(cl *clausePlan, last bool) {
	e.not = cl.not
	e.touched = e.touched[:0]
	e.keep = 0
	if last {
		e.keep = (e.sh.hi-e.sh.lo-1)/sparseShare + 1
	}

	for j := range cl.alts {
		e.atom(&cl.alts[j])
	}
	if cl.not {
		return
	}
	e.ci++
	e.touched, e.reached = e.reached, e.touched
}

// settle adds to the score of article d, which the clauses before the
// current one all matched, the score of the last of them, from its tier
// and BM25 weight; the current clause has just reached d and is about to
// overwrite them. The score of the first clause is the article's first,
// so that score needs no clearing between queries.
func settle(score []float32, tiers []tier, bm []float32, d int32, ci uint8) {
	switch {
	case ci == 1:
		score[d] = clauseScore(tiers[d], bm[d])
	case ci > 1:
		score[d] += clauseScore(tiers[d], bm[d])
	}
}

// clauseScore is the score a clause gives an article it matched at tier t
// with BM25 weight w.
func clauseScore(t tier, w float32) float32 {
	return float32(t)*tierStep + min(w, bmCap)
}

// sparseShare is the share of a shard's articles under which the hits are
// read from the articles the last positive clause reached (sorted) rather
// than from a scan of every article of the shard.
const sparseShare = 16

// add records that article d matches the current clause at tier t with
// BM25 weight w.
func (e *evaluator) add(d int32, t tier, w float32) {
	r := e.run
	if e.not {
		r.count[d] = excluded
		return
	}
	switch r.count[d] {
	case e.ci:
		settle(r.score, r.tiers, r.bm, d, e.ci)
		r.count[d] = e.ci + 1
		r.tiers[d], r.bm[d] = t, w
		if len(e.touched) < e.keep {
			e.touched = append(e.touched, d)
		}
	case e.ci + 1:
		r.tiers[d] = max(r.tiers[d], t)
		r.bm[d] += w
	}
}

// open reports whether article d can still match.
func (e *evaluator) open(d int32) bool {
	k := e.run.count[d]
	if e.not {
		return k != excluded
	}
	return k == e.ci || k == e.ci+1
}

// tick counts work and reports false once the search must stop.
func (e *evaluator) tick() bool { return e.tickN(1) }

// tickN counts n units of work and reports false once the search must
// stop: it looks at the context each time the count passes a multiple of
// checkEvery.
func (e *evaluator) tickN(n int) bool {
	before := e.ops
	e.ops += n
	if e.ops/checkEvery != before/checkEvery && e.err == nil {
		e.err = e.ctx.Err()
	}
	return e.err == nil
}

// checkEvery is how many units of work (postings, articles) a search
// does between two looks at its context.
const checkEvery = 8192

func (e *evaluator) atom(ap *atomPlan) {
	switch {
	case ap.dates != nil:
		e.dates(ap.dates)
	case ap.sub != nil:
		e.group(e.subs[ap.sub])
	case ap.mark != nil:
		e.mark(ap.mark)
	case ap.meta != nil:
		e.meta(ap)
	case len(ap.words) == 1:
		if !ap.title {
			e.word(&e.sh.body, true, &ap.words[0])
		}
		e.word(&e.sh.title, false, &ap.words[0])
	default:
		if !ap.title {
			e.phrase(&e.sh.body, true, ap.words, ap.offs)
		}
		e.phrase(&e.sh.title, false, ap.words, ap.offs)
	}
}

// word adds the articles whose field holds a match for wp, each match at
// its tier, weighing the word's inverse document frequency, estimated
// from all its terms: a rare expansion of a common prefix does not weigh
// more than the prefix.
func (e *evaluator) word(f *fieldIndex, body bool, wp *wordPlan) {
	df := wp.bodyDF
	if !body {
		df = wp.titleDF
	}
	w := idf(e.ix.n, int(df))
	if wp.exact >= 0 {
		e.walk(f, body, wp.exact, tierOf(exactMatch, !body), w)
	}
	if wp.prefix && wp.lo < wp.hi {
		if c := e.sh.prefixes[wp.word].field(body); c != nil {
			e.counts(c, body, tierOf(prefixMatch, !body), w)
		} else {
			for t := wp.lo; t < wp.hi && e.err == nil; t++ {
				if t != wp.exact {
					e.walk(f, body, t, tierOf(prefixMatch, !body), w)
				}
			}
		}
	}
	for _, x := range wp.forms {
		if e.err != nil {
			return
		}
		e.walk(f, body, x.term, tierOf(x.kind, !body), w)
	}
}

// counts adds the articles of a heavy prefix's counts, each with its
// count of the prefix's words as term frequency.
func (e *evaluator) counts(c nibbles, body bool, tr tier, w float32) {
	norm := e.ix.norm
	lo := int32(e.sh.lo)
	for i, b := range c {
		if i&1023 == 0 && !e.tick() {
			return
		}
		if b == 0 {
			continue
		}
		for half := range int32(2) {
			tf := float32(b >> (4 * half) & 15)
			if tf == 0 {
				continue
			}
			d := lo + int32(i)*2 + half
			if body {
				e.add(d, tr, w*tf*(bm25K1+1)/(tf+norm[d]))
			} else {
				e.add(d, tr, w*titleBoost)
			}
		}
	}
}

// group adds the hits of a group inside the query: each at the mean of
// its clause scores, split back into a tier and a BM25 weight.
func (e *evaluator) group(h *subHits) {
	lo, _ := slices.BinarySearch(h.index, int32(e.sh.lo))
	for i := lo; i < len(h.index) && h.index[i] < int32(e.sh.hi) && e.tick(); i++ {
		s := h.score[i]
		t := math.Floor(float64(s) / tierStep)
		e.add(h.index[i], tier(min(t, 255)), s-float32(t)*tierStep)
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
	t := tierOf(exactMatch, true)
	for d := lo; d < hi && starts[d] < to && e.tick(); d++ {
		if ends[d] > from && starts[d] != math.MaxInt64 {
			e.add(int32(d), t, 0)
		}
	}
}

// idf is the BM25 inverse document frequency of a term found in df of n
// articles, at least minIDF: a term found in every article (a one-letter
// prefix) still ranks by how often an article holds it.
func idf(n, df int) float32 {
	df = min(df, n)
	return max(minIDF, float32(math.Log(1+(float64(n)-float64(df)+0.5)/(float64(df)+0.5))))
}

// minIDF is the least weight of a term: small beside a rare term's (8 or
// so), large enough to survive being added to a tier.
const minIDF = 0.05

// df returns the article counts of the terms in bodies or titles.
func (ix *index) df(body bool) []uint32 {
	if body {
		return ix.bodyDF
	}
	return ix.titleDF
}
