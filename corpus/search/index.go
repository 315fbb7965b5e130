package search

import (
	"math"
	"sync"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
)

// index is the inverted index of a corpus. Its postings are split in
// shards of contiguous articles, one per core when built, so that a search
// runs on every core.
type index struct {
	n int
	// art returns article d of the corpus.
	art func(d int32) *corpus.Article
	// lex is the vocabulary: every word, joined compound and token with
	// symbols of the titles and bodies, sorted.
	lex lexicon
	// bodyDF and titleDF are the number of articles holding each term;
	// cumBody and cumTitle their sums over the terms before each one, so
	// that a prefix's range sums in one step.
	bodyDF, titleDF   []uint32
	cumBody, cumTitle []uint64
	// maxDF is the largest termDF; common lists the terms of termDF
	// minCommonDF or more, the most common first.
	maxDF  uint64
	common []int32
	// compounds gives, for a word the corpus writes with hyphens, the ways
	// it splits ("plateforme": plate forme), so that the word finds them
	// written apart too.
	compounds map[string][][]string
	shards    []*shard
	// norm is, per article, the BM25 length term k1*(1-b+b*len/avglen).
	norm []float32
	// dateFrom and dateTo are, per article, the span its date covers at
	// its precision, in Unix seconds; undated articles span nothing at
	// math.MaxInt64. dateFrom is sorted: articles are in timeline order.
	dateFrom, dateTo []int64
	// meta indexes the metadata, on the first query that names a field:
	// most searches never need it.
	meta func() *metaIndex
	// damaged, for an index read from a file, is called when a search
	// finds its postings damaged (see verify); nil otherwise.
	damaged func()
	// scratch keeps the per-article arrays of evaluators between queries
	// (at most keptRuns), so that a query allocates in proportion to its
	// hits, not to the corpus. Not a sync.Pool: a pool is emptied at every
	// garbage collection, and the arrays made again (megabytes, zeroed and
	// faulted in) bring on the next one.
	scratchMu sync.Mutex
	scratch   []*queryRun
}

// shard indexes the articles [lo, hi).
type shard struct {
	lo, hi int
	body   fieldIndex
	title  fieldIndex
	// prefixes holds the counts of heavy short prefixes; prefixCheck,
	// for an index read from a file, checks the bytes of the body's
	// counts and of the title's (see verify).
	prefixes    map[string]*prefixCounts
	prefixCheck [2]*flat.Checked
}

// fieldIndex is the inverted index of one field (titles or bodies) of a
// shard, for every term of the vocabulary.
type fieldIndex struct {
	// docs holds, per term, one entry per article containing it, in
	// timeline order: uvarint(gap<<1 | more), where gap is the distance
	// from the previous article (from -1 for the first), then
	// uvarint(count-2) when more is set, else the term occurs once.
	docs   []byte
	docOff []uint64
	// pos holds, per term and article, the word positions of the term as
	// uvarint gaps (the first from 0); the count of the docs entry says how
	// many.
	pos    []byte
	posOff []uint64
	// df is the number of the shard's articles holding each term.
	df []uint32
	// docsCheck and posCheck, for an index read from a file, check the
	// blocks of docs and pos as searches first read them (see verify);
	// nil for an index built in memory.
	docsCheck, posCheck *flat.Checked
}

// dateSpan returns the span [from, to) that d covers at its precision, in
// Unix seconds, or math.MaxInt64 twice when d is unknown.
func dateSpan(d corpus.Date) (from, to int64) {
	if d.IsZero() {
		return math.MaxInt64, math.MaxInt64
	}
	start := d.Time
	end := start.Add(time.Minute)
	switch d.Precision {
	case corpus.PrecisionYear:
		end = start.AddDate(1, 0, 0)
	case corpus.PrecisionMonth:
		end = start.AddDate(0, 1, 0)
	case corpus.PrecisionDay:
		end = start.AddDate(0, 0, 1)
	}
	return start.Unix(), end.Unix()
}
