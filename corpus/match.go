package corpus

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// plan is a query resolved against one corpus's vocabulary: positive
// clauses first (phrases last, when fewer articles are left to check),
// then the negated ones.
type plan struct {
	clauses []clausePlan
	// hasWords is set when some positive clause matches words, so that
	// hits have spans to explain.
	hasWords bool
}

type clausePlan struct {
	not  bool
	alts []atomPlan
}

type atomPlan struct {
	title bool
	words []wordPlan
	dates *dateRange
}

// wordPlan is one query word and the vocabulary terms it matches: itself,
// the words it starts (lo to hi), or, when it starts none, fuzzy ones.
type wordPlan struct {
	word   string
	prefix bool
	exact  int32
	lo, hi int32
	fuzzy  []expansion
	// fuzzySet holds the fuzzy terms, for Explain.
	fuzzySet map[string]bool
}

// expansion is a vocabulary term a fuzzy word matches, and how.
type expansion struct {
	term int32
	kind matchKind
}

// terms lists the vocabulary terms the word matches in a phrase.
func (wp *wordPlan) terms() []int32 {
	var ts []int32
	if wp.exact >= 0 {
		ts = append(ts, wp.exact)
	}
	if wp.prefix {
		for t := wp.lo; t < wp.hi; t++ {
			if t != wp.exact {
				ts = append(ts, t)
			}
		}
	}
	return ts
}

// matches reports whether the folded word w of a text matches wp.
func (wp *wordPlan) matches(w []byte) bool {
	if string(w) == wp.word {
		return true
	}
	if wp.prefix && len(w) > len(wp.word) && string(w[:len(wp.word)]) == wp.word {
		return true
	}
	return wp.fuzzySet[string(w)]
}

func (c *Corpus) resolve(ctx context.Context, q *Query) (*plan, error) {
	p := &plan{}
	positives := 0
	for _, cl := range q.clauses {
		if !cl.not {
			positives++
		}
	}
	if positives > maxClauses {
		return nil, &QueryError{Pos: len(q.text), Msg: fmt.Sprintf("too many terms: at most %d", maxClauses)}
	}
	ix := c.index()
	for _, cl := range q.clauses {
		cp := clausePlan{not: cl.not}
		for i := range cl.alts {
			a := &cl.alts[i]
			ap := atomPlan{title: a.title, dates: a.dates}
			for j, w := range a.words {
				wp := wordPlan{word: w, exact: ix.lookup(w), prefix: !a.exact && j == len(a.words)-1}
				if wp.prefix {
					wp.lo, wp.hi = ix.prefixRange(w)
					if len(a.words) == 1 && wp.lo == wp.hi && !cl.not {
						var err error
						if wp.fuzzy, err = ix.fuzzy(ctx, w); err != nil {
							return nil, err
						}
						wp.fuzzySet = make(map[string]bool, len(wp.fuzzy))
						for _, x := range wp.fuzzy {
							wp.fuzzySet[ix.vocab[x.term]] = true
						}
					}
				}
				ap.words = append(ap.words, wp)
			}
			if len(ap.words) > 0 && !cl.not {
				p.hasWords = true
			}
			cp.alts = append(cp.alts, ap)
		}
		p.clauses = append(p.clauses, cp)
	}
	rank := func(cp *clausePlan) int {
		switch {
		case cp.not:
			return 2
		case slices.ContainsFunc(cp.alts, func(a atomPlan) bool { return len(a.words) > 1 }):
			return 1
		}
		return 0
	}
	slices.SortStableFunc(p.clauses, func(a, b clausePlan) int { return cmp.Compare(rank(&a), rank(&b)) })
	return p, nil
}

// fuzzy returns the vocabulary words that word matches as a subsequence
// (three letters or more, within a window of twice its length plus four)
// or with one typo (five letters or more: one letter added, dropped,
// changed, or two swapped, in the whole word or a prefix of it). It scans
// the vocabulary once and keeps the maxFuzzy most frequent matches.
func (ix *index) fuzzy(ctx context.Context, word string) ([]expansion, error) {
	letters := utf8.RuneCountInString(word)
	if letters < 3 {
		return nil, nil
	}
	var out []expansion
	for t, v := range ix.vocab {
		if t&4095 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		switch {
		case isSubsequence(word, v):
			out = append(out, expansion{int32(t), subsequenceMatch})
		case letters >= 5 && oneTypo(word, v):
			out = append(out, expansion{int32(t), typoMatch})
		}
	}
	if len(out) > maxFuzzy {
		slices.SortFunc(out, func(a, b expansion) int {
			if a.kind != b.kind {
				return cmp.Compare(a.kind, b.kind)
			}
			return cmp.Compare(ix.bodyDF[b.term]+ix.titleDF[b.term], ix.bodyDF[a.term]+ix.titleDF[a.term])
		})
		out = out[:maxFuzzy]
		slices.SortFunc(out, func(a, b expansion) int { return cmp.Compare(a.term, b.term) })
	}
	return out, nil
}

