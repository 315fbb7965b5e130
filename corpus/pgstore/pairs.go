package pgstore

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// The index of adjacent words answers phrases: the GIN index of the
// tsvectors knows which articles hold a word, not where, so a phrase of
// common words would read the tsvector of every article holding them all
// (half a corpus of news for "secteur privé"). Each pair of lexemes at
// adjacent positions of an article's tsvector is hashed into one of
// pairBuckets buckets; the table pairs holds, per bucket, the sorted seq
// numbers of the articles with a pair in it, delta-coded (see
// encodePostings), one row per bucket and segment: an import writes one
// segment at its end, from the runs it put aside (see spill).
// A phrase's candidates are the articles in the buckets of all its
// adjacent pairs (a superset of its hits: buckets are shared), which the
// server then tests with the phrase itself.
//
// The pairs are read from the tsvectors the server made, as it sends
// them: a pair is in the index exactly when `a <-> b` would match it, with
// the same positions, whatever the parser made of the text.
//
// An article is listed in unpaired, in the transaction that adds it,
// until a segment holding its pairs is written: a phrase's candidates
// always include the unpaired articles, so an import stopped between the
// two loses nothing, and the next import's end indexes what is left
// there (as it does after the migration that made the pairs).
const (
	// pairBits is the number of bits of a pair's bucket.
	pairBits = 18
	// pairBuckets is the number of buckets.
	pairBuckets = 1 << pairBits
	// pairBudget is the number of postings an import gathers before it
	// puts them aside in a run of its temporary file (see spill): 8 bytes
	// each in memory (32 MB), and 4 more while they are sorted by bucket.
	pairBudget = 4 << 20
)

// lexemeHash is the FNV-1a hash of a lexeme, its lowest bit set: never
// 0, which pairsOf keeps for no lexeme.
func lexemeHash(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h | 1
}

// pairBucket is the bucket of the lexemes hashed a then b.
func pairBucket(a, b uint64) int32 {
	h := a*0x9e3779b97f4a7c15 ^ (b + 0x632be59bd9b4e019)
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 32
	return int32(h & (pairBuckets - 1))
}

// errTSVector is the error of a tsvector the server sent that cannot be
// read.
var errTSVector = errors.New("tsvector: malformed binary value")

// posLexeme is a lexeme's hash at one position of a tsvector.
type posLexeme struct {
	pos  uint16
	hash uint64
}

// pairScratch is what pairsOf reuses from one tsvector to the next.
type pairScratch struct {
	at []posLexeme
	// byPos holds the hash at each position, 0 where none; seen marks
	// the buckets found, one bit each.
	byPos   []uint64
	seen    []uint64
	buckets []int32
}

// pairsOf returns the distinct buckets of the pairs of lexemes at adjacent
// positions of the tsvector v, in the binary form the server sends
// (tsvectorsend: the number of lexemes, then each lexeme's text ended by
// a zero byte, its number of positions and the positions, weight in the
// top two bits), in no order. The slice is sc's, valid until the next
// call. A tsvector's positions are at most 16,383: the lexemes are laid
// out by position in an array, in time linear in the positions.
func pairsOf(v []byte, sc *pairScratch) ([]int32, error) {
	if len(v) < 4 {
		return nil, errTSVector
	}
	n := int(binary.BigEndian.Uint32(v))
	v = v[4:]
	sc.at = sc.at[:0]
	last := uint16(0)
	for range n {
		end := slices.Index(v, 0)
		if end < 0 || len(v) < end+3 {
			return nil, errTSVector
		}
		h := lexemeHash(v[:end])
		npos := int(binary.BigEndian.Uint16(v[end+1:]))
		v = v[end+3:]
		if len(v) < 2*npos {
			return nil, errTSVector
		}
		for i := range npos {
			p := binary.BigEndian.Uint16(v[2*i:]) & 0x3fff
			sc.at = append(sc.at, posLexeme{pos: p, hash: h})
			last = max(last, p)
		}
		v = v[2*npos:]
	}
	if len(sc.byPos) < int(last)+2 {
		sc.byPos = make([]uint64, int(last)+2)
	}
	if sc.seen == nil {
		sc.seen = make([]uint64, pairBuckets/64)
	}
	byPos := sc.byPos[:int(last)+2]
	clear(byPos)
	sc.buckets = sc.buckets[:0]
	shared := false
	for _, e := range sc.at {
		shared = shared || byPos[e.pos] != 0
		byPos[e.pos] = e.hash
	}
	if shared {
		sc.sharedPairs()
	} else {
		for p := 1; p < len(byPos)-1; p++ {
			if byPos[p] != 0 && byPos[p+1] != 0 {
				sc.keep(pairBucket(byPos[p], byPos[p+1]))
			}
		}
	}
	for _, b := range sc.buckets {
		sc.seen[b/64] = 0
	}
	return sc.buckets, nil
}

// keep adds bucket b to sc.buckets unless it is there.
func (sc *pairScratch) keep(b int32) {
	if bit := uint64(1) << (b % 64); sc.seen[b/64]&bit == 0 {
		sc.seen[b/64] |= bit
		sc.buckets = append(sc.buckets, b)
	}
}

