package pgstore_test

import (
	"context"
	"errors"
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

// The query suite: the same queries on the seeds, on 10,000 generated
// articles, and on 3,000 generated with symbols, compounds, single letters
// and typos, in memory and through PostgreSQL.
//
// Where they agree (asserted: the same hits, article for article): words
// (whole, word starts, inside words from three letters, case, accents and
// apostrophes ignored), prefixes, compounds in their three spellings,
// single letters, phrases (quoted, open, across punctuation but not
// across paragraphs), dates at the article's precision (year:, date:
// ranges, open ends, comparisons, negated), OR, AND, NOT, -term, groups,
// title:, tokens with symbols that the server's parser keeps whole
// ("asp.net", "node.js", "2.4.1") or cuts into a phrase ("20%",
// "tcp/ip"), and, on these corpora, typos and letters in order.
//
// Where they differ (each case below says how, and asserts it):
//
//   - Other tokens with symbols: the server's parser keeps letters and
//     digits only, so "c++" and "c#" search for "c", "#1" for "1", and
//     find more (every article with the letter c, or 1, as a word or a
//     word start); ".net" searches for the word "net", where in memory it
//     is the token ".net" and the ends of "asp.net".
//   - Typos and letters in order are read from the vocabulary table: the
//     trigram index gives the typo candidates (similarity from 0.2, which
//     a word with two typos may fall under), and "a hundred times more
//     common" compares the most common single word on each side, where
//     the in-memory engine counts articles. The same rules, approximated:
//     they agree on these corpora, not on every one.
//   - A phrase may run from the last word of the title into the first of
//     the body (the two are one tsvector); in memory they are apart.
//   - Ranking: the server orders by ts_rank_cd (titles weigh more), then
//     the newest; the in-memory engine by how each term matched, then
//     BM25. The hits are the same, their order and scores are not.
//   - Metadata fields (author:, site:, source:, the corpus's own) are not
//     searchable on the server: the query is refused, saying so. Terms
//     about the reader's marks (is:, has:, note:, tag:) are answered from
//     the marks as the positions they match (TestMarksOnTheServer); tag:
//     there is the reader's tags only, not the sources' too.

// agreeing are the queries whose hits must be the same.
func agreeing() []string {
	return []string{
		// words, starts, inside words, folding
		"otan", "cyber", "cyberdefense", "SECURITE", "sécurité", "securite", "l'otan", "l’OTAN", "=otan",
		"tion", "ique", "eur", "dé", "bal", "rani", "ware",
		// phrases
		`"conférence mondiale"`, `"conférence mond`, `"alliance partenariat"`, `"l'otan"`, "stratégie numérique",
		`"secteur privé"`, `"sécurité internationale"`, `"ministre de la défense"`, `"la sécurité nationale"`,
		`-"secteur privé"`, `"secteur privé" OR otan`, `otan "sécurité internationale"`, `"sécurité intern`, `"privé secteur"`,
		// operators and groups
		"otan japon", "otan AND japon", "japon|maroc", "japon OR maroc", "(otan OR nato) japon", "-otan", "NOT otan", "!otan",
		"sommet -accord", "-(sommet accord)", "sommet OR -accord", "((ministre)) OR (sommet",
		// title:
		"title:otan", "title:(otan OR maroc)", "title:cyber -title:otan", `title:"conférence mondiale"`,
		// dates
		"year:2017", "date:2015..2018", "date:2015..", "date:..2012", "date:>=2018-07", "date:<2010", "date:2019-10",
		"date:2017-01-15", "-date:2017", "otan -japon date:2014..2016", "ministre OR date:2010",
		// widened: typos, letters in order
		"minstre", "gouvernemnt", "gvnmt", "cybdef", "vulnerabilte",
	}
}

// richAgreeing are more queries whose hits must be the same, on the corpus
// with symbols, compounds and single letters.
func richAgreeing() []string {
	return []string{
		"plate-forme", "plateforme", `"plate forme"`, "e-mail", "email", "cyberattaque", "cyber-attaque", "porteparole", "startup",
		"asp.net", "node.js", "2.4.1", "20%", "tcp/ip", "kb5034441", "cve", "x", "e", `"la sécurité"`,
	}
}

// difference is a query whose hits differ, how, and a check of it.
type difference struct {
	q, how string
	ok     func(mem, pg []string) bool
}

// moreOnServer reports whether the server finds every hit of the
// in-memory engine, and more.
func moreOnServer(mem, pg []string) bool {
	onlyMem, _ := diff(mem, pg)
	return len(onlyMem) == 0 && len(pg) > len(mem)
}

// differing are the queries whose hits differ, on every corpus.
func differing() []difference {
	return []difference{
		{"c++", `the server's parser reads "c++" as "c": more hits`, moreOnServer},
		{"c#", `the server's parser reads "c#" as "c": more hits`, moreOnServer},
	}
}

// acrossTitleDiffering are the queries whose hits differ on the
// generated corpus, whose titles end and bodies start with common words.
func acrossTitleDiffering() []difference {
	return []difference{
		{`"de la"`, `a title ending with "de" and a body starting with "la": more hits on the server`, moreOnServer},
		{`"secteur p`, `a title ending with "secteur" and a body starting with "plus": more hits on the server`, moreOnServer},
	}
}

// richDiffering are the queries whose hits differ on the corpus with
// symbols.
func richDiffering() []difference {
	return []difference{
		{"#1", `the server's parser reads "#1" as "1": more hits`, moreOnServer},
		{".net", `the server reads ".net" as the word "net", the in-memory engine as the token ".net" and the ends of "asp.net"`,
			func(mem, pg []string) bool {
				onlyMem, onlyPG := diff(mem, pg)
				return len(onlyMem) > 0 && len(onlyPG) > 0
			}},
	}
}

// memoryHits returns the IDs the in-memory engine finds for q, sorted.
func memoryHits(t *testing.T, x *search.Index, q string) []string {
	t.Helper()
	r, err := x.Find(context.Background(), q, nil)
	if err != nil {
		t.Fatalf("%s: in memory: %v", q, err)
	}
	ids := make([]string, r.Len())
	for i := range r.Len() {
		ids[i] = x.Corpus().At(r.Hit(i).Index).ID
	}
	slices.Sort(ids)
	return ids
}

// serverHits returns the IDs the server finds for q, sorted.
func serverHits(t *testing.T, s *pgstore.Store, q string) []string {
	t.Helper()
	ids, err := s.IDs(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: in PostgreSQL: %v", q, err)
	}
	slices.Sort(ids)
	return ids
}

// diff returns the IDs only a has and only b has; both are sorted.
func diff(a, b []string) (onlyA, onlyB []string) {
	for _, id := range a {
		if _, ok := slices.BinarySearch(b, id); !ok {
			onlyA = append(onlyA, id)
		}
	}
	for _, id := range b {
		if _, ok := slices.BinarySearch(a, id); !ok {
			onlyB = append(onlyB, id)
		}
	}
	return onlyA, onlyB
}

func TestQuerySuite(t *testing.T) {
	srv := pgtest.Start(t)
	rich := func() *corpus.Corpus { return corpus.New(corpustest.ArticlesWith(3000, 5, corpustest.AllOptions())) }
	corpora := []struct {
		name   string
		c      func() *corpus.Corpus
		agree  []string
		differ []difference
		large  bool
	}{
		{"seeds", func() *corpus.Corpus { return loadSeeds(t) }, agreeing(), differing(), false},
		{"generated", func() *corpus.Corpus { return corpustest.Corpus(10000, 7) }, agreeing(), append(differing(), acrossTitleDiffering()...), true},
		{"rich", rich, append(agreeing(), richAgreeing()...), append(differing(), richDiffering()...), true},
	}
	for _, tc := range corpora {
		t.Run(tc.name, func(t *testing.T) {
			if tc.large && testing.Short() {
				t.Skip("thousands of articles: not with -short")
			}
			c := tc.c()
			s := open(t, srv, "suite_"+tc.name, c)
			x := search.New(c)
			for _, q := range tc.agree {
				mem, pg := memoryHits(t, x, q), serverHits(t, s, q)
				if onlyMem, onlyPG := diff(mem, pg); len(onlyMem)+len(onlyPG) > 0 {
					t.Errorf("%s: %d hits in memory, %d in PostgreSQL; only in memory %.5v, only in PostgreSQL %.5v", q, len(mem), len(pg), onlyMem, onlyPG)
				}
			}
			for _, d := range tc.differ {
				if mem, pg := memoryHits(t, x, d.q), serverHits(t, s, d.q); !d.ok(mem, pg) {
					t.Errorf("%s: %d hits in memory, %d in PostgreSQL: not the difference written down (%s)", d.q, len(mem), len(pg), d.how)
				}
			}
		})
	}
}

// TestSearchRefusesWhatTheServerCannotSearch: fields say so, and so do
// marks when none are given.
func TestSearchRefusesWhatTheServerCannotSearch(t *testing.T) {
	srv := pgtest.Start(t)
	s := open(t, srv, "refuse", loadSeeds(t))
	for _, q := range []string{"author:dupont", "site:lemonde.fr", "cve:x", "otan OR author:x"} {
		_, err := s.IDs(context.Background(), q)
		var qe *pgstore.QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%s: %v, want a QueryError", q, err)
		}
	}
	for _, q := range []string{"tag:x", "is:read", "has:note", "note:x", "otan OR tag:x"} {
		_, err := s.IDs(context.Background(), q)
		var qe *search.QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "marks are not at hand") {
			t.Errorf("%s without marks: %v, want them said not at hand", q, err)
		}
	}
	// Text that means something to SQL or to tsquery is searched for,
	// never run.
	for _, q := range []string{`o'tan`, `otan\`, `"a' | b:*"`, "x'); DROP TABLE refuse.articles; --", "'&!|<->:*A", `\'`, "l'''otan"} {
		if _, err := s.IDs(context.Background(), q); err != nil {
			var se *search.QueryError
			if !errors.As(err, &se) {
				t.Errorf("%q: %v", q, err)
			}
		}
	}
	if n, err := s.Len(context.Background()); n != 5 || err != nil {
		t.Errorf("after the hostile queries: %d articles, %v", n, err)
	}
	// A query the language cannot read is the in-memory engine's error.
	var se *search.QueryError
	if _, err := s.IDs(context.Background(), "date:2019-13"); !errors.As(err, &se) {
		t.Errorf("date:2019-13: %v, want a search.QueryError", err)
	}
}

