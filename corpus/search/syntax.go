package search

import "time"

// Clause is one part of a parsed query as another engine sees it (a
// database that runs the query language on its own index): alternatives of
// which one must match, or none when Not is set. Clauses of a query or of a
// group must all match.
type Clause struct {
	Not  bool
	Alts []Term
}

// Term is one alternative of a Clause: words (a term or a phrase), a date
// range, or a group of clauses in parentheses.
type Term struct {
	// Field is "" for titles and bodies, "title", or the key of another
	// field ("tag", "author", "is"...), lower case, without underscores
	// or a plural s; FieldName is the field as typed.
	Field, FieldName string
	// Words are the folded words, in order: several make a phrase. A
	// word may be a token with symbols ("c++", "asp.net").
	Words []string
	// Whole is set when every word matches whole words only (quoted, or
	// "="); otherwise the last word also matches the words it starts.
	Whole bool
	// Lone is set for an unquoted single word of letters and digits: the
	// in-memory engine also matches it inside words, through typos and
	// letters in order.
	Lone bool
	// Join is set when the words also match written as one word (a
	// compound typed with hyphens, a quoted phrase of two to four words).
	Join bool
	// Dates, when set, is a range of publication dates: From and To
	// bound the half-open interval [From, To); a zero bound is open. An
	// article matches when the span of its date, at its precision, meets
	// the range.
	Dates *DateRange
	// Group is set for a group in parentheses.
	Group []Clause
	// Raw is the value after a field's colon as typed, unquoted.
	Raw string
}

// DateRange is a half-open interval of publication dates; a zero bound is
// open.
type DateRange struct{ From, To time.Time }

// Clauses returns the query's clauses, for an engine other than Index to
// run. The result is a copy: changing it changes nothing in q.
func (q *Query) Clauses() []Clause { return exportGroup(q.root) }

func exportGroup(g group) []Clause {
	out := make([]Clause, len(g.clauses))
	for i, cl := range g.clauses {
		out[i] = Clause{Not: cl.not, Alts: make([]Term, len(cl.alts))}
		for j, a := range cl.alts {
			out[i].Alts[j] = exportAtom(a)
		}
	}
	return out
}

func exportAtom(a atom) Term {
	t := Term{Field: a.field, FieldName: a.fieldName, Whole: a.whole, Lone: a.lone, Join: a.join, Raw: a.raw}
	for _, w := range a.words {
		t.Words = append(t.Words, w.text)
	}
	if a.dates != nil {
		t.Dates = &DateRange{From: a.dates.from, To: a.dates.to}
	}
	if a.sub != nil {
		t.Group = exportGroup(*a.sub)
	}
	return t
}
