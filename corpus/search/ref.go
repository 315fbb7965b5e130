package search

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// The references of the index's fast paths: each computes by the plain
// way what its fast path computes with a shortcut. equivalence_test.go
// holds each pair together.

// tokenRef is a token as the index keeps it: its folded form and position.
type tokenRef struct {
	folded string
	pos    uint32
}

// addTextRef is addText by fold.Tokens, the tokenizer queries and
// snippets use: the folded tokens of s, in order, with their positions.
func addTextRef(s string) []tokenRef {
	var out []tokenRef
	for t := fold.NewTokens(s); t.Next(); {
		out = append(out, tokenRef{string(t.Folded), uint32(t.Pos)})
	}
	return out
}

// skipVarintsRef is skipVarints one varint at a time.
func skipVarintsRef(b []byte, i int, n uint32) int {
	for ; n > 0; n-- {
		_, size := binary.Uvarint(b[i:])
		i += size
	}
	return i
}

// wordIDsRef is shardBuild.id's word table as a Go map: the id of each
// word is the number of distinct words before its first occurrence.
type wordIDsRef map[string]int32

func (m wordIDsRef) id(w []byte) int32 {
	if id, ok := m[string(w)]; ok {
		return id
	}
	id := int32(len(m))
	m[string(w)] = id
	return id
}

// prefixCountsRef is a heavy prefix's counts by the postings: per article
// of the shard, the occurrences of the terms of vocab [lo, hi) in f, at
// most 15.
func prefixCountsRef(f *fieldIndex, lo, hi int) map[int32]uint32 {
	counts := map[int32]uint32{}
	for t := lo; t < hi; t++ {
		p := f.postings(int32(t))
		for p.next() {
			counts[p.doc] = min(15, counts[p.doc]+p.count)
		}
	}
	return counts
}

// infixRef is lexicon.infix by reading every term.
func infixRef(words []string, t string) []int32 {
	var out []int32
	for id, w := range words {
		if len(t) >= 3 && len(w) > len(t) && !strings.HasPrefix(w, t) && strings.Contains(w[1:], t) {
			out = append(out, int32(id))
		}
	}
	return out
}

// typosRef is lexicon.typos by the distance of t to every word.
func typosRef(words []string, t string, two bool) []int32 {
	var out []int32
	q := []rune(t)
	for id, w := range words {
		r := []rune(w)
		if !isPlainWord(w) {
			continue
		}
		if d := osaDistance(q, r); d <= 1 || (two && d == 2 && q[0] == r[0]) {
			out = append(out, int32(id))
		}
	}
	return out
}

// osaDistance is the optimal string alignment distance of a and b: the
// fewest runes added, dropped or changed, or neighbours swapped.
func osaDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// findRef is the evaluation of a plan by reading every article: its
// titles, bodies and metadata cut into tokens, each clause checked
// against them with the matching Explain uses. Find must find the same
// articles through the postings, prefix counts and metadata lists.
// Texts are cut once into cache, which may be shared between calls.
func findRef(ix *index, p *plan, cache *tokenCache) []int32 {
	var out []int32
	for d := range ix.n {
		if groupMatchesRef(ix, cache, &p.root, int32(d)) {
			out = append(out, int32(d))
		}
	}
	return out
}

// tokenCache holds texts cut into tokens: per article, its title and
// paragraphs, and metadata values by their text.
type tokenCache struct {
	texts map[int32][]*scratch
	meta  map[string]*scratch
}

func newTokenCache() *tokenCache {
	return &tokenCache{texts: map[int32][]*scratch{}, meta: map[string]*scratch{}}
}

// article returns the title and paragraphs of article d cut into tokens.
func (c *tokenCache) article(d int32, a *corpus.Article) []*scratch {
	if scs, ok := c.texts[d]; ok {
		return scs
	}
	var scs []*scratch
	for _, text := range append([]string{a.Title}, a.Paragraphs...) {
		sc := &scratch{}
		sc.tokenize(text)
		scs = append(scs, sc)
	}
	c.texts[d] = scs
	return scs
}

// value returns a metadata value cut into tokens.
func (c *tokenCache) value(v string) *scratch {
	sc := c.meta[v]
	if sc == nil {
		sc = &scratch{}
		sc.tokenize(v)
		c.meta[v] = sc
	}
	return sc
}

// groupMatchesRef reports whether article d matches every clause of g.
func groupMatchesRef(ix *index, cache *tokenCache, g *groupPlan, d int32) bool {
	for i := range g.clauses {
		cl := &g.clauses[i]
		any := false
		for j := range cl.alts {
			if atomMatchesRef(ix, cache, &cl.alts[j], d) {
				any = true
				break
			}
		}
		if any == cl.not {
			return false
		}
	}
	return true
}

// atomMatchesRef reports whether article d matches one alternative.
func atomMatchesRef(ix *index, cache *tokenCache, ap *atomPlan, d int32) bool {
	a := ix.art(d)
	switch {
	case ap.dates != nil:
		from, to := ap.dates.unix()
		start, end := dateSpan(a.Date)
		return start != math.MaxInt64 && start < to && end > from
	case ap.sub != nil:
		return groupMatchesRef(ix, cache, ap.sub, d)
	case ap.mark != nil:
		return markMatchesRef(ap.mark, d)
	}
	if ap.meta != nil {
		for _, v := range ap.meta.values(a) {
			if len(cache.value(v).atomSpans(ap)) > 0 {
				return true
			}
		}
		return false
	}
	texts := cache.article(d, a)
	if ap.title {
		texts = texts[:1]
	}
	for _, sc := range texts {
		if len(sc.atomSpans(ap)) > 0 {
			return true
		}
	}
	return false
}

// subsequenceRef is lexicon.subsequence by reading every term.
func subsequenceRef(words []string, t string) []int32 {
	var out []int32
	for id, w := range words {
		if isSubsequence(t, w) && isPlainWord(w) {
			out = append(out, int32(id))
		}
	}
	return out
}

// markMatchesRef reports whether article d matches a term about marks, by
// asking the marks about d alone.
func markMatchesRef(mp *markPlan, d int32) bool {
	switch mp.kind {
	case markRead:
		return mp.marks.Read(int(d))
	case markUnread:
		return !mp.marks.Read(int(d))
	case markStarred:
		return mp.marks.Starred(int(d))
	}
	return slices.Contains(mp.docs, d)
}
