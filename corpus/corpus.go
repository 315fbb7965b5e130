// Package corpus is gazette's model: an Article with its Date and the
// Date's Precision, and a Corpus, a set of articles in timeline order that
// does not change once made. It knows nothing of how articles are loaded
// (see the ingest package), searched (see the search package) or shown.
//
// New sorts the articles once, in O(n log n), comparing keys read once
// from the dates; At, ByID and Position cost O(1); Closest costs one edit
// distance per article. A corpus made FromSource (a snapshot) builds each
// article on its first At, so that opening costs nothing per article;
// ByID and Position ask the source.
package corpus

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
)

// Corpus is a set of articles in timeline order: oldest first, undated
// last, ties broken by ID. It does not change once made, so any number of
// goroutines may read it at once.
type Corpus struct {
	articles []*Article
	byID     map[string]int
	// source, when set, gives the articles instead of articles and byID;
	// built holds those built so far, in chunks of builtChunk made on
	// first use: a process that reads a few articles of a million does
	// not make (nor its collector scan) a slot for each.
	source Source
	n      int
	built  []atomic.Pointer[[builtChunk]atomic.Pointer[Article]]
}

// builtChunk is how many articles a chunk of Corpus.built holds.
const builtChunk = 1024

// slot returns where article i is kept once built, making its chunk.
func (c *Corpus) slot(i int) *atomic.Pointer[Article] {
	ch := &c.built[i/builtChunk]
	p := ch.Load()
	if p == nil {
		ch.CompareAndSwap(nil, new([builtChunk]atomic.Pointer[Article]))
		p = ch.Load()
	}
	return &p[i%builtChunk]
}

// builtAt returns article i when it was built, nil otherwise.
func (c *Corpus) builtAt(i int) *Article {
	if p := c.built[i/builtChunk].Load(); p != nil {
		return p[i%builtChunk].Load()
	}
	return nil
}

// Source gives the articles of a corpus on demand, already in timeline
// order with unique IDs (see FromSource).
type Source interface {
	// Len returns the number of articles.
	Len() int
	// Article builds article i, 0 <= i < Len.
	Article(i int) *Article
	// Date and ID return the date and the ID of article i without
	// building it.
	Date(i int) Date
	ID(i int) string
	// Find returns the position of the article with the given ID.
	Find(id string) (int, bool)
}

// FromSource makes a corpus of the articles src gives, building each
// one on its first use. The source is trusted to be in timeline order
// with unique IDs (a snapshot checks this when it is written).
func FromSource(src Source) *Corpus {
	n := src.Len()
	return &Corpus{source: src, n: n, built: make([]atomic.Pointer[[builtChunk]atomic.Pointer[Article]], (n+builtChunk-1)/builtChunk)}
}

// New builds a corpus from articles already made, in any order. IDs that
// repeat are made unique by a "~2", "~3"... suffix, in source order, on a
// copy of the article: the articles given are not changed.
func New(articles []*Article) *Corpus {
	c := &Corpus{articles: slices.Clone(articles)}
	// seen counts the articles of each ID; its keys end up being exactly
	// the IDs, and it becomes byID.
	seen := make(map[string]int, len(articles))
	for i, a := range c.articles {
		base := a.ID
		seen[base]++
		for n := seen[base]; n > 1; n++ {
			id := fmt.Sprintf("%s~%d", base, n)
			if _, taken := seen[id]; !taken {
				// A copy: the article given may be read elsewhere.
				cp := *a
				cp.ID = id
				c.articles[i] = &cp
				seen[id] = 1
				seen[base] = n
				break
			}
		}
	}
	sortTimeline(c.articles)
	for i, a := range c.articles {
		seen[a.ID] = i
	}
	c.byID = seen
	return c
}

// CompareTimeline orders two articles as a corpus does: by Date.Before
// (undated last), then by ID. It returns -1, 0 or +1.
func CompareTimeline(a, b *Article) int {
	switch {
	case a.Date.Before(b.Date):
		return -1
	case b.Date.Before(a.Date):
		return 1
	}
	return cmp.Compare(a.ID, b.ID)
}

