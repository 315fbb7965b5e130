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
// and building the corpus with its index. MB/s is per byte of the file;
// the other figures are measureBuild's.
//
//	go test ./corpus -run '^$' -bench LoadJSONL -benchtime 3x
func BenchmarkLoadJSONL(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "dump.jsonl")
			arts, err := corpustest.WriteJSONL(path, n, 1)
			if err != nil {
				b.Fatal(err)
			}
			raw := textSize(arts)
			arts = nil
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			measureBuild(b, n, raw, "load", func() *corpus.Corpus {
				c, probs := corpus.LoadPaths([]string{path}, corpus.Options{})
				if len(probs) != 0 {
					b.Fatalf("problems: %v", probs)
				}
				return c
			})
		})
	}
}
