package similar_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/similar"
)

// planted returns n generated articles and, after them, copies of some:
// the same paragraphs with one word in edit changed, another title and
// another date, as a paper reprints a wire story. copyOf maps each copy's
// ID to its original's.
func planted(n, copies, edit int, seed uint64) (arts []*corpus.Article, copyOf map[string]string) {
	arts = corpustest.Articles(n, seed)
	r := rand.New(rand.NewPCG(seed, 99))
	rare := make([]string, 2000)
	for i := range rare {
		rare[i] = corpustest.RareWord(i)
	}
	copyOf = map[string]string{}
	for k := range copies {
		orig := arts[r.IntN(n)]
		if _, isCopy := copyOf[orig.ID]; isCopy {
			continue
		}
		c := &corpus.Article{ID: fmt.Sprintf("copy/%d", k), Title: "Reprise : " + orig.Title, Date: corpus.NewDate(2024, 1, 1+k%28, 0, 0, corpus.PrecisionDay)}
		for _, p := range orig.Paragraphs {
			words := strings.Fields(p)
			for i := range words {
				if r.IntN(edit) == 0 {
					words[i] = rare[r.IntN(len(rare))]
				}
			}
			c.Paragraphs = append(c.Paragraphs, strings.Join(words, " "))
		}
		arts = append(arts, c)
		copyOf[c.ID] = orig.ID
	}
	return arts, copyOf
}

// TestPlantedCopies: copies with one word in twenty changed are grouped
// with their originals (at least 95 % of them), and fewer than one in a
// thousand of the other articles is grouped at all.
func TestPlantedCopies(t *testing.T) {
	arts, copyOf := planted(5000, 200, 20, 1)
	c := corpus.New(arts)
	g, err := similar.Find(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for cp, orig := range copyOf {
		a, _ := c.ByID(cp)
		b, _ := c.ByID(orig)
		ia, ib := index(c, a), index(c, b)
		ga, oka := g.Of(ia)
		gb, okb := g.Of(ib)
		if oka && okb && ga == gb {
			found++
		}
	}
	planted := map[string]bool{}
	for cp, orig := range copyOf {
		planted[cp], planted[orig] = true, true
	}
	wrong := 0
	for i := range c.Len() {
		if _, ok := g.Of(i); ok && !planted[c.At(i).ID] {
			wrong++
		}
	}
	t.Logf("%d of %d copies found; %d of %d other articles grouped; %d groups", found, len(copyOf), wrong, c.Len()-len(planted), g.Len())
	if found*100 < 95*len(copyOf) {
		t.Errorf("found %d of %d copies, want 95 %%", found, len(copyOf))
	}
	if wrong*1000 >= c.Len()-len(planted) {
		t.Errorf("%d unrelated articles grouped, want under 0.1 %%", wrong)
	}
}

// TestGroupsInTimelineOrder: a group's first member is its earliest
// article, and the group's ID is that article's.
func TestGroupsInTimelineOrder(t *testing.T) {
	text := []string{strings.Repeat("La même dépêche d'agence, reprise par plusieurs journaux le même jour, sans changer un mot. ", 3)}
	c := corpus.New([]*corpus.Article{
		{ID: "b", Title: "Reprise", Date: corpus.NewDate(2020, 3, 2, 0, 0, corpus.PrecisionDay), Paragraphs: text},
		{ID: "a", Title: "Dépêche", Date: corpus.NewDate(2020, 3, 1, 0, 0, corpus.PrecisionDay), Paragraphs: text},
		{ID: "z", Title: "Autre", Date: corpus.NewDate(2020, 3, 3, 0, 0, corpus.PrecisionDay), Paragraphs: []string{strings.Repeat("Un tout autre texte, sur un tout autre sujet, écrit par un autre journal. ", 3)}},
	})
	g, err := similar.Find(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 1 || g.ID(0) != "a" || len(g.Members(0)) != 2 {
		t.Fatalf("%d groups, want a and b together", g.Len())
	}
	if _, ok := g.Of(2); ok {
		t.Error("an unrelated article is grouped")
	}
}

func index(c *corpus.Corpus, a *corpus.Article) int {
	for i := range c.Len() {
		if c.At(i) == a {
			return i
		}
	}
	return -1
}

// BenchmarkFind groups 100 000 generated articles with 1 000 planted
// copies: the background work of the whole corpus.
func BenchmarkFind(b *testing.B) {
	arts, _ := planted(100_000, 1000, 20, 2)
	c := corpus.New(arts)
	b.ResetTimer()
	for b.Loop() {
		if _, err := similar.Find(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
}
