package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/pgstore"
	"github.com/gazette-reader/gazette/corpus/pgstore/pgtest"
	"github.com/gazette-reader/gazette/seeds"
)

func loadSeeds(t *testing.T) *corpus.Corpus {
	t.Helper()
	c, _ := ingest.LoadFS("seeds", seeds.FS)
	if c.Len() != 5 {
		t.Fatalf("seeds: %d articles", c.Len())
	}
	return c
}

// open opens the corpus in schema of the server, importing c into it when
// c is not nil.
func open(t *testing.T, srv *pgtest.Server, schema string, c *corpus.Corpus) *pgstore.Store {
	t.Helper()
	ctx := context.Background()
	s, err := pgstore.Open(ctx, srv.URL, schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if c != nil {
		if _, err := s.Import(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestStore(t *testing.T) {
	srv := pgtest.Start(t)
	seedCorpus := loadSeeds(t)
	ctx := context.Background()

	t.Run("import twice adds once", func(t *testing.T) {
		s := open(t, srv, "twice", nil)
		st, err := s.Import(ctx, seedCorpus, nil)
		if err != nil || st.Added != 5 || st.Skipped != 0 {
			t.Fatalf("first import: %+v, %v", st, err)
		}
		st, err = s.Import(ctx, seedCorpus, nil)
		if err != nil || st.Added != 0 || st.Skipped != 5 {
			t.Fatalf("second import: %+v, %v", st, err)
		}
		if n, err := s.Len(ctx); n != 5 || err != nil {
			t.Fatalf("Len = %d, %v", n, err)
		}
		// A store opened again finds the schema at its version.
		again := open(t, srv, "twice", nil)
		if n, err := again.Len(ctx); n != 5 || err != nil {
			t.Fatalf("reopened: Len = %d, %v", n, err)
		}
	})

	t.Run("articles read back as loaded, in timeline order", func(t *testing.T) {
		s := open(t, srv, "roundtrip", seedCorpus)
		var got []*corpus.Article
		if err := s.Each(ctx, func(a *corpus.Article) error { got = append(got, a); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != seedCorpus.Len() {
			t.Fatalf("%d articles, want %d", len(got), seedCorpus.Len())
		}
		for i, a := range got {
			if want := seedCorpus.At(i); !reflect.DeepEqual(a, want) {
				t.Errorf("article %d:\n got %+v\nwant %+v", i, a, want)
			}
		}
		a, ok, err := s.ByID(ctx, "003_a617ba8cd3b3f892")
		if err != nil || !ok || a.Title != "Le Maroc présent à la prochaine conférence mondiale sur le cyberespace en 2017 au Mexique" {
			t.Fatalf("ByID: %v %v %v", a, ok, err)
		}
		if _, ok, err := s.ByID(ctx, "nope"); ok || err != nil {
			t.Fatalf("ByID(nope): %v %v", ok, err)
		}
	})

	t.Run("a schema without a corpus says so", func(t *testing.T) {
		s, err := pgstore.Connect(ctx, srv.URL, "empty")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Len(ctx); !errors.Is(err, pgstore.ErrNoCorpus) {
			t.Fatalf("Len: %v, want ErrNoCorpus", err)
		}
	})

	t.Run("bad schema names", func(t *testing.T) {
		for _, name := range []string{"", "A", "1a", `a"b`, "a;drop", "pg_x", "é"} {
			if _, err := pgstore.Connect(ctx, srv.URL, name); err == nil {
				t.Errorf("Connect(%q) accepted", name)
			}
		}
	})
}

// TestImport: IDs taken, repeats within an import, batches at once.
func TestImport(t *testing.T) {
	srv := pgtest.Start(t)
	seedCorpus := loadSeeds(t)
	ctx := context.Background()

	t.Run("an ID taken by another article is renamed", func(t *testing.T) {
		s := open(t, srv, "renamed", seedCorpus)
		other := *seedCorpus.At(0)
		other.Paragraphs = []string{"Un autre texte."}
		st, err := s.Import(ctx, corpus.New([]*corpus.Article{&other}), nil)
		if err != nil || st.Added != 1 || st.Renamed != 1 {
			t.Fatalf("import: %+v %v", st, err)
		}
		if _, ok, _ := s.ByID(ctx, other.ID+"~2"); !ok {
			t.Fatalf("no %s~2", other.ID)
		}
	})

	t.Run("an ID repeated within a batch and across batches at once is renamed, nothing lost", func(t *testing.T) {
		s := open(t, srv, "repeated", nil)
		im, err := s.NewImport(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Every article has one of three IDs: within a batch, and in the
		// batches copied at once on several connections.
		arts := corpustest.Articles(3*pgstore.BatchSize+7, 4)
		for i, a := range arts {
			a.ID = fmt.Sprintf("same-%d", i%3)
		}
		for lo := 0; lo < len(arts); lo += 100 {
			if err := im.Add(arts[lo:min(lo+100, len(arts))]); err != nil {
				t.Fatal(err)
			}
		}
		st, err := im.Finish()
		if err != nil || st.Added != len(arts) || st.Renamed != len(arts)-3 {
			t.Fatalf("import: %+v, %v; want all %d added, all but 3 renamed", st, err, len(arts))
		}
		seen := map[string]bool{}
		err = s.Each(ctx, func(a *corpus.Article) error {
			if seen[a.ID] {
				t.Errorf("ID %s twice", a.ID)
			}
			seen[a.ID] = true
			return nil
		})
		if err != nil || len(seen) != len(arts) || !seen["same-0"] || !seen["same-2~2"] {
			t.Fatalf("%d articles read back (%v), want %d with same-0 and same-2~2", len(seen), err, len(arts))
		}
	})

	t.Run("a first import stopped before its end is ended by the next", func(t *testing.T) {
		arts := corpustest.Articles(600, 5)
		whole := open(t, srv, "whole", corpus.New(arts))
		s := open(t, srv, "stopped", corpus.New(arts[:300]))
		// What a first import leaves when its process ends during its
		// batches: no index of the words, no positions, no vocabulary.
		conn, err := pgx.Connect(ctx, srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		for _, q := range []string{`DROP INDEX stopped.articles_doc_idx`, `UPDATE stopped.articles SET pos = NULL`, `DELETE FROM stopped.vocabulary`, `DELETE FROM stopped.months`} {
			if _, err := conn.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		st, err := s.Import(ctx, corpus.New(arts), nil)
		if err != nil || st.Added != 300 || st.Skipped != 300 {
			t.Fatalf("the next import: %+v, %v", st, err)
		}
		var indexed bool
		if err := conn.QueryRow(ctx, `SELECT to_regclass('stopped.articles_doc_idx') IS NOT NULL`).Scan(&indexed); err != nil || !indexed {
			t.Errorf("no index of the words after the next import (%v)", err)
		}
		for _, q := range []string{"otan", "sécurté", "secteur privé", `"sécurité intern`, "date:2006..2009 -otan"} {
			want, err := whole.IDs(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.IDs(ctx, q)
			if err != nil || !reflect.DeepEqual(got, want) || len(want) == 0 {
				t.Errorf("%s: %d hits after the stopped import and the next, %d imported at once (%v)", q, len(got), len(want), err)
			}
		}
	})

	t.Run("batches on several connections add each article once", func(t *testing.T) {
		s := open(t, srv, "batches", nil)
		arts := corpustest.Articles(2*pgstore.BatchSize+500, 3)
		twin := *arts[10]
		twin.ID = "twin"
		c := corpus.New(append(arts, &twin))
		st, err := s.Import(ctx, c, nil)
		if err != nil || st.Added != len(arts) || st.Skipped != 1 {
			t.Fatalf("import: %+v, %v", st, err)
		}
		st, err = s.Import(ctx, c, nil)
		if err != nil || st.Added != 0 || st.Skipped != c.Len() {
			t.Fatalf("again: %+v, %v", st, err)
		}
		if n, err := s.Len(ctx); n != len(arts) || err != nil {
			t.Fatalf("Len = %d, %v", n, err)
		}
	})
}

// TestSearchHits: hits come best first with the snippets and spans the
// in-memory engine gives, at most limit of them.
func TestSearchHits(t *testing.T) {
	srv := pgtest.Start(t)
	s := open(t, srv, "hits", loadSeeds(t))
	ctx := context.Background()
	var got []pgstore.Hit
	n, err := s.Search(ctx, "maroc", 0, func(h pgstore.Hit) error { got = append(got, h); return nil })
	if err != nil || n != 1 || len(got) != 1 {
		t.Fatalf("maroc: %d hits, %v", n, err)
	}
	h := got[0]
	if h.Article.ID != "003_a617ba8cd3b3f892" || len(h.Title) != 1 || h.Article.Title[h.Title[0].Start:h.Title[0].End] != "Maroc" {
		t.Errorf("maroc: %s, title spans %v", h.Article.ID, h.Title)
	}
	if len(h.SnippetSpans) == 0 || h.Snippet[h.SnippetSpans[0].Start:h.SnippetSpans[0].End] != "Maroc" || h.Score <= 0 {
		t.Errorf("maroc: snippet %q spans %v score %v", h.Snippet, h.SnippetSpans, h.Score)
	}
	got = got[:0]
	n, err = s.Search(ctx, "cyber", 2, func(h pgstore.Hit) error { got = append(got, h); return nil })
	if err != nil || n != 2 || len(got) != 2 || got[0].Score < got[1].Score {
		t.Fatalf("cyber, limit 2: %d hits, %v", n, err)
	}
	// A title match ranks above a body match: "title:otan" holds in 002
	// and 004, whose titles say OTAN; the others say it in the body only
	// or not at all.
	got = got[:0]
	if _, err := s.Search(ctx, "otan", 0, func(h pgstore.Hit) error { got = append(got, h); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, h := range got[:2] {
		if id := h.Article.ID; id != "002_3932c6dfc2111cbf" && id != "004_a37cb0af5b3f89bb" {
			t.Errorf("otan ranks %s in the first two", id)
		}
	}
}

// TestTimelinePages: pages follow one another without a gap or a repeat,
// whatever their size.
func TestTimelinePages(t *testing.T) {
	srv := pgtest.Start(t)
	c := loadSeeds(t)
	s := open(t, srv, "pages", c)
	ctx := context.Background()
	for size := 1; size <= 6; size++ {
		var ids []string
		var last *corpus.Article
		for {
			page, err := s.Page(ctx, last, size)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page {
				ids = append(ids, a.ID)
			}
			if len(page) < size {
				break
			}
			last = page[len(page)-1]
		}
		for i, id := range ids {
			if id != c.At(i).ID || len(ids) != c.Len() {
				t.Fatalf("pages of %d: %v", size, ids)
			}
		}
	}
}

// TestReadsSanitise: whoever wrote the table, what is read from it holds
// nothing that drives a terminal, and one-line fields no line break.
func TestReadsSanitise(t *testing.T) {
	srv := pgtest.Start(t)
	s := open(t, srv, "written", loadSeeds(t))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `UPDATE written.articles SET title = $1, paragraphs = $2, tags = $3 WHERE id = $4`,
		"Titre \x1b[31mrouge\x1b]0;pwned\x07\nsuite \u202e", []string{"Corps \u009b2J\x1b[2J fin"}, []string{"a\tb\x07"}, "003_a617ba8cd3b3f892")
	if err != nil {
		t.Fatal(err)
	}
	a, ok, err := s.ByID(ctx, "003_a617ba8cd3b3f892")
	if err != nil || !ok {
		t.Fatalf("ByID: %v %v", ok, err)
	}
	for _, text := range append([]string{a.Title}, append(a.Paragraphs, a.Tags...)...) {
		if r := corpustest.FirstUnsafe(text); r >= 0 {
			t.Errorf("%q holds %U", text, r)
		}
	}
	if strings.ContainsAny(a.Title, "\n\t") || strings.ContainsAny(a.Tags[0], "\n\t") {
		t.Errorf("one-line fields: %q %q", a.Title, a.Tags)
	}
}
