package state

import (
	"maps"
	"slices"
)

// Table is the marks of one corpus's articles, by their index on the
// timeline: what the reader shows and what the query terms about marks
// read. It does not change once made: With returns a changed copy, so a
// search may read one while the reader marks another.
type Table struct {
	keys  []Key
	flags []flagBits
	tags  map[int32][]string
	notes map[int32]string
	// A sparse table (NewSparseTable) holds neither keys nor flags by
	// article: n articles, the keys of those with marks in known (and of
	// those marked since), keyOf for the others, their flags in sflags.
	n      int
	known  map[int32]Key
	sflags map[int32]flagBits
	keyOf  func(i int) Key
}

// NewSparseTable returns the marks m of a corpus of n articles when the
// corpus tells where the articles with marks are (marked: their keys by
// index; a database, which finds them by key) and keyOf gives the key of
// any other: the table holds the marked articles only, whatever the
// corpus's size, and its copies (With) cost what they hold. Keys must be
// unique in the corpus (an article's copies are not changed with it).
func NewSparseTable(n int, marked map[int32]Key, keyOf func(i int) Key, m *Marks) *Table {
	t := &Table{n: n, known: map[int32]Key{}, sflags: map[int32]flagBits{}, keyOf: keyOf, tags: map[int32][]string{}, notes: map[int32]string{}}
	for i, k := range marked {
		if i < 0 || int(i) >= n {
			continue
		}
		t.known[i] = k
		if m == nil {
			continue
		}
		if f := m.flags[k]; f != 0 {
			t.sflags[i] = f
		}
		if tags, ok := m.tags[k]; ok {
			t.tags[i] = tags
		}
		if note, ok := m.notes[k]; ok {
			t.notes[i] = note
		}
	}
	return t
}

// flag returns the flags of article i.
func (t *Table) flag(i int) flagBits {
	if t.keyOf != nil {
		return t.sflags[int32(i)]
	}
	return t.flags[i]
}

// NewTable returns the marks m of the articles whose keys are keys (by
// index). It costs a map lookup an article.
func NewTable(keys []Key, m *Marks) *Table {
	t := &Table{keys: keys, flags: make([]flagBits, len(keys)), tags: map[int32][]string{}, notes: map[int32]string{}}
	if m == nil {
		return t
	}
	for i, k := range keys {
		t.flags[i] = m.flags[k]
		if tags, ok := m.tags[k]; ok {
			t.tags[int32(i)] = tags
		}
		if n, ok := m.notes[k]; ok {
			t.notes[int32(i)] = n
		}
	}
	return t
}

// Len returns the number of articles.
func (t *Table) Len() int {
	if t.keyOf != nil {
		return t.n
	}
	return len(t.keys)
}

// Key returns the key of article i.
func (t *Table) Key(i int) Key {
	if t.keyOf != nil {
		if k, ok := t.known[int32(i)]; ok {
			return k
		}
		return t.keyOf(i)
	}
	return t.keys[i]
}

// Mark returns the marks of article i.
func (t *Table) Mark(i int) Mark {
	f := t.flag(i)
	return Mark{Read: f&flagRead != 0, Starred: f&flagStarred != 0, Tags: t.tags[int32(i)], Note: t.notes[int32(i)]}
}

// Read reports whether article i is read; Starred whether it is starred.
func (t *Table) Read(i int) bool    { return t.flag(i)&flagRead != 0 }
func (t *Table) Starred(i int) bool { return t.flag(i)&flagStarred != 0 }

// Tags returns the reader's tags of article i, sorted.
func (t *Table) Tags(i int) []string { return t.tags[int32(i)] }

// Note returns the reader's note on article i, "" when none.
func (t *Table) Note(i int) string { return t.notes[int32(i)] }

