package search

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// TestAddTextAgreesWithReference: the index cuts and folds tokens, with
// its shortcuts for ASCII, two-byte Latin letters and general
// punctuation and its test for chunks that may hold longer tokens,
// exactly as the tokenizer that queries and snippets use does, at the same
// positions, on text mixing short and long words, capitals, digits,
// accents, marks, apostrophes, hyphens, symbols, separators and broken
// UTF-8 at every offset, and on every rune up to U+2FFF alone, between
// letters and beside a hyphen and a symbol.
func TestAddTextAgreesWithReference(t *testing.T) {
	pieces := []string{
		"de", "la", "OTAN", "Japon", "cyberdéfense", "coopération", "2019", "a", "x",
		"internationale", "ÉTATS", "l’", "d'", "porte-parole", "e\u0301", "\u0301", "Œuvre",
		"straße", "ǅ", "中文", "x×y", "«", "»", " ", "  ", ", ", ". ", "\u00a0", "\t", "-",
		"abcdefg", "abcdefgh", "ABCDEFGHIJ", "mot7777", "Zz", "ª", "µ", "º", "²", "÷", "Ð",
		"Þ", "ſ", "ŉ", "œ", "Ÿ", "—", "…", "\u203f", "\u2040", "\u200d", "\xc3", "\xc3(",
		"\xe2\x80", "\xe2\x80(", "\xe2", "\x80", "\xc5\xbf\xbf",
		"+", "++", "#", "%", ".", "..", "&", "@", "/", "_", "$", ":", "(", ")", "C++", "c#",
		".NET", "asp.net", "2.4.1", "20%", "#1", "CVE-2021-44228", "e-mail", "plate‐forme",
		"anti‑virus", "\u2010", "\u2011", "\u2028", "\u202f", "\u2003", "-x", "x-", "a.b.", "http://x.fr/a_b",
	}
	check := func(s string) {
		t.Helper()
		want := addTextRef(s)
		b := &shardBuild{table: make([]slot, 16), folded: make([]byte, 0, 64)}
		n := b.addText(&b.body, s, 0, 0)
		var got []tokenRef
		for _, k := range b.body.block.keys {
			got = append(got, tokenRef{b.words[k>>32], uint32(b.body.block.at[uint32(k)])})
		}
		words := 0
		for w := fold.NewWords(s); w.Next(); {
			words++
		}
		if !slices.Equal(got, want) || int(n) != words {
			t.Fatalf("%q:\naddText %v (%d positions)\nreference %v (%d)", s, got, n, want, words)
		}
	}
	for r := rune(0); r < 0x3000; r++ {
		check(string(r))
		check("Ab" + string(r) + "cD")
		check("é" + string(r) + "é")
		check("a-b" + string(r) + "c+")
		check("x." + string(r) + "y")
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(sb.String())
	}
}

// TestSeparatorClasses: the indexing loop's tables of separators say what
// they are made from: white space, the symbols and hyphens that may join
// words into longer tokens, and the symbols kept at a token's end.
func TestSeparatorClasses(t *testing.T) {
	for c := range utf8.RuneSelf {
		want := classOther
		switch {
		case strings.ContainsRune("+#%", rune(c)):
			want = classTail
		case strings.ContainsRune(fold.Symbols, rune(c)) || fold.IsHyphen(rune(c)):
			want = classJoin
		case fold.IsSpace(rune(c)):
			want = classSpace
		}
		if int(asciiClass[c]) != want {
			t.Errorf("asciiClass[%q] = %d, want %d", rune(c), asciiClass[c], want)
		}
	}
	for r := rune(0x2000); r < 0x2040; r++ {
		want := classOther
		switch {
		case fold.IsSpace(r):
			want = classSpace
		case fold.IsHyphen(r):
			want = classJoin
		}
		if int(punctuationClass[r-0x2000]) != want {
			t.Errorf("punctuationClass[%U] = %d, want %d", r, punctuationClass[r-0x2000], want)
		}
	}
}

