package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScanClean measures the check every paragraph of every article
// goes through at load, on the paragraphs of the seed articles (French
// news text). Those 20 KB, read over and over, train the branch predictor
// as no real load does: judge a change to scanClean with
// BenchmarkLoadJSONL as well (a branchy loop won here and lost there).
func BenchmarkScanClean(b *testing.B) {
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seeds: %v", err)
	}
	var paras []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range textParagraphs(string(data)) {
			if p = collapseSpace(Sanitize(p)); p != "" {
				paras = append(paras, p)
				size += len(p)
			}
		}
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range paras {
			scanClean(p)
		}
	}
}
