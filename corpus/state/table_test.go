package state

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestSparseTable: a table that holds the marked articles only gives, for
// every article, the marks a table of every article's key gives, before
// and after changes, and the keys of articles it did not hold.
func TestSparseTable(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "state"))
	for _, c := range []struct {
		refs []Ref
		ch   Change
	}{
		{[]Ref{refN(1), refN(4)}, Change{Read: ptr(true)}},
		{[]Ref{refN(4)}, Change{Starred: ptr(true), AddTags: []string{"à-lire"}}},
		{[]Ref{refN(7)}, Change{Note: ptr("relire la fin")}},
		{[]Ref{refN(99)}, Change{Read: ptr(true)}}, // not in the corpus
	} {
		if err := s.Apply(c.refs, c.ch); err != nil {
			t.Fatal(err)
		}
	}
	m, err := s.Marks()
	if err != nil {
		t.Fatal(err)
	}
	const n = 10
	keys := make([]Key, n)
	where := map[Key]int32{}
	for i := range keys {
		keys[i] = keyN(i)
		where[keys[i]] = int32(i)
	}
	marked := map[int32]Key{}
	for _, k := range m.Keys() {
		if i, ok := where[k]; ok {
			marked[i] = k
		}
	}
	if len(marked) != 3 || len(m.Keys()) != 4 {
		t.Fatalf("%d keys with marks, %d in the corpus; want 4 and 3", len(m.Keys()), len(marked))
	}
	dense := NewTable(keys, m)
	sparse := NewSparseTable(n, marked, func(i int) Key { return keys[i] }, m)
	same := func(when string) {
		t.Helper()
		if sparse.Len() != dense.Len() {
			t.Fatalf("%s: %d articles, want %d", when, sparse.Len(), dense.Len())
		}
		for i := range n {
			if !reflect.DeepEqual(sparse.Mark(i), dense.Mark(i)) || sparse.Key(i) != dense.Key(i) {
				t.Errorf("%s: article %d: %+v, want %+v", when, i, sparse.Mark(i), dense.Mark(i))
			}
		}
		if !reflect.DeepEqual(sparse.Tagged("à-lire"), dense.Tagged("à-lire")) || !reflect.DeepEqual(sparse.UsedTags(), dense.UsedTags()) {
			t.Errorf("%s: tags %v, want %v", when, sparse.UsedTags(), dense.UsedTags())
		}
	}
	same("as read")
	ch := Change{Read: ptr(false), Starred: ptr(true), RemoveTags: []string{"à-lire"}, Note: ptr("")}
	before := sparse
	sparse, dense = sparse.With([]int{4, 7, 2}, ch), dense.With([]int{4, 7, 2}, ch)
	same("changed")
	if before.Starred(2) || !sparse.Starred(2) {
		t.Error("With changed the table it was called on, or not its copy")
	}
}
