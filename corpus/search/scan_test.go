package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// generated returns a corpus of n articles drawn from a small vocabulary
// of French words, with accents and apostrophes, enough for the index to
// build its prefix bitmaps.
func generated(t testing.TB, n int) indexed {
	t.Helper()
	vocab := strings.Fields("la sécurité sécuritaire secteur second mini ministre ministère l’OTAN d’un Japon cyberdéfense coopération réseau État États étude œuvre Ærø deux 2019 réunion rapport accord")
	rng := rand.New(rand.NewPCG(7, 7))
	arts := make([]*corpus.Article, n)
	for i := range arts {
		var b strings.Builder
		for range 20 + rng.IntN(40) {
			b.WriteString(vocab[rng.IntN(len(vocab))])
			b.WriteString([]string{" ", ", ", ". ", "-"}[rng.IntN(4)])
		}
		arts[i] = &corpus.Article{
			ID:         fmt.Sprintf("g%05d", i),
			Title:      vocab[rng.IntN(len(vocab))] + " " + vocab[rng.IntN(len(vocab))],
			Paragraphs: []string{b.String()},
			Date:       corpus.NewDate(2000+rng.IntN(20), time.Month(1+rng.IntN(12)), 1, 0, 0, corpus.PrecisionMonth),
		}
	}
	return withIndex(corpus.New(arts))
}

