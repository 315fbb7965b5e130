package search_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/seeds"
)

// The seed IDs, in timeline order.
const (
	seed004 = "004_a37cb0af5b3f89bb" // 2014-09-20 L'OTAN lance son cyberpartenariat
	seed003 = "003_a617ba8cd3b3f892" // 2015-04-21 Le Maroc … conférence mondiale
	seed000 = "000_4c5db0ae9efe47db" // 2017-01
	seed001 = "001_8c4fc2a06532ada3" // 2018-07 UIT et Global Cyber Alliance
	seed002 = "002_3932c6dfc2111cbf" // 2019-10-09 L’OTAN et le Japon … cyberdéfense
)

// indexed is a corpus with its search index: the tests read the one and
// search the other.
type indexed struct {
	*corpus.Corpus
	*search.Index
}

func withIndex(c *corpus.Corpus) indexed { return indexed{c, search.New(c)} }

// loadSeeds loads the embedded seeds, with their index.
func loadSeeds(tb testing.TB) indexed {
	tb.Helper()
	c, probs := ingest.LoadFS("seeds", seeds.FS)
	if len(probs) > 0 || c.Len() != 5 {
		tb.Fatalf("seeds: %d articles, problems %v", c.Len(), probs)
	}
	return withIndex(c)
}

func hitIDs(c indexed, hits []search.Hit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = c.At(h.Index).ID
	}
	return ids
}

