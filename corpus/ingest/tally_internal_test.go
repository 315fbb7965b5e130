package ingest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
)

// TestTallyPutAside: a tally that puts its counts aside on disk, again
// and again, finds the chrome one held in memory finds, at the edge of
// the thresholds too.
func TestTallyPutAside(t *testing.T) {
	var arts []*corpus.Article
	for _, folder := range []string{"a", "b"} {
		for i := range 40 {
			paras := []string{
				fmt.Sprintf("Article %s%d says what it says at length, a sentence of its own.", folder, i),
				"Subscribe to our newsletter", // in all: chrome
			}
			// Chrome is in at least one page in ten of a folder (4 of 40).
			if i < 3 {
				paras = append(paras, "Read more on the site") // in 3 of 40: not chrome
			}
			if i%10 == 0 {
				paras = append(paras, "Follow us") // in 4 of 40: chrome
			}
			paras = append(paras, fmt.Sprintf("A last paragraph, %d, long enough to outweigh the chrome of the page.", i))
			arts = append(arts, &corpus.Article{ID: fmt.Sprint(folder, i), Title: fmt.Sprintf("Title %d", i), Source: folder + "/" + fmt.Sprint(i) + ".txt", Format: formatText, Paragraphs: paras, Words: 60})
		}
	}
	l := newLoader(Options{}, false)
	mem, disk := newChromeTally(0), newChromeTally(5)
	mem.seed = disk.seed
	for _, a := range arts {
		mem.add(a)
		disk.add(a)
	}
	if err := mem.finish(); err != nil {
		t.Fatal(err)
	}
	if disk.parts == nil {
		t.Fatal("the tally with a limit of 5 put nothing aside")
	}
	if err := disk.finish(); err != nil {
		t.Fatal(err)
	}
	dropped := 0
	for _, a := range arts {
		m, d := mem.drop(l, a), disk.drop(l, a)
		if !slices.Equal(m.Paragraphs, d.Paragraphs) {
			t.Fatalf("%s: %q in memory, %q put aside", a.ID, m.Paragraphs, d.Paragraphs)
		}
		if slices.Contains(d.Paragraphs, "Follow us") || slices.Contains(d.Paragraphs, "Subscribe to our newsletter") {
			t.Errorf("%s: chrome kept: %q", a.ID, d.Paragraphs)
		}
		if i := slices.Index(a.Paragraphs, "Read more on the site"); i >= 0 && !slices.Contains(d.Paragraphs, a.Paragraphs[i]) {
			t.Errorf("%s: a paragraph in 3 of 40 pages taken for chrome", a.ID)
		}
		dropped += len(a.Paragraphs) - len(d.Paragraphs)
	}
	if dropped == 0 {
		t.Error("no chrome dropped")
	}
}
