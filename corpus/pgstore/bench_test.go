package pgstore_test

import (
	"context"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/pgstore"
)

// readerClasses are the queries BenchmarkReader times, by class: those of
// the in-memory engine's benchmark that the server answers.
func readerClasses() map[string][]string {
	var rare []string
	for i := 2000; i < 2006; i++ {
		rare = append(rare, corpustest.RareWord(i))
	}
	return map[string][]string{
		"word":       {"sécurité", "coopération", "ministre", "réseau", "données", "menace"},
		"rare":       rare,
		"two-terms":  {"otan sécurité", "tokyo cyberdéfense", "ministre accord", "genève normes"},
		"prefix":     {"cyber", "coop", "minis", "sécu", "gouv", "télé"},
		"phrase":     {`"secteur privé"`, `"sécurité internationale"`, `"conférence mondiale"`, `"ministre de la défense"`},
		"date-range": {"date:2015..2018", "year:2010", "date:>=2020-06", "date:2019-10"},
		"typo":       {"cyberdefnse", "gouvernemnt", "coopératoin", "infrastructrue"},
	}
}

// BenchmarkReader times what the reader waits for on a corpus already
// imported into the database at $GAZETTE_BENCH_DB (schema
// $GAZETTE_BENCH_SCHEMA, default gazette): opening the timeline (its
// months), a page of the timeline far from the last one read, and the
// filter's answers per query class: the first the reader shows (answer/:
// the sooner of the first hits and all of them, asked at once) and all of
// them (every hit's position, and scores up to RankLimit), with
// the median and 99th percentile over all the class's queries (p50-ms,
// p99-ms). It is skipped without the variable: importing a corpus large
// enough to mean something takes minutes (see BENCHMARKS.md).
func BenchmarkReader(b *testing.B) {
	url := os.Getenv("GAZETTE_BENCH_DB")
	if url == "" {
		b.Skip("GAZETTE_BENCH_DB names no database with an imported corpus")
	}
	schema := os.Getenv("GAZETTE_BENCH_SCHEMA")
	if schema == "" {
		schema = pgstore.DefaultSchema
	}
	ctx := context.Background()
	s, err := pgstore.Connect(ctx, url, schema)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Run("open", func(b *testing.B) {
		var lat []time.Duration
		for range b.N {
			start := time.Now()
			if _, err := s.Timeline(ctx); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		report(b, lat)
	})
	tl, err := s.Timeline(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("page", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(1, 2))
		var lat []time.Duration
		for range b.N {
			first := rng.IntN(max(1, tl.Len()-64))
			page := make([]int32, 64)
			for i := range page {
				page[i] = int32(first + i)
			}
			start := time.Now()
			tl.Fetch(page)
			lat = append(lat, time.Since(start))
			if err := tl.Err(); err != nil {
				b.Fatal(err)
			}
		}
		report(b, lat)
	})
	classes := readerClasses()
	names := make([]string, 0, len(classes))
	for name := range classes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		// What the reader waits for before it shows hits: it asks for
		// the first 200 in time and for all of them at once, and shows
		// whichever comes first (a common word's first hits, a rare
		// word's whole answer).
		b.Run("answer/"+name, func(b *testing.B) {
			var lat []time.Duration
			for range b.N {
				for _, q := range classes[name] {
					start := time.Now()
					done := make(chan error, 2)
					go func() { _, err := tl.FindFirst(ctx, q, 200, nil); done <- err }()
					go func() { _, err := tl.FindMarked(ctx, q, nil, nil); done <- err }()
					err := <-done
					lat = append(lat, time.Since(start))
					if err2 := <-done; err != nil || err2 != nil {
						b.Fatalf("%s: %v, %v", q, err, err2)
					}
				}
			}
			report(b, lat)
		})
		b.Run(name, func(b *testing.B) {
			var lat []time.Duration
			hits := 0
			for range b.N {
				for _, q := range classes[name] {
					start := time.Now()
					r, err := tl.FindMarked(ctx, q, nil, nil)
					if err != nil {
						b.Fatalf("%s: %v", q, err)
					}
					lat = append(lat, time.Since(start))
					hits += r.Len()
				}
			}
			b.ReportMetric(float64(hits)/float64(b.N*len(classes[name])), "hits/query")
			report(b, lat)
		})
	}
}

// report reports the median and 99th percentile of lat in milliseconds.
func report(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	ms := func(q float64) float64 {
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}
