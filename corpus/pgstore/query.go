package pgstore

import (
	"context"
	"strconv"
	"strings"

	"github.com/gazette-reader/gazette/corpus/search"
)

// QueryError is a query the database cannot run: a term of a kind it does
// not support (metadata fields). The parse errors of the language, and a
// term about marks asked without them, are *search.QueryError, as with
// the in-memory engine.
type QueryError struct{ Msg string }

// Error returns the reason, for people.
func (e *QueryError) Error() string { return e.Msg }

// compiled is a query as SQL: a condition on the articles table, its
// parameters, and the tsquery that ranks its hits.
type compiled struct {
	where string
	args  []any
	// rank is the tsquery of the query's positive terms, for
	// ts_rank_cd; "" when it has none.
	rank string
	// text is set when the condition searches the tsvectors; a query of
	// dates only is answered from the dates' index alone.
	text bool
	// narrow is set when every hit is among the candidates of a
	// phrase's pairs (a phrase no alternative or negation stands
	// beside): they are read from their bitmap, never by walking an
	// index and testing each article (see queryNarrow).
	narrow bool
}

// compiler turns the clauses of a parsed query into SQL. Every value of
// the query (words, dates) becomes a parameter; the tsquery text it builds
// quotes every lexeme (see lexeme).
type compiler struct {
	s    *Store
	ctx  context.Context
	args []any
	// positive collects the tsqueries of terms that are not negated, for
	// ranking.
	positive []string
	// text is set once a condition on the tsvectors is made.
	text bool
	// narrow is set once a phrase is narrowed by its pairs where every
	// hit must match it; alts counts the alternatives and negations the
	// compiler is inside.
	narrow bool
	alts   int
	// marks are the reader's, for the n articles of the timeline: a term
	// about them becomes a list of positions (see markTerm).
	marks search.Marks
	n     int
}

// node is a compiled part of a query: a tsquery (ts) when it is made of
// words only, so that its parts combine into one GIN search, or an SQL
// condition.
type node struct{ ts, sql string }

func (c *compiler) arg(v any) string {
	c.args = append(c.args, v)
	return "$" + strconv.Itoa(len(c.args))
}

// cond returns n as an SQL condition.
func (c *compiler) cond(n node) string {
	if n.sql != "" {
		return n.sql
	}
	c.text = true
	return "doc @@ " + c.arg(n.ts) + "::tsquery"
}

// compile compiles a query, its terms about marks with marks, those of
// the n articles of the timeline (nil: such terms are refused).
func (s *Store) compile(ctx context.Context, q *search.Query, marks search.Marks, n int) (compiled, error) {
	c := &compiler{s: s, ctx: ctx, marks: marks, n: n}
	root, err := c.group(q.Clauses(), false)
	if err != nil {
		return compiled{}, err
	}
	where := c.cond(root)
	return compiled{where: where, args: c.args, rank: strings.Join(c.positive, " | "), text: c.text, narrow: c.narrow}, nil
}

// group compiles clauses that must all match: the text ones into one
// tsquery, the others ANDed beside it.
func (c *compiler) group(cls []search.Clause, negated bool) (node, error) {
	var ts, conds []string
	for _, cl := range cls {
		n, err := c.clause(cl, negated)
		if err != nil {
			return node{}, err
		}
		if n.sql != "" {
			conds = append(conds, n.sql)
		} else {
			ts = append(ts, "("+n.ts+")")
		}
	}
	t := strings.Join(ts, " & ")
	if len(conds) == 0 {
		return node{ts: t}, nil
	}
	if t != "" {
		conds = append(conds, c.cond(node{ts: t}))
	}
	return node{sql: "(" + strings.Join(conds, " AND ") + ")"}, nil
}

