package tui

import (
	"slices"
	"sort"

	"github.com/gazette-reader/gazette/corpus"
)

// arrivals are the articles of a load so far, in timeline order
// (corpus.CompareTimeline): what the loading screen's timeline lists
// while the load goes on. A value is never changed: more articles make a
// new one, so a timeline made on it stays true.
type arrivals struct {
	arts []*corpus.Article
}

func (a *arrivals) Len() int                 { return len(a.arts) }
func (a *arrivals) At(i int) *corpus.Article { return a.arts[i] }
func (a *arrivals) DateAt(i int) corpus.Date { return a.arts[i].Date }

// with returns the arrivals with more, which it sorts: a merge, in time
// linear in the articles, so that a screen refreshed as a million
// articles arrive costs tens of milliseconds a refresh.
func (a *arrivals) with(more []*corpus.Article) *arrivals {
	slices.SortFunc(more, corpus.CompareTimeline)
	out := make([]*corpus.Article, 0, len(a.arts)+len(more))
	i, j := 0, 0
	for i < len(a.arts) && j < len(more) {
		if corpus.CompareTimeline(more[j], a.arts[i]) < 0 {
			out = append(out, more[j])
			j++
		} else {
			out = append(out, a.arts[i])
			i++
		}
	}
	out = append(out, a.arts[i:]...)
	out = append(out, more[j:]...)
	return &arrivals{arts: out}
}

// indexIn returns the index in c, in timeline order, of x or of the
// article that stands for it there (the load may have replaced it by a
// changed copy, or renamed its ID when another had it), else of the
// first article after it in time; -1 when c is empty. A binary search:
// log n dates and IDs read.
func indexIn(c Articles, x *corpus.Article) int {
	n := c.Len()
	if n == 0 {
		return -1
	}
	id := func(i int) string { return c.At(i).ID }
	if ids, ok := c.(interface{ IDAt(int) string }); ok {
		id = ids.IDAt
	}
	return min(sort.Search(n, func(i int) bool {
		d := c.DateAt(i)
		switch {
		case d.Before(x.Date):
			return false
		case x.Date.Before(d):
			return true
		}
		return id(i) >= x.ID
	}), n-1)
}
