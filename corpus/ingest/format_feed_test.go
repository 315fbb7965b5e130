package ingest_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// TestFeeds: RSS 2.0, RSS 1.0 (RDF) and Atom feeds, saved as .xml, .rss or
// .atom, make one article an item: its title (without the site's name,
// markup read), date, address, authors, tags and text (the summary, then
// the whole text of content:encoded or Atom's content, XHTML included),
// in the charset the feed declares.
func TestFeeds(t *testing.T) {
	c, probs := ingest.LoadPaths([]string{"testdata/feeds"}, ingest.Options{})
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	type want struct {
		date, url, body string
		authors, tags   []string
	}
	wants := map[string]want{
		"Le Parlement adopte le budget": {"2021-03-02 10:15", "https://www.lemonde.fr/politique/article/2021/03/02/budget.html",
			"Le texte a été adopté par 312 voix.|Le Parlement a adopté mardi le budget de l'année prochaine.|L'opposition a voté contre.", []string{"Jean Dupont"}, []string{"Politique", "Budget"}},
		"Deuxième article & suite": {"2021-03-03 08:00", "https://www.lemonde.fr/b.html", "Un court résumé sans balises.", nil, nil},
		"Release 2.0 is out": {"2021-03-04 09:30", "https://blog.example.org/2021/03/release",
			"Version 2.0 brings speed.|We are glad to announce version 2.0.|It is twice as fast.", []string{"Alice Martin"}, []string{"releases"}},
		"Госдума приняла бюджет":  {"2021-03-05 12:00", "", "Госдума приняла бюджет на следующий год.", nil, nil},
		"Ein Bericht aus Hamburg": {"2021-03-06 07:00", "https://news.example.net/1", "Der Hafen meldet einen neuen Rekord\u00a0bei den Containern.", nil, []string{"Hamburg"}},
	}
	if c.Len() != len(wants) {
		t.Errorf("%d articles, want %d", c.Len(), len(wants))
	}
	for _, a := range c.Articles() {
		w, ok := wants[a.Title]
		if !ok {
			t.Errorf("title %q", a.Title)
			continue
		}
		if a.Format != "feed" || a.Date.Display() != w.date || a.URL != w.url || strings.Join(a.Paragraphs, "|") != w.body {
			t.Errorf("%s: format %s, date %q, url %q, body %q", a.Title, a.Format, a.Date.Display(), a.URL, a.Paragraphs)
		}
		if !slices.Equal(a.Authors, w.authors) || !slices.Equal(a.Tags, w.tags) {
			t.Errorf("%s: authors %q, tags %q", a.Title, a.Authors, a.Tags)
		}
	}
}

// TestHostileFeeds: a feed's character references to control characters
// (which XML forbids) are dropped, not let through and not fatal to the
// feed; a broken feed keeps the items before the damage; a file that is
// no feed says so in one line.
func TestHostileFeeds(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"evil.xml":   `<rss><channel><item><title>Evil &#27;[31mred&#x1B;[0m &#x202E;title</title><description>Body &#x9b;31m &#7;text.</description></item></channel></rss>`,
		"broken.rss": `<rss><channel><item><title>Kept item</title><description>Its text.</description></item><item><title>Cut</title><description>Never closed`,
		"empty.atom": `<feed><title>Nothing</title></feed>`,
	}
	for name, text := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600)
	}
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	var titles []string
	for _, a := range c.Articles() {
		titles = append(titles, a.Title)
		for _, s := range append([]string{a.Title}, a.Paragraphs...) {
			if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x202e }) {
				t.Errorf("%q holds a control or invisible character", s)
			}
		}
	}
	slices.Sort(titles)
	if !slices.Equal(titles, []string{"Cut", "Evil [31mred[0m title", "Kept item"}) {
		t.Errorf("titles %q", titles)
	}
	var got []string
	for _, p := range probs {
		got = append(got, filepath.Base(p.Path)+": "+p.Reason)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"broken.rss: item 2: read up to where the feed breaks: the file ends inside it", "empty.atom: no articles: a feed without items"}) {
		t.Errorf("problems %q", got)
	}
}