// isSubsequence reports whether the bytes of q occur in order in w,
// within a window of 2*len(q)+4 bytes.
func isSubsequence(q, w string) bool {
	if len(w) < len(q) {
		return false
	}
	start := strings.IndexByte(w, q[0])
	for start >= 0 {
		i, j := 1, start+1
		limit := min(len(w), start+2*len(q)+4)
		for i < len(q) && j < limit {
			if w[j] == q[i] {
				i++
			}
			j++
		}
		if i == len(q) {
			return true
		}
		if j >= len(w) {
			return false
		}
		next := strings.IndexByte(w[start+1:], q[0])
		if next < 0 {
			return false
		}
		start += 1 + next
	}
	return false
}

// oneTypo reports whether w, or a prefix of w, is one edit away from q.
func oneTypo(q, w string) bool {
	if oneEdit(q, w) {
		return true
	}
	for _, l := range []int{len(q) - 1, len(q), len(q) + 1} {
		if l < len(w) && oneEdit(q, w[:l]) {
			return true
		}
	}
	return false
}

// oneEdit reports whether a and b differ by at most one inserted, deleted
// or changed byte, or two adjacent bytes swapped.
func oneEdit(a, b string) bool {
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case i == la && i == lb:
		return true
	case la == lb:
		return a[i+1:] == b[i+1:] || (i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:])
	case la > lb:
		return a[i+1:] == b[i:]
	}
	return a[i:] == b[i+1:]
}

// Explain fills in h's match spans in the title and body and its snippet.
// It costs a scan of the article's text; it is safe to call from several
// goroutines on different hits.
func (r *Results) Explain(h *Hit) {
	a := r.c.articles[h.Index]
	var sc scratch
	h.Title = mergeSpans(r.plan.match(&sc, a.Title, true))
	h.Body = nil
	best, bestClauses, bestPara := Span{}, 0, -1
	var bestMatches []clauseMatch
	for pi, p := range a.Paragraphs {
		ms := r.plan.match(&sc, p, false)
		if len(ms) == 0 {
			continue
		}
		for _, s := range mergeSpans(ms) {
			h.Body = append(h.Body, BodySpan{Para: pi, Span: s})
		}
		if bestClauses == len(r.plan.clauses) {
			continue
		}
		slices.SortFunc(ms, func(a, b clauseMatch) int { return cmp.Compare(a.Start, b.Start) })
		for _, sent := range sentences(p) {
			var seen uint64
			n := 0
			for _, m := range ms {
				if m.Start >= sent.Start && m.Start < sent.End && seen&(1<<(m.clause%64)) == 0 {
					seen |= 1 << (m.clause % 64)
					n++
				}
			}
			if n > bestClauses {
				best, bestClauses, bestPara, bestMatches = sent, n, pi, ms
			}
		}
	}
	h.Snippet, h.SnippetSpans = "", nil
	switch {
	case bestPara >= 0:
		var in []Span
		for _, m := range bestMatches {
			if m.Start >= best.Start && m.End <= best.End {
				in = append(in, m.Span)
			}
		}
		h.Snippet, h.SnippetSpans = snippet(a.Paragraphs[bestPara], best, mergeSpans(spansOf(in)))
	case len(a.Paragraphs) > 0:
		p := a.Paragraphs[0]
		if s := sentences(p); len(s) > 0 {
			h.Snippet, _ = snippet(p, s[0], nil)
		}
	}
}

// clauseMatch is a match of a clause of the query in a text.
type clauseMatch struct {
	Span
	clause int
}

// scratch holds the words of one text, reused between texts.
type scratch struct {
	folded []byte
	words  []scratchWord
}

type scratchWord struct{ start, end, fs, fe int }

