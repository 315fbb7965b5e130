package search

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// plan is a query resolved against one corpus's vocabulary.
type plan struct {
	root groupPlan
	// hasWords is set when some positive clause matches words, so that
	// hits have spans to explain.
	hasWords bool
	// notes say what the query was widened to, for the filter line.
	notes []string
	// marks are the reader's marks, for the terms about them (nil when
	// there are none).
	marks Marks
}

// groupPlan is a group of clauses: positive clauses first (phrases last,
// when fewer articles are left to check), then the negated ones.
type groupPlan struct {
	clauses []clausePlan
}

type clausePlan struct {
	not  bool
	alts []atomPlan
}

// atomPlan is one alternative resolved: words (a term or a phrase) in
// titles and bodies or in titles only, words in a metadata field, a date
// range, or a group.
type atomPlan struct {
	title bool
	meta  *metaField
	words []wordPlan
	// offs are the positions of a phrase's words from its first one:
	// a token with symbols spans several words.
	offs  []uint32
	dates *dateRange
	sub   *groupPlan
	// mark is a term about the reader's marks (see markPlan).
	mark *markPlan
}

// wordPlan is one query word and the vocabulary terms it matches.
type wordPlan struct {
	word string
	// prefix: the word also matches terms it starts, lo to hi (itself
	// included when it is a term, at exact).
	prefix bool
	exact  int32
	lo, hi int32
	// inside: the word also matches terms it sits in (three letters or
	// more), which are in forms.
	inside bool
	// forms are the other terms the word matches and how (inside, typo,
	// letters in order), by term, each once.
	forms []form
	// fixes are the words a typo away that joined, most common first;
	// abbrevs the words holding its letters in order; both in folded form.
	fixes, abbrevs []string
	// formsFound is how many forms there were before the maxForms cap;
	// used is the set of forms kept when the cap cut some, for Explain.
	formsFound int
	used       map[string]matchKind
	abbrevSet  map[string]bool
	// bodyDF and titleDF estimate the articles holding the word's terms.
	bodyDF, titleDF uint64
}

// form is a vocabulary term a word matches, and how.
type form struct {
	term int32
	kind matchKind
}

// Limits and thresholds of word resolution.
const (
	// maxForms bounds the terms one query word expands to (inside words,
	// typos, letters in order): past it, the most frequent are kept and
	// the filter line says how many.
	maxForms = 20000
	// fixRatio is how much more common the words a typo away, or the
	// words holding a term's letters in order, must be than what the term
	// matches itself, when it matches something, to join it: a rare
	// misspelling the corpus holds (a few articles beside thousands) still
	// finds the word; a word that is right but rarer than its neighbour
	// (a name beside a common word) is not taken for a typo of it.
	fixRatio = 100
	// minTypoWordRunes is the shortest word one typo may reach, and
	// minTwoTypoWordRunes the shortest two typos may; a term one letter
	// shorter (a letter dropped) looks for them. minAbbrevRunes is the
	// shortest term read as an abbreviation; minInsideRunes the shortest
	// found inside words.
	minTypoWordRunes    = 5
	minTwoTypoWordRunes = 9
	minAbbrevRunes      = 4
	minInsideRunes      = 3
)

// resolve makes the plan of q on the index, with the reader's marks.
func (ix *index) resolve(ctx context.Context, q *Query, marks Marks) (*plan, error) {
	p := &plan{marks: marks}
	g, err := ix.resolveGroup(ctx, &q.root, p, true)
	if err != nil {
		return nil, err
	}
	p.root = g
	return p, nil
}

// resolveGroup resolves the clauses of g; positive says whether a match
// of g counts for the hit (not under a negation).
func (ix *index) resolveGroup(ctx context.Context, g *group, p *plan, positive bool) (groupPlan, error) {
	var gp groupPlan
	for i := range g.clauses {
		cl := &g.clauses[i]
		cp := clausePlan{not: cl.not}
		for j := range cl.alts {
			aps, err := ix.resolveAtom(ctx, &cl.alts[j], p, positive && !cl.not)
			if err != nil {
				return gp, err
			}
			cp.alts = append(cp.alts, aps...)
		}
		gp.clauses = append(gp.clauses, cp)
	}
	rank := func(cp *clausePlan) int {
		switch {
		case cp.not:
			return 3
		case slices.ContainsFunc(cp.alts, func(a atomPlan) bool { return a.sub != nil }):
			return 2
		case slices.ContainsFunc(cp.alts, func(a atomPlan) bool { return len(a.words) > 1 }):
			return 1
		}
		return 0
	}
	slices.SortStableFunc(gp.clauses, func(a, b clausePlan) int { return cmp.Compare(rank(&a), rank(&b)) })
	return gp, nil
}

