package corpustest

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// TextSize is the bytes of text, titles and bodies, of arts.
func TextSize(arts []*corpus.Article) int {
	raw := 0
	for _, a := range arts {
		raw += len(a.Title)
		for _, p := range a.Paragraphs {
			raw += len(p)
		}
	}
	return raw
}

// MeasureBuild runs build b.N times, with the search index built (which
// is otherwise left to the first search), and reports, per build
// of n articles holding raw bytes of text: wall and CPU time (ms/UNIT,
// cpu-ms/UNIT, ns/article), the heap the result holds (heap-MB) and that
// heap against the text (heap/text).
func MeasureBuild(b *testing.B, n, raw int, unit string, build func() *corpus.Corpus) {
	var c *corpus.Corpus
	var x *search.Index
	var before, after runtime.MemStats
	var took, cpu time.Duration
	b.ResetTimer()
	for range b.N {
		c, x = nil, nil
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		start, cpu0 := time.Now(), CPUTime()
		c = build()
		x = search.New(c)
		x.Build()
		took += time.Since(start)
		cpu += CPUTime() - cpu0
		if c.Len() != n {
			b.Fatalf("built %d of %d articles", c.Len(), n)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(c)
	runtime.KeepAlive(x)
	held := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "ms/"+unit)
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/"+unit)
	b.ReportMetric(float64(took.Nanoseconds())/float64(b.N)/float64(n), "ns/article")
	b.ReportMetric(float64(raw)/(1<<20), "text-MB")
	b.ReportMetric(held/(1<<20), "heap-MB")
	b.ReportMetric(held/float64(raw), "heap/text")
}

// ViewBenchArticles is the size of the corpus the benchmarks of the
// views over search results (trend, concordance, facets) run on: 100 000
// articles, 10 000 with -short.
func ViewBenchArticles() int {
	if testing.Short() {
		return 10_000
	}
	return 100_000
}

// BenchSizes are the corpus sizes of the load, index and search
// benchmarks. 500 000
// articles (1.5 GB of text, a minute to generate) run only when
// GAZETTE_BENCH_FULL=1, so that "go test -bench ." stays short.
func BenchSizes() []int {
	sizes := []int{10_000, 100_000}
	if os.Getenv("GAZETTE_BENCH_FULL") == "1" {
		sizes = append(sizes, 500_000)
	}
	return sizes
}
