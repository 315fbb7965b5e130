package ingest_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// WriteBomb writes to path a gzip stream that inflates to about size
// bytes of repeated chunk, as many gzip members of one compressed chunk
// (a few kilobytes on disk for a gibibyte).
func writeBomb(t testing.TB, path string, chunk []byte, size int64) {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	for written := 0; written < 1<<20; written += len(chunk) {
		zw.Write(chunk)
	}
	zw.Close()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for range size >> 20 {
		if _, err := f.Write(member.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGzipBombsStopWhileReading: gzip streams of JSON Lines, JSON, CSV
// and text that inflate to 256 MiB from a few kilobytes are stopped
// while they are read, each with one problem, and the other files of the
// folder load.
func TestGzipBombsStopWhileReading(t *testing.T) {
	dir := t.TempDir()
	line := []byte(`{"title":"Encore","text":"La même ligne, encore et encore."}` + "\n")
	writeBomb(t, filepath.Join(dir, "lines.jsonl.gz"), line, 256<<20)
	writeBomb(t, filepath.Join(dir, "doc.json.gz"), []byte("[                                                             "), 256<<20)
	writeBomb(t, filepath.Join(dir, "table.csv.gz"), []byte("title,text\nUn,Deux\n"), 256<<20)
	writeBomb(t, filepath.Join(dir, "page.txt.gz"), []byte("Le même texte. "), 256<<20)
	write(t, filepath.Join(dir, "ok.txt"), article("Un article ordinaire"))
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if _, ok := c.ByID("ok"); !ok {
		t.Errorf("the ordinary file did not load beside the bombs")
	}
	bombs := 0
	for _, p := range probs {
		if strings.Contains(p.Reason, "decompression bomb") {
			bombs++
		}
	}
	if bombs != 4 || len(probs) != 4 {
		t.Errorf("problems %q: want one for each bomb", probs)
	}
	if c.Len() > 4<<20/20 { // what 4 MiB of the bombs' records make, at most
		t.Errorf("%d articles kept from the bombs", c.Len())
	}
}

// TestMemoryBudget: past the budget, the load keeps the articles it has,
// reads nothing more, and says so once, naming the file where it stopped.
func TestMemoryBudget(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpustest.WriteJSONL(filepath.Join(dir, "a.jsonl"), 3000, 1); err != nil {
		t.Fatal(err)
	}
	budget := int64(2 << 20) // about 300 generated articles of 3 KB
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{MaxMemory: budget})
	if c.Len() == 0 || c.Len() >= 3000 {
		t.Errorf("%d articles: want some, not all", c.Len())
	}
	want := fmt.Sprintf("%s: the memory budget of 2 MiB is spent: the load stopped here, with %d articles; --max-memory sets it", filepath.Join(dir, "a.jsonl"), c.Len())
	if len(probs) != 1 || probs[0].Error() != want || probs[0].Kind() != ingest.KindPartial {
		t.Errorf("problems %q, want %q", probs, want)
	}
	var text int
	for i := range c.Len() {
		for _, p := range c.At(i).Paragraphs {
			text += len(p)
		}
	}
	if int64(text) > budget {
		t.Errorf("%d bytes of text kept, over the %d of the budget", text, budget)
	}
}

// TestBudgetForFilesReadWhole: a JSON file that would take more than what
// is left of the budget while parsed is skipped with its reason, and a
// smaller one loads.
func TestBudgetForFilesReadWhole(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("[")
	for i := range 2000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"title":"Titre %d","text":"%s"}`, i, strings.Repeat("Une phrase. ", 40))
	}
	b.WriteString("]")
	write(t, filepath.Join(dir, "big.json"), b.String())
	write(t, filepath.Join(dir, "small.json"), `{"title":"Petit","text":"Un texte court."}`)
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{MaxMemory: 4 << 20})
	if _, ok := c.ByID("small"); !ok || len(probs) != 1 || !strings.Contains(probs[0].Reason, "memory budget") || probs[0].Path != filepath.Join(dir, "big.json") {
		t.Errorf("%d articles, problems %q", c.Len(), probs)
	}
}