// TestWordTableAgreesWithReference: the word table, which compares the
// first eight bytes of a word with a masked load and its hash tag, gives
// the same ids as a map, for words of every length around eight bytes,
// words that share their first eight bytes, and a table that grows.
func TestWordTableAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	b := &shardBuild{table: make([]slot, 16)}
	ref := wordIDsRef{}
	buf := make([]byte, 0, 64)
	for i := range 20000 {
		buf = buf[:0]
		n := 1 + r.IntN(12)
		if i%7 == 0 {
			buf = append(buf, "abcdefgh"...) // a shared long prefix
		}
		for range n {
			buf = append(buf, byte('a'+r.IntN(4)))
		}
		if got, want := b.id(buf), ref.id(buf); got != want {
			t.Fatalf("word %q: table id %d, reference %d", buf, got, want)
		}
	}
	// A short word after a long one: the bytes past it must not count.
	if got, want := b.id([]byte("ab")), ref.id([]byte("ab")); got != want {
		t.Fatalf("short word: table id %d, reference %d", got, want)
	}
}

// TestSkipVarintsAgreesWithReference: skipping varints eight bytes at a
// step lands where skipping them one by one does.
func TestSkipVarintsAgreesWithReference(t *testing.T) {
	// 1-, 2- and 3-byte varints in a pattern longer than a word.
	var b []byte
	for i := range 200 {
		switch i % 3 {
		case 0:
			b = append(b, 5)
		case 1:
			b = append(b, 0x80|3, 1)
		default:
			b = append(b, 0x80|1, 0x80|2, 3)
		}
	}
	start := 0
	for range 20 {
		for n := range 150 {
			if got, want := skipVarints(b, start, uint32(n)), skipVarintsRef(b, start, uint32(n)); got != want {
				t.Fatalf("skipVarints from %d over %d = %d, reference %d", start, n, got, want)
			}
		}
		start = skipVarintsRef(b, start, 1)
	}
}

// TestPrefixCountsAgreeWithReference: the counts of a heavy short prefix
// hold, for each article, the occurrences of the words longer than the
// prefix that start with it, as their postings say, up to 15; on a corpus
// where every letter is a word too.
func TestPrefixCountsAgreeWithReference(t *testing.T) {
	words := strings.Fields("a b c d de des du la le les l lo cyber cybersécurité coopération pays paix prix")
	r := rand.New(rand.NewPCG(7, 8))
	arts := make([]*corpus.Article, 3*minCountDocs)
	for i := range arts {
		var sb strings.Builder
		for range 3 + r.IntN(30) {
			sb.WriteString(words[r.IntN(len(words))] + " ")
		}
		arts[i] = &corpus.Article{ID: string(rune('a' + i%26)), Title: "T", Paragraphs: []string{sb.String()}}
	}
	ix := buildIndex(arts, new(atomic.Int64), func(int, int) {})
	checked := map[int]int{}
	for _, sh := range ix.shards {
		for p, pc := range sh.prefixes {
			if pc.body == nil {
				continue
			}
			lo, hi := ix.lex.prefixRange(p)
			if ix.lex.words[lo] == p {
				lo++
			}
			want := prefixCountsRef(&sh.body, int(lo), int(hi))
			for d := sh.lo; d < sh.hi; d++ {
				if got := pc.body.get(uint32(d - sh.lo)); got != want[int32(d)] {
					t.Fatalf("prefix %q, article %d: count %d, in postings %d", p, d, got, want[int32(d)])
				}
			}
			checked[utf8.RuneCountInString(p)]++
		}
	}
	if checked[1] == 0 || checked[2] == 0 {
		t.Fatalf("prefix counts built by length: %v; want some of one and two letters", checked)
	}
}

// TestInfixAgreesWithReference: the gram index finds the terms a term
// sits inside exactly as reading every term does, for terms of three
// bytes and more, present or not, ASCII or not.
func TestInfixAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	alphabet := []string{"a", "b", "c", "é", "ab", "ba", "+", "."}
	words := randomTerms(r, alphabet, 3000, 8)
	lx := lexicon{words: words, grams: newGramIndex(words)}
	for i := range 2000 {
		q := words[r.IntN(len(words))]
		if i%2 == 0 && len(q) > 2 {
			q = q[r.IntN(len(q)/2):] // a part of a term, maybe cut in a rune
		}
		var got []int32
		lx.infix(q, func(id int32) { got = append(got, id) })
		if want := infixRef(words, q); !slices.Equal(got, want) {
			t.Fatalf("infix(%q) = %d terms, reference %d", q, len(got), len(want))
		}
	}
}

