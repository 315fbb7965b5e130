package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// A filter typed while the corpus loads is answered on the articles made
// so far: an index of some of them (the part) is made in a command, then
// each query typed is searched in it, and the list shows the hits, the
// filter line saying among how many articles. The first part takes
// partFirst articles at most, spread evenly over the timeline, so that
// the first answer takes the same few seconds whatever the corpus (3-4 s
// at a million, the load going on beside it); a part twice as large is
// made when that many have come, as long as the part holds less than a
// quarter of the articles the load expects: the parts then cost in all
// less than half of the reader's own index. The keys are the reader's
// too: once loaded, it runs the same query on the whole corpus.

// partFirst is the most articles the first part holds.
const partFirst = 50_000

// partIndex is an index of some of the articles made so far.
type partIndex struct {
	c   *corpus.Corpus
	idx *search.Index
}

// earlyResultMsg is the answer of a query typed while loading, with the
// part it was searched in, which may be new.
type earlyResultMsg struct {
	query string
	part  *partIndex
	res   *search.Results
	err   error
}

// typedKey follows a key typed while loading in the filter, as the
// reader will once loaded: / opens the filter, enter keeps the query, esc
// clears it, ↑ and ↓ move through the hits; it returns the search of a
// query that changed.
func (e *earlyTimeline) typedKey(msg tea.KeyPressMsg, k KeyMap) tea.Cmd {
	if !e.typing {
		nav := k.enabledFor(keyState{focus: focusTimeline, filtered: e.res != nil})
		switch {
		case key.Matches(msg, nav.Filter):
			e.typing = true
			e.qf.focus()
		case key.Matches(msg, nav.ClearFilter):
			e.showAll()
		case e.made():
			// The reader will move as much in its own list.
			e.tl.update(msg, nav)
			e.tl.explainVisible()
		}
		return nil
	}
	req, _ := e.qf.update(msg, k.enabledFor(keyState{focus: focusFilter}))
	switch req {
	case requestKeepFilter:
		e.typing = false
	case requestClearFilter:
		e.showAll()
	case requestNextResult:
		e.tl.move(1)
	case requestPrevResult:
		e.tl.move(-1)
	case requestSearch:
		return e.search()
	}
	return nil
}

// showAll leaves the filter and lists every article made so far.
func (e *earlyTimeline) showAll() {
	e.qf.clear()
	e.typing, e.res = false, nil
	e.relist()
}

// search answers the filter's query on the articles made so far: in the
// part when it holds at least half of them, else in a new part, made
// in the command.
func (e *earlyTimeline) search() tea.Cmd {
	q := e.qf.query()
	if strings.TrimSpace(q) == "" {
		e.res, e.qf.err, e.qf.note = nil, "", ""
		e.relist()
		return nil
	}
	if e.shown == nil {
		return nil // nothing made yet: the first list answers it
	}
	var cmds []tea.Cmd
	if p := e.part; p != nil {
		cmds = append(cmds, func() tea.Msg {
			res, err := p.idx.FindMarked(context.Background(), q, nil, nil)
			return earlyResultMsg{query: q, part: p, res: res, err: err}
		})
	}
	if n := e.partSize(); n > 0 && !e.building {
		e.building = true
		arts := spread(e.shown.arts, n)
		cmds = append(cmds, func() tea.Msg {
			c := corpus.New(arts)
			p := &partIndex{c: c, idx: search.New(c)}
			res, err := p.idx.FindMarked(context.Background(), q, nil, nil)
			return earlyResultMsg{query: q, part: p, res: res, err: err}
		})
	}
	return tea.Batch(cmds...)
}

// partSize is the size of the part to make, 0 when the one there will do.
func (e *earlyTimeline) partSize() int {
	n := e.shown.Len()
	if e.part == nil {
		return min(n, partFirst)
	}
	have := e.part.c.Len()
	if 2*have > n || 4*have >= e.expected() {
		return 0
	}
	return min(n, 2*have)
}

// expected is how many articles the load will make, at the rate of
// articles to bytes read so far.
func (e *earlyTimeline) expected() int {
	p := e.progress()
	if p.Read <= 0 || p.Size <= p.Read {
		return int(p.Articles)
	}
	return int(float64(p.Articles) * float64(p.Size) / float64(p.Read))
}

// spread returns n of arts (all when they are fewer), spread evenly.
func spread(arts []*corpus.Article, n int) []*corpus.Article {
	if len(arts) <= n {
		return arts
	}
	out := make([]*corpus.Article, n)
	for i := range out {
		out[i] = arts[i*len(arts)/n]
	}
	return out
}

// answered shows the hits of a query typed while loading, if it is the
// query the filter holds now, else searches that one.
func (e *earlyTimeline) answered(msg earlyResultMsg) tea.Cmd {
	if e.part == nil || msg.part.c.Len() > e.part.c.Len() {
		e.part, e.building = msg.part, false // a new, larger part
	}
	if msg.part != e.part {
		return nil // a smaller part's answer, come late
	}
	if msg.query != e.qf.query() {
		return e.search()
	}
	var qe *search.QueryError
	switch {
	case errors.As(msg.err, &qe):
		e.qf.err = qe.Msg
		return nil
	case msg.err != nil:
		e.qf.err = msg.err.Error()
		return nil
	}
	e.qf.err = ""
	among := "the " + thousands(int64(e.part.c.Len()))
	if e.part.c.Len() < e.shown.Len() {
		among = thousands(int64(e.part.c.Len())) + " of the " + thousands(int64(e.shown.Len()))
	}
	e.qf.note = fmt.Sprintf("%s among %s articles loaded so far · all once loaded", hitsCount(msg.res.Len()), among)
	e.res = msg.res
	e.list(e.part.c)
	e.tl.setResults(msg.res)
	e.tl.explainVisible()
	return nil
}

// hitsCount says "1 hit", "12 hits".
func hitsCount(n int) string {
	if n == 1 {
		return "1 hit"
	}
	return thousands(int64(n)) + " hits"
}
