package pgstore

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/gazette-reader/gazette/corpus/search"
)

// Bounds of a term's expansion, as the in-memory engine has them.
const (
	// maxForms is the most vocabulary words one term stands for.
	maxForms = 20000
	// commoner is how many times more articles a typo's or letters in
	// order's words must be in than what a term matches as typed.
	commoner = 100
	// typoThreshold is the trigram similarity under which a word is not
	// looked at as a typo: low enough for a typo in a five-letter word.
	typoThreshold = 0.2
)

// words compiles the words of a term into tsquery text: a phrase (each
// word a lexeme, the last a prefix unless the term is whole), or for a
// lone word, the word, the words it starts and what the vocabulary
// widens it to. rank is the part that ranks: a lone word's widened forms
// are left out of it, so that they rank below the word and its starts
// (as in memory) and a term standing for thousands of words costs no more
// to rank than one. ph is the phrase's lexemes in order, for its pairs
// (see phraseCandidates), and its words written as one word when it also
// matches so (ph.joined, tsquery text); nothing for a lone word.
func (c *compiler) words(t search.Term) (ts, rank string, ph phrase, err error) {
	w := weight(t.Field)
	if t.Lone {
		ts, err := c.lone(t.Words[0], w)
		return ts, lexeme(t.Words[0], true, w), phrase{}, err
	}
	var slots []slot
	parts := make([]string, 0, len(t.Words))
	for i, word := range t.Words {
		prefix := !t.Whole && i == len(t.Words)-1
		p, lexemes, err := c.word(word, prefix, w)
		if err != nil {
			return "", "", phrase{}, err
		}
		parts = append(parts, p)
		for j, l := range lexemes {
			slots = append(slots, slot{lexeme: l, prefix: prefix && j == len(lexemes)-1})
		}
	}
	ts = strings.Join(parts, " <-> ")
	ph = phrase{slots: slots}
	if t.Join {
		ph.joined = lexeme(strings.Join(t.Words, ""), !t.Whole, w)
		ts = "(" + ts + ") | " + ph.joined
	}
	return ts, ts, ph, nil
}

// phrase is what the pairs' index needs of a phrase: its lexemes, and the
// tsquery of its words written as one, when it also matches so.
type phrase struct {
	slots  []slot
	joined string
}

// word is one word of a phrase, as tsquery text and as its lexemes. A
// word of letters and digits is its own lexeme; the server's parser cuts
// a token with symbols ("asp.net", "c++") into the lexemes of its
// documents, in order.
func (c *compiler) word(word string, prefix bool, w string) (string, []string, error) {
	if isPlain(word) {
		return lexeme(word, prefix, w), []string{word}, nil
	}
	var lexemes []string
	err := c.s.pool.QueryRow(c.ctx, `SELECT coalesce(array_agg(lexeme ORDER BY positions[1]), '{}')
		FROM unnest(to_tsvector($1::regconfig, $2))`, c.s.config, indexText(word)).Scan(&lexemes)
	if err != nil {
		return "", nil, fmt.Errorf("search: %w", err)
	}
	if len(lexemes) == 0 {
		return lexeme(word, prefix, w), []string{word}, nil
	}
	parts := make([]string, len(lexemes))
	for i, l := range lexemes {
		parts[i] = lexeme(l, prefix && i == len(lexemes)-1, w)
	}
	return "(" + strings.Join(parts, " <-> ") + ")", lexemes, nil
}

// form is a word of the vocabulary and the number of articles it is in.
type form struct {
	word string
	ndoc int
}

// lone compiles an unquoted word: itself and the words it starts, then,
// from three letters, the words it sits in; from four, words a typo away
// when it looks misspelt, and words with its letters in order when it
// reads as an abbreviation (see the search package for the rules).
func (c *compiler) lone(word, w string) (string, error) {
	starts, err := c.forms(`word LIKE $1 ORDER BY ndoc DESC LIMIT 1`, escapeLike(word)+"%")
	if err != nil {
		return "", err
	}
	typed := 0
	if len(starts) > 0 {
		typed = starts[0].ndoc
	}
	var extra []form
	n := utf8.RuneCountInString(word)
	if n >= 3 {
		inside, err := c.forms(`word LIKE $1 AND word NOT LIKE $2 ORDER BY ndoc DESC, word LIMIT `+fmt.Sprint(maxForms),
			"%"+escapeLike(word)+"%", escapeLike(word)+"%")
		if err != nil {
			return "", err
		}
		extra = append(extra, inside...)
		if len(inside) > 0 {
			typed = max(typed, inside[0].ndoc)
		}
	}
	if n >= 4 {
		typos, err := c.typos(word, typed)
		if err != nil {
			return "", err
		}
		extra = append(extra, typos...)
		ordered, err := c.lettersInOrder(word, typed, len(typos) > 0)
		if err != nil {
			return "", err
		}
		extra = append(extra, ordered...)
	}
	parts := []string{lexeme(word, true, w)}
	joined, err := c.compounds(word, w)
	if err != nil {
		return "", err
	}
	parts = append(parts, joined...)
	seen := map[string]bool{}
	for _, f := range extra {
		if !seen[f.word] && len(seen) < maxForms {
			seen[f.word] = true
			parts = append(parts, lexeme(f.word, false, w))
		}
	}
	return strings.Join(parts, " | "), nil
}

