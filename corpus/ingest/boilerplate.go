package ingest

import (
	"github.com/gazette-reader/gazette/corpus"
)

// Scraped pages of one site carry the same chrome in every file: a
// newsletter box, share and app buttons, a privacy notice, a menu, in
// whatever language the site speaks. No list of phrases knows them all,
// but the corpus does: a paragraph that recurs word for word in many
// articles of one folder is the site's, not the article's, unless it is
// most of the article's text (then the article is a copy). It costs a
// hash of each short paragraph of the scraped articles, and two passes
// over them.

// Boilerplate thresholds: a paragraph is chrome when it recurs in at
// least minBoilerplateFiles articles of a folder, and in at least one
// article in boilerplateShare of them; only paragraphs up to
// maxBoilerplate bytes are counted (chrome is short; prose that repeats is
// a quotation).
const (
	minBoilerplateFiles = 3
	boilerplateShare    = 10
	maxBoilerplate      = 400
)

// scraped reports whether an article was read from a page or a scrape,
// whose text may hold its site's chrome (records hold fields, not pages).
func scraped(a *corpus.Article) bool { return scrapedFormat(a.Format) }

// scrapedFormat reports whether a format is that of pages or scrapes.
func scrapedFormat(f string) bool {
	return f == formatText || f == formatMarkdown || f == formatHTML
}

// dropBoilerplate removes, from the scraped articles of each folder, the
// paragraphs that recur in many of them, and a title that does: then the
// title is the first headline left, or is derived. An article it changes
// is replaced by a changed copy, in its place in results: articles are
// not changed once made (see Progress).
func (l *loader) dropBoilerplate(results []fileResult) {
	t := newChromeTally(0)
	for _, r := range results {
		for _, a := range r.articles {
			t.add(a)
		}
	}
	for _, r := range results {
		for k, a := range r.articles {
			r.articles[k] = t.drop(l, a)
		}
	}
}

// dropChrome returns a without the paragraphs that chrome says are its
// site's, and without a title that is: a, when it has none, else a
// changed copy. An article whose text is mostly shared with others is a
// copy of theirs (a wire story several pages reprint), not a page of
// chrome: it is left whole.
func (l *loader) dropChrome(orig *corpus.Article, chrome func(string) bool) *corpus.Article {
	shared := 0
	for _, p := range orig.Paragraphs {
		if chrome(p) {
			shared += CountWords(p)
		}
	}
	if shared == 0 || shared*2 > orig.Words {
		return orig
	}
	cp := *orig
	a := &cp
	kept := make([]string, 0, len(a.Paragraphs))
	for _, p := range a.Paragraphs {
		if chrome(p) {
			a.Words -= CountWords(p)
			continue
		}
		kept = append(kept, p)
	}
	a.Paragraphs = kept
	if a.TitleDerived || !chrome(a.Title) {
		return a
	}
	a.Title, a.TitleDerived = "", false
	for i, p := range a.Paragraphs {
		if l.text.isHeadline(p) {
			a.Title = p
			a.Words -= CountWords(p)
			a.Paragraphs = append(a.Paragraphs[:i:i], a.Paragraphs[i+1:]...)
			return a
		}
		if i >= 3 {
			break
		}
	}
	a.Title, a.TitleDerived = l.text.deriveTitle(a.Paragraphs), true
	return a
}
