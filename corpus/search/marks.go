package search

import (
	"context"
	"reflect"
	"slices"
	"strings"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// Marks are the reader's own marks on the articles, by timeline index:
// what the terms is:read, is:unread, is:starred, tag:, has:note, has:tag
// and note: read. They live in the state store, not in the index: they
// change as the reader marks, the index does not, so each search is handed
// the marks of its moment (*state.Table is one; it does not change once
// made).
type Marks interface {
	Read(i int) bool
	Starred(i int) bool
	// Tags returns the reader's tags of article i, in lower case.
	Tags(i int) []string
	// Note returns the reader's note on article i, "" when none.
	Note(i int) string
	// Noted calls fn with each article that has a note, until it returns
	// false.
	Noted(fn func(i int32, note string) bool)
}

// markKind is what a term about marks asks for.
type markKind uint8

const (
	markRead markKind = iota
	markUnread
	markStarred
	markHasNote
	markHasTag
	markTag
	markNote
)

// markPlan is a term about marks resolved: the articles it matches, in
// timeline order, or (read, unread, starred) a test of each article.
type markPlan struct {
	kind  markKind
	marks Marks
	docs  []int32
}

// markField reports whether a field key names a term about marks only
// (is:, has:, note:); tag: names the source's tags and the reader's.
func markField(field string) bool {
	return field == "is" || field == "has" || field == "note"
}

// resolveMark resolves a term about marks against the marks m.
func resolveMark(a *atom, m Marks, n int) (*markPlan, error) {
	if m == nil {
		return nil, &QueryError{Pos: a.pos, Msg: a.fieldName + ": the reader's marks are not at hand here (no state store)"}
	}
	value := fold.String(strings.TrimSpace(a.raw))
	mp := &markPlan{marks: m}
	switch a.field {
	case "is":
		switch value {
		case "read":
			mp.kind = markRead
		case "unread", "new":
			mp.kind = markUnread
		case "starred", "star", "flagged":
			mp.kind = markStarred
		default:
			return nil, &QueryError{Pos: a.pos, Msg: a.fieldName + ":" + a.raw + ": want is:read, is:unread or is:starred"}
		}
	case "has":
		switch value {
		case "note", "notes":
			mp.kind = markHasNote
			m.Noted(func(i int32, _ string) bool { mp.docs = append(mp.docs, i); return true })
			slices.Sort(mp.docs)
		case "tag", "tags":
			mp.kind = markHasTag
			for i := range n {
				if len(m.Tags(i)) > 0 {
					mp.docs = append(mp.docs, int32(i))
				}
			}
		default:
			return nil, &QueryError{Pos: a.pos, Msg: a.fieldName + ":" + a.raw + ": want has:note or has:tag"}
		}
	case "tag":
		mp.kind = markTag
		for i := range n {
			for _, t := range m.Tags(i) {
				if ft := fold.String(t); ft == value || (!a.whole && strings.HasPrefix(ft, value)) {
					mp.docs = append(mp.docs, int32(i))
					break
				}
			}
		}
	case "note":
		mp.kind = markNote
		m.Noted(func(i int32, note string) bool {
			if noteMatches(note, a) {
				mp.docs = append(mp.docs, i)
			}
			return true
		})
		slices.Sort(mp.docs)
	}
	return mp, nil
}

// MarkTerm reports whether the reader's marks answer t: is:, has:,
// note:, and tag: (which the source's tags answer too).
func MarkTerm(t Term) bool { return marksAnswer(t.Field) }

// marksAnswer reports whether the reader's marks answer a term of field.
func marksAnswer(field string) bool { return markField(field) || field == "tag" }

// Marked returns the articles, by timeline position and in order, whose
// marks match t, a term about them (is:, has:, note:, or tag: for the
// reader's tags), among the n articles m holds marks for: for an engine
// that keeps no marks (a database), which then matches those positions.
// not is set when t matches the articles not listed (is:unread lists the
// read ones). It costs a pass over the n articles for is:, has:tag and
// tag:, over the notes for has:note and note:. The error says why t
// cannot be answered, as a *QueryError: no marks, or a value it does not
// know.
func Marked(t Term, m Marks, n int) (positions []int32, not bool, err error) {
	a := &atom{field: t.Field, fieldName: t.FieldName, raw: t.Raw, whole: t.Whole}
	for _, w := range t.Words {
		a.words = append(a.words, qword{text: w, width: 1})
	}
	mp, err := resolveMark(a, m, n)
	if err != nil {
		return nil, false, err
	}
	test := m.Read
	switch mp.kind {
	case markRead:
	case markUnread:
		not = true
	case markStarred:
		test = m.Starred
	default:
		return mp.docs, false, nil
	}
	for i := range n {
		if test(i) {
			positions = append(positions, int32(i))
		}
	}
	return positions, not, nil
}

// noteMatches reports whether the words of a are in the note: a word
// starting with the last one (unless whole), after words equal to the
// others, in sequence.
func noteMatches(note string, a *atom) bool {
	words := strings.FieldsFunc(fold.String(note), func(r rune) bool { return !fold.IsWordRune(r) })
	for i := range words {
		ok := true
		for j, w := range a.words {
			if i+j >= len(words) {
				ok = false
				break
			}
			last := j == len(a.words)-1
			if words[i+j] != w.text && (!last || a.whole || !strings.HasPrefix(words[i+j], w.text)) {
				ok = false
				break
			}
		}
		if ok && len(a.words) > 0 {
			return true
		}
	}
	return false
}

// mark adds the articles of the shard that the term about marks matches.
// Marks are filters: every match weighs the same.
func (e *evaluator) mark(mp *markPlan) {
	lo, hi := e.sh.lo, e.sh.hi
	t := tierOf(exactMatch, false)
	var test func(d int) bool
	switch mp.kind {
	case markRead:
		test = mp.marks.Read
	case markUnread:
		test = func(d int) bool { return !mp.marks.Read(d) }
	case markStarred:
		test = mp.marks.Starred
	default:
		a, _ := slices.BinarySearch(mp.docs, int32(lo))
		b, _ := slices.BinarySearch(mp.docs, int32(hi))
		for _, d := range mp.docs[a:b] {
			if e.tick() {
				e.add(d, t, 0)
			}
		}
		return
	}
	for d := lo; d < hi && e.tick(); d++ {
		if test(d) {
			e.add(int32(d), t, 0)
		}
	}
}

// FindMarked is Find with the reader's marks, for the terms about them
// (is:, has:, note:, and tag:, which also finds the source's tags). A
// term about marks with no marks is a *QueryError. Within is used only
// when it was found with the same marks.
//
// A term about marks costs a test of every article (is:) or a scan of the
// tags or notes (tag:, has:, note:), besides what Find costs.
func (x *Index) FindMarked(ctx context.Context, query string, within *Results, marks Marks) (*Results, error) {
	q, err := Parse(query)
	if err != nil {
		return nil, err
	}
	if within != nil && !sameMarks(within.marks, marks) {
		within = nil
	}
	return x.find(ctx, q, within, marks)
}

// sameMarks reports whether a and b are the same marks: the same pointer,
// or equal values of a comparable type.
func sameMarks(a, b Marks) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta := reflect.TypeOf(a)
	return ta == reflect.TypeOf(b) && ta.Comparable() && a == b
}

