package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
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
	// Unranked is set when the query has more than RankLimit hits: they
	// come newest first, with a score of 0.
	Unranked bool
}

// RankLimit is the most hits Search and the reader's filter rank: ranking
// reads the tsvector of every hit (a TOAST read each), which a common
// word of a large corpus cannot afford. Past it, hits come newest first.
const RankLimit = 5000

// explainBatch is how many hits are explained at once.
const explainBatch = 100

// Search calls fn with the articles that match query, best first (by
// score, then the newest first, undated last), at most limit of them (0:
// all), and returns how many it found. Hits are read from the server as
// fn takes them, never all at once.
func (s *Store) Search(ctx context.Context, query string, limit int, fn func(h Hit) error) (int, error) {
	return s.SearchMarked(ctx, query, limit, nil, 0, nil, fn)
}

// SearchMarked is Search with the reader's marks of the articles of the
// timeline (how many: articles), by position, which answer the query's
// terms about them (see Timeline.FindMarked); without them (nil) such a
// term is refused. markOf gives the marks of a hit's article, for the
// in-memory engine that explains the hits.
func (s *Store) SearchMarked(ctx context.Context, query string, limit int, marks search.Marks, articles int, markOf func(*corpus.Article) state.Mark, fn func(h Hit) error) (int, error) {
	q, cq, err := s.prepare(ctx, query, marks, articles)
	if err != nil {
		return 0, err
	}
	many, err := s.more(ctx, cq, RankLimit)
	if err != nil {
		return 0, err
	}
	var sqls []string
	var args [][]any
	lim := func(args []any) (string, []any) {
		var l any
		if limit > 0 {
			l = limit
		}
		args = append(append([]any(nil), args...), l)
		return fmt.Sprintf(` LIMIT $%d`, len(args)), args
	}
	from := ` FROM ` + s.table("articles") + ` WHERE ` + cq.where
	if many {
		// Newest first, the dated articles then the undated ones: two
		// walks of the timeline index backwards, each stopping at the
		// limit, whatever the number of hits.
		for _, part := range []string{` AND timeline < 'infinity' ORDER BY timeline DESC, precision DESC, id DESC`, ` AND timeline = 'infinity' ORDER BY id DESC`} {
			l, a := lim(cq.args)
			sqls, args = append(sqls, `SELECT `+selectColumns+`, 0::real`+from+part+l), append(args, a)
		}
	} else {
		score, a := "0::real", cq.args
		if cq.rank != "" {
			a = append(append([]any(nil), a...), cq.rank)
			score = fmt.Sprintf("ts_rank_cd(doc, $%d::tsquery)", len(a))
		}
		l, a := lim(a)
		sqls, args = append(sqls, `SELECT `+selectColumns+`, `+score+` AS score`+from+
			` ORDER BY score DESC, precision = 0, timeline DESC, precision DESC, id DESC`+l), append(args, a)
	}
	n := 0
	var batch []Hit
	for k, sql := range sqls {
		if limit > 0 && n >= limit {
			break
		}
		if limit > 0 {
			args[k][len(args[k])-1] = limit - n
		}
		rows, err := s.queryNarrow(ctx, cq, sql, args[k]...)
		if err != nil {
			return n, s.readError(ctx, err)
		}
		for rows.Next() {
			h, err := scanHit(rows)
			if err != nil {
				rows.Close()
				return n, err
			}
			h.Unranked = many
			n++
			if batch = append(batch, h); len(batch) == explainBatch {
				if err := emit(ctx, q, markOf, batch, fn); err != nil {
					rows.Close()
					return n, err
				}
				batch = batch[:0]
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return n, s.readError(ctx, err)
		}
	}
	return n, emit(ctx, q, markOf, batch, fn)
}

// more reports whether the query has more than n hits, counting up to
// n+1 of them from the GIN index and the table's pages (see
// Timeline.FindMarked).
func (s *Store) more(ctx context.Context, cq compiled, n int) (bool, error) {
	var found int
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := bitmapOnly(ctx, tx, cq); err != nil {
			return err
		}
		args := append(append([]any(nil), cq.args...), n+1)
		return tx.QueryRow(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s LIMIT $%d) AS x`, s.table("articles"), cq.where, len(args)), args...).Scan(&found)
	})
	if err != nil {
		return false, s.readError(ctx, err)
	}
	return found > n, nil
}

// queryNarrow runs a query of cq's hits: through the candidates' bitmap
// when a phrase's pairs narrowed them (see compiled.narrow), in a
// read-only transaction that ends when the rows are closed; as the
// planner likes otherwise.
func (s *Store) queryNarrow(ctx context.Context, cq compiled, sql string, args ...any) (pgx.Rows, error) {
	if !cq.narrow {
		return s.pool.Query(ctx, sql, args...)
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, err
	}
	if err := bitmapOnly(ctx, tx, cq); err != nil {
		_ = tx.Rollback(ctx)
		return nil, err
	}
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		_ = tx.Rollback(ctx)
		return nil, err
	}
	return &txRows{Rows: rows, tx: tx, ctx: ctx}, nil
}

// txRows are rows whose transaction ends when they are closed.
type txRows struct {
	pgx.Rows
	tx  pgx.Tx
	ctx context.Context
}

// Close closes the rows and ends their transaction.
func (r *txRows) Close() {
	r.Rows.Close()
	_ = r.tx.Rollback(context.WithoutCancel(r.ctx))
}

// bitmapOnly tells the planner, for the rest of tx, to find the articles
// of a query on the tsvectors through the indexes' bitmaps, not by
// walking an index or the table and testing each article's tsvector: the
// tsvectors live out of line (TOAST) and reading one costs more than the
// whole bitmap's work for it. A query of dates only is left to the
// planner, which reads the dates' index alone.
func bitmapOnly(ctx context.Context, tx pgx.Tx, cq compiled) error {
	if !cq.text {
		return nil
	}
	for _, set := range []string{`SET LOCAL enable_indexscan = off`, `SET LOCAL enable_seqscan = off`, `SET LOCAL work_mem = '64MB'`} {
		if _, err := tx.Exec(ctx, set); err != nil {
			return fmt.Errorf("search: %w", err)
		}
	}
	return nil
}

// IDs returns the IDs of the articles that match query, in timeline
// order: what a filter narrows the timeline to. It reads the IDs only.
func (s *Store) IDs(ctx context.Context, query string) ([]string, error) {
	_, cq, err := s.prepare(ctx, query, nil, 0)
	if err != nil {
		return nil, err
	}
	rows, err := s.queryNarrow(ctx, cq, `SELECT id FROM `+s.table("articles")+` WHERE `+cq.where+` ORDER BY timeline, precision, id`, cq.args...)
	if err != nil {
		return nil, s.readError(ctx, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, s.readError(ctx, err)
	}
	return ids, nil
}

// parse parses and compiles a query, its terms about marks with marks,
// those of the n articles of the timeline.
func (s *Store) parse(ctx context.Context, query string, marks search.Marks, n int) (*search.Query, compiled, error) {
	q, err := search.Parse(query)
	if err != nil {
		return nil, compiled{}, err
	}
	cq, err := s.compile(ctx, q, marks, n)
	return q, cq, err
}

// prepare is parse for a command, which reads the schema for the first
// time: a query the language cannot read is its error, then a schema
// that holds no corpus says so.
func (s *Store) prepare(ctx context.Context, query string, marks search.Marks, n int) (*search.Query, compiled, error) {
	q, err := search.Parse(query)
	if err != nil {
		return nil, compiled{}, err
	}
	if err := s.checkVersion(ctx); err != nil {
		return nil, compiled{}, err
	}
	cq, err := s.compile(ctx, q, marks, n)
	return q, cq, err
}

// scanHit reads a hit from a row of selectColumns and its score.
func scanHit(rows pgx.Rows) (Hit, error) {
	var score float32
	a, err := scanArticle(tailScanner{rows, []any{&score}})
	return Hit{Article: a, Score: float64(score)}, err
}

// tailScanner scans selectColumns, then the columns after them.
type tailScanner struct {
	rows pgx.Rows
	tail []any
}

func (s tailScanner) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.tail...)...) }

// emit explains a batch of hits and hands them to fn in order.
func emit(ctx context.Context, q *search.Query, markOf func(*corpus.Article) state.Mark, batch []Hit, fn func(h Hit) error) error {
	if len(batch) == 0 {
		return nil
	}
	if err := explain(ctx, q, markOf, batch); err != nil {
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
// Terms about marks are answered with markOf's (nil: the query has none).
func explain(ctx context.Context, q *search.Query, markOf func(*corpus.Article) state.Mark, hits []Hit) error {
	arts := make([]*corpus.Article, len(hits))
	byID := make(map[string]int, len(hits))
	for i, h := range hits {
		arts[i], byID[h.Article.ID] = h.Article, i
	}
	small := corpus.New(arts)
	var marks search.Marks
	if markOf != nil && q.UsesMarks() {
		m := make(state.List, small.Len())
		for i := range m {
			m[i] = markOf(small.At(i))
		}
		marks = m
	}
	r, err := search.New(small).FindMarked(ctx, q.String(), nil, marks)
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

// markAt returns the marks of article i as m holds them.
func markAt(m search.Marks, i int) state.Mark {
	return state.Mark{Read: m.Read(i), Starred: m.Starred(i), Tags: m.Tags(i), Note: m.Note(i)}
}
