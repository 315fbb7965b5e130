package pgstore

import (
	"context"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/pgstore/pgtest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
	"github.com/gazette-reader/gazette/seeds"
)

func seedArticles(t *testing.T) *corpus.Corpus {
	t.Helper()
	c, _ := ingest.LoadFS("seeds", seeds.FS)
	return c
}

// openSchema opens (makes) schema on a server of its own, closed when
// the test ends.
func openSchema(t *testing.T, schema string) (*Store, *pgtest.Server) {
	t.Helper()
	srv := pgtest.Start(t)
	s, err := Open(context.Background(), srv.URL, schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, srv
}

// tsvectorBinary writes lexemes and their positions as the server sends a
// tsvector.
func tsvectorBinary(lexemes map[string][]uint16) []byte {
	words := make([]string, 0, len(lexemes))
	for w := range lexemes {
		words = append(words, w)
	}
	slices.Sort(words)
	out := binary.BigEndian.AppendUint32(nil, uint32(len(words)))
	for _, w := range words {
		out = append(append(out, w...), 0)
		out = binary.BigEndian.AppendUint16(out, uint16(len(lexemes[w])))
		for _, p := range lexemes[w] {
			out = binary.BigEndian.AppendUint16(out, p|1<<14) // weight C
		}
	}
	return out
}

func bucketOf(a, b string) int32 {
	return pairBucket(lexemeHash([]byte(a)), lexemeHash([]byte(b)))
}

func TestPairsOfAdjacentPositions(t *testing.T) {
	// "le secteur privé et le secteur public", then two lexemes clamped
	// at the last position.
	v := tsvectorBinary(map[string][]uint16{
		"le": {1, 5}, "secteur": {2, 6}, "prive": {3}, "et": {4}, "public": {7},
		"fin": {16383}, "bout": {16383}, "avant": {16382},
	})
	var sc pairScratch
	got, err := pairsOf(v, &sc)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	var want []int32
	for _, p := range [][2]string{{"le", "secteur"}, {"secteur", "prive"}, {"prive", "et"}, {"et", "le"}, {"secteur", "public"}, {"avant", "fin"}, {"avant", "bout"}} {
		want = append(want, bucketOf(p[0], p[1]))
	}
	slices.Sort(want)
	want = slices.Compact(want)
	if !slices.Equal(got, want) {
		t.Errorf("buckets %v, want %v", got, want)
	}
	for _, bad := range [][]byte{nil, {0, 0, 0, 1, 'a'}, {0, 0, 0, 1, 'a', 0, 0, 2, 0, 1}} {
		if _, err := pairsOf(bad, &sc); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	list := []int32{9, 3, 300000, 3, 1 << 30, 0}
	enc := encodePostings(nil, list)
	got, err := decodePostings(nil, enc)
	if err != nil || !slices.Equal(got, []int32{0, 3, 9, 300000, 1 << 30}) {
		t.Errorf("%v, %v", got, err)
	}
	if _, err := decodePostings(nil, []byte{0x80}); err == nil {
		t.Error("a cut varint read without error")
	}
	if got := intersect([]int32{1, 3, 5, 7}, []int32{2, 3, 7, 8}); !slices.Equal(got, []int32{3, 7}) {
		t.Errorf("intersect: %v", got)
	}
}

// TestPhraseNarrowedByPairs: a phrase is looked up in the pairs' index
// (its candidates by seq) once the import has written it; a phrase whose
// last word is typed in part too, while a lone word is not.
func TestPhraseNarrowedByPairs(t *testing.T) {
	s, _ := openSchema(t, "narrowed")
	ctx := context.Background()
	if _, err := s.Import(ctx, seedArticles(t), nil); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]bool{`"conférence mondiale"`: true, `"conférence mond`: true, `"l'otan"`: true, "otan": false, `"otan"`: false} {
		pq, err := search.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		cq, err := s.compile(ctx, pq, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(cq.where, "seq = ANY"); got != want {
			t.Errorf("%s: narrowed by pairs %v, want %v (%s)", q, got, want, cq.where)
		}
	}
}

// TestUnpairedArticlesFound: articles whose pairs are not written (as the
// migration that made the pairs, or an import stopped between a batch and
// its pairs, leaves them) are still found by phrases, and the next import
// indexes them.
func TestUnpairedArticlesFound(t *testing.T) {
	s, _ := openSchema(t, "unpaired")
	ctx := context.Background()
	c := seedArticles(t)
	if _, err := s.Import(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
	count := func(table string) int {
		var n int
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM `+s.table(table)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	queries := []string{`"conférence mondiale"`, `"l'otan"`, `"otan japon"`, `"sécurité internationale"`}
	ids := func() [][]string {
		var out [][]string
		for _, q := range queries {
			got, err := s.IDs(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, got)
		}
		return out
	}
	want := ids()
	if count("unpaired") != 0 || count("pairs") == 0 || len(want[0]) == 0 {
		t.Fatalf("after the import: %d unpaired, %d rows of pairs, %d hits", count("unpaired"), count("pairs"), len(want[0]))
	}
	if _, err := s.pool.Exec(ctx, `DELETE FROM `+s.table("pairs")+`; INSERT INTO `+s.table("unpaired")+` SELECT seq FROM `+s.table("articles")); err != nil {
		t.Fatal(err)
	}
	if got := ids(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("unpaired: %v, want %v", got, want)
	}
	st, err := s.Import(ctx, c, nil)
	if err != nil || st.Added != 0 {
		t.Fatalf("import again: %+v, %v", st, err)
	}
	if count("unpaired") != 0 || count("pairs") == 0 {
		t.Errorf("the next import left %d unpaired, %d rows of pairs", count("unpaired"), count("pairs"))
	}
	if got := ids(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("paired again: %v, want %v", got, want)
	}
}

// TestPairsInSegments: an import that puts its pairs aside in many runs
// (a small budget) writes them as one segment, which finds what one
// gathered in memory finds; so do two segments, of two imports.
func TestPairsInSegments(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of articles: not with -short")
	}
	srv := pgtest.Start(t)
	ctx := context.Background()
	arts := corpustest.Articles(3000, 7)
	c := corpus.New(arts)
	var stores []*Store
	for i, budget := range []int{0, 20000, 20000} {
		s, err := Open(ctx, srv.URL, "segments"+string(rune('a'+i)))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		s.pairBudget = budget
		parts := []state.Articles{c}
		if i == 2 {
			half := len(arts) / 2
			parts = []state.Articles{corpus.New(arts[:half]), corpus.New(arts[half:])}
		}
		for _, part := range parts {
			if _, err := s.Import(ctx, part, nil); err != nil {
				t.Fatal(err)
			}
		}
		stores = append(stores, s)
	}
	for i, segments := range []int{1, 1, 2} {
		s := stores[i]
		var most, unpaired int
		err := s.pool.QueryRow(ctx, `SELECT max(n), (SELECT count(*) FROM `+s.table("unpaired")+`)
			FROM (SELECT count(*) AS n FROM `+s.table("pairs")+` GROUP BY bucket) AS b`).Scan(&most, &unpaired)
		if err != nil {
			t.Fatal(err)
		}
		if most != segments || unpaired != 0 {
			t.Errorf("store %d: up to %d rows a bucket, %d unpaired: want %d, none unpaired", i, most, unpaired, segments)
		}
	}
	for _, q := range []string{`"secteur privé"`, `"de la"`, `"sécurité intern`, `"conférence mondiale" -otan`} {
		one, err := stores[0].IDs(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stores[1:] {
			many, err := s.IDs(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(one) == 0 || !slices.Equal(one, many) {
				t.Errorf("%s: %d hits gathered in memory, %d from runs (schema %s)", q, len(one), len(many), s.schema)
			}
		}
	}
}

// TestMigrationToPairs: a corpus of schema 2 (no seq, no pairs) opened by
// an import of this code is migrated, saying so, and its articles' pairs
// are indexed.
func TestMigrationToPairs(t *testing.T) {
	s, srv := openSchema(t, "migrated")
	ctx := context.Background()
	c := seedArticles(t)
	if _, err := s.Import(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
	const q = `"conférence mondiale"`
	want, err := s.IDs(ctx, q)
	if err != nil || len(want) != 2 {
		t.Fatalf("%s: %v, %v", q, want, err)
	}
	// Back to what schema 2 was.
	_, err = s.pool.Exec(ctx, `DROP TABLE `+s.table("pairs")+`, `+s.table("unpaired")+`;
		ALTER TABLE `+s.table("articles")+` DROP COLUMN seq;
		UPDATE `+s.table("schema_version")+` SET version = 2`)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if r, err := Connect(ctx, srv.URL, "migrated"); err == nil {
		_, err := r.IDs(ctx, q)
		r.Close()
		if err == nil || !strings.Contains(err.Error(), "gazette import migrates it") {
			t.Errorf("a reader of schema 2: %v, want the migration named", err)
		}
	}
	var noted [][2]int
	s, err = OpenNoting(ctx, srv.URL, "migrated", func(from, to int) { noted = append(noted, [2]int{from, to}) })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !slices.Equal(noted, [][2]int{{2, Version}}) {
		t.Errorf("migration noted %v, want from 2 to %d", noted, Version)
	}
	var unpaired, rows int
	err = s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM `+s.table("unpaired")+`), (SELECT count(*) FROM `+s.table("pairs")+`)`).Scan(&unpaired, &rows)
	if err != nil || unpaired != 0 || rows == 0 {
		t.Fatalf("after the migration: %d unpaired, %d rows of pairs (%v)", unpaired, rows, err)
	}
	if got, err := s.IDs(ctx, q); err != nil || !slices.Equal(got, want) {
		t.Errorf("migrated: %v, %v; want %v", got, err, want)
	}
	if st, err := s.Import(ctx, c, nil); err != nil || st.Added != 0 {
		t.Fatalf("import after the migration: %+v, %v", st, err)
	}
	if got, err := s.IDs(ctx, q); err != nil || !slices.Equal(got, want) {
		t.Errorf("imported again: %v, %v; want %v", got, err, want)
	}
}
