// Package similar finds the articles of a corpus that are copies of one
// another: a wire story reprinted by several papers, a page republished
// with a new title, a date and a few words changed.
//
// # The algorithm
//
// An article's text (its body, not its title, which copies change) is cut
// into shingles, runs of shingleWords folded words, each hashed to 64
// bits. One-permutation MinHash keeps, in each of sigSize bins chosen by
// a shingle hash's top bits, the least hash that falls in it (an empty bin
// borrows its neighbour's, so that short texts have full signatures): two
// signatures agree in a bin with about the probability that the two sets
// of shingles share their least member there, their Jaccard similarity.
// Locality-sensitive hashing then cuts each signature into bands of
// bandRows bins: articles whose band agrees in full are candidates,
// found by sorting each band's keys; a candidate pair whose signatures
// agree in at least minAgree of their bins is a copy, and copies are
// grouped by union-find.
//
// # Costs
//
// One pass over the text (a hash per word and a few per shingle), 256
// bytes of signature an article, then per band a sort of one key an
// article: about a second for 100 000 articles of 3 KB on two cores, and
// no pair of articles compared unless a band makes them candidates.
package similar

import (
	"context"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// The signature's shape: sigSize bins of 32 bits, cut into bands of
// bandRows; shingles of shingleWords words. An article of fewer than
// minShingles shingles has too little text to call it a copy.
const (
	sigBits      = 6
	sigSize      = 1 << sigBits
	bandRows     = 4
	bands        = sigSize / bandRows
	shingleWords = 4
	minShingles  = 12
)

// shinglePrime combines the hashes of a shingle's words, in order.
const shinglePrime = 0x9e3779b97f4a7c15

// minAgree is how many bins of two signatures must agree for the articles
// to be copies: an estimated Jaccard similarity of the shingles of at
// least one half, which a copy with a word in twenty changed passes, and
// two articles that share only a quotation do not.
const minAgree = sigSize / 2

// Groups are the groups of copies of a corpus. A group holds two articles
// or more; most articles are in none.
type Groups struct {
	of      []int32   // the group of each article, -1 for none
	members [][]int32 // the articles of each group, in timeline order
	ids     []string  // each group's ID: its first article's
}

// Find groups the copies among the articles of c, or takes those its
// source keeps (see GroupOf). It stops, returning ctx's error, when ctx
// is done.
func Find(ctx context.Context, c *corpus.Corpus) (*Groups, error) {
	if g, ok := kept(c); ok {
		return g, nil
	}
	n := c.Len()
	sigs := make([]uint32, n*sigSize)
	ok := make([]bool, n) // the article has enough text to compare
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() {
			var s signer
			for from := lo; from < hi; from += corpus.ReleaseStep {
				if ctx.Err() != nil {
					return
				}
				to := min(from+corpus.ReleaseStep, hi)
				c.Prefetch(from, to)
				for i := from; i < to; i++ {
					// Read: each article once, not kept; its text's pages
					// read ahead, and given back after (a corpus read from
					// a file).
					ok[i] = s.sign(c.Read(i), sigs[i*sigSize:(i+1)*sigSize])
				}
				c.Release(from, to)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	uf := newUnionFind(n)
	keys := make([]uint64, 0, n)
	for b := range bands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		keys = keys[:0]
		for i := range n {
			if ok[i] {
				keys = append(keys, uint64(bandKey(sigs[i*sigSize+b*bandRows:i*sigSize+(b+1)*bandRows]))<<32|uint64(i))
			}
		}
		slices.Sort(keys)
		for lo := 0; lo < len(keys); {
			hi := lo + 1
			for hi < len(keys) && keys[hi]>>32 == keys[lo]>>32 {
				hi++
			}
			for j := lo + 1; j < hi; j++ {
				a, d := int(uint32(keys[lo])), int(uint32(keys[j]))
				if uf.find(a) != uf.find(d) && agree(sigs[a*sigSize:(a+1)*sigSize], sigs[d*sigSize:(d+1)*sigSize]) >= minAgree {
					uf.union(a, d)
				}
			}
			lo = hi
		}
	}
	return uf.groups(c), nil
}

// Len returns the number of groups.
func (g *Groups) Len() int { return len(g.members) }

// Of returns the group of article i (a timeline position), and whether it
// is in one.
func (g *Groups) Of(i int) (int, bool) {
	if g == nil || i < 0 || i >= len(g.of) || g.of[i] < 0 {
		return 0, false
	}
	return int(g.of[i]), true
}

// Members returns the articles of group k, in timeline order: the first
// is the earliest, the one the others copy.
func (g *Groups) Members(k int) []int32 { return g.members[k] }

// ID returns the ID of group k: its first article's ID, stable from one
// run to the next while the corpus holds that article.
func (g *Groups) ID(k int) string { return g.ids[k] }

// signer computes signatures, with buffers reused from article to
// article.
type signer struct {
	words []uint64
}

// sign writes the MinHash signature of a's body into sig and reports
// whether a has text enough to be compared.
func (s *signer) sign(a *corpus.Article, sig []uint32) bool {
	s.words = s.words[:0]
	for _, p := range a.Paragraphs {
		s.words = appendWordHashes(s.words, p)
	}
	if len(s.words) < shingleWords+minShingles-1 {
		return false
	}
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for i := 0; i+shingleWords <= len(s.words); i++ {
		// The words' hashes are mixed already: a polynomial of them, mixed
		// once, hashes the run.
		var h uint64
		for _, w := range s.words[i : i+shingleWords] {
			h = h*shinglePrime + w
		}
		h = mix(h)
		bin, v := h>>(64-sigBits), uint32(h)
		if v < sig[bin] {
			sig[bin] = v
		}
	}
	// Densify: an empty bin takes the value of the next full one, rotated,
	// so that two texts agree in it as often as in the one it borrows.
	for i := range sig {
		if sig[i] != ^uint32(0) {
			continue
		}
		for d := 1; d < sigSize; d++ {
			if v := sig[(i+d)%sigSize]; v != ^uint32(0) {
				sig[i] = bits.RotateLeft32(v, d)
				break
			}
		}
	}
	return true
}

// appendWordHashes appends to dst the hash of each folded word of p, as
// fold.Words cuts and folds them, reading ASCII and the two-byte Latin
// letters through tables without decoding them (appendWordHashesRef is
// the same through fold.Words).
func appendWordHashes(dst []uint64, p string) []uint64 {
	h, in := uint64(fnvOffset), false
	var buf [4 * utf8.UTFMax]byte
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			i++
			if fc := fold.ASCII[c]; fc != 0 {
				h, in = (h^uint64(fc))*fnvPrime, true
				continue
			}
		} else if fc := fold.LatinLetterAt(p, i); fc != 0 {
			h, in = (h^uint64(fc))*fnvPrime, true
			i += 2
			continue
		} else {
			r, size := utf8.DecodeRuneInString(p[i:])
			i += size
			if fold.IsWordRune(r) {
				for _, fc := range fold.AppendRune(buf[:0], r) {
					h = (h ^ uint64(fc)) * fnvPrime
				}
				in = true
				continue
			}
		}
		if in {
			dst = append(dst, mix(h))
			h, in = fnvOffset, false
		}
	}
	if in {
		dst = append(dst, mix(h))
	}
	return dst
}

