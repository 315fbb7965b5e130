package search

import (
	"cmp"
	"iter"
	"math"
	"slices"

	"github.com/gazette-reader/gazette/corpus"
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

// Results are the hits of one query on one corpus, held compactly (eight
// bytes a hit; those another engine found too many to rank, a bit an
// article of the corpus: FoundAll) so that a query matching every
// article of a large corpus stays cheap. Hit returns one hit with its Index and Score; Explain fills
// in where it matched, so that a reader showing a screenful of a hundred
// thousand hits pays for a screenful. Results are read-only once made and
// safe to share between goroutines.
type Results struct {
	// Query is the query the hits answer.
	Query *Query
	x     *Index
	plan  *plan
	index []int32
	score []float32
	// marks are those the query was run with (see FindMarked).
	marks Marks
	// at and explain give and explain the hits of results found by
	// another engine (Found); x is nil then.
	at      func(i int) *corpus.Article
	explain func(h *Hit)
	// set holds the hits of results another engine found too many to
	// rank (FoundAll), index and score nil then: every score is 0, and
	// backward orders them newest first, as ByScore does.
	set      *Positions
	backward bool
}

// Found makes the results of a query answered by another engine than the
// in-memory index (a database): the timeline positions of its hits in
// timeline order, their scores, the notes Notes returns; at, which
// returns the article at a position, and explain, which Explain and
// ExplainSpans call to fill in a hit's matches (both must be safe to call
// from several goroutines). Ties of score rank the later position first,
// as the newest.
func Found(q *Query, index []int32, score []float32, notes []string, at func(i int) *corpus.Article, explain func(h *Hit)) *Results {
	return &Results{Query: q, plan: &plan{notes: notes}, index: index, score: score, at: at, explain: explain}
}

// FoundAll makes the results of a query answered by another engine, as
// Found does, from a set of positions rather than an array: hits too many
// to rank, each scoring 0 (relevance order is then newest first), held in
// a bit an article of the corpus whatever their number. set must be
// sealed.
func FoundAll(q *Query, set *Positions, notes []string, at func(i int) *corpus.Article, explain func(h *Hit)) *Results {
	return &Results{Query: q, plan: &plan{notes: notes}, set: set, at: at, explain: explain}
}

// Article returns the article of a hit: the one at timeline position i.
func (r *Results) Article(i int) *corpus.Article {
	if r.x == nil {
		return r.at(i)
	}
	return r.x.c.At(i)
}

// Corpus returns the corpus the hits are articles of: nil for results
// another engine found (see Found).
func (r *Results) Corpus() *corpus.Corpus {
	if r.x == nil {
		return nil
	}
	return r.x.c
}

// compare orders hits a and b of r by relevance (see compareHits).
func (r *Results) compare(a, b int) int {
	if r.x == nil {
		if r.score[a] != r.score[b] {
			return cmp.Compare(r.score[b], r.score[a])
		}
		return cmp.Compare(r.index[b], r.index[a])
	}
	return r.x.index().compareHits(r.index[a], r.score[a], r.index[b], r.score[b])
}

// sub returns results of the same query made of the hits order (indexes
// into r) in that order.
func (r *Results) sub(order []int) *Results {
	s := &Results{Query: r.Query, x: r.x, plan: r.plan, marks: r.marks, at: r.at, explain: r.explain,
		index: make([]int32, len(order)), score: make([]float32, len(order))}
	for i, o := range order {
		s.index[i], s.score[i] = r.index[o], r.score[o]
	}
	return s
}

// Len returns the number of hits.
func (r *Results) Len() int {
	if r.set != nil {
		return r.set.Len()
	}
	return len(r.index)
}

// Hit returns the i-th hit, with its Index and Score only (see Explain).
func (r *Results) Hit(i int) Hit {
	if r.set != nil {
		if r.backward {
			i = r.set.Len() - 1 - i
		}
		return Hit{Index: r.set.Select(i)}
	}
	return Hit{Index: int(r.index[i]), Score: float64(r.score[i])}
}

// Rank returns the number of hits before timeline position p, for
// results in timeline order (those a query returns, not ByScore's): the
// place p would take among them.
func (r *Results) Rank(p int) int {
	if r.set != nil {
		return r.set.Rank(p)
	}
	i, _ := slices.BinarySearch(r.index, int32(min(p, math.MaxInt32)))
	return i
}

// Indexes yields the timeline position (Hit.Index) of every hit, in the
// results' order, without making a Hit of each.
func (r *Results) Indexes() iter.Seq[int] {
	if r.set != nil {
		return r.set.All(r.backward)
	}
	return func(yield func(int) bool) {
		for _, i := range r.index {
			if !yield(int(i)) {
				return
			}
		}
	}
}

// Hits returns every hit, with Index and Score only.
func (r *Results) Hits() []Hit {
	hits := make([]Hit, r.Len())
	for i := range hits {
		hits[i] = r.Hit(i)
	}
	return hits
}

// ByScore returns the same hits in relevance order: highest score first,
// ties newest first, then by timeline position. r keeps its timeline
// order.
func (r *Results) ByScore() *Results {
	if r.set != nil {
		s := *r
		s.backward = true
		return &s
	}
	order := make([]int, len(r.index))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, r.compare)
	return r.sub(order)
}

// TopByScore returns the n best hits in relevance order, as the first n
// of ByScore; n <= 0 means all of them. It costs one comparison a hit,
// and an insertion into the n best for a hit better than the worst of
// them, instead of a sort of every hit.
func (r *Results) TopByScore(n int) *Results {
	if n <= 0 || n >= r.Len() {
		return r.ByScore()
	}
	if r.set != nil {
		// No scores: the newest n.
		s := &Results{Query: r.Query, plan: r.plan, marks: r.marks, at: r.at, explain: r.explain,
			index: make([]int32, 0, n), score: make([]float32, n)}
		for p := range r.set.All(true) {
			if len(s.index) == n {
				break
			}
			s.index = append(s.index, int32(p))
		}
		return s
	}
	better := func(a, b int) bool { return r.compare(a, b) < 0 }
	best := make([]int, 0, n+1)
	// Both orders rank by score first: a hit scoring below the last of
	// the best so far is out on one comparison of floats.
	floor := float32(math.Inf(-1))
	for i, sc := range r.score {
		if sc < floor || len(best) == n && !better(i, best[n-1]) {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, i, func(b, i int) int {
			if better(b, i) {
				return -1
			}
			return 1
		})
		best = slices.Insert(best, at, i)
		if len(best) > n {
			best = best[:n]
		}
		if len(best) == n {
			floor = r.score[best[n-1]]
		}
	}
	return r.sub(best)
}

// compareHits orders two hits by relevance: higher score, then newer
// (later on the timeline, undated last), then timeline position. Two
// dates are the same when they span the same time (which tells the
// precisions apart); different ones are in timeline order, so that no
// article is read.
func (ix *index) compareHits(ia int32, sa float32, ib int32, sb float32) int {
	if sa != sb {
		return cmp.Compare(sb, sa)
	}
	if ix.dateFrom[ia] != ix.dateFrom[ib] || ix.dateTo[ia] != ix.dateTo[ib] {
		return cmp.Compare(ib, ia)
	}
	return cmp.Compare(ia, ib)
}

// Notes say what the query was widened to, for the filter line: the
// words a typo away that a misspelt term also found ("+ vulnérabilité"),
// the words an abbreviation stands for, and the terms whose forms were
// more than could be used ("iot: 20000 of 23512 forms used"). Nil when
// the query matched as typed.
func (r *Results) Notes() []string { return r.plan.notes }
