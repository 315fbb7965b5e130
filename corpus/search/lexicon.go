package search

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// lexicon is a sorted list of distinct folded terms (the words and longer
// tokens of a corpus, or of its metadata) and what finds terms in it by
// the ways a query term can match one: whole, as a start, inside, with
// typos, or as letters in order.
type lexicon struct {
	words []string
	// grams finds the terms a term sits inside; nil for the metadata's
	// lexicon, whose fields' terms are scanned instead.
	grams *gramIndex
	// letters holds, per term, the set of its bytes (letterBit): a term
	// without all of a word's letters is passed over without reading it.
	letters []uint64
}

// letterBit maps a byte to a bit of a letter set: the 64 bits cover
// ASCII letters and digits, and share the rest.
func letterBit(c byte) uint64 { return 1 << (c & 63) }

// letterSet returns the letter set of w.
func letterSet(w string) uint64 {
	var m uint64
	for i := 0; i < len(w); i++ {
		m |= letterBit(w[i])
	}
	return m
}

// newLetters returns the letter sets of words.
func newLetters(words []string) []uint64 {
	m := make([]uint64, len(words))
	for i, w := range words {
		m[i] = letterSet(w)
	}
	return m
}

// lookup returns the index of the term w, or -1.
func (lx *lexicon) lookup(w string) int32 {
	i, ok := slices.BinarySearch(lx.words, w)
	if !ok {
		return -1
	}
	return int32(i)
}

// prefixRange returns the range [lo, hi) of the terms that start with
// prefix (the term prefix itself included).
func (lx *lexicon) prefixRange(prefix string) (lo, hi int32) {
	l, _ := slices.BinarySearch(lx.words, prefix)
	return int32(l), int32(l + lx.prefixEnd(l, prefix))
}

// prefixEnd returns how many terms from l on start with prefix. It
// gallops: most runs of terms under a prefix are short.
func (lx *lexicon) prefixEnd(l int, prefix string) int {
	n := len(lx.words) - l
	hi := 1
	for hi < n && strings.HasPrefix(lx.words[l+hi-1], prefix) {
		hi *= 2
	}
	lo := hi / 2
	hi = min(hi, n)
	return lo + sortSearch(hi-lo, func(i int) bool { return !strings.HasPrefix(lx.words[l+lo+i], prefix) })
}

// infix calls fn with the terms that t sits inside: that hold t after
// their first byte and do not start with it, in lexicon order. With a
// gram index it reads the terms holding t's rarest three bytes; without,
// every term.
func (lx *lexicon) infix(t string, fn func(id int32)) {
	if len(t) < 3 {
		return
	}
	check := func(id int32) {
		w := lx.words[id]
		if len(w) > len(t) && !strings.HasPrefix(w, t) && strings.Contains(w[1:], t) {
			fn(id)
		}
	}
	if lx.grams == nil {
		for id := range lx.words {
			check(int32(id))
		}
		return
	}
	for _, id := range lx.grams.candidates(t) {
		check(int32(id))
	}
}

