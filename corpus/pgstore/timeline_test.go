package pgstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/pgstore"
	"github.com/gazette-reader/gazette/corpus/pgstore/pgtest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// sameTimeline fails unless the reader's timeline of s is c's: the same
// article at every position, and every date to the month.
func sameTimeline(t *testing.T, s *pgstore.Store, c *corpus.Corpus) *pgstore.Timeline {
	t.Helper()
	tl, err := s.Timeline(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tl.Len() != c.Len() {
		t.Fatalf("the timeline has %d articles, want %d", tl.Len(), c.Len())
	}
	month := func(d corpus.Date) [3]int {
		if d.IsZero() {
			return [3]int{}
		}
		m := 0
		if d.Precision >= corpus.PrecisionMonth {
			m = int(d.Time.Month())
		}
		return [3]int{d.Time.Year(), m, 1}
	}
	for i := range c.Len() {
		if got, want := tl.At(i), c.At(i); got.ID != want.ID || got.Title != want.Title || !slices.Equal(got.Paragraphs, want.Paragraphs) {
			t.Fatalf("article %d is %s, want %s", i, got.ID, want.ID)
		}
		if got, want := month(tl.DateAt(i)), month(c.DateAt(i)); got != want {
			t.Fatalf("article %d: month %v, want %v", i, got, want)
		}
	}
	return tl
}

// TestReaderTimeline: the reader's timeline through the server is the
// in-memory one, also after an import of articles older than those there
// (which moves them), and its filter finds the same hits at the same
// positions for the queries both engines agree on.
func TestReaderTimeline(t *testing.T) {
	srv := pgtest.Start(t)
	ctx := context.Background()
	all := corpustest.Articles(3000, 11)
	whole := corpus.New(all)

	s := open(t, srv, "reader", nil)
	// Every other article first, then the rest: the second import puts
	// articles before and between the first ones.
	var half []*corpus.Article
	for i := 0; i < whole.Len(); i += 2 {
		half = append(half, whole.At(i))
	}
	if _, err := s.Import(ctx, corpus.New(half), nil); err != nil {
		t.Fatal(err)
	}
	sameTimeline(t, s, corpus.New(half))
	if _, err := s.Import(ctx, whole, nil); err != nil {
		t.Fatal(err)
	}
	tl := sameTimeline(t, s, whole)

	// The marks' articles are found by the keys of the articles read
	// back, as the reader computes them when it marks one.
	var keys []state.Key
	for i := 0; i < tl.Len(); i += 97 {
		keys = append(keys, state.KeyOf(tl.At(i)))
	}
	where, err := tl.Positions(append(keys, state.Key{1}))
	if err != nil || len(where) != len(keys) {
		t.Fatalf("Positions: %d of %d keys found, %v", len(where), len(keys), err)
	}
	for j, k := range keys {
		if where[int32(97*j)] != k {
			t.Errorf("the key of article %d is not found at its position", 97*j)
		}
	}

	x := search.New(whole)
	for _, q := range agreeing() {
		mem, err := x.Find(ctx, q, nil)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		got, err := tl.FindMarked(ctx, q, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if want := slices.Collect(mem.Indexes()); !slices.Equal(slices.Collect(got.Indexes()), want) {
			t.Errorf("%s: the reader's filter finds %d hits, the in-memory engine %d, or at other positions", q, got.Len(), len(want))
		}
	}
	// A hit is explained as in memory.
	mem, _ := x.Find(ctx, "otan", nil)
	got, _ := tl.FindMarked(ctx, "otan", nil, nil)
	if mem.Len() == 0 || got.Len() != mem.Len() {
		t.Fatalf("otan: %d hits, want %d", got.Len(), mem.Len())
	}
	mh, gh := mem.Hit(0), got.Hit(0)
	mem.Explain(&mh)
	got.Explain(&gh)
	if gh.Snippet == "" || gh.Snippet != mh.Snippet || !slices.Equal(gh.SnippetSpans, mh.SnippetSpans) || !slices.Equal(gh.Title, mh.Title) {
		t.Errorf("otan, first hit: snippet %q %v, title %v; want %q %v, %v", gh.Snippet, gh.SnippetSpans, gh.Title, mh.Snippet, mh.SnippetSpans, mh.Title)
	}
}

// TestReaderRanksAFewThousandHits: the filter ranks up to RankLimit hits;
// past it, hits keep no score and the notes say why.
func TestReaderRanksAFewThousandHits(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of articles: not with -short")
	}
	srv := pgtest.Start(t)
	ctx := context.Background()
	c := corpustest.Corpus(pgstore.RankLimit+1000, 5)
	s := open(t, srv, "ranks", c)
	tl, err := s.Timeline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	x := search.New(c)
	for _, tc := range []struct {
		q      string
		ranked bool
	}{{"otan", true}, {"de", false}} {
		mem, _ := x.Find(ctx, tc.q, nil)
		r, err := tl.FindMarked(ctx, tc.q, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Len() != mem.Len() || (r.Len() > pgstore.RankLimit) == tc.ranked {
			t.Fatalf("%s: %d hits, want %d on either side of %d", tc.q, r.Len(), mem.Len(), pgstore.RankLimit)
		}
		scored := 0
		for _, h := range r.Hits() {
			if h.Score > 0 {
				scored++
			}
		}
		if tc.ranked && scored != r.Len() || !tc.ranked && (scored != 0 || len(r.Notes()) != 1) {
			t.Errorf("%s: %d of %d hits scored, notes %q", tc.q, scored, r.Len(), r.Notes())
		}
		// Held as a set of positions past the limit: the same hits, in
		// timeline order, and newest first by relevance.
		want := slices.Collect(mem.Indexes())
		if got := slices.Collect(r.Indexes()); !slices.Equal(got, want) {
			t.Errorf("%s: the hits are not the in-memory engine's", tc.q)
		}
		if !tc.ranked {
			slices.Reverse(want)
			if got := slices.Collect(r.ByScore().Indexes()); !slices.Equal(got, want) {
				t.Errorf("%s: by relevance, the hits are not newest first", tc.q)
			}
		}
	}
}

// TestReaderWithoutTheServer: when the server goes away, the articles not
// read yet say so in their title, the error is kept, and nothing stops.
func TestReaderWithoutTheServer(t *testing.T) {
	srv := pgtest.Start(t)
	ctx := context.Background()
	c := corpustest.Corpus(200, 3)
	s := open(t, srv, "gone", c)
	tl, err := s.Timeline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a := tl.At(0); a.ID != c.At(0).ID || tl.Err() != nil {
		t.Fatalf("At(0) = %s, %v", a.ID, tl.Err())
	}
	s.Close()
	if a := tl.At(0); a.ID != c.At(0).ID {
		t.Errorf("an article read before is %s, want it from the cache", a.ID)
	}
	a := tl.At(150)
	if tl.Err() == nil || !strings.Contains(a.Title, "could not be read") || strings.ContainsAny(a.Title, "\n\x1b") {
		t.Errorf("article 150 without the server: %q, %v", a.Title, tl.Err())
	}
	if _, err := tl.FindMarked(ctx, "otan", nil, nil); err == nil {
		t.Error("a filter without the server found hits")
	}
}
