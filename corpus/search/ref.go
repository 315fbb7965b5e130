package search

import (
	"encoding/binary"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// The references of the index's fast paths: each computes by the plain
// way what its fast path computes with a shortcut. equivalence_test.go
// holds each pair together.

// addTextRef is addText by fold.Words, the iterator queries and snippets
// use: the folded words of s, in order.
func addTextRef(s string) []string {
	var out []string
	for w := fold.NewWords(s); w.Next(); {
		out = append(out, string(w.Folded))
	}
	return out
}

// skipVarintsRef is skipVarints one varint at a time.
func skipVarintsRef(b []byte, i int, n uint32) int {
	for ; n > 0; n-- {
		_, size := binary.Uvarint(b[i:])
		i += size
	}
	return i
}

// wordIDsRef is shardBuild.id's word table as a Go map: the id of each
// word is the number of distinct words before its first occurrence.
type wordIDsRef map[string]int32

func (m wordIDsRef) id(w []byte) int32 {
	if id, ok := m[string(w)]; ok {
		return id
	}
	id := int32(len(m))
	m[string(w)] = id
	return id
}

// prefixDocsRef is a prefix bitmap by the postings: the articles of the
// shard holding a term of vocab [lo, hi) in f.
func prefixDocsRef(f *fieldIndex, lo, hi int) map[int32]bool {
	docs := map[int32]bool{}
	for t := lo; t < hi; t++ {
		p := f.postings(int32(t))
		for p.next() {
			docs[p.doc] = true
		}
	}
	return docs
}
