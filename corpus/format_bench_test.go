package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// BenchmarkLoadJSONL loads one generated JSON Lines file of n articles
// (about 3 KB of text each): streaming, decoding, field mapping, finishing
// and building the corpus with its index. ns/article and MB/s are per
// article and per byte of the file.
//
//	go test ./corpus -run '^$' -bench LoadJSONL -benchtime 3x
func BenchmarkLoadJSONL(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "dump.jsonl")
			if _, err := corpustest.WriteJSONL(path, n, 1); err != nil {
				b.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				c, probs := corpus.LoadPaths([]string{path}, corpus.Options{})
				if c.Len() != n || len(probs) != 0 {
					b.Fatalf("loaded %d, problems %v", c.Len(), probs)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/article")
		})
	}
}
