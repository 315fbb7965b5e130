package search

import (
	"math/bits"
	"unicode/utf8"
)

// buildPrefixBits makes the bitmaps of the prefixes of one to three
// letters whose words occur, all together, in more places than a quarter
// of the shard's articles: walking their postings would cost more than a
// bitmap. Each term's postings are read once, for the bitmaps of its
// prefixes at every length.
func (sh *shard) buildPrefixBits(vocab []string) {
	sh.prefixes = make(map[string]*prefixBits)
	n := sh.hi - sh.lo
	if n < minBitmapDocs {
		return
	}
	var body, title [3][]heavyRange
	for runes := 1; runes <= 3; runes++ {
		for lo := 0; lo < len(vocab); {
			p, ok := runePrefix(vocab[lo], runes)
			hi := lo + 1
			for hi < len(vocab) && hasPrefix(vocab[hi], p) {
				hi++
			}
			if ok && hi-lo > 1 {
				pb := &prefixBits{}
				if sh.body.heavy(n, lo, hi) {
					pb.body = newBitmap(n)
					body[runes-1] = append(body[runes-1], heavyRange{lo, hi, pb.body})
				}
				if sh.title.heavy(n, lo, hi) {
					pb.title = newBitmap(n)
					title[runes-1] = append(title[runes-1], heavyRange{lo, hi, pb.title})
				}
				if pb.body != nil || pb.title != nil {
					sh.prefixes[p] = pb
				}
			}
			lo = hi
		}
	}
	sh.body.fillBitmaps(sh.lo, body)
	sh.title.fillBitmaps(sh.lo, title)
	for _, pb := range sh.prefixes {
		pb.bodyDocs, pb.titleDocs = pb.body.count(), pb.title.count()
	}
}

// heavyRange is a run of terms [lo, hi) sharing a heavy prefix, and the
// bitmap of the articles holding any of them.
type heavyRange struct {
	lo, hi int
	bits   bitmap
}

// heavy reports whether the terms [lo, hi) occur, all together, in more
// places than a quarter of the shard's n articles.
func (f *fieldIndex) heavy(n, lo, hi int) bool {
	var occ uint64
	for t := lo; t < hi; t++ {
		occ += uint64(f.df[t])
	}
	return occ >= uint64(n/4)
}

// fillBitmaps sets, for every term, the bits of its articles (from first)
// in the bitmaps of the heavy ranges holding it: levels[i] are the ranges
// of prefixes of i+1 runes, in vocabulary order.
func (f *fieldIndex) fillBitmaps(first int, levels [3][]heavyRange) {
	var at [3]int
	var targets [3]bitmap
	for t := range f.df {
		k := 0
		for l, rs := range levels {
			for at[l] < len(rs) && rs[at[l]].hi <= t {
				at[l]++
			}
			if at[l] < len(rs) && rs[at[l]].lo <= t {
				targets[k] = rs[at[l]].bits
				k++
			}
		}
		if k == 0 {
			continue
		}
		p := f.postings(int32(t))
		for p.next() {
			i := uint32(int(p.doc) - first)
			for _, b := range targets[:k] {
				b.set(i)
			}
		}
	}
}

// count returns the number of articles in b.
func (b bitmap) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// runePrefix returns the first n runes of s, and whether s has that many.
func runePrefix(s string, n int) (string, bool) {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], n == 0
}
