package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// TestLoadFolderOfScrapes loads a folder of a few thousand plain-text
// articles: nested folders, CRLF line endings, a UTF-8 BOM, an empty file
// and a binary file. The last two are reported; everything else loads.
func TestLoadFolderOfScrapes(t *testing.T) {
	dir := t.TempDir()
	const n = 3000
	arts, err := corpustest.WriteDir(dir, n, 7)
	if err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(dir, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"a/b/c/crlf.txt": "Titre en CRLF\r\n\r\n21/04/2015\r\n\r\nPremier paragraphe.\r\n\r\nSecond paragraphe.\r\n",
		"a/b/bom.txt":    "\ufeffTitre avec BOM\n\n2019-10-09\n\nTexte.\n",
		"a/empty.txt":    "",
		"a/blank.md":     "  \n\n\t\n",
		"a/b/binary.txt": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
		"a/notes.pdf":    "not an article file: skipped by extension",
		"a/.hidden.txt":  "hidden files are skipped",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})

	if c.Len() != n+2 {
		t.Errorf("loaded %d articles, want %d", c.Len(), n+2)
	}
	wantProbs := map[string]string{
		dir:                                  "1 file skipped, no articles: 1 not an article by its extension (.pdf)",
		filepath.Join(dir, "a", "empty.txt"): "empty",
		filepath.Join(dir, "a", "blank.md"):  "empty",
		filepath.Join(dir, "a", "b", "binary.txt"): "binary",
	}
	if len(probs) != len(wantProbs) {
		t.Errorf("problems %v, want one for each of %v", probs, wantProbs)
	}
	for _, p := range probs {
		if w, ok := wantProbs[p.Path]; !ok || !strings.Contains(p.Reason, w) {
			t.Errorf("unexpected problem %q", p.Error())
		}
	}
	crlf, ok := c.ByID("a/b/c/crlf")
	if !ok {
		t.Fatal("no article a/b/c/crlf: IDs are paths relative to the root without extension")
	}
	if crlf.Title != "Titre en CRLF" || crlf.Date.String() != "2015-04-21" || len(crlf.Paragraphs) != 2 || strings.ContainsRune(strings.Join(crlf.Paragraphs, ""), '\r') {
		t.Errorf("crlf article: %q %s %q", crlf.Title, crlf.Date, crlf.Paragraphs)
	}
	bom, _ := c.ByID("a/b/bom")
	if bom == nil || bom.Title != "Titre avec BOM" {
		t.Errorf("BOM article: %+v", bom)
	}
	// Every generated article comes back with its title and its date.
	want := arts[n/2]
	id := fmt.Sprintf("%d/%s", want.Date.Time.Year(), strings.ReplaceAll(want.ID, "/", "-"))
	if want.Date.IsZero() {
		id = "undated/" + strings.ReplaceAll(want.ID, "/", "-")
	}
	got, ok := c.ByID(id)
	if !ok {
		t.Fatalf("no article %s", id)
	}
	if got.Title != want.Title || len(got.Paragraphs) != len(want.Paragraphs) {
		t.Errorf("%s: title %q, %d paragraphs; want %q, %d", id, got.Title, len(got.Paragraphs), want.Title, len(want.Paragraphs))
	}
	for i := 1; i < c.Len(); i++ {
		if c.At(i).Date.Before(c.At(i - 1).Date) {
			t.Fatalf("timeline out of order at %d: %s after %s", i, c.At(i).Date, c.At(i-1).Date)
		}
	}
}

func TestLoadMissingPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	c, probs := ingest.LoadPaths([]string{missing}, ingest.Options{})
	if c.Len() != 0 || len(probs) != 1 || probs[0].Path != missing || !strings.Contains(probs[0].Reason, "no such file") {
		t.Errorf("got %d articles, problems %v", c.Len(), probs)
	}
}

func TestLoadSingleFileKeepsItsName(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "story.text")
	if err := os.WriteFile(p, []byte("A headline here\n\nBody text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, probs := ingest.LoadPaths([]string{p}, ingest.Options{})
	if len(probs) != 0 || c.Len() != 1 || c.At(0).ID != "story" || c.At(0).Source != p {
		t.Fatalf("got %d articles (%v), problems %v", c.Len(), c.Articles(), probs)
	}
}

// TestFilesOfOtherNames: files whose extension says nothing, or none, are
// read by their content; a picture or a binary file is skipped, and the
// skipped files are counted in one line for the folder.
func TestFilesOfOtherNames(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"article.txt.bak": "Un article gardé en copie\n\n2021-03-04\n\nSon texte, assez long pour être lu.\n",
		"sans-extension":  "Un article sans extension\n\n2021-03-05\n\nSon texte, lui aussi.\n",
		"page":            "<!DOCTYPE html><html><head><title>Une page sans extension</title></head><body><article><h1>Une page sans extension</h1><p>" + strings.Repeat("Le texte de la page est assez long pour un article. ", 10) + "</p></article></body></html>",
		"dump.data":       `{"title":"Un enregistrement","text":"Son texte."}` + "\n" + `{"title":"Un autre","text":"Le sien."}` + "\n",
		"logo.png":        "\x89PNG\r\n\x1a\n\x00\x00",
		"blob":            "\x00\x01\x02\x03binary",
	} {
		write(t, filepath.Join(dir, name), text)
	}
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if c.Len() != 5 {
		t.Errorf("%d articles, want 5 (.txt.bak, no extension, HTML page, two records)", c.Len())
	}
	want := dir + ": 2 files skipped, no articles: 1 binary, not text, 1 not an article by its extension (.png)"
	if len(probs) != 1 || probs[0].Error() != want || len(probs[0].Skipped) != 2 || probs[0].Partial {
		t.Fatalf("problems %q, want %q", probs, want)
	}
}