// TestTyposAgreeWithReference: the typo search, a walk of the sorted
// terms that shares distance rows between terms and skips the prefixes
// already too far, and typoDistance, which measures one word with an early
// stop, find the words one edit away, and two edits away with the first
// letter kept, exactly as measuring the full distance to every word does.
func TestTyposAgreeWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	alphabet := []rune("abcdeé中")
	words := randomTerms(r, strings.Split(string(alphabet), ""), 4000, 9)
	words = append(words, "c++", "a.b")
	slices.Sort(words)
	lx := lexicon{words: words}
	for range 300 {
		q := []rune(words[r.IntN(len(words))])
		if len(q) > 1 {
			q[r.IntN(len(q))] = alphabet[r.IntN(len(alphabet))]
		}
		for _, two := range []bool{false, true} {
			var got []int32
			lx.typos(context.Background(), string(q), two, func(id int32, dist int) {
				if want := osaDistance(q, []rune(words[id])); dist != want {
					t.Fatalf("typos(%q): %q at %d, reference %d", string(q), words[id], dist, want)
				}
				got = append(got, id)
			})
			want := typosRef(words, string(q), two)
			if !slices.Equal(got, want) {
				t.Fatalf("typos(%q, %v) = %d words, reference %d", string(q), two, len(got), len(want))
			}
			// Measuring each word alone, as for the common words, agrees.
			var one []int32
			for id, w := range words {
				if _, ok := typoDistance(q, w, two); ok {
					one = append(one, int32(id))
				}
			}
			if !slices.Equal(one, want) {
				t.Fatalf("typoDistance(%q, %v): %d words, reference %d", string(q), two, len(one), len(want))
			}
		}
	}
}

// TestFindAgreesWithReference: Find, through postings, prefix counts,
// gram index, typo walk and metadata lists, finds for every kind of query
// the articles that reading each article with the same plan finds, on a
// corpus with single letters, compounds in three spellings, tokens with
// symbols, typos and metadata, large enough for prefix counts.
func TestFindAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	words := strings.Fields(`la le de des sécurité cybersécurité securite sécurités insécurité ministre ministère
		coopération internationale international défense cyberdéfense menace menaces réseau réseaux plate-forme
		plateforme plate forme e-mail email anti-virus antivirus C++ C# .NET ASP.NET 20% #1 2.4.1 CVE-2021-44228
		a b c e x z zone gouvernement gouvernemnt goverment vulnérabilité vulnerabilte l’OTAN d’un 2019 Microsoft
		microsfot infrastructure télécommunications État États œuvre`)
	tags := strings.Fields("politique défense économie numérique")
	arts := make([]*corpus.Article, 2*minCountDocs+500)
	for i := range arts {
		var b strings.Builder
		for range 5 + r.IntN(25) {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteString([]string{" ", " ", ", ", ". ", "-"}[r.IntN(5)])
		}
		a := &corpus.Article{
			ID: fmt.Sprintf("q%05d", i), Title: words[r.IntN(len(words))] + " " + words[r.IntN(len(words))],
			Paragraphs: []string{b.String()},
			Date:       corpus.NewDate(2000+r.IntN(20), time.Month(1+r.IntN(12)), 1, 0, 0, corpus.PrecisionMonth),
		}
		if r.IntN(2) == 0 {
			a.Tags = []string{tags[r.IntN(len(tags))]}
			a.Authors = []string{[]string{"Jean Dupont", "Marie Martin"}[r.IntN(2)]}
			a.URL = "https://www." + []string{"lemonde.fr", "nato.int"}[r.IntN(2)] + "/x"
			a.Fields = []corpus.Field{{Name: "cves", Values: []string{fmt.Sprintf("CVE-2021-%d", 44228+r.IntN(3))}}}
		}
		arts[i] = a
	}
	c := corpus.New(arts)
	x := New(c)
	ix := x.index()
	var plain []string
	for _, w := range ix.lex.words {
		if isPlainWord(w) {
			plain = append(plain, w)
		}
	}
	term := func() string {
		w := plain[r.IntN(len(plain))]
		rs := []rune(w)
		switch r.IntN(9) {
		case 0:
			return string(rs[:1+r.IntN(len(rs))]) // a start
		case 1:
			if len(rs) > 3 {
				i := 1 + r.IntN(len(rs)-3)
				return string(rs[i : i+3+r.IntN(len(rs)-i-2)]) // inside
			}
		case 2:
			if len(rs) > 4 {
				i := 1 + r.IntN(len(rs)-2)
				rs[i], rs[i+1] = rs[i+1], rs[i] // a typo
				return string(rs)
			}
		case 3:
			var ab []rune // letters in order
			for j, c := range rs {
				if j == 0 || r.IntN(2) == 0 {
					ab = append(ab, c)
				}
			}
			return string(ab)
		case 4:
			return words[r.IntN(len(words))] // as written, symbols and compounds
		case 5:
			// Two to four words, a common one repeated at times: the
			// walks of a phrase's words, and a word that follows itself.
			ph := make([]string, 2+r.IntN(3))
			for j := range ph {
				ph[j] = words[r.IntN(len(words))]
				if r.IntN(3) == 0 {
					ph[j] = []string{"la", "de", "la"}[r.IntN(3)]
				}
			}
			return `"` + strings.Join(ph, " ") + `"`
		case 6:
			return []string{"tag:", "author:", "site:", "cve:", "title:", "="}[r.IntN(6)] + w[:1+r.IntN(len(w))]
		case 7:
			return []string{"year:2010", "date:2005..2008", "date:>=2015-06", `"le d`, "plate-for", "(la OR c++)"}[r.IntN(6)]
		}
		return w
	}
	cache := newTokenCache()
	for range 800 {
		var q strings.Builder
		for k := range 1 + r.IntN(3) {
			if k > 0 {
				q.WriteString([]string{" ", " | ", " OR ", " -", " NOT "}[r.IntN(5)])
			}
			q.WriteString(term())
		}
		query := q.String()
		res, err := x.Find(context.Background(), query, nil)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("%q: %v", query, err)
			}
			continue
		}
		var got []int32
		for i := range res.Len() {
			got = append(got, int32(res.Hit(i).Index))
		}
		if want := findRef(ix, res.plan, cache); !slices.Equal(got, want) {
			t.Fatalf("%q: Find %d articles, reading them %d", query, len(got), len(want))
		}
	}
}

