package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// Explain fills in h's match spans in the title and body and its snippet.
// It costs a scan of the article's text; it is safe to call from several
// goroutines on different hits.
func (r *Results) Explain(h *Hit) {
	if r.explain != nil {
		r.explain(h)
		return
	}
	a := r.x.c.At(h.Index)
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
		if bestClauses == len(r.plan.root.clauses) {
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

// ExplainSpans fills in the match spans of each hit in its title and its
// paragraphs, without the snippet Explain also makes: what a concordance
// needs. The hits share one set of buffers, so a batch costs the scan of
// their text and little more; it is safe to call from several goroutines
// on different hits.
func (r *Results) ExplainSpans(hits []Hit) {
	if r.explain != nil {
		for i := range hits {
			r.explain(&hits[i])
		}
		return
	}
	var sc scratch
	for i := range hits {
		h := &hits[i]
		a := r.x.c.At(h.Index)
		h.Title = mergeSpans(r.plan.match(&sc, a.Title, true))
		h.Body = nil
		for pi, p := range a.Paragraphs {
			for _, s := range mergeSpans(r.plan.match(&sc, p, false)) {
				h.Body = append(h.Body, BodySpan{Para: pi, Span: s})
			}
		}
	}
}

// clauseMatch is a match of a clause of the query in a text.
type clauseMatch struct {
	Span
	clause int
}

// scratch holds the tokens of one text, reused between texts.
type scratch struct {
	toks []fold.Token
	// folded holds the tokens' folded forms, which point into it.
	folded []byte
	// at[p] is the index in toks of the word at position p; longer are
	// the indexes of the longer tokens (joined, with symbols).
	at, longer []int
	walk       fold.Tokens
}

// tokenize cuts text into sc's tokens.
func (sc *scratch) tokenize(text string) {
	sc.toks, sc.folded, sc.at, sc.longer = sc.toks[:0], sc.folded[:0], sc.at[:0], sc.longer[:0]
	t := &sc.walk
	for t.Reset(text); t.Next(); {
		tok := t.Token
		// Earlier tokens keep pointing at the bytes they had if folded
		// grows: they are never written again before the next text.
		from := len(sc.folded)
		sc.folded = append(sc.folded, tok.Folded...)
		tok.Folded = sc.folded[from:len(sc.folded):len(sc.folded)]
		if tok.Kind == fold.Word {
			sc.at = append(sc.at, len(sc.toks))
		} else {
			sc.longer = append(sc.longer, len(sc.toks))
		}
		sc.toks = append(sc.toks, tok)
	}
}

// startsAt returns the first token at word position p that matches wp as
// a word of a phrase, if any.
func (sc *scratch) startsAt(p int, wp *wordPlan) (*fold.Token, bool) {
	if p >= len(sc.at) {
		return nil, false
	}
	if t := &sc.toks[sc.at[p]]; wholeOrPrefix(wp, t.Folded) {
		return t, true
	}
	for _, k := range sc.longer {
		if t := &sc.toks[k]; t.Pos == p && wholeOrPrefix(wp, t.Folded) {
			return t, true
		}
	}
	return nil, false
}

// match returns the matches of the plan's positive clauses in text,
// numbered by clause of the query's top group.
func (p *plan) match(sc *scratch, text string, inTitle bool) []clauseMatch {
	sc.tokenize(text)
	var out []clauseMatch
	for ci := range p.root.clauses {
		cl := &p.root.clauses[ci]
		if cl.not {
			continue
		}
		for _, s := range sc.clauseSpans(cl, inTitle) {
			out = append(out, clauseMatch{s, ci})
		}
	}
	return out
}

// clauseSpans returns the matches of the alternatives of a positive
// clause in the tokenized text.
func (sc *scratch) clauseSpans(cl *clausePlan, inTitle bool) []Span {
	var out []Span
	for i := range cl.alts {
		ap := &cl.alts[i]
		switch {
		case ap.sub != nil:
			for j := range ap.sub.clauses {
				if sub := &ap.sub.clauses[j]; !sub.not {
					out = append(out, sc.clauseSpans(sub, inTitle)...)
				}
			}
		case len(ap.words) == 0 || ap.meta != nil || (ap.title && !inTitle):
		default:
			out = append(out, sc.atomSpans(ap)...)
		}
	}
	return out
}

// atomSpans returns the matches of a term or phrase in the tokenized
// text: tokens that match a term, runs of tokens in sequence for a phrase.
func (sc *scratch) atomSpans(ap *atomPlan) []Span {
	var out []Span
	if len(ap.words) == 1 {
		// A longer token (a compound, a token with symbols) comes after its
		// words: it is a match of its own only when none of its words is,
		// so that "otan" marks "OTAN" in "OTAN-industrie", not the whole.
		var words []int // positions of the words matched, in order
		for i := range sc.toks {
			t := &sc.toks[i]
			if !ap.words[0].matches(t.Folded) {
				continue
			}
			if t.Kind == fold.Word {
				words = append(words, t.Pos)
			} else if k := len(words); k > 0 && words[k-1] >= t.Pos && words[k-1] < t.Pos+t.Width {
				continue
			}
			out = append(out, Span{t.Start, t.End})
		}
		return out
	}
	for i := range sc.toks {
		t := &sc.toks[i]
		if !wholeOrPrefix(&ap.words[0], t.Folded) {
			continue
		}
		end, ok := t.End, true
		for j := 1; j < len(ap.words) && ok; j++ {
			var u *fold.Token
			if u, ok = sc.startsAt(t.Pos+int(ap.offs[j]), &ap.words[j]); ok {
				end = u.End
			}
		}
		if ok {
			out = append(out, Span{t.Start, end})
		}
	}
	return out
}

// wholeOrPrefix reports whether tok matches a word of a phrase: whole, or
// as a start for the last word typed.
func wholeOrPrefix(wp *wordPlan, tok []byte) bool {
	return string(tok) == wp.word || (wp.prefix && len(tok) > len(wp.word) && string(tok[:len(wp.word)]) == wp.word)
}

// phraseMatches returns the matches of a phrase atom in text.
func phraseMatches(text string, ap *atomPlan) []Span {
	var sc scratch
	sc.tokenize(text)
	return sc.atomSpans(ap)
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
