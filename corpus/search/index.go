package search

import (
	"math"
	"slices"
	"sync"
	"time"

	"github.com/gazette-reader/gazette/corpus"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// minBitmapDocs is the fewest articles for which prefix bitmaps are made:
// below, walking postings is always quick.
const minBitmapDocs = 2048

// index is the inverted index of a corpus. Its postings are split in
// shards of contiguous articles, one per core when built, so that a search
// runs on every core.
type index struct {
	n     int
	vocab []string
	// bodyDF and titleDF are the number of articles holding each term.
	bodyDF, titleDF []uint32
	shards          []*shard
	// norm is, per article, the BM25 length term k1*(1-b+b*len/avglen).
	norm []float32
	// dateFrom and dateTo are, per article, the span its date covers at
	// its precision, in Unix seconds; undated articles span nothing at
	// math.MaxInt64. dateFrom is sorted: articles are in timeline order.
	dateFrom, dateTo []int64
	// scratch recycles the per-article arrays of evaluators, so that a
	// query allocates in proportion to its hits, not to the corpus.
	scratch sync.Pool
}

// shard indexes the articles [lo, hi).
type shard struct {
	lo, hi int
	body   fieldIndex
	title  fieldIndex
	// prefixes holds the article bitmaps of heavy short prefixes.
	prefixes map[string]*prefixBits
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
}

// prefixBits holds, for one short prefix, the articles of a shard in
// which a word of that prefix occurs (bit i for article lo+i), per field
// (nil when the prefix is not heavy in that field), and how many they are.
type prefixBits struct {
	body, title         bitmap
	bodyDocs, titleDocs int
}

// bitmap is a set of article indexes.
type bitmap []uint64

func newBitmap(n int) bitmap  { return make(bitmap, (n+63)/64) }
func (b bitmap) set(i uint32) { b[i>>6] |= 1 << (i & 63) }

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

// lookup returns the vocabulary index of the folded word, or -1.
func (ix *index) lookup(word string) int32 {
	i, ok := slices.BinarySearch(ix.vocab, word)
	if !ok {
		return -1
	}
	return int32(i)
}

// prefixRange returns the vocabulary range [lo, hi) of the words that
// start with prefix.
func (ix *index) prefixRange(prefix string) (lo, hi int32) {
	l, _ := slices.BinarySearch(ix.vocab, prefix)
	// The words with the prefix are contiguous from l.
	h := l + sortSearch(len(ix.vocab)-l, func(i int) bool { return !hasPrefix(ix.vocab[l+i], prefix) })
	return int32(l), int32(h)
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// sortSearch is sort.Search without the import.
func sortSearch(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// idf is the BM25 inverse document frequency of a term found in df of n
// articles.
func idf(n, df int) float32 {
	return float32(math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)))
}
