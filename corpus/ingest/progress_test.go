package ingest_test

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// TestArrivalsAsTheLoadGoes: with KeepArrivals, every article the load
// makes is handed over as it is made (a JSON Lines file's a batch at a
// time), read meanwhile by another goroutine (the race detector watches),
// and never changed after: the pages whose chrome the load drops at the
// end keep it in what was handed over, and the corpus has changed copies.
func TestArrivalsAsTheLoadGoes(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 {
		text := "Le Quotidien du Littoral\n\nUn titre d'article numéro " + strconv.Itoa(i) + " sur la ville\n\n" +
			"Recevez chaque matin l'essentiel de l'actualité de votre région\n\n" +
			"Le texte de l'article " + strconv.Itoa(i) + " raconte ce qui s'est passé cette semaine dans la ville, qui en parle encore.\n\n" +
			"Le maire a rappelé que le projet " + strconv.Itoa(i) + " avait été voté il y a deux ans, après une longue concertation.\n"
		write(t, filepath.Join(dir, "site", "a"+strconv.Itoa(i)+".txt"), text)
	}
	var lines strings.Builder
	const records = 3000 // a dozen batches
	for i := range records {
		fmt.Fprintf(&lines, `{"id":"r%d","title":"Dépêche %d","date":"2020-01-02","text":"Le corps de la dépêche %d."}`+"\n", i, i, i)
	}
	write(t, filepath.Join(dir, "dump.jsonl"), lines.String())

	var p ingest.Progress
	p.KeepArrivals()
	var arrived []*corpus.Article
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			for _, a := range p.Arrived() {
				_ = a.Title + strings.Join(a.Paragraphs, "") // read while the load goes on
				mu.Lock()
				arrived = append(arrived, a)
				mu.Unlock()
			}
		}
	})
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{Progress: &p})
	close(done)
	wg.Wait()
	arrived = append(arrived, p.Arrived()...)
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if len(arrived) != c.Len() || p.Articles.Load() != int64(c.Len()) || c.Len() != records+5 {
		t.Fatalf("handed over %d, counted %d, loaded %d; want %d", len(arrived), p.Articles.Load(), c.Len(), records+5)
	}
	kept := 0
	for _, a := range arrived {
		if a.Format == "text" && strings.Contains(strings.Join(a.Paragraphs, "\n"), "Recevez chaque matin") {
			kept++
		}
	}
	if kept != 5 {
		t.Errorf("%d of the 5 pages handed over keep their chrome: they were changed after", kept)
	}
	for i := range c.Len() {
		if a := c.At(i); strings.Contains(strings.Join(a.Paragraphs, "\n"), "Recevez chaque matin") {
			t.Errorf("%s keeps the chrome in the corpus", a.ID)
		}
	}
}

// TestArrivalsNotKeptUnlessAsked: without KeepArrivals the load counts
// its articles and keeps none for Arrived.
func TestArrivalsNotKeptUnlessAsked(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "Un titre\n\nUn texte assez long pour faire un article.\n")
	write(t, filepath.Join(dir, "b.txt"), "Un autre titre\n\nUn autre texte assez long pour faire un article.\n")
	var p ingest.Progress
	c, _ := ingest.LoadPaths([]string{dir}, ingest.Options{Progress: &p})
	if got := p.Arrived(); len(got) != 0 || p.Articles.Load() != int64(c.Len()) || c.Len() != 2 {
		t.Errorf("kept %d unasked, counted %d of %d", len(got), p.Articles.Load(), c.Len())
	}
}
