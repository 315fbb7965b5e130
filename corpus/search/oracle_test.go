package search_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// The checks of this file measure the engine against oracles written from
// the README's rules, on real web pages in many languages (the evaluation
// pages beside the repository, ../shared/eval, or GAZETTE_EVAL): a
// substring scan for terms inside words, the right spelling's hits for
// typos, the exclusion's for every class. They skip when the pages are
// absent.

// evalPages loads the evaluation pages once for the tests of this file:
// nil when there are none.
var evalPages = sync.OnceValues(func() (*corpus.Corpus, string) {
	dir := os.Getenv("GAZETTE_EVAL")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "eval")
	}
	var paths []string
	for _, sub := range []string{"readability/pages", "htmldate-mediacloud/pages"} {
		if _, err := os.Stat(filepath.Join(dir, sub)); err == nil {
			paths = append(paths, filepath.Join(dir, sub))
		}
	}
	if len(paths) == 0 {
		return nil, dir
	}
	c, _ := ingest.LoadPaths(paths, ingest.Options{})
	return c, dir
})

// evalCorpus returns the evaluation pages with their index, or skips.
func evalCorpus(t *testing.T) indexed {
	t.Helper()
	c, dir := evalPages()
	if c == nil {
		t.Skipf("no evaluation pages in %s (set GAZETTE_EVAL)", dir)
	}
	if c.Len() < 100 {
		t.Fatalf("%d articles loaded from %s", c.Len(), dir)
	}
	return withIndex(c)
}

// evalText is an article's title and body, folded: what a substring scan
// reads.
func evalText(a *corpus.Article) string {
	return fold.String(a.Title + "\n" + strings.Join(a.Paragraphs, "\n"))
}

// evalWords returns the words of the corpus of five letters or more, of
// letters only, with the folded texts.
func evalWords(c indexed) (words []string, texts []string) {
	seen := map[string]bool{}
	for i := range c.Len() {
		a := c.At(i)
		texts = append(texts, evalText(a))
		for w := fold.NewWords(a.Title + " " + strings.Join(a.Paragraphs, " ")); w.Next(); {
			s := string(w.Folded)
			if !seen[s] && utf8.RuneCountInString(s) >= 5 && strings.IndexFunc(s, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 {
				seen[s] = true
				words = append(words, s)
			}
		}
	}
	slices.Sort(words)
	return words, texts
}

// hitSet returns the timeline indexes of q's hits.
func hitSet(t *testing.T, c indexed, q string) map[int]bool {
	t.Helper()
	r, err := c.Find(context.Background(), q, nil)
	if err != nil {
		t.Fatalf("Find(%q): %v", q, err)
	}
	set := make(map[int]bool, r.Len())
	for i := range r.Len() {
		set[r.Hit(i).Index] = true
	}
	return set
}

// TestEvalInsideWordsRecall: terms that sit inside words find at least
// 99 % of the articles a substring scan of the folded text finds.
func TestEvalInsideWordsRecall(t *testing.T) {
	c := evalCorpus(t)
	words, texts := evalWords(c)
	r := rand.New(rand.NewPCG(21, 22))
	terms := []string{"ware", "line", "ball", "sql", "net", "phone", "mail", "tion", "ment", "ing", "secur", "polit"}
	for range 400 {
		w := words[r.IntN(len(words))]
		start := 1 + r.IntN(len(w)-3)
		terms = append(terms, w[start:start+3+r.IntN(len(w)-start-2)])
	}
	found, want := 0, 0
	for _, term := range terms {
		hits := hitSet(t, c, term)
		for i, text := range texts {
			if strings.Contains(text, term) {
				want++
				if hits[i] {
					found++
				}
			}
		}
	}
	recall := float64(found) / float64(want)
	t.Logf("inside words: %d terms, %d of the %d articles a substring scan finds (%.2f %%)", len(terms), found, want, 100*recall)
	if recall < 0.99 {
		t.Errorf("recall %.4f against a substring scan, want 0.99 or more", recall)
	}
}

// TestEvalTypoRecall: a one-letter typo of a word of the corpus (a letter
// dropped, doubled, changed or two swapped) finds at least 95 % of the
// articles that hold the right spelling (a substring scan, as the right
// spelling finds them as typed); and a right word is seldom taken for a
// typo of another.
func TestEvalTypoRecall(t *testing.T) {
	c := evalCorpus(t)
	words, texts := evalWords(c)
	r := rand.New(rand.NewPCG(23, 24))
	found, want, lost, widened := 0, 0, 0, 0
	var worst []string
	const typos = 1000
	for range typos {
		w := words[r.IntN(len(words))]
		typo := misspell(r, w)
		got := hitSet(t, c, typo)
		n, m := 0, 0
		for i, text := range texts {
			if strings.Contains(text, w) {
				m++
				if got[i] {
					n++
				}
			}
		}
		found += n
		want += m
		if n*100 < m*95 {
			lost++
			worst = append(worst, typo+"→"+w)
		}
		if notes(t, c, w) != nil {
			widened++
		}
	}
	recall := float64(found) / float64(want)
	t.Logf("one-letter typos: %d typos find %d of the %d articles holding the right spellings (%.2f %%); %d typos under 95 %%: %v", typos, found, want, 100*recall, lost, worst)
	t.Logf("right spellings widened by a typo or letters in order: %d of %d", widened, typos)
	if recall < 0.95 || lost*20 > typos {
		t.Errorf("typos find %.4f of the right spelling's articles (want 0.95 or more), and %d of %d typos under 95 %%", recall, lost, typos)
	}
}

// misspell returns w with one typo, chosen at random, different from w.
func misspell(r *rand.Rand, w string) string {
	for {
		b := []byte(w)
		i := 1 + r.IntN(len(b)-2) // the first letter is kept, as people do
		var out string
		switch r.IntN(4) {
		case 0:
			out = string(b[:i]) + string(b[i+1:])
		case 1:
			out = string(b[:i+1]) + string(b[i:])
		case 2:
			b[i] = byte('a' + r.IntN(26))
			out = string(b)
		default:
			b[i], b[i+1] = b[i+1], b[i]
			out = string(b)
		}
		if out != w {
			return out
		}
	}
}

// TestEvalExactAndComplement: whole words (quoted) find exactly the
// articles holding the word, and for every class of term -t excludes
// exactly what t finds.
func TestEvalExactAndComplement(t *testing.T) {
	c := evalCorpus(t)
	words, _ := evalWords(c)
	r := rand.New(rand.NewPCG(25, 26))
	all := c.Len()
	for range 60 {
		w := words[r.IntN(len(words))]
		hits := hitSet(t, c, `"`+w+`"`)
		for i := range c.Len() {
			a := c.At(i)
			has := false
			for _, text := range append([]string{a.Title}, a.Paragraphs...) {
				for tk := fold.NewWords(text); tk.Next() && !has; {
					has = string(tk.Folded) == w
				}
			}
			if has != hits[i] {
				t.Fatalf(`"%s": article %s holds it %v, found %v`, w, a.ID, has, hits[i])
			}
		}
		start := 1 + r.IntN(len(w)-3)
		for _, q := range []string{w, w[:2], w[:4], w[start:], misspell(r, w), `"` + w + " " + words[r.IntN(len(words))] + `"`, "title:" + w[:3], w[:1] + w[2:4] + w[len(w)-1:]} {
			pos, neg := hitSet(t, c, q), hitSet(t, c, "-"+q)
			for i := range all {
				if pos[i] == neg[i] {
					t.Fatalf("%s and -%s: article %d found by both or neither (%v)", q, q, i, pos[i])
				}
			}
		}
	}
}
