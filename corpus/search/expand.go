package search

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// expand finds the terms a single query word matches beyond itself and
// the words it starts: the words it sits inside (of the metadata field
// when there is one), and for a lone word (loose) the words a typo away
// when it looks misspelt and the words holding its letters in order when
// it reads as an abbreviation.
//
// The judgement is the word's own: what it matches itself (for typos,
// whole and as a start; for letters in order, inside words too) against
// how common the words it could stand for are. When it matches nothing,
// they join; when it matches some articles, they join when they are
// fixRatio times more common.
func (ix *index) expand(ctx context.Context, lex *lexicon, field *metaField, wp *wordPlan, loose bool) error {
	forms := map[int32]matchKind{}
	isOwn := func(t int32) bool { return t == wp.exact || (wp.prefix && t >= wp.lo && t < wp.hi) }
	add := func(t int32, k matchKind) {
		if isOwn(t) {
			return
		}
		if old, ok := forms[t]; !ok || k < old {
			forms[t] = k
		}
	}
	switch {
	case wp.inside && field != nil:
		field.infix(lex, wp.word, func(id int32) { add(id, infixMatch) })
	case wp.inside:
		lex.infix(wp.word, func(id int32) { add(id, infixMatch) })
	}
	if loose {
		// own estimates the articles the word matches itself (at most all);
		// whole estimates those it matches whole or as a start: a term
		// found only inside words is no word of the corpus, and may be a
		// typo ("cuado", inside "adecuado", for "cuando").
		whole := ix.rangeDF(wp.exact, wp.prefix, wp.lo, wp.hi)
		own := whole
		for t := range forms {
			own += ix.termDF(t)
		}
		whole, own = min(whole, uint64(ix.n)), min(own, uint64(ix.n))
		if err := ix.typos(ctx, lex, wp, whole, add); err != nil {
			return err
		}
		if err := ix.abbreviations(ctx, lex, wp, own, forms, add); err != nil {
			return err
		}
	}
	wp.formsFound = len(forms)
	wp.forms = make([]form, 0, len(forms))
	for t, k := range forms {
		wp.forms = append(wp.forms, form{t, k})
	}
	if len(wp.forms) > maxForms {
		// Keep the best kinds, then the most common terms.
		slices.SortFunc(wp.forms, func(a, b form) int {
			return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(ix.termDF(b.term), ix.termDF(a.term)), cmp.Compare(a.term, b.term))
		})
		wp.forms = wp.forms[:maxForms]
		wp.used = make(map[string]matchKind, maxForms)
		for _, f := range wp.forms {
			wp.used[lex.words[f.term]] = f.kind
		}
	}
	slices.SortFunc(wp.forms, func(a, b form) int { return cmp.Compare(a.term, b.term) })
	if len(wp.abbrevs) > 0 {
		wp.abbrevSet = make(map[string]bool)
		for _, f := range wp.forms {
			if f.kind == subsequenceMatch {
				wp.abbrevSet[lex.words[f.term]] = true
			}
		}
	}
	ix.estimate(lex, wp)
	return nil
}

// typos adds the words a typo away from wp's word (one typo to a word of
// five letters or more, two to one of nine or more, keeping the first
// letter) that are common enough beside own, what the word matches whole
// and as a start (see expand), with the words they start and sit in.
func (ix *index) typos(ctx context.Context, lex *lexicon, wp *wordPlan, own uint64, add func(int32, matchKind)) error {
	runes := utf8.RuneCountInString(wp.word)
	if runes < minTypoWordRunes-1 || lex != &ix.lex || fixRatio*own > ix.maxDF {
		return nil // too short, or no word is common enough to be what was meant
	}
	type fix struct {
		term int32
		df   uint64
	}
	var fixes []fix
	two := runes >= minTwoTypoWordRunes-1
	visit := func(id int32, dist int) {
		w := lex.words[id]
		if id == wp.exact || strings.Contains(w, wp.word) {
			return // the word itself, or a word it starts or sits in
		}
		if n := utf8.RuneCountInString(w); n < minTypoWordRunes || (dist == 2 && n < minTwoTypoWordRunes) {
			return
		}
		if df := ix.termDF(id); df > 0 && df >= fixRatio*own {
			fixes = append(fixes, fix{id, df})
		}
	}
	// When the term matches some articles, only words a hundred times
	// more common can join: when they are few, each is measured against
	// it, else the vocabulary is walked.
	if n := ix.commonerThan(fixRatio * own); own > 0 && n <= maxCommonChecked {
		q := []rune(wp.word)
		for _, id := range ix.common[:n] {
			if dist, ok := typoDistance(q, lex.words[id], two); ok {
				visit(id, dist)
			}
		}
	} else if !lex.typos(ctx, wp.word, two, visit) && ctx.Err() != nil {
		return ctx.Err()
	}
	slices.SortFunc(fixes, func(a, b fix) int { return cmp.Or(cmp.Compare(b.df, a.df), cmp.Compare(a.term, b.term)) })
	for _, f := range fixes {
		w := lex.words[f.term]
		wp.fixes = append(wp.fixes, w)
		lo, hi := lex.prefixRange(w)
		for t := lo; t < hi; t++ {
			add(t, typoMatch)
		}
		lex.infix(w, func(id int32) { add(id, typoMatch) })
	}
	return nil
}