// TestSearchMatchesScan checks the index against a plain scan of the
// folded text, for terms of every length (so through the prefix counts
// too), AND and exclusion: a term matches a word it starts, or from three
// letters a word it sits in, or a compound written with hyphens, joined.
// (Before the matching inside words, only word starts were found.)
func TestSearchMatchesScan(t *testing.T) {
	c := generated(t, 5000)
	tokens := func(a *corpus.Article) []string {
		var out []string
		for _, text := range append([]string{a.Title}, a.Paragraphs...) {
			for _, chunk := range strings.Fields(fold.String(text)) {
				var run []string
				flush := func() {
					if len(run) > 1 {
						out = append(out, strings.Join(run, ""))
					}
					run = nil
				}
				for _, part := range strings.Split(chunk, "-") {
					words := strings.FieldsFunc(part, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
					if len(words) == 0 {
						flush()
						continue
					}
					out = append(out, words...)
					if len(words) > 1 || part != words[0] {
						// Punctuation beside a hyphen: the compound stops there.
						if strings.HasPrefix(part, words[0]) {
							run = append(run, words[0])
						}
						flush()
						if strings.HasSuffix(part, words[len(words)-1]) {
							run = append(run, words[len(words)-1])
						}
						continue
					}
					run = append(run, words[0])
				}
				flush()
			}
		}
		return out
	}
	has := func(toks []string, term string) bool {
		for _, tok := range toks {
			if strings.HasPrefix(tok, term) || (utf8.RuneCountInString(term) >= 3 && strings.Contains(tok, term)) {
				return true
			}
		}
		return false
	}
	scan := func(terms []string, not string) []string {
		var ids []string
		for i := range c.Len() {
			toks := tokens(c.At(i))
			ok := !(not != "" && has(toks, not))
			for _, term := range terms {
				ok = ok && has(toks, term)
			}
			if ok {
				ids = append(ids, c.At(i).ID)
			}
		}
		return ids
	}
	for _, q := range []string{"s", "se", "sec", "secu", "securitaire", "m", "mi", "min", "ministre", "l", "d", "o", "oe", "oeuvre", "ae", "aer", "2", "20", "2019", "e", "et", "eta", "etat", "etats", "sec mi", "ja co -re", "la se -mini", "r", "curi", "istre", "ete", "019", "perat"} {
		r, err := c.Find(context.Background(), q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if notes := r.Notes(); notes != nil {
			t.Errorf("Search(%q) widened the query: %q", q, notes)
		}
		var terms []string
		not := ""
		for _, f := range strings.Fields(q) {
			if strings.HasPrefix(f, "-") {
				not = f[1:]
			} else {
				terms = append(terms, f)
			}
		}
		if got, want := hitIDs(c, r.Hits()), scan(terms, not); !slices.Equal(got, want) {
			t.Errorf("Search(%q): %d hits, the scan finds %d", q, len(got), len(want))
		}
	}
}

// TestSearchPhraseMatchesScan checks phrases against a scan of the folded
// words of each paragraph; unquoted, words joined by a hyphen or an
// apostrophe form a phrase whose last word is a prefix.
func TestSearchPhraseMatchesScan(t *testing.T) {
	c := generated(t, 5000)
	tests := []struct {
		query     string
		phrase    []string
		prefix    bool
		titleOnly bool
	}{
		{`"la securite"`, []string{"la", "securite"}, false, false},
		{`"securite la"`, []string{"securite", "la"}, false, false},
		{`"ministre de"`, []string{"ministre", "de"}, false, false},
		{`"japon cyberdefense reseau"`, []string{"japon", "cyberdefense", "reseau"}, false, false},
		{`"d un"`, []string{"d", "un"}, false, false},
		{`"deux 2019"`, []string{"deux", "2019"}, false, false},
		{`japon-cyber`, []string{"japon", "cyber"}, true, false},
		{`la-s`, []string{"la", "s"}, true, false},
		{`s-la`, []string{"s", "la"}, true, false},
		{`title:"la securite"`, []string{"la", "securite"}, false, true},
	}
	for _, tt := range tests {
		var want []string
		for i := range c.Len() {
			a := c.At(i)
			texts := append([]string{a.Title}, a.Paragraphs...)
			if tt.titleOnly {
				texts = texts[:1]
			}
			found := false
			for _, p := range texts {
				words := strings.FieldsFunc(fold.String(p), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
				for j := 0; j+len(tt.phrase) <= len(words) && !found; j++ {
					ok := true
					for k, w := range tt.phrase {
						last := k == len(tt.phrase)-1
						if words[j+k] != w && !(last && tt.prefix && strings.HasPrefix(words[j+k], w)) {
							ok = false
							break
						}
					}
					found = ok
				}
			}
			if found {
				want = append(want, a.ID)
			}
		}
		hits, err := c.Search(context.Background(), tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := hitIDs(c, hits); !slices.Equal(got, want) {
			t.Errorf("%s: %d hits, the scan finds %d", tt.query, len(got), len(want))
		}
	}
}

// TestPhraseFarIntoLongArticles finds phrases whose words sit past the
// positions a gap of one or two bytes reaches (16,384 words in), the
// first position of an article being written whole: in long bodies, a
// phrase is found where it is and nowhere else.
func TestPhraseFarIntoLongArticles(t *testing.T) {
	filler := strings.Repeat("mot ", 20000)
	arts := []*corpus.Article{
		{ID: "near", Title: "t", Paragraphs: []string{"alpha beta gamma " + filler}},
		{ID: "far", Title: "t", Paragraphs: []string{filler + "alpha beta gamma " + filler + "alpha mot beta"}},
		{ID: "apart", Title: "t", Paragraphs: []string{filler + "alpha " + filler + "beta gamma"}},
		{ID: "very far", Title: "t", Paragraphs: []string{strings.Repeat(filler, 6) + "gamma beta alpha beta gamma"}},
	}
	x := withIndex(corpus.New(arts))
	x.Build()
	for q, want := range map[string][]string{
		`"alpha beta"`:       {"far", "near", "very far"},
		`"alpha beta gamma"`: {"far", "near", "very far"},
		`"beta gamma"`:       {"apart", "far", "near", "very far"},
		`"gamma beta alpha"`: {"very far"},
		`"mot alpha"`:        {"apart", "far"},
		`"mot gamma"`:        {"very far"},
		`"alpha mot beta"`:   {"far"},
	} {
		r, err := x.Find(context.Background(), q, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i := range r.Len() {
			got = append(got, x.At(r.Hit(i).Index).ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: found %q, want %q", q, got, want)
		}
	}
}