// clause compiles alternatives of which one must match, or none.
func (c *compiler) clause(cl search.Clause, negated bool) (node, error) {
	neg := negated != cl.Not
	if len(cl.Alts) > 1 || cl.Not {
		c.alts++
		defer func() { c.alts-- }()
	}
	nodes := make([]node, len(cl.Alts))
	text := true
	for i, t := range cl.Alts {
		n, err := c.term(t, neg)
		if err != nil {
			return node{}, err
		}
		nodes[i], text = n, text && n.sql == ""
	}
	if text {
		parts := make([]string, len(nodes))
		for i, n := range nodes {
			parts[i] = "(" + n.ts + ")"
		}
		t := strings.Join(parts, " | ")
		if cl.Not {
			t = "!(" + t + ")"
		}
		return node{ts: t}, nil
	}
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		parts[i] = c.cond(n)
	}
	sql := "(" + strings.Join(parts, " OR ") + ")"
	if cl.Not {
		sql = "NOT " + sql
	}
	return node{sql: sql}, nil
}

// term compiles one alternative.
func (c *compiler) term(t search.Term, negated bool) (node, error) {
	switch {
	case t.Group != nil:
		return c.group(t.Group, negated)
	case t.Dates != nil:
		return node{sql: c.dates(*t.Dates)}, nil
	case search.MarkTerm(t):
		return c.markTerm(t)
	case t.Field != "" && t.Field != "title":
		return node{}, &QueryError{Msg: t.FieldName + ": not searchable in a database corpus (words, phrases, title: and dates are)"}
	}
	ts, rank, ph, err := c.words(t)
	if err != nil {
		return node{}, err
	}
	if !negated {
		c.positive = append(c.positive, "("+rank+")")
	}
	if len(ph.slots) < 2 {
		return node{ts: ts}, nil
	}
	cands, ok, err := c.phraseCandidates(ph.slots)
	if err != nil || !ok {
		return node{ts: ts}, err
	}
	// The candidates by their seq index (and the articles with the words
	// written as one, by the GIN index), each tested with the term by
	// ts_match_vq, what @@ calls: not an operator, so that the planner
	// does not read the GIN index for the words of the phrase as well.
	c.text = true
	c.narrow = c.narrow || c.alts == 0
	in := "seq = ANY(" + c.arg(cands) + "::int4[])"
	if ph.joined != "" {
		in = "(" + in + " OR doc @@ " + c.arg(ph.joined) + "::tsquery)"
	}
	return node{sql: "(" + in + " AND ts_match_vq(doc, " + c.arg(ts) + "::tsquery))"}, nil
}

// markTerm compiles a term about the reader's marks, which the database
// does not hold: the positions of the articles it matches, from the
// marks, as a parameter the condition tests each article's position
// against (pos = ANY, through the positions' index). tag: is the reader's
// tags only: the database does not search the sources' tags.
func (c *compiler) markTerm(t search.Term) (node, error) {
	pos, not, err := search.Marked(t, c.marks, c.n)
	if err != nil {
		return node{}, err
	}
	sql := "pos = ANY(" + c.arg(pos) + "::int4[])"
	if not {
		sql = "NOT " + sql
	}
	return node{sql: sql}, nil
}

// dates is the condition that an article's date, at its precision, meets
// the range [From, To): its span starts before To and ends after From.
// No span is longer than a year, so the timeline index is read from a
// year before From.
func (c *compiler) dates(r search.DateRange) string {
	conds := []string{"date_end IS NOT NULL"}
	if !r.From.IsZero() {
		conds = append(conds, "date_end > "+c.arg(r.From), "timeline > "+c.arg(r.From.AddDate(-1, 0, -1)))
	}
	if !r.To.IsZero() {
		conds = append(conds, "timeline < "+c.arg(r.To))
	}
	return "(" + strings.Join(conds, " AND ") + ")"
}

// weight is the tsquery weight label that restricts a lexeme to a
// field: A for titles, none for titles and bodies.
func weight(field string) string {
	if field == "title" {
		return "A"
	}
	return ""
}

// lexeme quotes w as a lexeme of tsquery text, with its prefix mark and
// weight: 'w':*A. Quoting makes any text one lexeme, whatever it holds.
func lexeme(w string, prefix bool, weight string) string {
	q := "'" + strings.ReplaceAll(strings.ReplaceAll(w, `\`, `\\`), "'", "''") + "'"
	if prefix || weight != "" {
		q += ":"
		if prefix {
			q += "*"
		}
		q += weight
	}
	return q
}
