package search

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// Query is a parsed search query, independent of any corpus. The language
// (README.md, "Query language", says it for people):
//
//	cyber            the whole word, words it starts (cybersécurité) and, from
//	                 three letters, words it sits inside (anticyber); then,
//	                 from five letters, words a typo away when it looks
//	                 misspelt, and from four, words with its letters in order
//	                 when it reads as an abbreviation
//	=cyber "cyber"   the whole word only
//	otan japon       both terms; AND between them says the same
//	"a b"            the words in sequence, each whole; an open quote is a
//	                 phrase being typed, its last word a start
//	plate-forme      a compound: also plateforme and "plate forme"
//	c++ asp.net 20%  tokens with symbols, as typed
//	-x !x NOT x      without x
//	a|b  a OR b      either
//	(a b) OR c       parentheses group
//	title:x          in titles; tag:, author:, site:, source: and the
//	                 corpus's own metadata fields (cve:...) likewise
//	year:2017  date:2015..2018  date:>=2018-07  date:2019-10-09
type Query struct {
	text string
	root group
}

// group is clauses that must all match: the query, or a parenthesised
// part of it.
type group struct{ clauses []clause }

// clause is one space-separated part of a group: alternatives of which one
// must match, or none when the clause is negated.
type clause struct {
	not  bool
	alts []atom
}

// atom is one alternative: words (a term or a phrase), a date range, or a
// group.
type atom struct {
	// pos is the byte offset in the query where the atom starts.
	pos int
	// field is "" for titles and bodies, "title", or the key of a metadata
	// field (fieldKey); fieldName is the field as typed.
	field, fieldName string
	words            []qword
	// whole is set when every word matches whole words only (quoted, or
	// "="); otherwise the last word also matches words it starts.
	whole bool
	// lone is set for an unquoted single word of letters and digits: it
	// also matches inside words, through typos and letters in order, and
	// through the spaced forms of a compound.
	lone bool
	// join is set when the words also match written as one: a compound
	// typed with hyphens, or a quoted phrase of two to four words.
	join  bool
	dates *dateRange
	sub   *group
	// raw is the value after a field's colon as typed, unquoted: what a
	// term about marks compares (see resolveMark).
	raw string
}

// qword is one folded word of an atom; width is the words of the text it
// spans (a token with symbols, such as "asp.net", spans two).
type qword struct {
	text  string
	width int
}

// QueryError is a query that cannot be run.
type QueryError struct {
	// Pos is the byte offset in the query where the problem is.
	Pos int
	// Msg says what is wrong, for people.
	Msg string
}

// Error returns the reason, for people: "too many terms: at most 64".
func (e *QueryError) Error() string { return e.Msg }

// String returns the query as it was typed.
func (q *Query) String() string { return q.text }

// Limits of a query: past them, Parse says so instead of doing work
// without bound.
const (
	maxQueryBytes = 4096
	// maxTerms bounds the words (of terms and phrases), date ranges and
	// field terms of a query, groups included.
	maxTerms = 64
	maxDepth = 8
)

// Parse parses a query. A query that cannot be run (a bad date, a field
// with nothing after it, too many terms, nothing but symbols) is a
// *QueryError giving the position of the problem. An unknown field is
// only known against a corpus: Find reports it. Parse never panics,
// whatever the input.
func Parse(text string) (*Query, error) {
	if len(text) > maxQueryBytes {
		return nil, &QueryError{Pos: maxQueryBytes, Msg: fmt.Sprintf("query too long: at most %d bytes", maxQueryBytes)}
	}
	p := parser{s: text}
	g, err := p.group(0, false)
	if err != nil {
		return nil, err
	}
	if len(g.clauses) == 0 && strings.TrimFunc(text, fold.IsSpace) != "" {
		return nil, &QueryError{Pos: 0, Msg: "nothing to search: type a letter or a digit"}
	}
	return &Query{text: text, root: g}, nil
}

