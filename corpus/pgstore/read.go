package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/gazette-reader/gazette/corpus"
)

// PageSize is how many articles Each reads in one query.
const PageSize = 500

// Len returns the number of articles in the corpus.
func (s *Store) Len(ctx context.Context) (int, error) {
	if err := s.checkVersion(ctx); err != nil {
		return 0, err
	}
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM `+s.table("articles")).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// Page returns up to n articles in timeline order (oldest first, coarser
// precision first at one instant, undated last, then by ID, as
// corpus.New orders them) after the article after, or from the first when
// after is nil. It reads one range of the timeline index, whatever how
// far in the timeline after is.
func (s *Store) Page(ctx context.Context, after *corpus.Article, n int) ([]*corpus.Article, error) {
	q := `SELECT ` + selectColumns + ` FROM ` + s.table("articles")
	args := []any{n}
	if after != nil {
		q += ` WHERE (timeline, precision, id) > ($2, $3, $4)`
		args = append(args, timelineOf(after.Date), int16(after.Date.Precision), after.ID)
	}
	q += ` ORDER BY timeline, precision, id LIMIT $1`
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, s.readError(ctx, err)
	}
	defer rows.Close()
	var out []*corpus.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.readError(ctx, err)
	}
	return out, nil
}

// Each calls fn with every article in timeline order, PageSize at a time,
// and stops at the first error fn returns.
func (s *Store) Each(ctx context.Context, fn func(a *corpus.Article) error) error {
	var last *corpus.Article
	for {
		page, err := s.Page(ctx, last, PageSize)
		if err != nil {
			return err
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(page) < PageSize {
			return nil
		}
		last = page[len(page)-1]
	}
}

// ByID returns the article with the given ID; ok is false when there is
// none.
func (s *Store) ByID(ctx context.Context, id string) (a *corpus.Article, ok bool, err error) {
	row := s.pool.QueryRow(ctx, `SELECT `+selectColumns+` FROM `+s.table("articles")+` WHERE id = $1`, id)
	a, err = scanArticle(row)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, s.readError(ctx, err)
	}
	return a, true, nil
}

// Closest returns up to n IDs that look most like id, by trigram
// similarity (the in-memory corpus counts edits instead).
func (s *Store) Closest(ctx context.Context, id string, n int) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM `+s.table("articles")+`
		ORDER BY strpos(lower(id), lower($1)) = 0, `+s.trgmFunc("similarity")+`(id, $1) DESC, id LIMIT $2`, id, n)
	if err != nil {
		return nil, s.readError(ctx, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, s.readError(ctx, err)
	}
	return ids, nil
}

// timelineOf is the timeline column's value for a date.
func timelineOf(d corpus.Date) pgtype.Timestamp {
	if d.IsZero() {
		return pgtype.Timestamp{InfinityModifier: pgtype.Infinity, Valid: true}
	}
	return pgtype.Timestamp{Time: d.Time, Valid: true}
}

// readError is err of a read, said as "no corpus there" when the schema
// holds none.
func (s *Store) readError(ctx context.Context, err error) error {
	if isUndefinedTable(err) {
		if verr := s.checkVersion(ctx); verr != nil {
			return verr
		}
	}
	return fmt.Errorf("schema %s: %w", s.schema, err)
}

// isUndefinedTable reports whether err is the server saying a table or a
// schema does not exist.
func isUndefinedTable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "42P01" || pe.Code == "3F000")
}
