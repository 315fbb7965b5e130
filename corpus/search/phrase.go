package search

import (
	"cmp"
	"slices"
)

// phraseScratch holds the working arrays of phrase, reused between
// queries: fresh multi-megabyte arrays cost more in page faults than the
// work done in them.
type phraseScratch struct {
	// cands are the articles that may hold the phrase, in timeline order;
	// starts[off[i]:off[i]+n[i]] are where it may start in cands[i], and
	// seen[i] the last word found there.
	cands   []int32
	starts  []uint32
	off, n  []int32
	seen    []int32
	pos     []uint32
	perCand [][]uint32
	// keys and other are phraseRuns' starts.
	keys, other []uint64
}

// trim lets go of the arrays of a phrase of very common words (more
// places than two a shard article of n), so that the index does not keep
// them between queries.
func (ph *phraseScratch) trim(n int) {
	if cap(ph.keys) > 2*n {
		ph.keys = nil
	}
	if cap(ph.other) > 2*n {
		ph.other = nil
	}
	if cap(ph.starts) > 2*n {
		ph.starts = nil
	}
}

// phrase adds the articles whose field holds the words in sequence. When
// every word is one term, phraseRuns reads the two rarest words' postings
// straight through. When one is a prefix still being typed (several
// terms), it reads the positions of the rarest word in the articles that
// can still match, then walks the other words' postings, rarer first,
// keeping in each candidate the starts that the word follows at the
// right distance. Each posting list is walked once; positions are read
// only in candidates.
func (e *evaluator) phrase(f *fieldIndex, body bool, words []wordPlan, offs []uint32) {
	terms := make([][]int32, len(words))
	dfs := make([]uint64, len(words))
	order := make([]int, len(words))
	for i := range words {
		order[i] = i
		terms[i] = words[i].terms()
		for _, t := range terms[i] {
			dfs[i] += uint64(f.df[t])
		}
		if dfs[i] == 0 {
			return
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(dfs[a], dfs[b]) })
	first := order[0]
	var df uint64
	gdf := e.ix.df(body)
	for _, t := range terms[first] {
		df += uint64(gdf[t])
	}
	w := float32(len(words)) * idf(e.ix.n, int(min(df, uint64(e.ix.n))))
	tr := tierOf(exactMatch, !body)
	score := func(d int32, tf float32) {
		if body {
			e.add(d, tr, w*tf*(bm25K1+1)/(tf+e.ix.norm[d]))
		} else {
			e.add(d, tr, w*titleBoost)
		}
	}
	if single(terms) {
		e.phraseRuns(f, terms, offs, order, score)
		return
	}
	if e.slot == nil {
		e.slot = make([]int32, e.ix.n)
	}
	ph := &e.ph
	ph.cands, ph.starts, ph.off, ph.n, ph.seen = ph.cands[:0], ph.starts[:0], ph.off[:0], ph.n[:0], ph.seen[:0]
	defer func() {
		for _, d := range ph.cands {
			e.slot[d] = 0
		}
	}()
	e.phraseCandidates(f, terms[first], offs[first])
	for step, k := range order[1:] {
		if e.err != nil {
			return
		}
		e.phraseNarrow(f, terms[k], offs[k], int32(step+1))
	}
	for i, d := range ph.cands {
		if ph.n[i] > 0 {
			score(d, float32(len(slices.Compact(ph.starts[ph.off[i]:ph.off[i]+ph.n[i]]))))
		}
	}
}

// single reports whether every word of a phrase is one vocabulary term.
func single(terms [][]int32) bool {
	for _, ts := range terms {
		if len(ts) != 1 {
			return false
		}
	}
	return true
}

