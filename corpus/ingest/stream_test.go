package ingest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// streamCorpus writes a corpus of every kind a stream must read as Load
// does: generated text files, a JSON Lines dump of many batches with a
// bad line, a folder of scraped pages sharing their site's chrome, and
// hostile files.
func streamCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpustest.WriteDir(filepath.Join(dir, "gen"), 200, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := corpustest.WriteJSONL(filepath.Join(dir, "dump.jsonl"), dumpLen, 2); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "dump.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, `{"title": "broken`)
	fmt.Fprintln(f, `{"id": "last", "title": "The last record", "text": "It comes after a broken line."}`)
	f.Close()
	site := filepath.Join(dir, "site")
	os.MkdirAll(site, 0o755)
	for i := range 12 {
		page := fmt.Sprintf("Headline number %d of the site\n\nSubscribe to our newsletter\n\n%s\n\nThe council met on day %d to vote the budget of the town.\n\nShare on Mastodon and elsewhere\n", i, strings.Repeat(fmt.Sprintf("Paragraph %d says something new. ", i), 5), i)
		if err := os.WriteFile(filepath.Join(site, fmt.Sprintf("p%02d.txt", i)), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := corpustest.WriteHostile(filepath.Join(dir, "hostile")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// dumpLen is the number of generated records in streamCorpus's dump.
const dumpLen = 1500

// described is an article as a reader sees it, but its ID (a stream
// leaves repeated IDs to its consumer).
func described(a *corpus.Article) string {
	return fmt.Sprintf("%s|%s|%s|%q|%v|%v|%q", a.Source, a.Format, a.Title, a.Paragraphs, a.Date, a.Updated, a.Tags)
}

// TestStreamReadsAsLoad: a stream hands on the articles Load makes, each
// once, scraped pages without their chrome, and reports the same
// problems; a JSON Lines file's records come in their order.
func TestStreamReadsAsLoad(t *testing.T) {
	dir := streamCorpus(t)
	src := []ingest.Source{ingest.FromPath(dir)}
	c, wantProbs := ingest.Load(src, ingest.Options{})
	var want []string
	for i := range c.Len() {
		want = append(want, described(c.At(i)))
	}
	var got []string
	var dump []string
	batches := 0
	probs, err := ingest.Stream(src, ingest.Options{}, func(arts []*corpus.Article) error {
		batches++
		for _, a := range arts {
			got = append(got, described(a))
			if a.Source == filepath.Join(dir, "dump.jsonl") {
				dump = append(dump, a.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("stream gave %d articles, load %d; first differences:\n%s", len(got), len(want), firstDiff(got, want))
	}
	if fmt.Sprint(probs) != fmt.Sprint(wantProbs) {
		t.Errorf("stream problems:\n%v\nload problems:\n%v", probs, wantProbs)
	}
	if batches < 6 {
		t.Errorf("%d batches: the JSON Lines dump was not handed on a batch at a time", batches)
	}
	gen, err := corpustest.WriteJSONL(filepath.Join(t.TempDir(), "again.jsonl"), dumpLen, 2)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, a := range gen {
		order = append(order, "dump/"+a.ID)
	}
	if !slices.Equal(dump, append(order, "dump/last")) {
		t.Errorf("the dump's %d records did not come in their order: %q...", len(dump), dump[:min(5, len(dump))])
	}
	for _, d := range got {
		if strings.Contains(d, "Subscribe to our newsletter") {
			t.Fatalf("the site's chrome was handed on: %s", d)
		}
	}
}

// TestStreamStopsOnError: when the consumer fails, the stream stops
// reading and returns its error.
func TestStreamStopsOnError(t *testing.T) {
	dir := streamCorpus(t)
	stop := errors.New("the database went away")
	n := 0
	_, err := ingest.Stream([]ingest.Source{ingest.FromPath(dir)}, ingest.Options{}, func(arts []*corpus.Article) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("Stream returned %v, want the consumer's error", err)
	}
	if n != 2 {
		t.Errorf("emit called %d times after it failed", n-2)
	}
}

func firstDiff(a, b []string) string {
	var out []string
	for _, s := range a {
		if _, ok := slices.BinarySearch(b, s); !ok && len(out) < 3 {
			out = append(out, "only streamed: "+s)
		}
	}
	for _, s := range b {
		if _, ok := slices.BinarySearch(a, s); !ok && len(out) < 6 {
			out = append(out, "only loaded: "+s)
		}
	}
	return strings.Join(out, "\n")
}
