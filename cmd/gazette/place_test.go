package main

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
	"github.com/gazette-reader/gazette/tui"
)

// idSource is a corpus.Source that counts the IDs asked of it.
type idSource struct {
	arts  []*corpus.Article
	asked int
}

func (s *idSource) Len() int                      { return len(s.arts) }
func (s *idSource) Article(i int) *corpus.Article { return s.arts[i] }
func (s *idSource) Date(i int) corpus.Date        { return s.arts[i].Date }
func (s *idSource) ID(i int) string               { s.asked++; return s.arts[i].ID }
func (s *idSource) Find(id string) (int, bool) {
	return slices.BinarySearchFunc(s.arts, id, func(a *corpus.Article, id string) int { return cmp.Compare(a.ID, id) })
}

func articlesN(n int) []*corpus.Article {
	arts := make([]*corpus.Article, n)
	for i := range arts {
		id := fmt.Sprintf("a/%06d", i)
		arts[i] = &corpus.Article{ID: id, Title: "Titre " + id, Paragraphs: []string{"Texte de " + id + "."}}
	}
	return arts
}

// TestPlaceOfAMovedCorpus finds where the reader was in a corpus read
// from another path, by its IDs, reading a sample of them rather than
// every one (every page of a mapped corpus: seconds at a million articles
// before the first frame); another corpus has no place.
func TestPlaceOfAMovedCorpus(t *testing.T) {
	src := &idSource{arts: articlesN(50000)}
	c := corpus.FromSource(src)
	s, err := state.Open(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	names := corpusNames([]string{"/news/here"}, c)
	if src.asked > idsSampled+1 {
		t.Errorf("naming the corpus read %d IDs; want at most %d", src.asked, idsSampled+1)
	}
	if err := s.SetPlace(placeFor(tui.Place{Article: 41234}, c), names...); err != nil {
		t.Fatal(err)
	}
	if p, ok := placeOf(s, corpusNames([]string{"/archive/news"}, c), c); !ok || p.Article != 41234 {
		t.Errorf("moved: article %d, found %t; want 41234, true", p.Article, ok)
	}
	for _, other := range [][]*corpus.Article{src.arts[:49999], articlesN(50001)[1:]} {
		o := corpus.New(other)
		if p, ok := placeOf(s, corpusNames([]string{"/elsewhere"}, o), o); ok {
			t.Errorf("a corpus of %d other articles has a place: %+v", o.Len(), p)
		}
	}
}