// sortTimeline sorts articles with unique IDs in timeline order: by
// Date.Before, then by ID (CompareTimeline). The dates are read once into keys, which the
// sort compares without calling into time.
func sortTimeline(arts []*Article) {
	type key struct {
		undated bool
		sec     int64
		nsec    int32
		prec    Precision
		a       *Article
	}
	keys := make([]key, len(arts))
	for i, a := range arts {
		keys[i] = key{undated: true, a: a}
		if d := a.Date; !d.IsZero() {
			keys[i] = key{sec: d.Time.Unix(), nsec: int32(d.Time.Nanosecond()), prec: d.Precision, a: a}
		}
	}
	slices.SortFunc(keys, func(x, y key) int {
		if x.undated != y.undated {
			if x.undated {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(x.sec, y.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(x.nsec, y.nsec); c != 0 {
			return c
		}
		if c := cmp.Compare(x.prec, y.prec); c != 0 {
			return c
		}
		return cmp.Compare(x.a.ID, y.a.ID)
	})
	for i, k := range keys {
		arts[i] = k.a
	}
}

// Source returns what gives the corpus's articles when it was made
// FromSource, nil otherwise: what else the source knows of them (a
// snapshot, their content keys) may be asked of it.
func (c *Corpus) Source() Source { return c.source }

// Len returns the number of articles.
func (c *Corpus) Len() int {
	if c.source != nil {
		return c.n
	}
	return len(c.articles)
}

// At returns the i-th article on the timeline. The article is shared: do not
// modify it.
func (c *Corpus) At(i int) *Article {
	if c.source == nil {
		return c.articles[i]
	}
	slot := c.slot(i)
	if a := slot.Load(); a != nil {
		return a
	}
	// Two goroutines may build the same article: the first one stored
	// is the one everybody gets.
	slot.CompareAndSwap(nil, c.source.Article(i))
	return slot.Load()
}

// Read returns the i-th article as At does, but, when the corpus builds
// its articles on demand (FromSource), without keeping one it had not
// built: for a pass over every article that needs each once (hashing
// them all), so that the pass does not hold them all.
func (c *Corpus) Read(i int) *Article {
	if c.source == nil {
		return c.articles[i]
	}
	if a := c.builtAt(i); a != nil {
		return a
	}
	return c.source.Article(i)
}

// Release tells a corpus that builds its articles on demand from a
// mapped file that the text of articles [i, j) has been read and need not
// stay in memory (see FromSource): its pages are given back, and read
// from the file again when next used. Other corpora ignore it.
func (c *Corpus) Release(i, j int) {
	if r, ok := c.source.(interface{ Release(i, j int) }); ok {
		r.Release(i, j)
	}
}

// Prefetch tells a corpus that builds its articles on demand from a
// mapped file that articles [i, j) are about to be read in turn: their
// pages are read ahead in one go (a file opened for the reader's random
// reads is not read ahead otherwise). Other corpora ignore it.
func (c *Corpus) Prefetch(i, j int) {
	if r, ok := c.source.(interface{ Prefetch(i, j int) }); ok {
		r.Prefetch(i, j)
	}
}

// DateAt returns the date of the i-th article on the timeline. Unlike
// At(i).Date, it builds no article (see FromSource): a timeline of a
// million articles reads a million dates, not a million articles.
func (c *Corpus) DateAt(i int) Date {
	if c.source == nil {
		return c.articles[i].Date
	}
	if a := c.builtAt(i); a != nil {
		return a.Date
	}
	return c.source.Date(i)
}

// IDAt returns the ID of the i-th article on the timeline, building no
// article (see DateAt).
func (c *Corpus) IDAt(i int) string {
	if c.source == nil {
		return c.articles[i].ID
	}
	if a := c.builtAt(i); a != nil {
		return a.ID
	}
	return c.source.ID(i)
}

// Articles returns the articles in timeline order. The slice is a copy; the
// articles are shared and must not be modified.
func (c *Corpus) Articles() []*Article {
	if c.source == nil {
		return slices.Clone(c.articles)
	}
	out := make([]*Article, c.Len())
	for from := 0; from < len(out); from += ReleaseStep {
		to := min(from+ReleaseStep, len(out))
		for i := from; i < to; i++ {
			out[i] = c.At(i)
		}
		// Building an article checks its text: those pages go back.
		c.Release(from, to)
	}
	return out
}

// ReleaseStep is how many articles a pass over all of them reads before
// it releases their pages (Release): a few megabytes of text.
const ReleaseStep = 1024

// ByID returns the article with the given ID.
func (c *Corpus) ByID(id string) (*Article, bool) {
	i, ok := c.Position(id)
	if !ok {
		return nil, false
	}
	return c.At(i), true
}

// Position returns where the article with the given ID is on the
// timeline, without building any article.
func (c *Corpus) Position(id string) (int, bool) {
	if c.source != nil {
		return c.source.Find(id)
	}
	i, ok := c.byID[id]
	return i, ok
}

// Closest returns up to n IDs that look most like id: those that contain
// it or that it starts, then the fewest edits away. It costs one edit
// distance per article.
func (c *Corpus) Closest(id string, n int) []string {
	type cand struct {
		id   string
		dist int
	}
	lid := strings.ToLower(id)
	cands := make([]cand, 0, c.Len())
	for _, a := range c.Articles() {
		la := strings.ToLower(a.ID)
		d := editDistance(lid, la)
		if lid != "" && (strings.Contains(la, lid) || strings.HasPrefix(lid, la)) {
			d = -1
		}
		cands = append(cands, cand{a.ID, d})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.dist != b.dist {
			return cmp.Compare(a.dist, b.dist)
		}
		return cmp.Compare(a.id, b.id)
	})
	out := make([]string, 0, n)
	for _, cd := range cands[:min(n, len(cands))] {
		out = append(out, cd.id)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
