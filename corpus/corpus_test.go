package corpus_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
)

func made(ids ...string) *corpus.Corpus {
	arts := make([]*corpus.Article, len(ids))
	for i, id := range ids {
		arts[i] = &corpus.Article{ID: id, Title: "Titre " + id}
	}
	return corpus.New(arts)
}

func TestClosestIDs(t *testing.T) {
	c := made("004_a37cb0af5b3f89bb", "003_a617ba8cd3b3f892", "000_4c5db0ae9efe47db", "001_8c4fc2a06532ada3", "002_3932c6dfc2111cbf")
	got := c.Closest("003", 2)
	if len(got) != 2 || got[0] != "003_a617ba8cd3b3f892" {
		t.Errorf("Closest(003) = %v", got)
	}
	got = c.Closest("002_3932c6dfc2111cbg", 1)
	if len(got) != 1 || got[0] != "002_3932c6dfc2111cbf" {
		t.Errorf("Closest(one typo) = %v", got)
	}
}

// TestNewRenamesRepeatedIDs: IDs that repeat are kept under "~2", "~3" in
// the order given.
func TestNewRenamesRepeatedIDs(t *testing.T) {
	given := []*corpus.Article{{ID: "a"}, {ID: "a"}, {ID: "b"}, {ID: "a"}}
	corpus.New(given)
	for _, a := range given {
		if a.ID != "a" && a.ID != "b" {
			t.Errorf("New changed an article it was given: ID %q", a.ID)
		}
	}
	c := made("a", "a", "b", "a")
	var ids []string
	for i := range c.Len() {
		ids = append(ids, c.At(i).ID)
	}
	slices.Sort(ids)
	if want := []string{"a", "a~2", "a~3", "b"}; !slices.Equal(ids, want) {
		t.Errorf("IDs %v, want %v", ids, want)
	}
	for _, id := range ids {
		if a, ok := c.ByID(id); !ok || a.ID != id {
			t.Errorf("ByID(%q) = %v, %v", id, a, ok)
		}
	}
}

func TestSite(t *testing.T) {
	for url, want := range map[string]string{
		"https://www.LeMonde.fr/international/article/2019.html": "www.lemonde.fr",
		"http://user@example.org:8080/x?y#z":                     "example.org:8080",
		"https://example.org":                                    "example.org",
		"/relative/path":                                         "",
		"":                                                       "",
	} {
		if got := (&corpus.Article{URL: url}).Site(); got != want {
			t.Errorf("Site(%q) = %q, want %q", url, got, want)
		}
	}
}

// counting is a Source of articles that counts those it builds.
type counting struct {
	arts  []*corpus.Article
	built int
}

func (s *counting) Len() int                      { return len(s.arts) }
func (s *counting) Article(i int) *corpus.Article { s.built++; return s.arts[i] }
func (s *counting) Date(i int) corpus.Date        { return s.arts[i].Date }
func (s *counting) ID(i int) string               { return s.arts[i].ID }
func (s *counting) Find(id string) (int, bool) {
	return slices.BinarySearchFunc(s.arts, id, func(a *corpus.Article, id string) int {
		return cmp.Compare(a.ID, id)
	})
}

// TestPositionBuildsNothing finds an article's place on the timeline
// without building the articles before it, as a scan would: the reader
// reopened where it was, near the end of a million articles, waited
// seconds for it.
func TestPositionBuildsNothing(t *testing.T) {
	src := &counting{}
	for i := range 1000 {
		src.arts = append(src.arts, &corpus.Article{ID: fmt.Sprintf("a%04d", i)})
	}
	c := corpus.FromSource(src)
	for _, tc := range []struct {
		id   string
		want int
		ok   bool
	}{{"a0990", 990, true}, {"a0000", 0, true}, {"b", 0, false}} {
		i, ok := c.Position(tc.id)
		if ok != tc.ok || (ok && i != tc.want) {
			t.Errorf("Position(%q) = %d, %t; want %d, %t", tc.id, i, ok, tc.want, tc.ok)
		}
	}
	if src.built != 0 {
		t.Errorf("Position built %d articles; want none", src.built)
	}
	if a, ok := c.ByID("a0990"); !ok || a.ID != "a0990" || src.built != 1 {
		t.Errorf("ByID: %v, %t, %d built; want a0990 alone built", a, ok, src.built)
	}
	if i, ok := made("x", "y").Position("y"); !ok || i != 1 {
		t.Errorf("Position in a corpus in memory: %d, %t; want 1, true", i, ok)
	}
}
