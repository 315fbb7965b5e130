package snapshot

import (
	"fmt"
	"unsafe"

	"github.com/gazette-reader/gazette/corpus/internal/flat"
	"github.com/gazette-reader/gazette/corpus/state"
)

// The content key of every article (state.KeyOf, a hash of its title and
// text) is written after the articles: what ties the reader's marks to
// them, read back in place rather than hashed again from every article's
// text, which on a mapped million reads every page of it (seconds, behind
// the first frame, and for every command that shows marks). Sixteen bytes
// an article; computed, on every core, while the articles are written.

// encodeKeys writes keys, one an article in timeline order.
func encodeKeys(w *flat.Writer, keys []state.Key) {
	if len(keys) == 0 {
		w.Bytes(nil)
		return
	}
	w.Bytes(unsafe.Slice(&keys[0][0], len(keys)*len(keys[0])))
}

// decodeKeys reads the keys of n articles, sharing their bytes.
func decodeKeys(r *flat.Reader, n int) ([]state.Key, error) {
	b, err := r.Bytes()
	if err != nil {
		return nil, err
	}
	var k state.Key
	if len(b) != n*len(k) {
		return nil, fmt.Errorf("%d bytes of keys for %d articles: %w", len(b), n, flat.ErrDamaged)
	}
	if n == 0 {
		return nil, nil
	}
	return unsafe.Slice((*state.Key)(unsafe.Pointer(&b[0])), n), nil
}

// ContentKeys returns a copy of the articles' content keys, by position
// (see state.Keys).
func (s *articles) ContentKeys() []state.Key { return append([]state.Key(nil), s.keys...) }
