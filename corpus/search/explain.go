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
	w := fold.NewWords(text)
	for w.Next() {
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
