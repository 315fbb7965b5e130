package search_test

import (
	"context"
	"slices"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/search"
)

// TestTopByScoreIsTheHeadOfByScore checks the cut sort against the full
// one, ties included (the generated dates repeat).
func TestTopByScoreIsTheHeadOfByScore(t *testing.T) {
	x := search.New(corpustest.Corpus(3000, 4))
	for _, q := range []string{"sécurité", "co", "otan -paris", "date:2015..2018", "cybdef"} {
		r, err := x.Find(context.Background(), q, nil)
		if err != nil {
			t.Fatal(err)
		}
		all := r.ByScore()
		for _, n := range []int{1, 3, 10, 100, r.Len() - 1, r.Len() + 5} {
			top := r.TopByScore(n)
			want := all.Hits()[:min(n, all.Len())]
			same := func(a, b search.Hit) bool { return a.Index == b.Index && a.Score == b.Score }
			if got := top.Hits(); !slices.EqualFunc(got, want, same) {
				t.Errorf("%s: TopByScore(%d) gives %d hits, or others than the first of ByScore", q, n, len(got))
			}
		}
	}
}
