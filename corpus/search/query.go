package search

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// Query is a parsed search query, independent of any corpus. The language:
//
//	cyber          words starting with "cyber" (case and accents ignored; an
//	               elided article is dropped: l'otan searches for otan)
//	cyber defense  both terms (AND)
//	cybdef         letters in order inside a word, when no word starts with them
//	securty        one typo, for terms of five letters or more with no better match
//	"exact phrase" the words in sequence, each whole
//	-term !term    articles without the term
//	otan|nato      either term
//	title:otan     in the title only
//	year:2017      published in 2017 (at the article's precision)
//	date:2015..2018  date:>=2018-07  date:<2016  date:2019-10-09
type Query struct {
	text    string
	clauses []clause
}

// clause is one space-separated part of a query: alternatives of which one
// must match, or none when the clause is negated.
type clause struct {
	not  bool
	alts []atom
}

// atom is one alternative: words (a single term or a phrase) or a date
// range.
type atom struct {
	// words are folded; a single word matches words it starts, a phrase
	// matches consecutive words, the last of which may be a prefix unless
	// exact is set.
	words []string
	exact bool
	title bool
	dates *dateRange
}

// dateRange is the half-open interval [from, to); a zero bound is open.
type dateRange struct{ from, to time.Time }

// QueryError is a query that cannot be parsed.
type QueryError struct {
	// Pos is the byte offset in the query where the problem is.
	Pos int
	// Msg says what is wrong, for people.
	Msg string
}

// Error returns the reason, for people: "unclosed quote".
func (e *QueryError) Error() string { return e.Msg }

// String returns the query as it was typed.
func (q *Query) String() string { return q.text }

// Parse parses a query. An unclosed quote or a date that cannot be
// read is a *QueryError giving the position of the problem. It never
// panics, whatever the input.
func Parse(text string) (*Query, error) {
	p := parser{s: text}
	q := &Query{text: text}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return q, nil
		}
		cl, err := p.clause()
		if err != nil {
			return nil, err
		}
		if len(cl.alts) > 0 {
			q.clauses = append(q.clauses, cl)
		}
	}
}

type parser struct {
	s string
	i int
}

func (p *parser) skipSpace() {
	for p.i < len(p.s) {
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		if !fold.IsSpace(r) {
			return
		}
		p.i += size
	}
}

func (p *parser) clause() (clause, error) {
	var cl clause
	if p.i+1 < len(p.s) && (p.s[p.i] == '-' || p.s[p.i] == '!') {
		if r, _ := utf8.DecodeRuneInString(p.s[p.i+1:]); !fold.IsSpace(r) && r != '|' {
			cl.not = true
			p.i++
		}
	}
	for {
		a, ok, err := p.atom()
		if err != nil {
			return cl, err
		}
		if ok {
			cl.alts = append(cl.alts, a)
		}
		save := p.i
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '|' {
			p.i++
			p.skipSpace()
			continue
		}
		p.i = save
		return cl, nil
	}
}

// atom reads one alternative, up to an unquoted space or bar. ok is false
// when it holds no word (punctuation only, or nothing).
func (p *parser) atom() (a atom, ok bool, err error) {
	start := p.i
	field := ""
	for _, f := range []string{"title:", "year:", "date:"} {
		if len(p.s)-p.i >= len(f) && strings.EqualFold(p.s[p.i:p.i+len(f)], f) {
			field = f[:len(f)-1]
			p.i += len(f)
			break
		}
	}
	valueStart := p.i
	var b strings.Builder
	quoted := false
	for p.i < len(p.s) {
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		if r == '"' {
			end := strings.IndexByte(p.s[p.i+1:], '"')
			if end < 0 {
				return a, false, &QueryError{Pos: p.i, Msg: "unclosed quote"}
			}
			b.WriteByte(' ')
			b.WriteString(p.s[p.i+1 : p.i+1+end])
			b.WriteByte(' ')
			p.i += end + 2
			quoted = true
			continue
		}
		if fold.IsSpace(r) || r == '|' {
			break
		}
		b.WriteString(p.s[p.i : p.i+size])
		p.i += size
	}
	value := b.String()
	switch field {
	case "year", "date":
		if strings.TrimSpace(value) == "" {
			return a, false, &QueryError{Pos: start, Msg: field + ": needs a date, as in " + field + ":2017"}
		}
		dr, err := parseDateRange(strings.TrimSpace(value), field == "year")
		if err != nil {
			// The reason quotes the bad date; the position points at it.
			return a, false, &QueryError{Pos: valueStart, Msg: err.Error()}
		}
		return atom{dates: &dr}, true, nil
	}
	a.title = field == "title"
	a.exact = quoted
	w := fold.NewWords(value)
	for w.Next() {
		if len(a.words) == 0 && !quoted && isElision(w.Folded, value[w.End:]) {
			continue
		}
		a.words = append(a.words, string(w.Folded))
	}
	return a, len(a.words) > 0, nil
}