// sharedPairs finds the pairs of sc.at when lexemes share positions,
// which happens only where the server clamps them (past 16,383): every
// lexeme at p pairs with every lexeme at p+1.
func (sc *pairScratch) sharedPairs() {
	slices.SortFunc(sc.at, func(a, b posLexeme) int { return int(a.pos) - int(b.pos) })
	for i := 0; i < len(sc.at); {
		j := i
		for j < len(sc.at) && sc.at[j].pos == sc.at[i].pos {
			j++
		}
		for k := j; k < len(sc.at) && sc.at[k].pos == sc.at[i].pos+1; k++ {
			for a := i; a < j; a++ {
				sc.keep(pairBucket(sc.at[a].hash, sc.at[k].hash))
			}
		}
		i = j
	}
}

// pairSink gathers the postings of an import's articles until they are
// written (see Store.writePairs), each a bucket and a seq number in one
// word: appending costs no more than a write to memory. It is safe for
// use by several goroutines.
type pairSink struct {
	mu sync.Mutex
	// keys are the postings gathered, bucket<<32 | seq, in no order.
	keys []uint64
	// seqs are the articles whose pairs are gathered.
	seqs []int32
	// full holds what was gathered up to budget, for ready.
	full []*pairSink
	// budget is the postings gathered before they are put aside: 0 is
	// pairBudget.
	budget int
	// spill holds the runs put aside, once there is one; spillMu is held
	// while one is written.
	spillMu sync.Mutex
	spill   *spill
}

// add gathers the pairs of the article seq, whose tsvector is v. Once
// budget postings are gathered, they are put aside for ready.
func (p *pairSink) add(seq int32, v []byte, sc *pairScratch) error {
	buckets, err := pairsOf(v, sc)
	if err != nil {
		return fmt.Errorf("article %d: %w", seq, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	budget := cmp.Or(p.budget, pairBudget)
	if free := cap(p.keys) - len(p.keys); free < len(buckets) {
		// Grown by hand: append would overshoot the budget by a quarter.
		p.keys = slices.Grow(p.keys, min(max(cap(p.keys), 1<<20), budget+len(buckets)-len(p.keys)))
	}
	for _, b := range buckets {
		p.keys = append(p.keys, uint64(b)<<32|uint64(uint32(seq)))
	}
	p.seqs = append(p.seqs, seq)
	if len(p.keys) >= budget {
		p.full = append(p.full, p.take())
	}
	return nil
}

// ready returns postings put aside by add, to be written, or nil.
func (p *pairSink) ready() *pairSink {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.full) == 0 {
		return nil
	}
	f := p.full[0]
	p.full = p.full[1:]
	return f
}

// rest returns everything gathered and not yet taken by ready.
func (p *pairSink) rest() []*pairSink {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append(p.full, p.take())
	p.full = nil
	return out
}

// take returns what p gathered and empties it. p.mu is held.
func (p *pairSink) take() *pairSink {
	full := &pairSink{keys: p.keys, seqs: p.seqs}
	p.keys, p.seqs = nil, nil
	return full
}

// byBucket returns the seq numbers of p's postings grouped by bucket (a
// counting sort) and where each bucket's start: bucket b's are
// seqs[starts[b]:starts[b+1]], in no order.
func (p *pairSink) byBucket() (seqs []int32, starts []int32) {
	starts = make([]int32, pairBuckets+1)
	for _, k := range p.keys {
		starts[k>>32+1]++
	}
	for b := 1; b <= pairBuckets; b++ {
		starts[b] += starts[b-1]
	}
	next := slices.Clone(starts[:pairBuckets])
	seqs = make([]int32, len(p.keys))
	for _, k := range p.keys {
		b := k >> 32
		seqs[next[b]] = int32(uint32(k))
		next[b]++
	}
	return seqs, starts
}

// encodePostings appends to dst the sorted, distinct seq numbers of
// list (sorted in place) as varints: the first, then the gaps.
func encodePostings(dst []byte, list []int32) []byte {
	slices.Sort(list)
	prev := int32(0)
	for i, s := range list {
		if i > 0 && s == prev {
			continue
		}
		dst = binary.AppendUvarint(dst, uint64(s-prev))
		prev = s
	}
	return dst
}

// decodePostings appends the seq numbers of enc to dst.
func decodePostings(dst []int32, enc []byte) ([]int32, error) {
	prev := int64(0)
	for len(enc) > 0 {
		d, n := binary.Uvarint(enc)
		if n <= 0 || prev+int64(d) > 1<<31-1 {
			return dst, errors.New("pairs: malformed postings")
		}
		prev += int64(d)
		dst = append(dst, int32(prev))
		enc = enc[n:]
	}
	return dst, nil
}

// union returns the sorted, distinct seq numbers of lists.
func union(lists [][]int32) []int32 {
	var out []int32
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// intersect returns the seq numbers in both a and b, sorted.
func intersect(a, b []int32) []int32 {
	out := a[:0:0]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}
