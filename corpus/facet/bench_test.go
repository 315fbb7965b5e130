package facet_test

import (
	"context"
	"sync"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/facet"
	"github.com/gazette-reader/gazette/corpus/search"
)

// benchIndex is the index of 100 000 generated articles with metadata
// (tags, authors, addresses; 10 000 with -short), built once.
var benchIndex = sync.OnceValue(func() *search.Index {
	n := corpustest.ViewBenchArticles()
	x := search.New(corpustest.CorpusWith(n, 1, corpustest.AllOptions()))
	x.Build()
	return x
})

// BenchmarkFacetIndex numbers the values of every article, once per
// corpus.
func BenchmarkFacetIndex(b *testing.B) {
	c := benchIndex().Corpus()
	cpu := corpustest.CPUTime()
	for b.Loop() {
		facet.New(c)
	}
	b.ReportMetric(float64(corpustest.CPUTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}

// BenchmarkFacets counts the articles of a search's results by source,
// tag, year and language: every article (an empty query), a common word.
func BenchmarkFacets(b *testing.B) {
	x := benchIndex()
	for _, q := range []string{"", "sécurité"} {
		r, err := x.Find(context.Background(), q, nil)
		if err != nil {
			b.Fatal(err)
		}
		name := q
		if name == "" {
			name = "all"
		}
		fx := facet.New(x.Corpus())
		b.Run(name, func(b *testing.B) {
			cpu := corpustest.CPUTime()
			for b.Loop() {
				fx.Count(r.Indexes())
			}
			b.ReportMetric(float64(corpustest.CPUTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(r.Len()), "articles")
		})
	}
}
