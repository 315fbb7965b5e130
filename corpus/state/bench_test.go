package state

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// benchArticles is the size of the corpus the benchmarks mark.
const benchArticles = 100_000

// benchCorpus is a generated corpus of benchArticles, made once for every
// benchmark of a run.
var benchCorpus = sync.OnceValue(func() *corpus.Corpus { return corpustest.Corpus(benchArticles, 1) })

// markedStore returns a store where every article of c is read, one in ten
// starred, one in a hundred tagged, packed, and the keys of c.
func markedStore(b *testing.B, c *corpus.Corpus) (*Store, []Key) {
	b.Helper()
	keys := Keys(c)
	s, err := Open(filepath.Join(b.TempDir(), "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	refs := make([]Ref, len(keys))
	for i, k := range keys {
		refs[i] = Ref{Key: k, ID: c.At(i).ID, Title: c.At(i).Title}
	}
	if err := s.Apply(refs, Change{Read: ptr(true)}); err != nil {
		b.Fatal(err)
	}
	var starred, tagged []Ref
	for i := range refs {
		if i%10 == 0 {
			starred = append(starred, refs[i])
		}
		if i%100 == 0 {
			tagged = append(tagged, refs[i])
		}
	}
	must2(b, s.Apply(starred, Change{Starred: ptr(true)}))
	must2(b, s.Apply(tagged, Change{AddTags: []string{"suivi"}, Note: ptr("à relire")}))
	must2(b, s.Pack())
	return s, keys
}

func must2(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkMark is what starring an article costs on a corpus of 100,000
// marked articles: the reader's copy of the table changed, and the change
// written to the store (in the reader, in a command).
func BenchmarkMark(b *testing.B) {
	c := benchCorpus()
	s, keys := markedStore(b, c)
	m, err := s.Marks()
	must2(b, err)
	table := NewTable(keys, m)
	b.ResetTimer()
	for i := range b.N {
		j := (i * 7919) % len(keys)
		ch := Change{Starred: ptr(i%2 == 0)}
		table = table.With([]int{j}, ch)
		must2(b, s.Apply([]Ref{{Key: keys[j], ID: c.At(j).ID, Title: c.At(j).Title}}, ch))
	}
}

// BenchmarkMarkTable is the reader's part of a mark alone: the table copied
// and changed.
func BenchmarkMarkTable(b *testing.B) {
	keys := Keys(benchCorpus())
	table := NewTable(keys, nil)
	b.ResetTimer()
	for i := range b.N {
		table = table.With([]int{(i * 7919) % len(keys)}, Change{Read: ptr(i%2 == 0)})
	}
}

// BenchmarkReadMarks is what reading 100,000 marks costs at start-up, once
// packed: the store's part (Marks), then the table of the corpus's
// articles (NewTable).
func BenchmarkReadMarks(b *testing.B) {
	c := benchCorpus()
	s, keys := markedStore(b, c)
	b.Run("Marks", func(b *testing.B) {
		for range b.N {
			if _, err := s.Marks(); err != nil {
				b.Fatal(err)
			}
		}
	})
	m, err := s.Marks()
	must2(b, err)
	b.Run("NewTable", func(b *testing.B) {
		for range b.N {
			NewTable(keys, m)
		}
	})
}

// BenchmarkKeys is the identity of every article of a corpus, on every
// core.
func BenchmarkKeys(b *testing.B) {
	for _, n := range []int{10_000, benchArticles} {
		c := benchCorpus()
		if n < c.Len() {
			c = corpustest.Corpus(n, 1)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(corpustest.TextSize(c.Articles())))
			for range b.N {
				Keys(c)
			}
		})
	}
}

// BenchmarkOpen is what the store costs before the reader's first frame:
// opening a store of 100,000 marks (schema checked) and reading where the
// reader was. The marks themselves are read after the first frame
// (BenchmarkReadMarks, BenchmarkKeys).
func BenchmarkOpen(b *testing.B) {
	c := benchCorpus()
	s, keys := markedStore(b, c)
	must2(b, s.SetPlace(Place{Article: c.At(7).ID, Key: keys[7], Query: "otan"}, "corpus.jsonl"))
	path := s.Path()
	must2(b, s.Close())
	b.ResetTimer()
	for range b.N {
		s, err := Open(path)
		must2(b, err)
		if _, ok, err := s.Place("corpus.jsonl"); err != nil || !ok {
			b.Fatalf("place: %v %v", ok, err)
		}
		must2(b, s.Close())
	}
}