// sortSearch is sort.Search without the import.
func sortSearch(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// maxTypoRunes is the longest term looked up with typos: past it, a term
// is no typo of a word but a paste.
const maxTypoRunes = 48

// typoRows bounds the rows of edit distances a typo search computes: a
// few thousand for a real vocabulary; the bound only stops a search that
// would read a vocabulary of millions of terms nearly whole.
const typoRows = 1 << 21

// typos calls fn with the words (terms made of letters and digits only)
// one edit from t, or, with two, two edits from t and starting with its
// first letter: a letter added, dropped, changed, or two neighbours
// swapped (optimal string alignment distance, counted in runes). Keeping
// the first letter for two edits is what real misspellings do, and spares
// reading most of the vocabulary: every prefix of two runes is two edits
// from t's first two. It returns false when it stopped at the typoRows
// bound or because ctx is done.
func (lx *lexicon) typos(ctx context.Context, t string, two bool, fn func(id int32, dist int)) bool {
	if !two {
		return lx.within(ctx, t, 1, 0, len(lx.words), fn)
	}
	_, size := utf8.DecodeRuneInString(t)
	lo, hi := lx.prefixRange(t[:size])
	return lx.within(ctx, t, 1, 0, int(lo), fn) &&
		lx.within(ctx, t, 2, int(lo), int(hi), fn) &&
		lx.within(ctx, t, 1, int(hi), len(lx.words), fn)
}

// within calls fn with the words of the terms [from, to) at most d edits
// from t. It walks the sorted terms as a trie: each term shares the rows
// of the distance table of the prefix it has in common with the term
// before it, and a prefix whose row is past d everywhere skips every term
// that starts with it. It returns false when it stopped at the typoRows
// bound or because ctx is done.
func (lx *lexicon) within(ctx context.Context, t string, d, from, to int, fn func(id int32, dist int)) bool {
	q := []rune(t)
	m := len(q)
	if m == 0 || m > maxTypoRunes {
		return true
	}
	// rows[k] is the distance row of the current term's first k runes to
	// q; runes[k-1] is its k-th rune. Rows are reused from term to term.
	rows := [][]int{make([]int, m+1)}
	for j := range rows[0] {
		rows[0][j] = j
	}
	depth := 0
	var runes []rune
	budget := typoRows
	for i := from; i < to; {
		w := lx.words[i]
		// Keep the rows of the runes w shares with the previous term.
		k, at := 0, 0
		for k < depth && at < len(w) {
			r, size := utf8.DecodeRuneInString(w[at:])
			if r != runes[k] {
				break
			}
			k++
			at += size
		}
		depth = k
		pruned := false
		for at < len(w) {
			r, size := utf8.DecodeRuneInString(w[at:])
			at += size
			runes = append(runes[:depth], r)
			depth++
			if len(rows) <= depth {
				rows = append(rows, make([]int, m+1))
			}
			fillRow(rows, depth, runes, q)
			budget--
			if budget <= 0 || (budget&1023 == 0 && ctx.Err() != nil) {
				return false
			}
			if slices.Min(rows[depth]) > d {
				pruned = true
				break
			}
		}
		if pruned {
			// No term that starts with these runes is within d.
			i += 1 + lx.prefixEnd(i+1, w[:at])
			continue
		}
		if dist := rows[depth][m]; dist <= d && isPlainWord(w) {
			fn(int32(i), dist)
		}
		i++
	}
	return true
}

// fillRow computes rows[k], the distance row of runes[:k] to q, from the
// rows before it.
func fillRow(rows [][]int, k int, runes, q []rune) {
	prev, row := rows[k-1], rows[k]
	row[0] = k
	r := runes[k-1]
	for j := 1; j <= len(q); j++ {
		cost := 1
		if q[j-1] == r {
			cost = 0
		}
		v := min(prev[j]+1, row[j-1]+1, prev[j-1]+cost)
		if k > 1 && j > 1 && q[j-1] == runes[k-2] && q[j-2] == r {
			v = min(v, rows[k-2][j-2]+1)
		}
		row[j] = v
	}
}

// isPlainWord reports whether the term w is a word of letters and digits,
// not a token with symbols.
func isPlainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < utf8.RuneSelf && strings.IndexByte(fold.Symbols, c) >= 0 {
			return false
		}
	}
	return true
}

// subsequence calls fn with the words that hold the runes of t in order,
// starting with its first and within a window of twice its length plus
// four bytes: what an abbreviation of a word looks like ("cybdef",
// "gvnmt"). It reads the letter sets of the terms that start with t's
// first rune, and the terms that hold all its letters.
func (lx *lexicon) subsequence(ctx context.Context, t string, fn func(id int32)) bool {
	r, size := utf8.DecodeRuneInString(t)
	if r == utf8.RuneError {
		return true
	}
	lo, hi := lx.prefixRange(t[:size])
	want := letterSet(t)
	for id := lo; id < hi; id++ {
		if id&4095 == 0 && ctx.Err() != nil {
			return false
		}
		if lx.letters[id]&want != want {
			continue
		}
		if w := lx.words[id]; isSubsequence(t, w) && isPlainWord(w) {
			fn(id)
		}
	}
	return true
}

// isSubsequence reports whether the bytes of q occur in order in w from
// its first byte, within a window of 2*len(q)+4 bytes.
func isSubsequence(q, w string) bool {
	if len(w) < len(q) || len(q) == 0 || w[0] != q[0] {
		return false
	}
	i, j := 1, 1
	limit := min(len(w), 2*len(q)+4)
	for i < len(q) && j < limit {
		if w[j] == q[i] {
			i++
		}
		j++
	}
	return i == len(q)
}
