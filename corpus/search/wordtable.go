package search

import (
	"encoding/binary"
	"slices"
)

// slot is an entry of a shardBuild's word table.
type slot struct {
	// key is the word's first eight bytes, little-endian, zero-padded:
	// folded words hold no zero byte, so words of up to seven bytes are
	// equal when their keys are, and longer ones are compared in full
	// only when their keys and tags agree.
	key uint64
	// tag is the high half of the word's hash, id its id plus one (0 for
	// a free slot).
	tag, id uint32
}

// id returns the shard's id of the folded word w, adding it if new.
func (b *shardBuild) id(w []byte) int32 {
	var key uint64
	if len(w) >= 8 {
		key = binary.LittleEndian.Uint64(w)
	} else if cap(w) >= 8 {
		// The bytes past the word, left from earlier words, are masked.
		key = binary.LittleEndian.Uint64(w[:8]) & (1<<(8*len(w)) - 1)
	} else {
		for i, c := range w {
			key |= uint64(c) << (8 * i)
		}
	}
	h := key * 0x9e3779b97f4a7c15
	for _, c := range w[min(len(w), 8):] {
		h = (h ^ uint64(c)) * 0x100000001b3
	}
	tag := uint32(h>>32 ^ h)
	mask := uint32(len(b.table) - 1)
	for i := tag & mask; ; i = (i + 1) & mask {
		e := &b.table[i]
		if e.id == 0 {
			id := uint32(len(b.words))
			b.words = append(b.words, string(w))
			*e = slot{key: key, tag: tag, id: id + 1}
			if len(b.words)*2 > len(b.table) {
				b.grow()
			}
			return int32(id)
		}
		if e.key == key && e.tag == tag && (key>>56 == 0 || b.words[e.id-1] == string(w)) {
			return int32(e.id - 1)
		}
	}
}

// grow doubles the word table.
func (b *shardBuild) grow() {
	old := b.table
	b.table = make([]slot, 2*len(old))
	mask := uint32(len(b.table) - 1)
	for _, e := range old {
		if e.id == 0 {
			continue
		}
		i := e.tag & mask
		for b.table[i].id != 0 {
			i = (i + 1) & mask
		}
		b.table[i] = e
	}
}

// mergeVocab returns the sorted union of the shards' vocabularies.
func mergeVocab(builds []*shardBuild) []string {
	size := 0
	for _, b := range builds {
		size += len(b.words)
	}
	all := make([]string, 0, size)
	for _, b := range builds {
		all = append(all, b.words...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}
