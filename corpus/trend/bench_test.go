package trend_test

import (
	"context"
	"sync"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/trend"
)

// benchIndex is the index of 100 000 generated articles (10 000 with
// -short), built once for the benchmarks of the package.
var benchIndex = sync.OnceValue(func() *search.Index {
	n := corpustest.ViewBenchArticles()
	x := search.New(corpustest.Corpus(n, 1))
	x.Build()
	return x
})

// benchQueries are a common word, a rare one and a phrase.
func benchQueries() []string {
	return []string{"sécurité", corpustest.RareWord(40), `"secteur privé"`}
}

// BenchmarkTrend is what trend and the chart add to a search: the hits
// counted per period, the articles per period counted beforehand.
func BenchmarkTrend(b *testing.B) {
	x := benchIndex()
	for _, by := range []trend.Period{trend.Year, trend.Month, trend.Day} {
		base := trend.NewBase(x.Corpus(), by)
		for _, q := range benchQueries() {
			r, err := x.Find(context.Background(), q, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(by.String()+"/"+q, func(b *testing.B) {
				cpu := corpustest.CPUTime()
				for b.Loop() {
					base.Count(r.Indexes())
				}
				b.ReportMetric(float64(corpustest.CPUTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
				b.ReportMetric(float64(r.Len()), "hits")
			})
		}
	}
}

// BenchmarkNewBase counts every article of the corpus per period, once
// per corpus and period.
func BenchmarkNewBase(b *testing.B) {
	var c *corpus.Corpus = benchIndex().Corpus()
	for b.Loop() {
		trend.NewBase(c, trend.Month)
	}
}
