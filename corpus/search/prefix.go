package search

import (
	"unicode/utf8"
)

// minCountDocs is the fewest articles in a shard for which prefix counts
// are made: below, walking postings is always quick.
const minCountDocs = 2048

// prefixCounts holds, for one short prefix, per field, how many times
// each article of a shard holds a word that starts with the prefix and is
// longer than it (nil when the prefix is not heavy in that field): what
// ranking needs of those words, in one read of four bits an article.
type prefixCounts struct {
	body, title nibbles
	// at is where body and title start in their shard's part of the
	// counts, in an index read from a file (see shard.prefixCheck).
	at [2]uint64
}

// field returns the counts of the body or of the title; nil for no counts.
func (pc *prefixCounts) field(body bool) nibbles {
	switch {
	case pc == nil:
		return nil
	case body:
		return pc.body
	}
	return pc.title
}

// nibbles holds a count from 0 to 15 per article, two a byte, the first in
// the low half; counts past 15 stay at 15 (BM25 hardly tells 15 from 20).
type nibbles []byte

func newNibbles(n int) nibbles { return make(nibbles, (n+1)/2) }

// add adds c to the count of article i, up to 15.
func (b nibbles) add(i, c uint32) {
	shift := 4 * (i & 1)
	v := uint32(b[i>>1]>>shift&15) + c
	b[i>>1] = b[i>>1]&^(15<<shift) | byte(min(v, 15))<<shift
}

// get returns the count of article i.
func (b nibbles) get(i uint32) uint32 { return uint32(b[i>>1] >> (4 * (i & 1)) & 15) }

// buildPrefixCounts makes the counts of the prefixes of one to three
// runes whose longer words occur, all together, in as many articles as
// the shard has (see heavy): walking their postings would cost more than
// reading the counts. Each term's postings are read once, for the counts
// of its prefixes at every length.
func (sh *shard) buildPrefixCounts(vocab []string) {
	sh.prefixes = make(map[string]*prefixCounts)
	n := sh.hi - sh.lo
	if n < minCountDocs {
		return
	}
	var body, title [3][]heavyRange
	for runes := 1; runes <= 3; runes++ {
		for lo := 0; lo < len(vocab); {
			p, ok := runePrefix(vocab[lo], runes)
			if !ok {
				// A shorter word: it starts no prefix of this length, and the
				// words after it may start several.
				lo++
				continue
			}
			hi := lo + 1
			for hi < len(vocab) && hasPrefix(vocab[hi], p) {
				hi++
			}
			from := lo
			if vocab[lo] == p {
				from++ // the prefix itself is its exact match, walked apart
			}
			if from < hi {
				pc := &prefixCounts{}
				if sh.body.heavy(n, from, hi) {
					pc.body = newNibbles(n)
					body[runes-1] = append(body[runes-1], heavyRange{from, hi, pc.body})
				}
				if sh.title.heavy(n, from, hi) {
					pc.title = newNibbles(n)
					title[runes-1] = append(title[runes-1], heavyRange{from, hi, pc.title})
				}
				if pc.body != nil || pc.title != nil {
					sh.prefixes[p] = pc
				}
			}
			lo = hi
		}
	}
	sh.body.fillCounts(sh.lo, body)
	sh.title.fillCounts(sh.lo, title)
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// heavyRange is a run of terms [lo, hi) sharing a heavy prefix, and the
// counts of the articles holding them.
type heavyRange struct {
	lo, hi int
	counts nibbles
}

// heavy reports whether the terms [lo, hi) occur, all together, in as
// many articles as the shard's n: reading their postings would read more
// entries than the shard has articles, and add many articles more than
// once.
func (f *fieldIndex) heavy(n, lo, hi int) bool {
	var occ uint64
	for t := lo; t < hi; t++ {
		occ += uint64(f.df[t])
	}
	return occ >= uint64(n)
}

// fillCounts adds, for every term, its count in each of its articles
// (from first) to the counts of the heavy ranges holding it: levels[i]
// are the ranges of prefixes of i+1 runes, in vocabulary order.
func (f *fieldIndex) fillCounts(first int, levels [3][]heavyRange) {
	var at [3]int
	var targets [3]nibbles
	for t := range f.df {
		k := 0
		for l, rs := range levels {
			for at[l] < len(rs) && rs[at[l]].hi <= t {
				at[l]++
			}
			if at[l] < len(rs) && rs[at[l]].lo <= t {
				targets[k] = rs[at[l]].counts
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
				b.add(i, p.count)
			}
		}
	}
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