// isElision reports whether the folded word, followed by rest, is an
// elided French article or pronoun ("l’", "d’", "qu’"...) before another
// word: "l'otan" searches for "otan", so that it finds "OTAN" too.
func isElision(word []byte, rest string) bool {
	r, size := utf8.DecodeRuneInString(rest)
	if (r != '\'' && r != '’' && r != 'ʼ' && r != '‘') || len(rest) == size {
		return false
	}
	switch string(word) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu":
		return true
	}
	return false
}

// parseDateRange reads "2017", "2017-01", "2019-10-09", "A..B" (either end
// may be left out), ">=A", ">A", "<=A", "<A" and "=A". With yearOnly, every
// date must be a bare year.
func parseDateRange(s string, yearOnly bool) (dateRange, error) {
	one := func(s string) (time.Time, time.Time, error) {
		from, to, err := parseDateSpan(s)
		if err == nil && yearOnly && len(s) != 4 {
			err = fmt.Errorf("%q is not a year", s)
		}
		return from, to, err
	}
	if a, b, ok := strings.Cut(s, ".."); ok {
		var r dateRange
		if a != "" {
			from, _, err := one(a)
			if err != nil {
				return r, err
			}
			r.from = from
		}
		if b != "" {
			_, to, err := one(b)
			if err != nil {
				return r, err
			}
			r.to = to
		}
		if a == "" && b == "" {
			return r, fmt.Errorf("a range needs at least one date")
		}
		if !r.from.IsZero() && !r.to.IsZero() && !r.from.Before(r.to) {
			return r, fmt.Errorf("the range ends before it starts")
		}
		return r, nil
	}
	for _, op := range []string{">=", "<=", ">", "<", "="} {
		rest, ok := strings.CutPrefix(s, op)
		if !ok {
			continue
		}
		from, to, err := one(rest)
		if err != nil {
			return dateRange{}, err
		}
		switch op {
		case ">=":
			return dateRange{from: from}, nil
		case ">":
			return dateRange{from: to}, nil
		case "<=":
			return dateRange{to: to}, nil
		case "<":
			return dateRange{to: from}, nil
		}
		return dateRange{from: from, to: to}, nil
	}
	from, to, err := one(s)
	return dateRange{from: from, to: to}, err
}

// parseDateSpan reads YYYY, YYYY-MM or YYYY-MM-DD and returns the interval
// it covers.
func parseDateSpan(s string) (from, to time.Time, err error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return from, to, fmt.Errorf("%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var n [3]int
	for i, part := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		v, err := strconv.Atoi(part)
		if err != nil || len(part) != want || v < 0 {
			return from, to, fmt.Errorf("%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n[i] = v
	}
	year, month, day := n[0], 1, 1
	if len(parts) > 1 {
		month = n[1]
		if month < 1 || month > 12 {
			return from, to, fmt.Errorf("%q: no month %d", s, month)
		}
	}
	from = time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	switch len(parts) {
	case 1:
		return from, from.AddDate(1, 0, 0), nil
	case 2:
		return from, from.AddDate(0, 1, 0), nil
	}
	day = n[2]
	if day < 1 || day > from.AddDate(0, 1, -1).Day() {
		return from, to, fmt.Errorf("%q: no day %d in that month", s, day)
	}
	from = from.AddDate(0, 0, day-1)
	return from, from.AddDate(0, 0, 1), nil
}

// unix returns the range's bounds in Unix seconds, open ends as the
// extreme values.
func (r *dateRange) unix() (from, to int64) {
	from, to = math.MinInt64, math.MaxInt64
	if !r.from.IsZero() {
		from = r.from.Unix()
	}
	if !r.to.IsZero() {
		to = r.to.Unix()
	}
	return from, to
}

// key identifies a clause, so that a query can tell whether another one
// holds all its clauses.
func (cl *clause) key() string {
	var b strings.Builder
	if cl.not {
		b.WriteByte('-')
	}
	for i, a := range cl.alts {
		if i > 0 {
			b.WriteByte('|')
		}
		if a.dates != nil {
			fmt.Fprintf(&b, "date:%d..%d", a.dates.from.Unix(), a.dates.to.Unix())
			continue
		}
		if a.title {
			b.WriteString("title:")
		}
		if a.exact {
			b.WriteByte('"')
		}
		b.WriteString(strings.Join(a.words, " "))
	}
	return b.String()
}

// Narrows reports whether every article matching q also matches prev:
// q holds every clause of prev, and maybe more. Typing a new term narrows a
// query; changing a term does not (a longer prefix may turn into a fuzzy
// match).
func (q *Query) Narrows(prev *Query) bool {
	if prev == nil {
		return false
	}
	have := make(map[string]bool, len(q.clauses))
	for i := range q.clauses {
		have[q.clauses[i].key()] = true
	}
	for i := range prev.clauses {
		if !have[prev.clauses[i].key()] {
			return false
		}
	}
	return true
}
