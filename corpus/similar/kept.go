package similar

import (
	"errors"

	"github.com/gazette-reader/gazette/corpus"
)

// Groups found once may be kept with the corpus (a snapshot keeps them):
// GroupOf gives what to keep, one number an article, and Find takes them
// back from a corpus whose source keeps them (corpus.Corpus.Source with a
// CopyGroups method), instead of reading every article's text again (12 s
// of both cores at a million articles).

// GroupOf returns the group of every article by timeline position, -1
// for none: groups numbered from 0 in the order of their first article,
// as Find numbers them. The slice is the groups' own: do not change it.
func (g *Groups) GroupOf() []int32 { return g.of }

// errKept is returned when kept groups do not hold together.
var errKept = errors.New("groups of copies kept: not as Find numbers them")

// kept returns the groups c's source keeps, if it keeps them and they
// hold together: numbered in order of first article, each of two articles
// or more; ok is false otherwise (Find then finds them).
func kept(c *corpus.Corpus) (*Groups, bool) {
	src, ok := c.Source().(interface{ CopyGroups() []int32 })
	if !ok {
		return nil, false
	}
	of := src.CopyGroups()
	if len(of) != c.Len() {
		return nil, false
	}
	g, err := fromGroupOf(of, c)
	return g, err == nil
}

// fromGroupOf makes the groups that of assigns, checking them.
func fromGroupOf(of []int32, c *corpus.Corpus) (*Groups, error) {
	g := &Groups{of: make([]int32, len(of))}
	for i, k := range of {
		switch {
		case k < -1 || int(k) > len(g.members):
			return nil, errKept
		case k == int32(len(g.members)):
			g.members = append(g.members, nil)
			g.ids = append(g.ids, c.IDAt(i))
		}
		g.of[i] = k
		if k >= 0 {
			g.members[k] = append(g.members[k], int32(i))
		}
	}
	for _, m := range g.members {
		if len(m) < 2 {
			return nil, errKept
		}
	}
	return g, nil
}