// TestSearchSeeds runs each form of the query language on the seeds and
// checks which articles come back, in timeline order.
func TestSearchSeeds(t *testing.T) {
	c := loadSeeds(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"cyberdefense", []string{seed004, seed002}},
		{"CYBERDÉFENSE", []string{seed004, seed002}},
		{"otan japon", []string{seed002}},
		{"japon otan", []string{seed002}},
		{"l'otan", []string{seed004, seed002}},
		{"l’otan", []string{seed004, seed002}},
		{"OTAN", []string{seed004, seed002}},
		{"japon", []string{seed002}},
		{"mexi", []string{seed003}},
		{"cybdef", []string{seed004, seed002}},       // subsequence inside a word
		{"cyberdefnse", []string{seed004, seed002}},  // one letter dropped
		{"cyberdéfesne", []string{seed004, seed002}}, // two letters swapped
		{`"conférence mondiale sur le cyberespace"`, []string{seed003}},
		{`"mondiale conférence"`, nil},
		{"-otan cyberespace", []string{seed003}},
		{"!otan cyberespace", []string{seed003}},
		{"japon|maroc", []string{seed003, seed002}},
		{"japon | maroc", []string{seed003, seed002}},
		{"title:otan", []string{seed004, seed002}},
		{"title:japon", []string{seed002}},
		{"title:cyberespace", []string{seed003}},
		{"year:2017", []string{seed000}},
		{"date:2017", []string{seed000}},
		{"date:2017-01-15", []string{seed000}}, // a month-precise date matches any day of it
		{"date:2015..2018", []string{seed003, seed000, seed001}},
		{"date:2015..", []string{seed003, seed000, seed001, seed002}},
		{"date:..2015", []string{seed004, seed003}},
		{"date:>=2018-07", []string{seed001, seed002}},
		{"date:>2018-07", []string{seed002}},
		{"date:<2015", []string{seed004}},
		{"date:<=2015", []string{seed004, seed003}},
		{"date:2019-10", []string{seed002}},
		{"year:2014..2015 otan", []string{seed004}},
		{"-year:2019 otan", []string{seed004}},
		{"zzzzqqq", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := c.Search(context.Background(), tt.query)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			if got := hitIDs(c, hits); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

// TestSearchEmptyQueryMatchesAll: an empty query matches every article
// (a query of symbols only is an error: TestQueryOfSymbolsIsAnError).
func TestSearchEmptyQueryMatchesAll(t *testing.T) {
	c := loadSeeds(t)
	for _, q := range []string{"", "   ", "\t\u00a0"} {
		hits, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(hits) != c.Len() {
			t.Errorf("Search(%q) gave %d hits, want all %d", q, len(hits), c.Len())
		}
	}
}

// TestSearchQueryErrors checks that a query that cannot be parsed says
// why and where, and never panics.
func TestSearchQueryErrors(t *testing.T) {
	c := loadSeeds(t)
	tests := []struct {
		query, msg string
		pos        int
	}{
		{`date:2019-13`, `"2019-13": no month 13`, 5},
		{`date:2019-02-30`, "no day 30", 5},
		{`year:abc`, "not a date", 5},
		{`year:2019-10`, "not a year", 5},
		{`date:2019..2015`, "ends before it starts", 5},
		{`date:`, "needs a date", 0},
		{`date:..`, "at least one date", 5},
		{`title:`, "title: needs a term", 0},
		{`otan title:`, "title: needs a term", 5},
		{`« »`, "nothing to search", 0},
		{`-`, "nothing to search", 0},
		{`otan)`, "unmatched )", 4},
		{`tit:blair`, "unknown field tit: use title, tag, author, site, source, year, date", 0},
	}
	for _, tt := range tests {
		_, err := c.Search(context.Background(), tt.query)
		var qe *search.QueryError
		if !errors.As(err, &qe) {
			t.Errorf("Search(%q) error = %v, want a *QueryError", tt.query, err)
			continue
		}
		// The reason is short enough for the filter line beside the
		// reader: it does not repeat the clause the user is typing.
		if !strings.Contains(qe.Msg, tt.msg) || qe.Pos != tt.pos || strings.Contains(qe.Msg, tt.query[tt.pos:]+":") {
			t.Errorf("Search(%q) = %q at %d, want %q at %d", tt.query, qe.Msg, qe.Pos, tt.msg, tt.pos)
		}
	}
}

// TestSearchSpans checks that spans are byte ranges of the article's own
// text that fold to the query, and that the snippet is the sentence of
// the best match with its matches marked.
func TestSearchSpans(t *testing.T) {
	c := loadSeeds(t)
	hits, err := c.Search(context.Background(), "otan japon")
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search: %v, %d hits", err, len(hits))
	}
	h := hits[0]
	a := c.At(h.Index)
	var title []string
	for _, s := range h.Title {
		title = append(title, a.Title[s.Start:s.End])
	}
	if want := []string{"OTAN", "Japon"}; !slices.Equal(title, want) {
		t.Errorf("title matches = %q, want %q", title, want)
	}
	if len(h.Body) == 0 {
		t.Fatal("no body matches")
	}
	for _, s := range h.Body {
		got := fold.String(a.Paragraphs[s.Para][s.Start:s.End])
		if !strings.HasPrefix(got, "otan") && !strings.HasPrefix(got, "japon") {
			t.Errorf("body match %q in paragraph %d does not start with otan or japon", got, s.Para)
		}
	}
	if !strings.HasPrefix(h.Snippet, "Cette semaine, l’OTAN et le Japon") {
		t.Errorf("snippet = %q, want the sentence naming both", h.Snippet)
	}
	var marked []string
	for _, s := range h.SnippetSpans {
		marked = append(marked, h.Snippet[s.Start:s.End])
	}
	if want := []string{"OTAN", "Japon"}; !slices.Equal(marked, want) {
		t.Errorf("snippet matches = %q, want %q", marked, want)
	}
}

func TestSearchPhraseSpan(t *testing.T) {
	c := loadSeeds(t)
	hits, err := c.Search(context.Background(), `"conférence mondiale"`)
	if err != nil || len(hits) == 0 {
		t.Fatalf("Search: %v, %d hits", err, len(hits))
	}
	for _, h := range hits {
		for _, s := range h.SnippetSpans {
			if got := fold.String(h.Snippet[s.Start:s.End]); got != "conference mondiale" {
				t.Errorf("%s: snippet match %q, want the whole phrase", c.At(h.Index).ID, got)
			}
		}
	}
}

// TestSearchRanking checks the relevance order (Results.ByScore) on made
// articles:
// title above body, exact word above prefix above subsequence, rarer terms
// weigh more, and ties go to the newest.
func TestSearchRanking(t *testing.T) {
	mk := func(id string, year int, title, body string) *corpus.Article {
		return &corpus.Article{ID: id, Title: title, Paragraphs: []string{body}, Date: corpus.NewDate(year, 1, 1, 0, 0, corpus.PrecisionYear)}
	}
	filler := "Le texte parle d'autre chose, longuement, sans rapport avec le sujet."
	c := withIndex(corpus.New([]*corpus.Article{
		mk("body-exact", 2010, "Rien", "La sécurité du réseau. "+filler),
		mk("title-exact", 2010, "La sécurité", filler),
		mk("body-prefix", 2010, "Rien", "Les sécurités du réseau. "+filler),
		mk("old-tie", 2001, "Autre", "La sécurité du réseau. "+filler),
	}))
	order := func(q string) []string {
		r, err := c.Find(context.Background(), q, nil)
		if err != nil {
			t.Fatalf("Find(%q): %v", q, err)
		}
		r = r.ByScore()
		var ids []string
		for i := range r.Len() {
			ids = append(ids, c.At(r.Hit(i).Index).ID)
		}
		return ids
	}
	if got, want := order("securite"), []string{"title-exact", "body-exact", "old-tie", "body-prefix"}; !slices.Equal(got, want) {
		t.Errorf("securite ranks %v, want %v", got, want)
	}

	d := withIndex(corpus.New([]*corpus.Article{
		mk("subsequence", 2010, "Rien", "La cyberdéfense. "+filler),
		mk("prefix", 2010, "Rien", "Les cybdefs. "+filler),
	}))
	r, err := d.Find(context.Background(), "cybdef", nil)
	if err != nil || r.Len() != 1 {
		t.Fatalf("cybdef: %v, %d hits; a term that starts a word does not match as a subsequence", err, r.Len())
	}

	rare := withIndex(corpus.New([]*corpus.Article{
		mk("common-twice", 2010, "Rien", "commun commun rare. "+filler),
		mk("rare-twice", 2010, "Rien", "commun rare rare. "+filler),
		mk("a", 2010, "Rien", "commun. "+filler),
		mk("b", 2010, "Rien", "commun. "+filler),
	}))
	r, _ = rare.Find(context.Background(), "commun rare", nil)
	r = r.ByScore()
	if r.Len() != 2 || rare.At(r.Hit(0).Index).ID != "rare-twice" {
		t.Errorf("the rarer term should weigh more: got %v first", rare.At(r.Hit(0).Index).ID)
	}
}

func TestSearchCancelled(t *testing.T) {
	c := loadSeeds(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Search(ctx, "otan"); !errors.Is(err, context.Canceled) {
		t.Errorf("Search on a cancelled context = %v, want context.Canceled", err)
	}
}

// TestFindWithin checks that refining a query from the previous results
// gives the same hits as searching afresh, and that a query that does not
// narrow the previous one ignores them.
func TestFindWithin(t *testing.T) {
	c := generated(t, 5000)
	ctx := context.Background()
	prev, err := c.Find(ctx, "sec", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"sec mini", "sec -mini", "sec|zzz", "secur", "mini"} {
		fresh, err := c.Find(ctx, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		refined, err := c.Find(ctx, q, prev)
		if err != nil {
			t.Fatal(err)
		}
		same := slices.EqualFunc(fresh.Hits(), refined.Hits(), func(a, b search.Hit) bool { return a.Index == b.Index && a.Score == b.Score })
		if !same {
			t.Errorf("Find(%q) within the hits of %q differs from a fresh search: %d hits, want %d", q, "sec", refined.Len(), fresh.Len())
		}
	}
}

func TestQueryNarrows(t *testing.T) {
	tests := []struct {
		prev, next string
		want       bool
	}{
		{"otan", "otan japon", true},
		{"otan", "japon otan", true},
		{"otan", "otan -japon", true},
		{"otan", "otanx", false},
		{"otan japon", "otan", false},
		{"otan", "otan|japon", false},
		{"year:2017", "year:2017 otan", true},
	}
	for _, tt := range tests {
		p, err := search.Parse(tt.prev)
		if err != nil {
			t.Fatal(err)
		}
		n, err := search.Parse(tt.next)
		if err != nil {
			t.Fatal(err)
		}
		if got := n.Narrows(p); got != tt.want {
			t.Errorf("%q narrows %q = %v, want %v", tt.next, tt.prev, got, tt.want)
		}
	}
}

func ExampleIndex_Find() {
	c, _ := ingest.LoadFS("seeds", seeds.FS)
	r, err := search.New(c).Find(context.Background(), "otan japon", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range r.Len() {
		h := r.Hit(i)
		r.Explain(&h)
		fmt.Println(c.At(h.Index).ID)
		fmt.Println(h.Snippet)
	}
	// Output:
	// 002_3932c6dfc2111cbf
	// Cette semaine, l’OTAN et le Japon ont eu des entretiens de travail sur la cyberdéfense, afin d’examiner l’évolution des politiques en la matière et les cybermenaces actuelles.
}

// FuzzSearchQuery: any query parses or fails with a *QueryError, and
// searching with it never panics.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range []string{"otan japon", `"exact phrase"`, "-otan !japon", "a|b|", "title:", `title:"l'otan"`, "year:2017", "date:2015..2018", "date:>=2018-07", "date:..", `"`, "l’", "cybdef", "securty", "|", "- ! |",
		"(otan OR japon) -maroc", "NOT (a b)", "a OR (b c", "((", "))", "=otan", `"conférence mond`, "c++ c# .net 20%", "plate-forme", "tag:x author:(a|b)", "tit:x", "title:(year:2017)", "cyberdefnse", "otan -(japon OR -maroc)"} {
		f.Add(q)
	}
	c := loadSeeds(f)
	f.Fuzz(func(t *testing.T, q string) {
		_, err := search.Parse(q)
		var qe *search.QueryError
		if err != nil && !errors.As(err, &qe) {
			t.Fatalf("ParseQuery(%q) = %v, not a *QueryError", q, err)
		}
		hits, err := c.Search(context.Background(), q)
		if err != nil {
			if !errors.As(err, &qe) {
				t.Fatalf("Search(%q) = %v, not a *QueryError", q, err)
			}
			return
		}
		for _, h := range hits {
			a := c.At(h.Index)
			for _, s := range h.Title {
				_ = a.Title[s.Start:s.End]
			}
			for _, s := range h.Body {
				_ = a.Paragraphs[s.Para][s.Start:s.End]
			}
			for _, s := range h.SnippetSpans {
				_ = h.Snippet[s.Start:s.End]
			}
		}
	})
}

// TestSearchesWhileTheIndexIsBuilt: an index is built by the first
// search; searches started together, before it exists, all wait for the
// one build and find what a search finds once the index is built.
func TestSearchesWhileTheIndexIsBuilt(t *testing.T) {
	const query = "sécurité otan"
	built := search.New(corpustest.Corpus(1500, 7))
	built.Build()
	want, err := built.Search(context.Background(), query)
	if err != nil || len(want) == 0 {
		t.Fatalf("Search(%q) on a built index: %d hits, %v", query, len(want), err)
	}
	c := search.New(corpustest.Corpus(1500, 7))
	got := make(chan []search.Hit, 8)
	for range cap(got) {
		go func() {
			hits, err := c.Search(context.Background(), query)
			if err != nil {
				t.Error(err)
			}
			got <- hits
		}()
	}
	same := func(a, b search.Hit) bool { return a.Index == b.Index && a.Score == b.Score }
	for range cap(got) {
		if hits := <-got; !slices.EqualFunc(hits, want, same) {
			t.Fatalf("a search during the build found %d hits, want the %d of a built index", len(hits), len(want))
		}
	}
}

// TestExplainSpansAgreesWithExplain: the spans-only explanation of a batch
// of hits marks what Explain marks, hit by hit.
func TestExplainSpansAgreesWithExplain(t *testing.T) {
	c := withIndex(corpustest.Corpus(300, 7))
	for _, q := range []string{"sécurité", "otan -japon", `"secteur privé"`, "cybdef", "gouvernemnt", "ité", "plate-forme OR c++", "title:otan"} {
		r, err := c.Find(context.Background(), q, nil)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		hits := make([]search.Hit, r.Len())
		for i := range hits {
			hits[i] = r.Hit(i)
		}
		r.ExplainSpans(hits)
		for _, h := range hits {
			want := h
			r.Explain(&want)
			if !slices.Equal(h.Title, want.Title) || !slices.Equal(h.Body, want.Body) {
				t.Fatalf("%s, article %d: spans %v %v, Explain %v %v", q, h.Index, h.Title, h.Body, want.Title, want.Body)
			}
		}
	}
}
