package search

import "github.com/gazette-reader/gazette/corpus/internal/flat"

// DamagePostings changes one bit in the middle of word's postings in the
// bodies of x's first shard, and reports whether those postings are in
// one of several blocks, so that other words' may lie in other blocks.
func DamagePostings(x *Index, word string) bool {
	ix := x.index()
	t := ix.lex.lookup(word)
	if t < 0 {
		return false
	}
	f := &ix.shards[0].body
	lo, hi := f.docOff[t], f.docOff[t+1]
	if len(f.docs) <= 2*flat.BlockSize || hi-lo < 2 {
		return false
	}
	f.docs[(lo+hi)/2] ^= 0x04
	return true
}
