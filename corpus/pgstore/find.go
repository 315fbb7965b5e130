package pgstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// FindMarked answers a query for the reader: the server finds the hits
// (see Search for how the query language maps onto it) and returns their
// positions in timeline order, read from the GIN index and the table's
// pages, never from the tsvectors: the planner is told not to walk the
// positions' index filtering every article, nor to scan the table, both
// of which read every tsvector (bitmapOnly). Up to RankLimit hits are
// then ranked by ts_rank_cd; past it, they keep a score of 0 (relevance
// order is then newest first) and the notes say so. A hit's article is
// read when it is shown, and explained then by the in-memory engine on
// that article alone (explain). The reader's marks are not in the
// database: a term about them (is:, has:, note:, tag:) is answered from
// marks, as the positions it matches (see markTerm); the metadata fields
// are refused with a *QueryError. within is not used: the server answers
// the whole query each time.
func (t *Timeline) FindMarked(ctx context.Context, query string, _ *search.Results, marks search.Marks) (*search.Results, error) {
	q, cq, err := t.s.parse(ctx, query, marks, t.Len())
	if err != nil {
		return nil, err
	}
	h := hits{n: t.Len()}
	err = pgx.BeginFunc(ctx, t.s.pool, func(tx pgx.Tx) error {
		if err := bitmapOnly(ctx, tx, cq); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT pos FROM `+t.s.table("articles")+` WHERE `+onTimeline+cq.where, cq.args...)
		if err != nil {
			return err
		}
		var p int32
		_, err = pgx.ForEachRow(rows, []any{&p}, func() error { h.add(p); return nil })
		return err
	})
	if err != nil {
		return nil, t.s.readError(ctx, err)
	}
	var notes []string
	if h.later > 0 {
		notes = append(notes, fmt.Sprintf("%d hits imported since the reader opened left out", h.later))
	}
	explain := func(hit *search.Hit) { t.explain(q, hit, marks) }
	if h.set != nil {
		h.set.Seal()
		if cq.rank != "" {
			notes = append(notes, fmt.Sprintf("%d hits: too many to rank, newest first", h.set.Len()))
		}
		return search.FoundAll(q, h.set, notes, t.At, explain), nil
	}
	slices.Sort(h.index)
	scores := make([]float32, len(h.index))
	if cq.rank != "" {
		if err := t.rank(ctx, cq.rank, h.index, scores); err != nil {
			return nil, err
		}
	}
	return search.Found(q, h.index, scores, notes, t.At, explain), nil
}

// hits gathers a query's positions as the server sends them: in an
// array up to RankLimit, ranked then; past it, in a set of a bit an
// article (search.Positions), so that the hits of a common word on fifty
// million articles take 6 MB rather than 200. Positions past the
// timeline the reader opened (an import since) are counted in later.
type hits struct {
	n     int
	index []int32
	set   *search.Positions
	later int
}

func (h *hits) add(p int32) {
	switch {
	case p < 0 || int(p) >= h.n:
		h.later++
	case h.set != nil:
		h.set.Add(int(p))
	case len(h.index) < RankLimit:
		h.index = append(h.index, p)
	default:
		h.set = search.NewPositions(h.n)
		for _, q := range h.index {
			h.set.Add(int(q))
		}
		h.set.Add(int(p))
		h.index = nil
	}
}

// onTimeline leaves out of a query's positions the articles an import
// is adding, which have none until its end.
const onTimeline = "pos IS NOT NULL AND "

// FindFirst answers the first n hits of a query in timeline order, for
// the reader to show while FindMarked finds them all: the planner walks
// the positions' index testing each article until it has n (a common
// word is found in the first few), or reads the bitmap of a rare one; a
// phrase narrowed by its pairs is read from its candidates' bitmap.
// The hits are not ranked. marks answer the terms about them, as in
// FindMarked.
func (t *Timeline) FindFirst(ctx context.Context, query string, n int, marks search.Marks) (*search.Results, error) {
	q, cq, err := t.s.parse(ctx, query, marks, t.Len())
	if err != nil {
		return nil, err
	}
	args := append(append([]any(nil), cq.args...), n)
	rows, err := t.s.queryNarrow(ctx, cq, fmt.Sprintf(`SELECT pos FROM %s WHERE %s%s ORDER BY pos LIMIT $%d`, t.s.table("articles"), onTimeline, cq.where, len(args)), args...)
	if err != nil {
		return nil, t.s.readError(ctx, err)
	}
	index, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return nil, t.s.readError(ctx, err)
	}
	return search.Found(q, index, make([]float32, len(index)), nil, t.At, func(h *search.Hit) { t.explain(q, h, marks) }), nil
}

// rank gives the hits at index (sorted) their ts_rank_cd for the tsquery
// rank, in scores.
func (t *Timeline) rank(ctx context.Context, rank string, index []int32, scores []float32) error {
	rows, err := t.s.pool.Query(ctx, `SELECT pos, ts_rank_cd(doc, $1::tsquery) FROM `+t.s.table("articles")+` WHERE pos = ANY($2)`, rank, index)
	if err != nil {
		return t.s.readError(ctx, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p int32
		var sc float32
		if err := rows.Scan(&p, &sc); err != nil {
			return fmt.Errorf("read scores: %w", err)
		}
		if k, ok := slices.BinarySearch(index, p); ok {
			scores[k] = sc
		}
	}
	if err := rows.Err(); err != nil {
		return t.s.readError(ctx, err)
	}
	return nil
}

// explain fills in where h matched, found by the in-memory engine on its
// article alone: what the reader highlights is what it highlights on a
// local corpus, but for a typo or an abbreviation that the whole
// vocabulary allowed and the article's own words do not (no spans then).
// Terms about marks are answered with the article's in marks.
func (t *Timeline) explain(q *search.Query, h *search.Hit, marks search.Marks) {
	one := corpus.New([]*corpus.Article{t.At(h.Index)})
	var own search.Marks
	if marks != nil && q.UsesMarks() {
		own = state.List{markAt(marks, h.Index)}
	}
	r, err := search.New(one).FindMarked(t.ctx, q.String(), nil, own)
	if err != nil || r.Len() == 0 {
		h.Title, h.Body, h.Snippet, h.SnippetSpans = nil, nil, "", nil
		return
	}
	e := r.Hit(0)
	r.Explain(&e)
	h.Title, h.Body, h.Snippet, h.SnippetSpans = e.Title, e.Body, e.Snippet, e.SnippetSpans
}
