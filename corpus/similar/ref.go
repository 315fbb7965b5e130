package similar

import "github.com/gazette-reader/gazette/corpus/internal/fold"

// appendWordHashesRef is appendWordHashes through fold.Words, the word
// iterator the search index agrees with.
func appendWordHashesRef(dst []uint64, p string) []uint64 {
	for w := fold.NewWords(p); w.Next(); {
		dst = append(dst, hashWord(w.Folded))
	}
	return dst
}