// TestPrefixEndAgreesWithReference: galloping to the end of the terms
// under a prefix lands where counting them one by one does.
func TestPrefixEndAgreesWithReference(t *testing.T) {
	words := []string{"a", "ab", "aba", "abb", "abc", "abcd", "abd", "b", "ba", "bb", "bbb", "bbbb", "bc", "c"}
	lx := lexicon{words: words}
	for l := range words {
		for _, p := range []string{"", "a", "ab", "abc", "b", "bb", "bbb", "c", "d", words[l]} {
			want := 0
			for l+want < len(words) && strings.HasPrefix(words[l+want], p) {
				want++
			}
			if got := lx.prefixEnd(l, p); got != want {
				t.Errorf("prefixEnd(%d, %q) = %d, want %d", l, p, got, want)
			}
		}
	}
}

// TestSubsequenceAgreesWithReference: passing over the terms that lack
// one of a word's letters loses none of the words that hold its letters
// in order.
func TestSubsequenceAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	alphabet := []string{"a", "b", "c", "d", "é", "z", "1", "+", "ab"}
	words := randomTerms(r, alphabet, 5000, 12)
	lx := lexicon{words: words, letters: newLetters(words)}
	for range 2000 {
		var q strings.Builder
		for range 1 + r.IntN(6) {
			q.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		var got []int32
		lx.subsequence(context.Background(), q.String(), func(id int32) { got = append(got, id) })
		if want := subsequenceRef(words, q.String()); !slices.Equal(got, want) {
			t.Fatalf("subsequence(%q) = %d words, reference %d", q.String(), len(got), len(want))
		}
	}
}

// randomTerms returns up to n distinct terms of one to max pieces of
// alphabet, sorted.
func randomTerms(r *rand.Rand, alphabet []string, n, max int) []string {
	seen := map[string]bool{}
	var words []string
	for range n {
		var sb strings.Builder
		for range 1 + r.IntN(max) {
			sb.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		if w := sb.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	slices.Sort(words)
	return words
}
