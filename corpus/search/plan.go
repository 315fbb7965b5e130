package search

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

// resolve makes the plan of q on the index: each word's vocabulary terms
// (itself, the words it starts, or fuzzy ones), and the clauses in the
// order they are best evaluated.
func (ix *index) resolve(ctx context.Context, q *Query) (*plan, error) {
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
