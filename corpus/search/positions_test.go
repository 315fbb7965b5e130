package search_test

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/gazette-reader/gazette/corpus/search"
)

// TestPositions checks the set against a sorted array of the same
// positions: sparse, dense, empty, full, over block boundaries.
func TestPositions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		size  int
		share float64
	}{{0, 0}, {1, 1}, {63, 0.5}, {64, 1}, {511, 0.01}, {512, 1}, {513, 0.5}, {5000, 0.001}, {100_000, 0.3}, {70_000, 0.999}} {
		set := search.NewPositions(tc.size)
		var want []int
		for p := range tc.size {
			if rng.Float64() < tc.share {
				want = append(want, p)
				if !set.Add(p) {
					t.Fatalf("size %d: %d refused", tc.size, p)
				}
			}
		}
		if set.Add(-1) || set.Add(tc.size) {
			t.Errorf("size %d: a position outside the set taken", tc.size)
		}
		set.Seal()
		if set.Len() != len(want) {
			t.Fatalf("size %d: %d members, want %d", tc.size, set.Len(), len(want))
		}
		for i, p := range want {
			if got := set.Select(i); got != p {
				t.Fatalf("size %d: member %d is %d, want %d", tc.size, i, got, p)
			}
		}
		for p := -1; p <= tc.size+1; p++ {
			if got, w := set.Rank(p), sort.SearchInts(want, p); got != w {
				t.Fatalf("size %d: %d members below %d, want %d", tc.size, got, p, w)
			}
		}
		if got := slices.Collect(set.All(false)); !slices.Equal(got, want) && len(want) > 0 {
			t.Fatalf("size %d: forward %v, want %v", tc.size, got[:min(5, len(got))], want[:min(5, len(want))])
		}
		back := slices.Clone(want)
		slices.Reverse(back)
		if got := slices.Collect(set.All(true)); !slices.Equal(got, back) && len(want) > 0 {
			t.Fatalf("size %d: backward differs", tc.size)
		}
	}
}

// TestFoundAll checks results held as a set against the same results
// held as an array (Found, every score 0): the hits in timeline and in
// relevance order, the best few, and the place of a position.
func TestFoundAll(t *testing.T) {
	q, err := search.Parse("x")
	if err != nil {
		t.Fatal(err)
	}
	set := search.NewPositions(10_000)
	var index []int32
	for p := 3; p < 10_000; p += 7 {
		set.Add(p)
		index = append(index, int32(p))
	}
	set.Seal()
	all := search.FoundAll(q, set, []string{"n"}, nil, nil)
	arr := search.Found(q, index, make([]float32, len(index)), []string{"n"}, nil, nil)
	same := func(what string, a, b *search.Results) {
		t.Helper()
		if a.Len() != b.Len() {
			t.Fatalf("%s: %d hits, want %d", what, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if x, y := a.Hit(i), b.Hit(i); x.Index != y.Index || x.Score != y.Score {
				t.Fatalf("%s: hit %d is %+v, want %+v", what, i, a.Hit(i), b.Hit(i))
			}
		}
		if !slices.Equal(slices.Collect(a.Indexes()), slices.Collect(b.Indexes())) {
			t.Fatalf("%s: positions differ", what)
		}
	}
	same("timeline order", all, arr)
	same("relevance order", all.ByScore(), arr.ByScore())
	same("best 10", all.TopByScore(10), arr.TopByScore(10))
	for _, p := range []int{0, 3, 4, 500, 9_999, 10_000, 20_000} {
		if all.Rank(p) != arr.Rank(p) {
			t.Errorf("hits before %d: %d, want %d", p, all.Rank(p), arr.Rank(p))
		}
	}
	if n := all.Notes(); len(n) != 1 || n[0] != "n" {
		t.Errorf("notes %v", n)
	}
}
