package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// Hit is an article that matches a query, with its score and where it
// matched.
type Hit struct {
	Article *corpus.Article
	// Score is the server's ts_rank_cd of the article for the query's
	// positive terms (titles weigh more than bodies); 0 when the query
	// has none (dates, negations).
	Score float64
	// Title are the matches in the title; Snippet is the part of the body
	// around the best match and SnippetSpans its matches, found by the
	// in-memory engine on the article fetched (see explain).
	Title        []search.Span
	Snippet      string
	SnippetSpans []search.Span
}

// explainBatch is how many hits are explained at once.
const explainBatch = 100

// Search calls fn with the articles that match query, best first (by
// score, then the newest first, undated last), at most limit of them (0:
// all), and returns how many it found. Hits are read from the server as
// fn takes them, never all at once.
func (s *Store) Search(ctx context.Context, query string, limit int, fn func(h Hit) error) (int, error) {
	cq, err := s.prepare(ctx, query)
	if err != nil {
		return 0, err
	}
	q, err := search.Parse(query)
	if err != nil {
		return 0, err
	}
	score := "0::real"
	if cq.rank != "" {
		cq.args = append(cq.args, cq.rank)
		score = fmt.Sprintf("ts_rank_cd(doc, $%d::tsquery)", len(cq.args))
	}
	var lim any
	if limit > 0 {
		lim = limit
	}
	cq.args = append(cq.args, lim)
	sql := `SELECT ` + selectColumns + `, ` + score + ` AS score FROM ` + s.table("articles") +
		` WHERE ` + cq.where +
		fmt.Sprintf(` ORDER BY score DESC, precision = 0, timeline DESC, precision DESC, id DESC LIMIT $%d`, len(cq.args))
	rows, err := s.pool.Query(ctx, sql, cq.args...)
	if err != nil {
		return 0, s.readError(ctx, err)
	}
	defer rows.Close()
	n := 0
	var batch []Hit
	for rows.Next() {
		h, err := scanHit(rows)
		if err != nil {
			return n, err
		}
		n++
		if batch = append(batch, h); len(batch) == explainBatch {
			if err := emit(ctx, q, batch, fn); err != nil {
				return n, err
			}
			batch = batch[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return n, s.readError(ctx, err)
	}
	return n, emit(ctx, q, batch, fn)
}

// IDs returns the IDs of the articles that match query, in timeline
// order: what a filter narrows the timeline to. It reads the IDs only.
func (s *Store) IDs(ctx context.Context, query string) ([]string, error) {
	cq, err := s.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT id FROM `+s.table("articles")+` WHERE `+cq.where+` ORDER BY timeline, precision, id`, cq.args...)
	if err != nil {
		return nil, s.readError(ctx, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, s.readError(ctx, err)
	}
	return ids, nil
}

// prepare parses and compiles a query.
func (s *Store) prepare(ctx context.Context, query string) (compiled, error) {
	q, err := search.Parse(query)
	if err != nil {
		return compiled{}, err
	}
	if err := s.checkVersion(ctx); err != nil {
		return compiled{}, err
	}
	return s.compile(ctx, q)
}

// scanHit reads a hit from a row of selectColumns and its score.
func scanHit(rows pgx.Rows) (Hit, error) {
	var score float32
	a, err := scanArticle(scoreScanner{rows, &score})
	return Hit{Article: a, Score: float64(score)}, err
}

// scoreScanner scans selectColumns, then the score.
type scoreScanner struct {
	rows  pgx.Rows
	score *float32
}

func (s scoreScanner) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.score)...) }

// emit explains a batch of hits and hands them to fn in order.
func emit(ctx context.Context, q *search.Query, batch []Hit, fn func(h Hit) error) error {
	if len(batch) == 0 {
		return nil
	}
	if err := explain(ctx, q, batch); err != nil {
		return err
	}
	for _, h := range batch {
		if err := fn(h); err != nil {
			return err
		}
	}
	return nil
}

// explain finds the spans and snippets of hits with the in-memory engine,
// run on a corpus of the hits alone: what a reader sees matched is what
// gazette highlights on a local corpus. A hit that the in-memory engine
// does not find on that small corpus (a typo or an abbreviation that the
// whole vocabulary allowed and the hits alone do not) keeps no spans.
func explain(ctx context.Context, q *search.Query, hits []Hit) error {
	arts := make([]*corpus.Article, len(hits))
	byID := make(map[string]int, len(hits))
	for i, h := range hits {
		arts[i], byID[h.Article.ID] = h.Article, i
	}
	small := corpus.New(arts)
	r, err := search.New(small).Find(ctx, q.String(), nil)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	for i := range r.Len() {
		eh := r.Hit(i)
		r.Explain(&eh)
		h := &hits[byID[small.At(eh.Index).ID]]
		h.Title, h.Snippet, h.SnippetSpans = eh.Title, eh.Snippet, eh.SnippetSpans
	}
	return nil
}
