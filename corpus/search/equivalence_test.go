package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
)

// TestAddTextAgreesWithReference: the index cuts and folds words, with
// its shortcuts for ASCII, two-byte Latin letters and general
// punctuation, exactly as the word iterator that queries and snippets use
// does, on text mixing short and long words, capitals, digits, accents,
// marks, apostrophes, separators and broken UTF-8 at every offset, and on
// every rune up to U+2FFF alone and between letters.
func TestAddTextAgreesWithReference(t *testing.T) {
	pieces := []string{
		"de", "la", "OTAN", "Japon", "cyberdéfense", "coopération", "2019", "a", "x",
		"internationale", "ÉTATS", "l’", "d'", "porte-parole", "e\u0301", "\u0301", "Œuvre",
		"straße", "ǅ", "中文", "x×y", "«", "»", " ", "  ", ", ", ". ", "\u00a0", "\t", "-",
		"abcdefg", "abcdefgh", "ABCDEFGHIJ", "mot7777", "Zz", "ª", "µ", "º", "²", "÷", "Ð",
		"Þ", "ſ", "ŉ", "œ", "Ÿ", "—", "…", "\u203f", "\u2040", "\u200d", "\xc3", "\xc3(",
		"\xe2\x80", "\xe2\x80(", "\xe2", "\x80", "\xc5\xbf\xbf",
	}
	check := func(s string) {
		t.Helper()
		want := addTextRef(s)
		b := &shardBuild{table: make([]slot, 16), folded: make([]byte, 0, 64)}
		n := b.addText(&b.body, s, 0, 0)
		var got []string
		for _, k := range b.body.block.keys {
			got = append(got, b.words[k>>32])
		}
		if !slices.Equal(got, want) || int(n) != len(want) {
			t.Fatalf("%q:\naddText %q (%d positions)\nreference %q", s, got, n, want)
		}
	}
	for r := rune(0); r < 0x3000; r++ {
		check(string(r))
		check("Ab" + string(r) + "cD")
		check("é" + string(r) + "é")
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(sb.String())
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

// TestPrefixBitmapsAgreeWithReference: the bitmap of a heavy short prefix
// holds exactly the articles whose postings hold one of its words.
func TestPrefixBitmapsAgreeWithReference(t *testing.T) {
	words := strings.Fields("de des du la le les cyber cybersécurité coopération pays paix prix")
	r := rand.New(rand.NewPCG(7, 8))
	arts := make([]*corpus.Article, 3*minBitmapDocs)
	for i := range arts {
		var sb strings.Builder
		for range 3 + r.IntN(6) {
			sb.WriteString(words[r.IntN(len(words))] + " ")
		}
		arts[i] = &corpus.Article{ID: string(rune('a' + i%26)), Title: "T", Paragraphs: []string{sb.String()}}
	}
	ix := buildIndex(arts, new(atomic.Int64))
	checked := 0
	for _, sh := range ix.shards {
		for p, pb := range sh.prefixes {
			if pb.body == nil {
				continue
			}
			lo, hi := ix.prefixRange(p)
			want := prefixDocsRef(&sh.body, int(lo), int(hi))
			for d := sh.lo; d < sh.hi; d++ {
				i := d - sh.lo
				if got := pb.body[i>>6]&(1<<(i&63)) != 0; got != want[int32(d)] {
					t.Fatalf("prefix %q, article %d: in bitmap %v, in postings %v", p, d, got, want[int32(d)])
				}
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no prefix bitmap was built")
	}
}