// compounds returns, as phrases, the compounds written with hyphens whose
// joined form is word or starts with it: "plateforme" finds "plate-forme"
// and "plate forme", as in memory (where the corpus writes the compound
// with a hyphen somewhere).
func (c *compiler) compounds(word, w string) ([]string, error) {
	forms, err := c.forms(`strpos(word, '-') > 0 AND replace(word, '-', '') LIKE $1 ORDER BY ndoc DESC, word LIMIT `+fmt.Sprint(maxForms), escapeLike(word)+"%")
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(forms))
	for _, f := range forms {
		var phrase []string
		for _, part := range strings.Split(f.word, "-") {
			if part != "" {
				phrase = append(phrase, lexeme(part, false, w))
			}
		}
		if len(phrase) > 0 {
			out = append(out, "("+strings.Join(phrase, " <-> ")+")")
		}
	}
	return out, nil
}

// forms returns the vocabulary's words meeting cond (SQL on word and
// ndoc, with the parameters args).
func (c *compiler) forms(cond string, args ...any) ([]form, error) {
	rows, err := c.s.pool.Query(c.ctx, `SELECT word, ndoc FROM `+c.s.table("vocabulary")+` WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("search: vocabulary: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (form, error) {
		var f form
		return f, r.Scan(&f.word, &f.ndoc)
	})
	if err != nil {
		return nil, fmt.Errorf("search: vocabulary: %w", err)
	}
	return out, nil
}

// typos returns the words of five letters or more a typo away from word
// (two, the first letter kept, from nine letters) that are in a hundred
// times more articles than typed, what word matches as typed (any, when
// it matches nothing). The trigram index gives the candidates, the edit
// distance decides.
func (c *compiler) typos(word string, typed int) ([]form, error) {
	n := utf8.RuneCountInString(word)
	if c.s.trgm == "" {
		return nil, nil
	}
	var cands []form
	err := pgx.BeginFunc(c.ctx, c.s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(c.ctx, `SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, fmt.Sprint(typoThreshold)); err != nil {
			return err
		}
		rows, err := tx.Query(c.ctx, `SELECT word, ndoc FROM `+c.s.table("vocabulary")+`
			WHERE word OPERATOR(`+c.s.trgm+`.%) $1 AND char_length(word) BETWEEN greatest(5, $2::int - 2) AND $2::int + 2`, word, n)
		if err != nil {
			return err
		}
		cands, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (form, error) {
			var f form
			return f, r.Scan(&f.word, &f.ndoc)
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("search: typos of %q: %w", word, err)
	}
	var out []form
	for _, f := range cands {
		d := typoDistance(word, f.word)
		ok := d == 1 || (d == 2 && n >= 9 && firstRune(word) == firstRune(f.word))
		if ok && (typed == 0 || f.ndoc >= commoner*typed) {
			out = append(out, f)
		}
	}
	return out, nil
}

// lettersInOrder returns the words that start with word's first letter
// and hold its letters in order within twice its length plus four bytes,
// when word matches nothing otherwise or they are in a hundred times more
// articles than what it matches as typed.
func (c *compiler) lettersInOrder(word string, typed int, typos bool) ([]form, error) {
	var pat strings.Builder
	for _, r := range word {
		pat.WriteString(escapeLike(string(r)) + "%")
	}
	cands, err := c.forms(`word LIKE $1 ORDER BY ndoc DESC, word LIMIT `+fmt.Sprint(maxForms), pat.String())
	if err != nil {
		return nil, err
	}
	cands = slices.DeleteFunc(cands, func(f form) bool { return !inOrder(word, f.word) || strings.HasPrefix(f.word, word) })
	if len(cands) == 0 || (typed > 0 || typos) && cands[0].ndoc < commoner*typed {
		return nil, nil
	}
	return cands, nil
}

// inOrder reports whether w holds the runes of t in order, from its first,
// within 2*len(t)+4 bytes.
func inOrder(t, w string) bool {
	window := min(len(w), 2*len(t)+4)
	i := 0
	for _, r := range t {
		j := strings.IndexRune(w[i:window], r)
		if j < 0 || (i == 0 && j != 0) {
			return false
		}
		i += j + utf8.RuneLen(r)
	}
	return true
}

// typoDistance is the optimal string alignment distance of a and b, in
// runes: a rune added, dropped or changed, or two swapped, count one.
func typoDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isPlain reports whether w is made of letters and digits only.
func isPlain(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// escapeLike escapes the wildcards of a LIKE pattern (the default escape
// is the backslash).
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
