package search

import (
	"slices"
)

// gramIndex lists, for every three bytes that occur in a term of a
// lexicon after its first byte, the terms they occur in: the terms a term
// sits inside hold all its three-byte runs, so they are among the terms
// of its rarest one. It takes four bytes per entry, about four per byte
// of the lexicon.
type gramIndex struct {
	// keys are the distinct grams, sorted; ids[off[i]:off[i+1]] the terms
	// (sorted) holding keys[i].
	keys []uint32
	off  []uint32
	ids  []uint32
}

// gramKey packs three bytes.
func gramKey(s string, i int) uint32 {
	return uint32(s[i])<<16 | uint32(s[i+1])<<8 | uint32(s[i+2])
}

// newGramIndex indexes the three-byte runs of words after their first
// byte. It sorts the (gram, term) pairs by a radix sort of the gram, which
// keeps each gram's terms in order.
func newGramIndex(words []string) *gramIndex {
	var pairs []uint64
	var mine []uint32
	for id, w := range words {
		mine = mine[:0]
		for i := 1; i+3 <= len(w); i++ {
			mine = append(mine, gramKey(w, i))
		}
		slices.Sort(mine)
		for i, k := range mine {
			if i == 0 || k != mine[i-1] {
				pairs = append(pairs, uint64(k)<<32|uint64(id))
			}
		}
	}
	pairs = radixSortGrams(pairs)
	g := &gramIndex{ids: make([]uint32, len(pairs))}
	for i, p := range pairs {
		k := uint32(p >> 32)
		if i == 0 || k != g.keys[len(g.keys)-1] {
			g.keys = append(g.keys, k)
			g.off = append(g.off, uint32(i))
		}
		g.ids[i] = uint32(p)
	}
	g.off = append(g.off, uint32(len(pairs)))
	return g
}

// radixSortGrams sorts pairs by their gram (bits 32-55), stably.
func radixSortGrams(pairs []uint64) []uint64 {
	tmp := make([]uint64, len(pairs))
	for shift := uint(32); shift < 56; shift += 8 {
		var count [257]int
		for _, p := range pairs {
			count[(p>>shift)&0xff+1]++
		}
		for d := 1; d < len(count); d++ {
			count[d] += count[d-1]
		}
		for _, p := range pairs {
			d := (p >> shift) & 0xff
			tmp[count[d]] = p
			count[d]++
		}
		pairs, tmp = tmp, pairs
	}
	return pairs
}

// list returns the terms holding the gram k after their first byte.
func (g *gramIndex) list(k uint32) []uint32 {
	i, ok := slices.BinarySearch(g.keys, k)
	if !ok {
		return nil
	}
	return g.ids[g.off[i]:g.off[i+1]]
}

// candidates returns the terms of the rarest gram of t (three bytes or
// more): every term that holds t after its first byte is among them.
func (g *gramIndex) candidates(t string) []uint32 {
	var best []uint32
	for i := 0; i+3 <= len(t); i++ {
		l := g.list(gramKey(t, i))
		if len(l) == 0 {
			return nil
		}
		if best == nil || len(l) < len(best) {
			best = l
		}
	}
	return best
}
