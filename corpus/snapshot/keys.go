package snapshot

import (
	"fmt"
	"unsafe"

	"github.com/gazette-reader/gazette/corpus/internal/flat"
	"github.com/gazette-reader/gazette/corpus/similar"
	"github.com/gazette-reader/gazette/corpus/state"
)

// Two things worked out from every article's text are written after the
// articles, and read back in place rather than worked out again from the
// mapped text at every launch, which on a million articles reads every
// page of it: the content key of every article (state.KeyOf, a hash of
// its title and text), what ties the reader's marks to them (5 s behind
// the first frame, and for every command that shows marks), sixteen
// bytes an article, hashed on every core while the articles are written;
// and, when asked (Request.Copies), the groups of copies (similar.Find:
// 12 s of both cores), four bytes an article, written after the index,
// found once for the reader and the snapshot (Loaded.Copies).

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

// encodeCopies writes the group of copies of every article (see
// similar.Groups.GroupOf); nothing when g is nil (not asked for).
func encodeCopies(w *flat.Writer, g *similar.Groups) {
	if g == nil {
		w.Bytes(nil)
		return
	}
	flat.Numbers(w, g.GroupOf())
}

// decodeCopies reads the groups of copies of n articles: nil when none
// were kept.
func decodeCopies(r *flat.Reader, n int) ([]int32, error) {
	of, err := flat.Read[int32](r, -1)
	if err != nil || len(of) == 0 {
		return nil, err
	}
	if len(of) != n {
		return nil, fmt.Errorf("groups of copies of %d articles for %d: %w", len(of), n, flat.ErrDamaged)
	}
	return of, nil
}

// CopyGroups returns the group of copies of every article, as written
// (see similar.Find).
func (s *articles) CopyGroups() []int32 { return s.copies }
