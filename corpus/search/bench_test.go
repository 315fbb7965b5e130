package search_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/search"
)

// queryClass is a kind of query the benchmarks time, with several
// queries of that kind in the generator's vocabulary.
type queryClass struct {
	name    string
	queries []string
}

// queryClasses are the kinds of query the benchmarks time on the plain
// generated corpus.
func queryClasses() []queryClass {
	var rare []string
	for i := 2000; i < 2010; i++ {
		rare = append(rare, corpustest.RareWord(i))
	}
	return []queryClass{
		{"common", []string{"sécurité", "coopération", "ministre", "réseau", "pays", "données", "accord", "menace"}},
		{"rare", rare},
		{"two-terms", []string{"otan sécurité", "tokyo cyberdéfense", "ministre accord", "rabat énergie", "innovation recherche", "genève normes"}},
		{"prefix2", []string{"co", "pr", "se", "de", "in", "ma", "ré", "cy"}},
		{"fuzzy", []string{"cybdef", "gvnmt", "infstr", "cprtn", "tlcom", "strtg"}},
		{"typo", []string{"cyberdefnse", "gouvernemnt", "coopératoin", "infrastructrue", "télécomunications", "partenraiat"}},
		{"phrase", []string{`"secteur privé"`, `"sécurité internationale"`, `"conférence mondiale"`, `"ministre de la défense"`, "l'otan", `"mesures de confiance"`}},
		{"date-range", []string{"date:2015..2018", "year:2010", "date:>=2020-06", "date:<2006", "date:2019-10", "date:2012..2012-06"}},
		// Terms that sit inside words: from the whole word to three letters.
		{"inside", []string{"curité", "défense", "menaces", "national", "structure", "communication", "ération", "ité"}},
		// Typos of the commonest words: the typo search and the walk of a
		// common word's postings.
		{"typo-common", []string{"securiet", "gouvernment", "cooperatoin", "confernce", "strategei", "internatoinale"}},
	}
}

// richClasses are the kinds of query timed on the rich corpus, where
// every single letter is a word and tokens with symbols and compounds are
// written.
func richClasses() []queryClass {
	return []queryClass{
		{"prefix2", []string{"co", "pr", "se", "de", "in", "ma", "ré", "cy"}},
		{"prefix1", []string{"c", "p", "s", "d", "i", "m", "r", "a"}},
		{"common", []string{"sécurité", "coopération", "ministre", "réseau"}},
		{"symbol", []string{"c++", "c#", ".net", "asp.net", "20%", "#1", "2.4.1", "at&t"}},
		{"compound", []string{"plate-forme", "plateforme", `"plate forme"`, "e-mail", "email", "antivirus", "porte-parole", "cyber-attaque"}},
		{"typo-common", []string{"securiet", "gouvernment", "cooperatoin", "confernce"}},
		{"inside", []string{"curité", "défense", "national", "ité"}},
		{"operators", []string{"sécurité OR défense", "(otan OR ministre) -réseau", "NOT accord", "tag:défense author:dupont"}},
	}
}

// BenchmarkSearch times Find, the engine behind the reader's filter and
// "gazette search", per query class, and reports over all the class's
// queries the median and 99th percentile latency (p50-ms, p99-ms), the
// CPU time the process spent over each search, all cores together
// (cpu-p50-ms, cpu-p99-ms: what the search costs whether or not the
// machine's other processes hold a core), the 99th percentile of a search plus explaining 40
// hits, a screenful of spans and snippets (screen-p99-ms), and the mean
// number of hits.
func BenchmarkSearch(b *testing.B) {
	for _, n := range corpustest.BenchSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := search.New(corpustest.Corpus(n, 1))
			x.Build()
			benchmarkSearch(b, x, queryClasses())
		})
	}
}

// BenchmarkSearchRich is BenchmarkSearch on a corpus that also holds what
// real ones do: every single letter as a word, tokens with symbols,
// compounds in three spellings, typos and metadata
// (corpustest.AllOptions).
func BenchmarkSearchRich(b *testing.B) {
	for _, n := range corpustest.BenchSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := search.New(corpustest.CorpusWith(n, 1, corpustest.AllOptions()))
			x.Build()
			// The first query that names a field indexes the metadata
			// (BenchmarkFirstFieldQuery times it); the classes time the
			// queries after it.
			if _, err := x.Find(context.Background(), "tag:x", nil); err != nil {
				b.Fatal(err)
			}
			benchmarkSearch(b, x, richClasses())
		})
	}
}

// BenchmarkFirstFieldQuery times the first query that names a field on a
// built index: it indexes the metadata (tags, authors, site, a unique
// source file an article, a cves field on a quarter of them).
func BenchmarkFirstFieldQuery(b *testing.B) {
	for _, n := range corpustest.BenchSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c := corpustest.CorpusWith(n, 1, corpustest.AllOptions())
			var took, cpu time.Duration
			for range b.N {
				b.StopTimer()
				x := search.New(c)
				x.Build()
				b.StartTimer()
				start, cpu0 := time.Now(), corpustest.CPUTime()
				if _, err := x.Find(context.Background(), "tag:défense", nil); err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
				cpu += corpustest.CPUTime() - cpu0
			}
			b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "ms/query")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/query")
		})
	}
}

func benchmarkSearch(b *testing.B, x *search.Index, classes []queryClass) {
	for _, class := range classes {
		b.Run(class.name, func(b *testing.B) {
			ctx := context.Background()
			var lat, cpu, screen []time.Duration
			hits := 0
			for b.Loop() {
				for _, q := range class.queries {
					start, cpu0 := time.Now(), corpustest.CPUTime()
					r, err := x.Find(ctx, q, nil)
					if err != nil {
						b.Fatalf("%q: %v", q, err)
					}
					lat = append(lat, time.Since(start))
					cpu = append(cpu, corpustest.CPUTime()-cpu0)
					for i := range min(40, r.Len()) {
						h := r.Hit(i)
						r.Explain(&h)
					}
					screen = append(screen, time.Since(start))
					hits += r.Len()
				}
			}
			b.ReportMetric(percentile(lat, 50), "p50-ms")
			b.ReportMetric(percentile(lat, 99), "p99-ms")
			b.ReportMetric(percentile(cpu, 50), "cpu-p50-ms")
			b.ReportMetric(percentile(cpu, 99), "cpu-p99-ms")
			b.ReportMetric(percentile(screen, 99), "screen-p99-ms")
			b.ReportMetric(float64(hits)/float64(len(lat)), "hits")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func percentile(d []time.Duration, p int) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	i := min(len(s)-1, (len(s)*p+99)/100-1)
	return float64(s[max(i, 0)]) / 1e6
}

// BenchmarkIndex times corpus.New and the index build on generated articles (the articles
// already in memory: loading them is BenchmarkLoad's business), and
// reports the heap the index holds against the raw text size.
func BenchmarkIndex(b *testing.B) {
	for _, n := range corpustest.BenchSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			arts := corpustest.Articles(n, 1)
			corpustest.MeasureBuild(b, n, corpustest.TextSize(arts), "index", func() *corpus.Corpus { return corpus.New(arts) })
		})
	}
}