// phraseCandidates makes the candidates of a phrase from its rarest word,
// k words from the phrase's start, whose vocabulary terms are terms: the articles
// that can still match and hold it, each with the positions where the
// phrase would start. With several terms (a prefix), an article's
// positions come in several runs: they are gathered first, then sorted.
func (e *evaluator) phraseCandidates(f *fieldIndex, terms []int32, k uint32) {
	ph := &e.ph
	if len(terms) > 1 {
		e.positionsOf(f, terms, true)
		for i := range ph.cands {
			ps := ph.perCand[i]
			slices.Sort(ps)
			ph.off = append(ph.off, int32(len(ph.starts)))
			for _, at := range ps {
				if at >= k {
					ph.starts = append(ph.starts, at-k)
				}
			}
			ph.n = append(ph.n, int32(len(ph.starts))-ph.off[i])
			ph.seen = append(ph.seen, 0)
		}
		return
	}
	p := f.postings(terms[0])
	for p.next() && e.tick() {
		if !e.open(p.doc) {
			continue
		}
		ph.cands = append(ph.cands, p.doc)
		e.slot[p.doc] = int32(len(ph.cands))
		from := len(ph.starts)
		ph.starts = p.positions(ph.starts)
		kept := from
		for _, at := range ph.starts[from:] {
			if at >= k {
				ph.starts[kept] = at - k
				kept++
			}
		}
		ph.starts = ph.starts[:kept]
		ph.off = append(ph.off, int32(from))
		ph.n = append(ph.n, int32(kept-from))
		ph.seen = append(ph.seen, 0)
	}
}

// phraseNarrow keeps, in each candidate, the starts that a word of the
// phrase (vocabulary terms terms) follows at distance k; step numbers
// the narrowing, and candidates without the word are out.
func (e *evaluator) phraseNarrow(f *fieldIndex, terms []int32, k uint32, step int32) {
	ph := &e.ph
	// keep narrows candidate i to the starts s with s+k in ps (sorted).
	keep := func(i int32, ps []uint32) {
		ph.seen[i] = step
		starts := ph.starts[ph.off[i] : ph.off[i]+ph.n[i]]
		kept, j := 0, 0
		for _, s := range starts {
			want := s + k
			for j < len(ps) && ps[j] < want {
				j++
			}
			if j < len(ps) && ps[j] == want {
				starts[kept] = s
				kept++
			}
		}
		ph.n[i] = int32(kept)
	}
	if len(terms) > 1 {
		e.positionsOf(f, terms, false)
		for i, ps := range ph.perCand {
			if len(ps) > 0 {
				slices.Sort(ps)
				keep(int32(i), ps)
			}
		}
	} else {
		p := f.postings(terms[0])
		for p.next() && e.tick() {
			if s := e.slot[p.doc]; s > 0 && ph.n[s-1] > 0 {
				ph.pos = p.positions(ph.pos[:0])
				keep(s-1, ph.pos)
			}
		}
	}
	for i := range ph.cands {
		if ph.seen[i] != step {
			ph.n[i] = 0
		}
	}
}

// positionsOf reads into e.ph.perCand the positions of any of terms in each
// candidate; with makeCands, the articles that can still match become the
// candidates first.
func (e *evaluator) positionsOf(f *fieldIndex, terms []int32, makeCands bool) {
	ph := &e.ph
	if makeCands {
		for _, t := range terms {
			p := f.postings(t)
			for p.next() && e.tick() {
				if e.slot[p.doc] == 0 && e.open(p.doc) {
					ph.cands = append(ph.cands, p.doc)
					e.slot[p.doc] = int32(len(ph.cands))
				}
			}
		}
		slices.Sort(ph.cands)
		for i, d := range ph.cands {
			e.slot[d] = int32(i + 1)
		}
	}
	ph.perCand = resize(ph.perCand, len(ph.cands))
	for i := range ph.perCand {
		ph.perCand[i] = ph.perCand[i][:0]
	}
	for _, t := range terms {
		p := f.postings(t)
		for p.next() && e.tick() {
			if s := e.slot[p.doc]; s > 0 {
				ph.perCand[s-1] = p.positions(ph.perCand[s-1])
			}
		}
	}
}

// resize returns s with length n, reusing its array when it is big
// enough.
func resize[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// terms lists the vocabulary terms a word of a phrase matches: itself,
// and the terms it starts when it is the last word typed.
func (wp *wordPlan) terms() []int32 {
	var ts []int32
	if wp.exact >= 0 {
		ts = append(ts, wp.exact)
	}
	if wp.prefix {
		for t := wp.lo; t < wp.hi; t++ {
			if t != wp.exact {
				ts = append(ts, t)
			}
		}
	}
	return ts
}
