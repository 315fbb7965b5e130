package search

import (
	"context"
	"math"
	"math/bits"
	"slices"
)

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

// queryRun is one query's run over the index: count[d] is the number of
// positive clauses article d has matched so far (or excluded), score[d]
// its score. One evaluator a shard fills them, each for its own articles
// only, so that they run at once.
type queryRun struct {
	count []uint8
	score []float32
	evals []*evaluator
}

// evaluator runs one query over one shard.
type evaluator struct {
	ctx   context.Context
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

// newRun returns a run with zeroed per-article arrays, reused from an
// earlier query when one is free.
func (ix *index) newRun(ctx context.Context) *queryRun {
	s, _ := ix.scratch.Get().(*queryRun)
	if s == nil {
		s = &queryRun{count: make([]uint8, ix.n), score: make([]float32, ix.n)}
		for _, sh := range ix.shards {
			s.evals = append(s.evals, &evaluator{ix: ix, sh: sh, count: s.count, score: s.score})
		}
	} else {
		clear(s.count)
		clear(s.score)
	}
	for _, e := range s.evals {
		e.ctx = ctx
	}
	return s
}

// release gives s back for another query.
func (ix *index) release(s *queryRun) {
	for _, e := range s.evals {
		e.ctx, e.ci, e.not, e.ops, e.err = nil, 0, false, 0, nil
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
func (e *evaluator) word(f *fieldIndex, body bool, wp *wordPlan) {
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
func (e *evaluator) walk(f *fieldIndex, body bool, t int32, w float32) {
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