// resolveMarkAtom resolves a field term about marks, or tag: over the
// reader's tags beside the source's; ok is false for any other atom.
func (ix *index) resolveMarkAtom(a *atom, p *plan) ([]atomPlan, bool, error) {
	switch {
	case markField(a.field):
		mp, err := resolveMark(a, p.marks, ix.n)
		if err != nil {
			return nil, true, err
		}
		return []atomPlan{{mark: mp}}, true, nil
	case a.field == "tag" && p.marks != nil:
		mp, err := resolveMark(a, p.marks, ix.n)
		if err != nil {
			return nil, true, err
		}
		return []atomPlan{{mark: mp}}, false, nil
	}
	return nil, false, nil
}

// UsesMarks reports whether the query has a term about the reader's marks
// (is:, has:, note:, or tag:, which also finds the source's tags): a
// caller that has to work for the marks (the identity of every article)
// need not when it does not.
func (q *Query) UsesMarks() bool { return groupUsesMarks(&q.root) }

func groupUsesMarks(g *group) bool {
	for i := range g.clauses {
		for j := range g.clauses[i].alts {
			a := &g.clauses[i].alts[j]
			if (a.sub != nil && groupUsesMarks(a.sub)) || marksAnswer(a.field) {
				return true
			}
		}
	}
	return false
}
