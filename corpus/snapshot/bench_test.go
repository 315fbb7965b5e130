package snapshot

import (
	"context"
	"encoding/binary"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
)

// TestLatenciesFromASnapshot opens the snapshot named by
// GAZETTE_BENCH_SNAPSHOT (as gazette wrote it, whatever its version) and
// logs the first searches (which check the postings they read, and make
// the searches' working arrays), then, per query
// class, the wall time of Find and of TopByScore(10)
// over ten rounds: p50 and p99. It asserts nothing about time:
//
//	GAZETTE_BENCH_SNAPSHOT=~/.cache/gazette/X.snapshot go test ./corpus/snapshot -run Latencies -v
func TestLatenciesFromASnapshot(t *testing.T) {
	path := os.Getenv("GAZETTE_BENCH_SNAPSHOT")
	if path == "" {
		t.Skip("GAZETTE_BENCH_SNAPSHOT names no snapshot")
	}
	start := time.Now()
	data, err := mapFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Decode(data, versionIn(t, data))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("opened %d articles in %v", s.Corpus.Len(), time.Since(start))
	var rare []string
	for i := 2000; i < 2010; i++ {
		rare = append(rare, corpustest.RareWord(i))
	}
	classes := []struct {
		name    string
		queries []string
	}{
		{"common", []string{"sécurité", "coopération", "ministre", "réseau", "pays", "données", "accord", "menace"}},
		{"rare", rare},
		{"two-terms", []string{"otan sécurité", "tokyo cyberdéfense", "ministre accord", "rabat énergie", "innovation recherche", "genève normes"}},
		{"prefix2", []string{"co", "pr", "se", "de", "in", "ma", "ré", "cy"}},
		{"fuzzy", []string{"cybdef", "gvnmt", "infstr", "cprtn", "tlcom", "strtg"}},
		{"typo", []string{"cyberdefnse", "gouvernemnt", "coopératoin", "infrastructrue", "télécomunications", "partenraiat"}},
		{"phrase", []string{`"secteur privé"`, `"sécurité internationale"`, `"conférence mondiale"`, `"ministre de la défense"`, "l'otan", `"mesures de confiance"`}},
		{"date-range", []string{"date:2015..2018", "year:2010", "date:>=2020-06", "date:<2006", "date:2019-10", "date:2012..2012-06"}},
	}
	ctx := context.Background()
	// The first search checks the postings it reads and makes the
	// working arrays, the first phrase its positions': timed apart.
	for _, q := range []string{"sécurité", `"secteur privé"`} {
		t0 := time.Now()
		if _, err := s.Index.Find(ctx, q, nil); err != nil {
			t.Fatal(err)
		}
		t.Logf("first %s: %v", q, time.Since(t0))
	}
	for _, c := range classes {
		var find, top []time.Duration
		for range 10 {
			for _, q := range c.queries {
				t0 := time.Now()
				r, err := s.Index.Find(ctx, q, nil)
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				t1 := time.Now()
				r.TopByScore(10)
				find, top = append(find, t1.Sub(t0)), append(top, time.Since(t0))
			}
		}
		t.Logf("%-10s find p50 %8v p99 %8v · with the 10 best p50 %8v p99 %8v", c.name, pct(find, 50), pct(find, 99), pct(top, 50), pct(top, 99))
	}
}

// pct returns the p-th percentile of ds.
func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)].Round(10 * time.Microsecond)
}

// versionIn returns the version of gazette that wrote the snapshot data.
func versionIn(t testing.TB, data []byte) string {
	r, err := flat.NewReader(data, binary.NativeEndian.Uint64(data[24:]), binary.NativeEndian.Uint64(data[32:]), binary.NativeEndian.Uint32(data[40:]))
	if err != nil {
		t.Fatal(err)
	}
	meta, err := r.Strings(2)
	if err != nil {
		t.Fatal(err)
	}
	return meta.At(0)
}

// BenchmarkDecode opens the snapshot named by GAZETTE_BENCH_SNAPSHOT, as
// every command that finds one does before its first answer:
//
//	GAZETTE_BENCH_SNAPSHOT=~/.cache/gazette/X.snapshot go test ./corpus/snapshot -run - -bench Decode -benchmem
func BenchmarkDecode(b *testing.B) {
	path := os.Getenv("GAZETTE_BENCH_SNAPSHOT")
	if path == "" {
		b.Skip("GAZETTE_BENCH_SNAPSHOT names no snapshot")
	}
	data, err := mapFile(path)
	if err != nil {
		b.Fatal(err)
	}
	version := versionIn(b, data)
	for b.Loop() {
		if _, err := Decode(data, version); err != nil {
			b.Fatal(err)
		}
	}
}