type parser struct {
	s     string
	i     int
	terms int
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

// atSpace reports whether s[i] is white space or the end.
func (p *parser) atSpace(i int) bool {
	if i >= len(p.s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p.s[i:])
	return fold.IsSpace(r)
}

// op reports whether the operator word (OR, AND, NOT, in capitals) stands
// at p.i as a word of its own, and moves past it.
func (p *parser) op(word string) bool {
	if !strings.HasPrefix(p.s[p.i:], word) {
		return false
	}
	end := p.i + len(word)
	if !p.atSpace(end) && p.s[end] != '(' && p.s[end] != ')' && p.s[end] != '"' {
		return false
	}
	p.i = end
	return true
}

// negation reports whether a '-' or '!' at p.i negates what follows it
// (it is not followed by a space, a bar or a parenthesis that closes),
// and moves past it.
func (p *parser) negation() bool {
	if p.i+1 >= len(p.s) || (p.s[p.i] != '-' && p.s[p.i] != '!') {
		return false
	}
	if p.atSpace(p.i+1) || p.s[p.i+1] == '|' || p.s[p.i+1] == ')' {
		return false
	}
	p.i++
	return true
}

// group reads clauses up to the end, or up to the parenthesis that closes
// the group when inParens (an open parenthesis closes at the end, as an
// open quote does: the query is being typed).
func (p *parser) group(depth int, inParens bool) (group, error) {
	var g group
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return g, nil
		}
		switch {
		case p.s[p.i] == ')':
			if inParens {
				p.i++
				return g, nil
			}
			return g, &QueryError{Pos: p.i, Msg: "unmatched )"}
		case p.s[p.i] == '|':
			p.i++ // an OR with nothing before it
			continue
		case p.op("AND"), p.op("OR"):
			continue
		}
		at := p.i
		cl, err := p.clause(depth)
		if err != nil {
			return g, err
		}
		if p.i == at {
			// Nothing was read: step over a rune rather than loop.
			_, size := utf8.DecodeRuneInString(p.s[p.i:])
			p.i += size
		}
		g.add(cl)
	}
}

// add appends a clause, flattening a lone group into its clauses.
func (g *group) add(cl clause) {
	switch {
	case len(cl.alts) == 0:
	case !cl.not && len(cl.alts) == 1 && cl.alts[0].sub != nil:
		g.clauses = append(g.clauses, cl.alts[0].sub.clauses...)
	default:
		g.clauses = append(g.clauses, cl)
	}
}

// clause reads one clause: an optional negation, then alternatives joined
// by | or OR. A negation applies to all of them: -a|b is without a and b.
func (p *parser) clause(depth int) (clause, error) {
	var cl clause
	for {
		if p.op("NOT") {
			cl.not = !cl.not
			p.skipSpace()
			continue
		}
		if p.negation() {
			cl.not = !cl.not
			continue
		}
		break
	}
	for {
		if p.i >= len(p.s) || p.s[p.i] == ')' {
			return cl, nil
		}
		a, ok, err := p.primary(depth)
		if err != nil {
			return cl, err
		}
		if ok {
			cl.addAlt(a)
		}
		save := p.i
		p.skipSpace()
		bar := false
		for p.i < len(p.s) {
			if p.s[p.i] == '|' {
				p.i++
			} else if !p.op("OR") {
				break
			}
			bar = true
			p.skipSpace()
		}
		if !bar {
			p.i = save
			return cl, nil
		}
	}
}

// addAlt appends an alternative, flattening a group of one clause of
// alternatives into them.
func (cl *clause) addAlt(a atom) {
	if a.sub != nil && len(a.sub.clauses) == 1 && !a.sub.clauses[0].not {
		cl.alts = append(cl.alts, a.sub.clauses[0].alts...)
		return
	}
	cl.alts = append(cl.alts, a)
}

// primary reads a parenthesised group, a negated alternative (in "a|-b"),
// or an atom. ok is false when it holds nothing to search.
func (p *parser) primary(depth int) (atom, bool, error) {
	start := p.i
	if p.s[p.i] == '(' {
		if depth >= maxDepth {
			return atom{}, false, &QueryError{Pos: p.i, Msg: fmt.Sprintf("too many nested parentheses: at most %d", maxDepth)}
		}
		p.i++
		g, err := p.group(depth+1, true)
		return atom{pos: start, sub: &g}, len(g.clauses) > 0, err
	}
	if p.negation() || p.op("NOT") {
		p.skipSpace()
		if p.i >= len(p.s) {
			return atom{}, false, nil
		}
		a, ok, err := p.primary(depth)
		if !ok || err != nil {
			return a, false, err
		}
		g := group{clauses: []clause{{not: true, alts: []atom{a}}}}
		return atom{pos: start, sub: &g}, true, nil
	}
	return p.atom(depth)
}

// count counts n more terms, failing past maxTerms.
func (p *parser) count(n, at int) error {
	p.terms += n
	if p.terms > maxTerms {
		return &QueryError{Pos: at, Msg: fmt.Sprintf("too many terms: at most %d", maxTerms)}
	}
	return nil
}
