package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
)

// TestShortPrefixRanksByFrequency (point 10): a one-letter prefix, read
// from its counts, ranks an article by how often its words start with it,
// not by the article's length alone; and the counts of short prefixes are
// made when every single letter is a word, as in real corpora.
func TestShortPrefixRanksByFrequency(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	// Every letter is a word; "z" words are in most articles.
	letters := strings.Fields("a b c d e f g h i j k l m n o p q r s t u v w x y z")
	words := append(letters, "zone", "zèle", "zinc", "zoo", "abri", "bateau", "chose", "zèbre")
	arts := make([]*corpus.Article, 3*minCountDocs)
	for i := range arts {
		var b strings.Builder
		for range 40 {
			b.WriteString(words[r.IntN(len(words))] + " ")
		}
		arts[i] = &corpus.Article{ID: fmt.Sprintf("r%05d", i), Title: "Rien", Paragraphs: []string{b.String()}}
	}
	// Two articles of the same length: one says a z-word ten times, the
	// other once.
	arts[10].Paragraphs = []string{strings.Repeat("zone ", 10) + strings.Repeat("abri ", 30)}
	arts[11].Paragraphs = []string{"zone " + strings.Repeat("abri ", 39)}
	ix := buildIndex(arts, new(atomic.Int64), func(int, int) {})
	// "zo" and "ze" come after the word "z": a shorter word once hid the
	// prefixes after it.
	for _, p := range []string{"z", "zo", "ze"} {
		for _, sh := range ix.shards {
			if sh.prefixes[p] == nil {
				t.Errorf("prefix %q has no counts in shard %d-%d", p, sh.lo, sh.hi)
			}
		}
	}
	x := &Index{index: func() *index { return ix }, c: corpus.New(arts)}
	res, err := x.Find(context.Background(), "z", nil)
	if err != nil {
		t.Fatal(err)
	}
	var many, few float64
	for i := range res.Len() {
		switch h := res.Hit(i); x.c.At(h.Index).ID {
		case "r00010":
			many = h.Score
		case "r00011":
			few = h.Score
		}
	}
	if many <= few {
		t.Errorf("z: ten z-words score %.3f, one z-word %.3f in as long an article", many, few)
	}
}