// abbreviations adds the words that hold wp's letters in order (from four
// letters) when they are common enough beside what the word matches
// otherwise (own, see expand): the word reads as an abbreviation.
func (ix *index) abbreviations(ctx context.Context, lex *lexicon, wp *wordPlan, own uint64, forms map[int32]matchKind, add func(int32, matchKind)) error {
	if utf8.RuneCountInString(wp.word) < minAbbrevRunes || lex != &ix.lex {
		return nil
	}
	_, size := utf8.DecodeRuneInString(wp.word)
	if lo, hi := lex.prefixRange(wp.word[:size]); own > 0 && min(ix.rangeDF(-1, true, lo, hi), uint64(ix.n)) < fixRatio*own {
		return nil // the words of its first letter are not common enough
	}
	var found []int32
	var total uint64
	done := lex.subsequence(ctx, wp.word, func(id int32) {
		if _, ok := forms[id]; ok || id == wp.exact || (wp.prefix && id >= wp.lo && id < wp.hi) {
			return
		}
		found = append(found, id)
		total += ix.termDF(id)
	})
	if !done {
		return ctx.Err()
	}
	if len(found) == 0 || min(total, uint64(ix.n)) < fixRatio*own {
		return nil
	}
	slices.SortFunc(found, func(a, b int32) int { return cmp.Or(cmp.Compare(ix.termDF(b), ix.termDF(a)), cmp.Compare(a, b)) })
	for _, id := range found {
		add(id, subsequenceMatch)
		wp.abbrevs = append(wp.abbrevs, lex.words[id])
	}
	return nil
}

// termDF is the articles holding term t in the title plus those holding
// it in the body.
func (ix *index) termDF(t int32) uint64 { return uint64(ix.bodyDF[t]) + uint64(ix.titleDF[t]) }

// rangeDF is termDF summed over the term exact (when one, ≥ 0) and, with
// prefix, the terms lo to hi.
func (ix *index) rangeDF(exact int32, prefix bool, lo, hi int32) uint64 {
	var df uint64
	if prefix {
		df = ix.cumBody[hi] - ix.cumBody[lo] + ix.cumTitle[hi] - ix.cumTitle[lo]
		if exact >= lo && exact < hi {
			return df
		}
	}
	if exact >= 0 {
		df += ix.termDF(exact)
	}
	return df
}

// estimate sets wp's bodyDF and titleDF, the articles holding its terms
// per field (an estimate: an article holding two of them counts twice),
// from which its weight comes: the rarer, the more it weighs.
func (ix *index) estimate(lex *lexicon, wp *wordPlan) {
	if lex != &ix.lex {
		return // metadata terms all weigh the same
	}
	var body, title uint64
	if wp.prefix {
		body, title = ix.cumBody[wp.hi]-ix.cumBody[wp.lo], ix.cumTitle[wp.hi]-ix.cumTitle[wp.lo]
	}
	if wp.exact >= 0 && !(wp.prefix && wp.exact >= wp.lo && wp.exact < wp.hi) {
		body += uint64(ix.bodyDF[wp.exact])
		title += uint64(ix.titleDF[wp.exact])
	}
	for _, f := range wp.forms {
		body += uint64(ix.bodyDF[f.term])
		title += uint64(ix.titleDF[f.term])
	}
	wp.bodyDF, wp.titleDF = min(body, uint64(ix.n)), min(title, uint64(ix.n))
}

// display returns the folded term as the corpus writes it, lower-cased
// ("vulnérabilité" for "vulnerabilite"): the first article holding it is
// read for it. It returns term when no article holds it.
func (ix *index) display(term string) string {
	t := ix.lex.lookup(term)
	if t < 0 {
		return term
	}
	for _, sh := range ix.shards {
		for _, f := range []*fieldIndex{&sh.title, &sh.body} {
			if f.verify(t, t+1, false) != nil {
				continue
			}
			p := f.postings(t)
			if !p.next() {
				continue
			}
			a := ix.art(p.doc)
			for _, text := range append([]string{a.Title}, a.Paragraphs...) {
				for tk := fold.NewTokens(text); tk.Next(); {
					if string(tk.Folded) == term {
						return strings.ToLower(text[tk.Start:tk.End])
					}
				}
			}
		}
	}
	return term
}

// maxCommonChecked bounds the common words a typo is measured against one
// by one, instead of walking the vocabulary.
const maxCommonChecked = 512

// commonerThan returns how many of ix.common hold at least df articles.
func (ix *index) commonerThan(df uint64) int {
	return sortSearch(len(ix.common), func(i int) bool { return ix.termDF(ix.common[i]) < df })
}

// typoDistance returns the distance of w to q when it is one (or, with
// two, two with the first letter kept), as lexicon.typos finds them.
func typoDistance(q []rune, w string, two bool) (int, bool) {
	if !isPlainWord(w) {
		return 0, false
	}
	r := []rune(w)
	d := 1
	if two && len(r) > 0 && len(q) > 0 && r[0] == q[0] {
		d = 2
	}
	if len(r)-len(q) > d || len(q)-len(r) > d {
		return 0, false
	}
	rows := make([][]int, len(r)+1)
	rows[0] = make([]int, len(q)+1)
	for j := range rows[0] {
		rows[0][j] = j
	}
	for k := 1; k <= len(r); k++ {
		rows[k] = make([]int, len(q)+1)
		fillRow(rows, k, r, q)
		if slices.Min(rows[k]) > d {
			return 0, false
		}
	}
	dist := rows[len(r)][len(q)]
	return dist, dist <= d
}
