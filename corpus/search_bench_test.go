package corpus_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// benchSizes are the corpus sizes of the search benchmarks. 500 000
// articles (1.5 GB of text, a minute to generate) run only when
// GAZETTE_BENCH_FULL=1, so that "go test -bench ." stays short.
func benchSizes() []int {
	sizes := []int{10_000, 100_000}
	if os.Getenv("GAZETTE_BENCH_FULL") == "1" {
		sizes = append(sizes, 500_000)
	}
	return sizes
}

// queryClasses are the kinds of query the benchmarks time, with several
// queries each, in the generator's vocabulary.
func queryClasses() []struct {
	name    string
	queries []string
} {
	var rare []string
	for i := 2000; i < 2010; i++ {
		rare = append(rare, corpustest.RareWord(i))
	}
	return []struct {
		name    string
		queries []string
	}{
		{"common", []string{"sécurité", "coopération", "ministre", "réseau", "pays", "données", "accord", "menace"}},
		{"rare", rare},
		{"two-terms", []string{"otan sécurité", "tokyo cyberdéfense", "ministre accord", "rabat énergie", "innovation recherche", "genève normes"}},
		{"prefix2", []string{"co", "pr", "se", "de", "in", "ma", "ré", "cy"}},
		{"fuzzy", []string{"cybdef", "gvnmt", "infstr", "cprtn", "tlcom", "strtg"}},
		{"typo", []string{"cyberdefnse", "gouvernemnt", "coopératoin", "infrastructrue", "télécomunications", "partenraiat"}},
		{"phrase", []string{`"secteur privé"`, `"sécurité internationale"`, `"conférence mondiale"`, `"ministre de la défense"`, "l'otan", `"mesures de confiance"`}},
		{"date-range", []string{"date:2015..2018", "year:2010", "date:>=2020-06", "date:<2006", "date:2019-10", "date:2012..2012-06"}},
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
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchmarkSearch(b, corpustest.Corpus(n, 1)) })
	}
}

func benchmarkSearch(b *testing.B, c *corpus.Corpus) {
	for _, class := range queryClasses() {
		b.Run(class.name, func(b *testing.B) {
			ctx := context.Background()
			var lat, cpu, screen []time.Duration
			hits := 0
			for b.Loop() {
				for _, q := range class.queries {
					start, cpu0 := time.Now(), cpuTime()
					r, err := c.Find(ctx, q, nil)
					if err != nil {
						b.Fatalf("%q: %v", q, err)
					}
					lat = append(lat, time.Since(start))
					cpu = append(cpu, cpuTime()-cpu0)
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

// BenchmarkIndex times corpus.New on generated articles (the articles
// already in memory: loading them is BenchmarkLoad's business), and
// reports the heap the index holds against the raw text size.
func BenchmarkIndex(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			arts := corpustest.Articles(n, 1)
			measureBuild(b, n, textSize(arts), "index", func() *corpus.Corpus { return corpus.New(arts) })
		})
	}
}

// textSize is the bytes of text, titles and bodies, of arts.
func textSize(arts []*corpus.Article) int {
	raw := 0
	for _, a := range arts {
		raw += len(a.Title)
		for _, p := range a.Paragraphs {
			raw += len(p)
		}
	}
	return raw
}

// measureBuild runs build b.N times, with the search index built (which
// a corpus otherwise leaves to its first search), and reports, per build
// of n articles holding raw bytes of text: wall and CPU time (ms/UNIT,
// cpu-ms/UNIT, ns/article), the heap the result holds (heap-MB) and that
// heap against the text (heap/text).
func measureBuild(b *testing.B, n, raw int, unit string, build func() *corpus.Corpus) {
	var c *corpus.Corpus
	var before, after runtime.MemStats
	var took, cpu time.Duration
	b.ResetTimer()
	for range b.N {
		c = nil
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		c = build()
		c.BuildIndex()
		took += time.Since(start)
		cpu += cpuTime() - cpu0
		if c.Len() != n {
			b.Fatalf("built %d of %d articles", c.Len(), n)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(c)
	held := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "ms/"+unit)
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/"+unit)
	b.ReportMetric(float64(took.Nanoseconds())/float64(b.N)/float64(n), "ns/article")
	b.ReportMetric(float64(raw)/(1<<20), "text-MB")
	b.ReportMetric(held/(1<<20), "heap-MB")
	b.ReportMetric(held/float64(raw), "heap/text")
}