// Tagged returns the articles (indexes, sorted) that have the tag tag, as
// NormalizeTag writes it.
func (t *Table) Tagged(tag string) []int32 {
	var out []int32
	for i, tags := range t.tags {
		if slices.Contains(tags, tag) {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// Noted calls fn with each article that has a note, in no order, until fn
// returns false.
func (t *Table) Noted(fn func(i int32, note string) bool) {
	for i, n := range t.notes {
		if !fn(i, n) {
			return
		}
	}
}

// UsedTags returns every tag of the table with the number of its articles,
// most used first: what completion offers.
func (t *Table) UsedTags() []TagCount {
	counts := map[string]int{}
	for _, tags := range t.tags {
		for _, tag := range tags {
			counts[tag]++
		}
	}
	return sortedCounts(counts)
}

// With returns the table with ch made to the articles at the indexes given
// and to every other article with the same key (a copy of one): what the
// store holds once ch is applied. Tags must be normalised (NormalizeTag).
// It costs a copy of the flags, one byte an article, and a scan of the
// keys; a sparse table's, a copy of what it holds.
func (t *Table) With(indexes []int, ch Change) *Table {
	if t.keyOf != nil {
		n := &Table{n: t.n, keyOf: t.keyOf, known: maps.Clone(t.known), sflags: maps.Clone(t.sflags), tags: maps.Clone(t.tags), notes: maps.Clone(t.notes)}
		for _, i := range indexes {
			n.known[int32(i)] = t.Key(i)
			n.change(i, ch)
		}
		return n
	}
	n := &Table{keys: t.keys, flags: slices.Clone(t.flags), tags: maps.Clone(t.tags), notes: maps.Clone(t.notes)}
	if len(indexes) > 16 {
		changed := make(map[Key]bool, len(indexes))
		for _, i := range indexes {
			changed[t.keys[i]] = true
		}
		for i, k := range t.keys {
			if changed[k] {
				n.change(i, ch)
			}
		}
		return n
	}
	// A few articles: comparing keys is quicker than hashing them.
	changed := make([]Key, len(indexes))
	for j, i := range indexes {
		changed[j] = t.keys[i]
	}
	for i, k := range t.keys {
		for _, c := range changed {
			if k == c {
				n.change(i, ch)
				break
			}
		}
	}
	return n
}

func (t *Table) change(i int, ch Change) {
	f := t.flag(i)
	set := func(bit flagBits, on *bool) {
		switch {
		case on == nil:
		case *on:
			f |= bit
		default:
			f &^= bit
		}
	}
	set(flagRead, ch.Read)
	set(flagStarred, ch.Starred)
	switch {
	case t.keyOf == nil:
		t.flags[i] = f
	case f == 0:
		delete(t.sflags, int32(i))
	default:
		t.sflags[int32(i)] = f
	}
	if len(ch.AddTags) > 0 || len(ch.RemoveTags) > 0 {
		tags := slices.Clone(t.tags[int32(i)])
		for _, tag := range ch.AddTags {
			if !slices.Contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
		tags = slices.DeleteFunc(tags, func(tag string) bool { return slices.Contains(ch.RemoveTags, tag) })
		slices.Sort(tags)
		if len(tags) == 0 {
			delete(t.tags, int32(i))
		} else {
			t.tags[int32(i)] = tags
		}
	}
	if ch.Note != nil {
		if note := cleanNote(*ch.Note); note == "" {
			delete(t.notes, int32(i))
		} else {
			t.notes[int32(i)] = note
		}
	}
}

// List is the marks of a few articles, by index, given one by one: what
// the query terms about marks read when a table of the corpus is not at
// hand (the hits of a database explained on their own).
type List []Mark

// Read reports whether article i is read; Starred whether it is starred.
func (l List) Read(i int) bool    { return l[i].Read }
func (l List) Starred(i int) bool { return l[i].Starred }

// Tags returns the reader's tags of article i.
func (l List) Tags(i int) []string { return l[i].Tags }

// Note returns the reader's note on article i, "" when none.
func (l List) Note(i int) string { return l[i].Note }

// Noted calls fn with each article that has a note, in order, until it
// returns false.
func (l List) Noted(fn func(i int32, note string) bool) {
	for i, m := range l {
		if m.Note != "" && !fn(int32(i), m.Note) {
			return
		}
	}
}