// match returns the matches of the plan's positive clauses in text.
func (p *plan) match(sc *scratch, text string, inTitle bool) []clauseMatch {
	sc.folded, sc.words = sc.folded[:0], sc.words[:0]
	w := newWords(text)
	for w.next() {
		fs := len(sc.folded)
		sc.folded = append(sc.folded, w.Folded...)
		sc.words = append(sc.words, scratchWord{w.Start, w.End, fs, len(sc.folded)})
	}
	var out []clauseMatch
	for ci := range p.clauses {
		cl := &p.clauses[ci]
		if cl.not {
			continue
		}
		for _, ap := range cl.alts {
			if len(ap.words) == 0 || (ap.title && !inTitle) {
				continue
			}
			k := len(ap.words)
		next:
			for i := 0; i+k <= len(sc.words); i++ {
				for j := range ap.words {
					sw := sc.words[i+j]
					if !ap.words[j].matches(sc.folded[sw.fs:sw.fe]) {
						continue next
					}
				}
				out = append(out, clauseMatch{Span{sc.words[i].start, sc.words[i+k-1].end}, ci})
			}
		}
	}
	return out
}

func spansOf(ms []Span) []clauseMatch {
	out := make([]clauseMatch, len(ms))
	for i, s := range ms {
		out[i] = clauseMatch{Span: s}
	}
	return out
}

// mergeSpans returns the spans of ms in order, overlapping ones joined.
func mergeSpans(ms []clauseMatch) []Span {
	if len(ms) == 0 {
		return nil
	}
	spans := make([]Span, len(ms))
	for i, m := range ms {
		spans[i] = m.Span
	}
	slices.SortFunc(spans, func(a, b Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// sentences splits a paragraph after '.', '!', '?' or '…' followed by a
// space, returning the sentences without their surrounding spaces.
func sentences(p string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && (p[s] == ' ' || p[s] == '\n' || p[s] == '\t') {
			s++
		}
		for e > s && (p[e-1] == ' ' || p[e-1] == '\n' || p[e-1] == '\t') {
			e--
		}
		if s < e {
			out = append(out, Span{s, e})
		}
		start = end
	}
	for i := 0; i < len(p); i++ {
		end := -1
		switch {
		case p[i] == '.' || p[i] == '!' || p[i] == '?':
			end = i + 1
		case strings.HasPrefix(p[i:], "…"):
			end = i + len("…")
		}
		if end < 0 {
			continue
		}
		for end < len(p) && (p[end] == ')' || p[end] == '"') {
			end++
		}
		if end == len(p) || p[end] == ' ' || p[end] == '\n' || strings.HasPrefix(p[end:], "\u00a0") {
			emit(end)
			i = end - 1
		}
	}
	emit(len(p))
	return out
}

// maxSnippet is the longest snippet, in bytes, before the ellipses.
const maxSnippet = 240

// snippet cuts the sentence sent of p to at most maxSnippet bytes around
// its first match, at spaces, marking cuts with "…", and returns it with
// the spans moved into it.
func snippet(p string, sent Span, spans []Span) (string, []Span) {
	from, to := sent.Start, sent.End
	if to-from > maxSnippet {
		if len(spans) > 0 && spans[0].Start-60 > from {
			from = spaceAfter(p, spans[0].Start-60, spans[0].Start)
		}
		if to-from > maxSnippet {
			to = spaceBefore(p, from+maxSnippet, from)
			if len(spans) > 0 && to < spans[0].End {
				to = min(sent.End, spans[0].End)
			}
		}
	}
	var b strings.Builder
	if from > sent.Start {
		b.WriteString("… ")
	}
	shift := b.Len() - from
	b.WriteString(p[from:to])
	if to < sent.End {
		b.WriteString(" …")
	}
	var out []Span
	for _, s := range spans {
		if s.Start >= from && s.End <= to {
			out = append(out, Span{s.Start + shift, s.End + shift})
		}
	}
	return b.String(), out
}

// spaceAfter returns the position after the first space in p[i:limit], or
// i moved to a rune start when there is none.
func spaceAfter(p string, i, limit int) int {
	if j := strings.IndexByte(p[i:limit], ' '); j >= 0 {
		return i + j + 1
	}
	for i < limit && !utf8.RuneStart(p[i]) {
		i++
	}
	return i
}

// spaceBefore returns the position of the last space in p[floor:i], or i
// moved back to a rune start when there is none.
func spaceBefore(p string, i, floor int) int {
	if j := strings.LastIndexByte(p[floor:i], ' '); j > 0 {
		return floor + j
	}
	for i > floor && !utf8.RuneStart(p[i]) {
		i--
	}
	return i
}
