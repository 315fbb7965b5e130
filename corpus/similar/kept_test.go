package similar

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
)

// keeping is a corpus.Source that keeps groups of copies.
type keeping struct {
	arts []*corpus.Article
	of   []int32
}

func (s *keeping) Len() int                      { return len(s.arts) }
func (s *keeping) Article(i int) *corpus.Article { return s.arts[i] }
func (s *keeping) Date(i int) corpus.Date        { return s.arts[i].Date }
func (s *keeping) ID(i int) string               { return s.arts[i].ID }
func (s *keeping) CopyGroups() []int32           { return s.of }
func (s *keeping) Find(id string) (int, bool) {
	return slices.BinarySearchFunc(s.arts, id, func(a *corpus.Article, id string) int { return cmp.Compare(a.ID, id) })
}

// TestKeptGroupsAreTaken: Find takes the groups a corpus's source keeps
// (here of articles too short to be found copies, so that they can only
// come from there), and finds them itself when what is kept does not
// hold together.
func TestKeptGroupsAreTaken(t *testing.T) {
	var arts []*corpus.Article
	for i := range 6 {
		arts = append(arts, &corpus.Article{ID: fmt.Sprintf("a%d", i), Paragraphs: []string{"Court."}})
	}
	src := &keeping{arts: arts, of: []int32{-1, 0, 1, 0, -1, 1}}
	g, err := Find(context.Background(), corpus.FromSource(src))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 2 || !slices.Equal(g.Members(0), []int32{1, 3}) || !slices.Equal(g.Members(1), []int32{2, 5}) || g.ID(1) != "a2" {
		t.Errorf("kept groups: %d, %v, %v; want {1, 3} and {2, 5}", g.Len(), g.Members(0), g.Members(min(1, g.Len()-1)))
	}
	for _, bad := range [][]int32{{-1, 1, 0, 0, 1, -1}, {0, -1, -1, -1, -1, -1}, {-1, 0, 0, -2, -1, -1}, {0, 0}} {
		src.of = bad
		g, err := Find(context.Background(), corpus.FromSource(src))
		if err != nil || g.Len() != 0 {
			t.Errorf("kept %v: %v groups, %v; want them found again (none)", bad, g.Len(), err)
		}
	}
}
