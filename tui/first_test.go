package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus/search"
)

// firstFinder is a FirstFinder on the in-memory engine: its first hits
// are the first n of all of them.
type firstFinder struct{ x *search.Index }

func (f firstFinder) FindMarked(ctx context.Context, q string, within *search.Results, m search.Marks) (*search.Results, error) {
	return f.x.FindMarked(ctx, q, within, m)
}

func (f firstFinder) FindFirst(ctx context.Context, q string, n int, _ search.Marks) (*search.Results, error) {
	all, err := f.x.Find(ctx, q, nil)
	if err != nil {
		return nil, err
	}
	var index []int32
	for i := range all.Indexes() {
		if len(index) == n {
			break
		}
		index = append(index, int32(i))
	}
	return search.Found(all.Query, index, make([]float32, len(index)), nil, f.x.Corpus().At, all.Explain), nil
}

// TestFirstHitsThenAll: with a finder that answers its first hits sooner
// (a database), the reader shows them at once and says the rest is being
// searched for; all of them then take their place, the cursor staying on
// its article, and first hits that come after all of them change nothing.
func TestFirstHitsThenAll(t *testing.T) {
	c := seedCorpus(t)
	x := search.New(c)
	m := send(t, New(c, firstFinder{x}, WithDarkBackground(true)), tea.WindowSizeMsg{Width: 100, Height: 30})
	// Type the filter without running its searches: their answers come
	// below, in the order a slow server gives them.
	for _, k := range append([]any{press("/")}, typed("cyber")...) {
		next, _ := m.Update(k)
		m = next.(Model)
	}
	ff := firstFinder{x}
	first, _ := ff.FindFirst(context.Background(), "cyber", 2, nil)
	all, _ := x.Find(context.Background(), "cyber", nil)
	if first.Len() != 2 || all.Len() != 5 {
		t.Fatalf("cyber: %d first hits, %d in all", first.Len(), all.Len())
	}
	m = send(t, m, searchResultMsg{query: "cyber", results: first, first: true})
	if s := screen(m); !strings.Contains(s, "2 of 5 articles · filter cyber · the first hits, searching for the rest") {
		t.Fatalf("first hits shown:\n%s", s)
	}
	// ↓ in the filter line: the second hit.
	m = send(t, m, press("down"))
	m = send(t, m, searchResultMsg{query: "cyber", results: all})
	s := screen(m)
	if !strings.Contains(s, "5 of 5 articles · filter cyber") || strings.Contains(s, "first hits") {
		t.Fatalf("all hits shown:\n%s", s)
	}
	if a, ok := m.timeline.selected(); !ok || a != first.Hit(1).Index {
		t.Errorf("the cursor left the second hit for %d", a)
	}
	m = send(t, m, searchResultMsg{query: "cyber", results: first, first: true})
	if s := screen(m); !strings.Contains(s, "5 of 5 articles · filter cyber") {
		t.Errorf("first hits after all of them replaced them:\n%s", s)
	}
}
