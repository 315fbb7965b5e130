package ingest

import (
	"hash/maphash"
	"path/filepath"

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
func scraped(a *corpus.Article) bool {
	return a.Format == formatText || a.Format == formatMarkdown || a.Format == formatHTML
}

// dropBoilerplate removes, from the scraped articles of each folder, the
// paragraphs that recur in many of them, and a title that does: then the
// title is the first headline left, or is derived. An article it changes
// is replaced by a changed copy, in its place in results: articles are
// not changed once made (see Progress).
func (l *loader) dropBoilerplate(results []fileResult) {
	groups := map[string][]**corpus.Article{}
	for _, r := range results {
		for k, a := range r.articles {
			if scraped(a) {
				dir := filepath.Dir(a.Source)
				groups[dir] = append(groups[dir], &r.articles[k])
			}
		}
	}
	seed := maphash.MakeSeed()
	for _, arts := range groups {
		if len(arts) < minBoilerplateFiles {
			continue
		}
		// counts holds, per paragraph hash, the articles it occurs in;
		// last is the article that counted it last, so that a paragraph
		// repeated within one article counts once.
		type count struct{ n, last int }
		counts := map[uint64]*count{}
		add := func(i int, p string) {
			if len(p) > maxBoilerplate {
				return
			}
			h := maphash.String(seed, p)
			c := counts[h]
			if c == nil {
				c = &count{last: -1}
				counts[h] = c
			}
			if c.last != i {
				c.n++
				c.last = i
			}
		}
		for i, slot := range arts {
			a := *slot
			add(i, a.Title)
			for _, p := range a.Paragraphs {
				add(i, p)
			}
		}
		least := max(minBoilerplateFiles, (len(arts)+boilerplateShare-1)/boilerplateShare)
		chrome := func(p string) bool {
			if len(p) > maxBoilerplate {
				return false
			}
			c := counts[maphash.String(seed, p)]
			return c != nil && c.n >= least
		}
		for _, slot := range arts {
			*slot = l.dropChrome(*slot, chrome)
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
