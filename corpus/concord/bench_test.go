package concord_test

import (
	"context"
	"sync"
	"testing"

	"github.com/gazette-reader/gazette/corpus/concord"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/search"
)

// benchIndex is the index of 100 000 generated articles (10 000 with
// -short), built once for the benchmarks of the package.
var benchIndex = sync.OnceValue(func() *search.Index {
	n := corpustest.ViewBenchArticles()
	x := search.New(corpustest.Corpus(n, 1))
	x.Build()
	return x
})

// BenchmarkKWICPage makes the first 1 000 lines of a concordance, a
// screenful many times over, from the results of a search: a common
// word, a rare one, a phrase.
func BenchmarkKWICPage(b *testing.B) {
	x := benchIndex()
	for _, q := range []string{"sécurité", corpustest.RareWord(40), `"secteur privé"`} {
		r, err := x.Find(context.Background(), q, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q, func(b *testing.B) {
			n := 0
			cpu := corpustest.CPUTime()
			for b.Loop() {
				n = len(concord.New(r).Lines(1000))
			}
			b.ReportMetric(float64(corpustest.CPUTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(n), "lines")
		})
	}
}

// BenchmarkKWICSort sorts 1 000 lines by the words left of the match.
func BenchmarkKWICSort(b *testing.B) {
	r, err := benchIndex().Find(context.Background(), "sécurité", nil)
	if err != nil {
		b.Fatal(err)
	}
	lines := concord.New(r).Lines(1000)
	buf := make([]concord.Line, len(lines))
	for b.Loop() {
		copy(buf, lines)
		concord.Sort(buf, concord.ByLeft)
	}
}