// TestMarksOnTheServer: terms about the reader's marks, alone or with
// words, dates, OR and NOT, find on the server the articles they find in
// memory with the same marks, for the filter (FindMarked) and its first
// hits (FindFirst).
func TestMarksOnTheServer(t *testing.T) {
	srv := pgtest.Start(t)
	c := loadSeeds(t)
	s := open(t, srv, "marks", c)
	ctx := context.Background()
	tl, err := s.Timeline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Len() {
		if tl.At(i).ID != c.At(i).ID {
			t.Fatalf("position %d: %s on the server, %s in memory", i, tl.At(i).ID, c.At(i).ID)
		}
	}
	m := state.List{
		{Read: true, Starred: true},
		{Read: true, Tags: []string{"zqlire"}},
		{Note: "À relire avant la réunion"},
		{Starred: true},
		{Read: true, Tags: []string{"suivi", "zqlire"}, Note: "relu"},
	}
	x := search.New(c)
	for _, q := range []string{"is:starred", "is:read", "is:unread", "-is:read", "has:note", "has:tag", "note:relire", "note:rel",
		"tag:zqlire", "tag:suivi", "otan is:starred", "otan OR is:starred", "(tag:zqlire OR has:note) -otan", "is:unread date:2014..2018", "-(is:starred OR is:read)"} {
		mem, err := x.FindMarked(ctx, q, nil, m)
		if err != nil {
			t.Fatalf("%s in memory: %v", q, err)
		}
		pg, err := tl.FindMarked(ctx, q, nil, m)
		if err != nil {
			t.Fatalf("%s on the server: %v", q, err)
		}
		want, got := slices.Collect(mem.Indexes()), slices.Collect(pg.Indexes())
		if !slices.Equal(want, got) {
			t.Errorf("%s: %v in memory, %v on the server", q, want, got)
		}
		first, err := tl.FindFirst(ctx, q, 2, m)
		if err != nil || !slices.Equal(slices.Collect(first.Indexes()), want[:min(2, len(want))]) {
			t.Errorf("%s: first hits %v (%v), want %v", q, first, err, want[:min(2, len(want))])
		}
	}
	// The hits of words and marks are explained as in memory: the
	// words' matches highlighted, the marks answered with each hit's.
	pg, _ := tl.FindMarked(ctx, "otan is:starred", nil, m)
	mem, _ := x.FindMarked(ctx, "otan is:starred", nil, m)
	for i := range pg.Len() {
		h, w := pg.Hit(i), mem.Hit(i)
		pg.Explain(&h)
		mem.Explain(&w)
		if len(h.Title) == 0 || !slices.Equal(h.Title, w.Title) || h.Snippet != w.Snippet {
			t.Errorf("otan is:starred, hit %d: title matches %v and snippet %q, want %v and %q", i, h.Title, h.Snippet, w.Title, w.Snippet)
		}
	}
	if _, err := tl.FindMarked(ctx, "is:bogus", nil, m); err == nil {
		t.Errorf("is:bogus: want the query refused")
	}
}