// FNV-1a's constants.
const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

// agree counts the bins in which two signatures agree.
func agree(a, b []uint32) int {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return n
}

// bandKey hashes one band of a signature to 32 bits.
func bandKey(band []uint32) uint32 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, v := range band {
		h = mix(h ^ uint64(v))
	}
	return uint32(h >> 32)
}

// hashWord hashes a folded word: FNV-1a then a final mix, the same on
// every machine and every run.
func hashWord(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return mix(h)
}

// mix is a 64-bit finaliser (splitmix64): every input bit moves every
// output bit.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// unionFind joins articles into groups.
type unionFind struct{ parent []int32 }

func newUnionFind(n int) *unionFind {
	uf := &unionFind{parent: make([]int32, n)}
	for i := range uf.parent {
		uf.parent[i] = int32(i)
	}
	return uf
}

func (u *unionFind) find(i int) int {
	for int(u.parent[i]) != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = int(u.parent[i])
	}
	return i
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u.parent[max(ra, rb)] = int32(min(ra, rb))
	}
}

// groups makes the Groups of the sets of more than one article, in the
// timeline order of their first articles.
func (u *unionFind) groups(c *corpus.Corpus) *Groups {
	n := len(u.parent)
	g := &Groups{of: make([]int32, n)}
	counts := make([]int32, n)
	for i := range n {
		g.of[i] = -1
		counts[u.find(i)]++
	}
	// Articles come in timeline order, and so do the groups, by their
	// first article.
	group := map[int]int32{}
	for i := range n {
		r := u.find(i)
		if counts[r] < 2 {
			continue
		}
		k, ok := group[r]
		if !ok {
			k = int32(len(g.members))
			group[r] = k
			g.members = append(g.members, nil)
			g.ids = append(g.ids, c.IDAt(i))
		}
		g.of[i] = k
		g.members[k] = append(g.members[k], int32(i))
	}
	return g
}
