package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// BenchmarkLoadJSONL loads one generated JSON Lines file of n articles
// (about 3 KB of text each): streaming, decoding, field mapping, finishing
// and building the corpus with its index. MB/s is per byte of the file;
// the other figures are corpustest.MeasureBuild's.
//
//	go test ./corpus/ingest -run '^$' -bench LoadJSONL -benchtime 3x
func BenchmarkLoadJSONL(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "dump.jsonl")
			arts, err := corpustest.WriteJSONL(path, n, 1)
			if err != nil {
				b.Fatal(err)
			}
			raw := corpustest.TextSize(arts)
			arts = nil
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			corpustest.MeasureBuild(b, n, raw, "load", func() *corpus.Corpus {
				c, probs := ingest.LoadPaths([]string{path}, ingest.Options{})
				if len(probs) != 0 {
					b.Fatalf("problems: %v", probs)
				}
				return c
			})
		})
	}
}

// BenchmarkLoad times what "gazette DIR" does before showing anything:
// load a generated folder of plain-text articles (about 3 KB each, nested
// by year) and index it, at 10 000 and 100 000 articles (500 000 with
// GAZETTE_BENCH_FULL=1). With -benchmem, B/op is for the whole folder.
func BenchmarkLoad(b *testing.B) {
	for _, n := range corpustest.BenchSizes() {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			arts, err := corpustest.WriteDir(dir, n, 1)
			if err != nil {
				b.Fatal(err)
			}
			raw := corpustest.TextSize(arts)
			arts = nil
			corpustest.MeasureBuild(b, n, raw, "load", func() *corpus.Corpus {
				c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
				if len(probs) != 0 {
					b.Fatalf("problems: %v", probs)
				}
				return c
			})
		})
	}
}
