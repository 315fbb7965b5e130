package tui

import (
	"slices"

	"github.com/gazette-reader/gazette/corpus/search"
)

// shown is the articles the timeline shows, in the order shown, held
// without an array of them where it can be: every article in timeline
// order is a count (n), a filter's hits are read from its results (res,
// which hold them compactly), and only an order made here (copies
// folded) is an array (ids). sorted is set when the order is the
// timeline's: a position is then found by a binary search.
type shown struct {
	ids    []int32
	res    *search.Results
	n      int
	sorted bool
}

// everyArticle shows the n articles in timeline order.
func everyArticle(n int) shown { return shown{n: n, sorted: true} }

// hitsOf shows the hits of r in r's order, the timeline's when sorted.
func hitsOf(r *search.Results, sorted bool) shown { return shown{res: r, sorted: sorted} }

// Len returns the number of articles shown.
func (s shown) Len() int {
	switch {
	case s.ids != nil:
		return len(s.ids)
	case s.res != nil:
		return s.res.Len()
	}
	return s.n
}

// At returns the article (its timeline position) at position p.
func (s shown) At(p int) int32 {
	switch {
	case s.ids != nil:
		return s.ids[p]
	case s.res != nil:
		return int32(s.res.Hit(p).Index)
	}
	return int32(p)
}

// All yields the articles shown, in order.
func (s shown) All(yield func(int32) bool) {
	switch {
	case s.ids != nil:
		for _, a := range s.ids {
			if !yield(a) {
				return
			}
		}
	case s.res != nil:
		for a := range s.res.Indexes() {
			if !yield(int32(a)) {
				return
			}
		}
	default:
		for a := range int32(s.n) {
			if !yield(a) {
				return
			}
		}
	}
}

// slice returns the articles shown as an array (made when not held as
// one): for the views that read them all.
func (s shown) slice() []int32 {
	if s.ids != nil {
		return s.ids
	}
	out := make([]int32, 0, s.Len())
	for a := range s.All {
		out = append(out, a)
	}
	return out
}

// search returns, in a sorted order, the position of article a or of
// the first article after it (Len when none is).
func (s shown) search(a int32) int {
	switch {
	case s.ids != nil:
		i, _ := slices.BinarySearch(s.ids, a)
		return i
	case s.res != nil:
		return s.res.Rank(int(a))
	}
	return int(max(0, min(a, int32(s.n))))
}

// index returns the position of article a, -1 when it is not shown.
func (s shown) index(a int32) int {
	if s.sorted {
		if p := s.search(a); p < s.Len() && s.At(p) == a {
			return p
		}
		return -1
	}
	p := 0
	for b := range s.All {
		if b == a {
			return p
		}
		p++
	}
	return -1
}

// within returns the number of articles shown in the positions [lo, hi)
// of the timeline, in a sorted order.
func (s shown) within(lo, hi int) int { return s.search(int32(hi)) - s.search(int32(lo)) }