// resolveAtom resolves one alternative into the atoms it stands for: a
// compound also stands for its other spellings.
func (ix *index) resolveAtom(ctx context.Context, a *atom, p *plan, positive bool) ([]atomPlan, error) {
	switch {
	case a.dates != nil:
		return []atomPlan{{dates: a.dates}}, nil
	case a.sub != nil:
		sub, err := ix.resolveGroup(ctx, a.sub, p, positive)
		return []atomPlan{{sub: &sub}}, err
	}
	marked, only, err := ix.resolveMarkAtom(a, p)
	if err != nil || only {
		return marked, err
	}
	ap := atomPlan{title: a.field == "title"}
	lex := &ix.lex
	if a.field != "" && a.field != "title" {
		mx := ix.meta()
		ap.meta = mx.fields[a.field]
		if ap.meta == nil {
			return nil, &QueryError{Pos: a.pos, Msg: fmt.Sprintf("unknown field %s: use %s", a.fieldName, strings.Join(mx.known(), ", "))}
		}
		lex = &mx.lex
	}
	var off uint32
	for i, w := range a.words {
		last := i == len(a.words)-1
		wp := wordPlan{word: w.text, exact: lex.lookup(w.text), prefix: last && !a.whole}
		if wp.prefix {
			wp.lo, wp.hi = lex.prefixRange(w.text)
		}
		if len(a.words) == 1 && !a.whole {
			wp.inside = utf8.RuneCountInString(w.text) >= minInsideRunes
			if err := ix.expand(ctx, lex, ap.meta, &wp, a.lone && ap.meta == nil); err != nil {
				return nil, err
			}
			p.note(ix, &wp)
		} else {
			ix.estimate(lex, &wp)
		}
		ap.words = append(ap.words, wp)
		ap.offs = append(ap.offs, off)
		off += uint32(w.width)
	}
	if positive && ap.meta == nil {
		p.hasWords = true
	}
	out := []atomPlan{ap}
	// The other spellings of a compound.
	switch {
	case a.join:
		var b strings.Builder
		for _, w := range a.words {
			b.WriteString(w.text)
		}
		joined := b.String()
		wp := wordPlan{word: joined, exact: lex.lookup(joined), prefix: !a.whole}
		if wp.prefix {
			wp.lo, wp.hi = lex.prefixRange(joined)
		}
		ix.estimate(lex, &wp)
		out = append(out, atomPlan{title: ap.title, meta: ap.meta, words: []wordPlan{wp}, offs: []uint32{0}})
	case a.lone && ap.meta == nil:
		for _, parts := range ix.compounds[a.words[0].text] {
			sp := atomPlan{title: ap.title}
			for i, part := range parts {
				wp := wordPlan{word: part, exact: lex.lookup(part)}
				ix.estimate(lex, &wp)
				sp.words = append(sp.words, wp)
				sp.offs = append(sp.offs, uint32(i))
			}
			out = append(out, sp)
		}
	}
	// tag: also finds the reader's own tags.
	return append(out, marked...), nil
}

// matches reports whether the folded token tok of a text matches wp, as
// the index finds it.
func (wp *wordPlan) matches(tok []byte) bool {
	if string(tok) == wp.word {
		return true
	}
	if wp.prefix && len(tok) > len(wp.word) && string(tok[:len(wp.word)]) == wp.word {
		return true
	}
	if wp.used != nil {
		_, ok := wp.used[string(tok)]
		return ok
	}
	if wp.inside && len(tok) > len(wp.word) && string(tok[:len(wp.word)]) != wp.word && containsString(tok[1:], wp.word) {
		return true
	}
	for _, f := range wp.fixes {
		if containsString(tok, f) {
			return true
		}
	}
	return wp.abbrevSet[string(tok)]
}

// containsString reports whether s is in b.
func containsString(b []byte, s string) bool {
	if len(s) > len(b) {
		return false
	}
	for i := 0; i+len(s) <= len(b); i++ {
		j := bytes.IndexByte(b[i:len(b)-len(s)+1], s[0])
		if j < 0 {
			return false
		}
		i += j
		if string(b[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}

// note adds to the plan's notes what wp was widened to: the words a typo
// away or with its letters in order that joined (two of them as the
// corpus writes them, and how many more), and a cut of its forms.
func (p *plan) note(ix *index, wp *wordPlan) {
	names := append(slices.Clone(wp.fixes), wp.abbrevs...)
	if len(names) > 0 {
		shown := names[:min(2, len(names))]
		for i, n := range shown {
			shown[i] = ix.display(n)
		}
		more := ""
		if len(names) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(names)-len(shown))
		}
		p.notes = append(p.notes, "+ "+strings.Join(shown, ", ")+more)
	}
	if wp.formsFound > len(wp.forms) {
		p.notes = append(p.notes, fmt.Sprintf("%s: %d of %d forms used", wp.word, len(wp.forms), wp.formsFound))
	}
}
