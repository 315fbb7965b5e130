package pgstore

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
)

// arrange gives every article its position on the timeline (pos: its rank
// by timeline, precision and ID, from 0) and counts the timeline's months.
// Only the positions that changed are written: articles added after the
// newest already there move nothing; articles added before others move
// those after them.
func (s *Store) arrange(ctx context.Context, tx pgx.Tx) error {
	articles := s.table("articles")
	_, err := tx.Exec(ctx, `UPDATE `+articles+` AS a SET pos = r.n
		FROM (SELECT id, (row_number() OVER (ORDER BY timeline, precision, id) - 1)::integer AS n FROM `+articles+`) AS r
		WHERE a.id = r.id AND a.pos IS DISTINCT FROM r.n`)
	if err != nil {
		return fmt.Errorf("number the timeline: %w", err)
	}
	// A month's articles are one run of positions, as the timeline sorts
	// by date first; those dated to the year only (at its first instant,
	// before any dated to a month of it) are a run of their own.
	months := s.table("months")
	for _, q := range []string{
		`DELETE FROM ` + months,
		`INSERT INTO ` + months + ` (first, n, month, monthly, finest)
			SELECT min(pos), count(*), date_trunc('month', timeline), precision >= 2, max(precision)
			FROM ` + articles + ` GROUP BY 3, 4`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("count the months: %w", err)
		}
	}
	return nil
}

// finishImport makes what an import leaves to its end: the pairs of
// words pairs holds and those of articles left unpaired (pairUnpaired);
// after a first import, beside them, the index of the tsvectors and the
// vocabulary's counts, made at once on two connections (each reads every
// tsvector, on a core of its own); then, in one transaction under the
// schema's lock, so that two imports finish one after the other, the
// pending counts of a later import, the positions and the months
// (arrange), autovacuum turned back on, and the planner's statistics.
func (s *Store) finishImport(ctx context.Context, first bool, pairs *pairSink) error {
	if first {
		// Numbered before the index is made: an update would add every
		// tsvector to it again.
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if err := s.lock(ctx, tx, "schema"); err != nil {
				return err
			}
			return s.arrange(ctx, tx)
		})
		if err != nil {
			return err
		}
	}
	var pairErr, vocabErr, indexErr error
	var wg sync.WaitGroup
	wg.Go(func() { pairErr = s.pairUnpaired(ctx, pairs) })
	if first {
		wg.Go(func() {
			vocabErr = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
				if err := s.lock(ctx, tx, "vocabulary"); err != nil {
					return err
				}
				return s.countVocabulary(ctx, tx)
			})
		})
		wg.Go(func() {
			indexErr = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
				if err := s.lock(ctx, tx, "index"); err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, `SET LOCAL maintenance_work_mem = '1GB'`); err != nil {
					return fmt.Errorf("index the articles: %w", err)
				}
				if _, err := tx.Exec(ctx, `CREATE INDEX IF NOT EXISTS `+docIndex+` ON `+s.table("articles")+` USING gin (doc)`); err != nil {
					return fmt.Errorf("index the articles: %w", err)
				}
				return nil
			})
		})
	}
	wg.Wait()
	if err := errors.Join(pairErr, vocabErr, indexErr); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := s.lock(ctx, tx, "schema"); err != nil {
			return err
		}
		if !first {
			if err := s.foldVocabulary(ctx, tx); err != nil {
				return err
			}
			if err := s.arrange(ctx, tx); err != nil {
				return err
			}
		}
		for _, q := range []string{
			`ALTER TABLE ` + s.table("articles") + ` RESET (autovacuum_enabled, toast.autovacuum_enabled)`,
			`ALTER TABLE ` + s.table("pairs") + ` RESET (autovacuum_enabled)`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("finish import: %w", err)
			}
		}
		// The planner's statistics, for the hits of a term (see
		// bitmapOnly) and the newest-first walks of Search.
		if _, err := tx.Exec(ctx, `ANALYZE `+s.table("articles")); err != nil {
			return fmt.Errorf("finish import: %w", err)
		}
		return nil
	})
}

// lock takes, until tx ends, the schema's advisory lock named what: the
// schema's own (migrations, the end of an import), or that of one part
// of the end of a first import, so that two imports at once take turns.
func (s *Store) lock(ctx context.Context, tx pgx.Tx, what string) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('gazette ' || $1 || ' ' || $2))`, what, s.schema); err != nil {
		return fmt.Errorf("lock %s of schema %s: %w", what, s.schema, err)
	}
	return nil
}

// countVocabulary counts the lexemes of every article into the
// vocabulary, at once: after a first import, one pass over the tsvectors
// costs less than counting batch by batch.
func (s *Store) countVocabulary(ctx context.Context, tx pgx.Tx) error {
	vocab := s.table("vocabulary")
	for _, q := range []string{
		`DELETE FROM ` + s.table("vocabulary_pending"),
		`DELETE FROM ` + vocab,
		`INSERT INTO ` + vocab + ` (word, ndoc) SELECT word, ndoc FROM ts_stat($1)`,
	} {
		var args []any
		if q[0] == 'I' {
			args = append(args, `SELECT doc FROM `+s.table("articles"))
		}
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("count the vocabulary: %w", err)
		}
	}
	return nil
}

// foldVocabulary adds the counts the batches of imports left in
// vocabulary_pending to the vocabulary. Rows a batch still running adds
// meanwhile are not seen by the delete, and are folded by its import.
func (s *Store) foldVocabulary(ctx context.Context, tx pgx.Tx) error {
	vocab := s.table("vocabulary")
	_, err := tx.Exec(ctx, `WITH moved AS (DELETE FROM `+s.table("vocabulary_pending")+` RETURNING word, ndoc)
		INSERT INTO `+vocab+` AS v (word, ndoc)
		SELECT word, sum(ndoc) FROM moved GROUP BY word ORDER BY word
		ON CONFLICT (word) DO UPDATE SET ndoc = v.ndoc + excluded.ndoc`)
	if err != nil {
		return fmt.Errorf("count the vocabulary: %w", err)
	}
	return nil
}

// startImport reports whether the import is a first one (the corpus is
// empty, or a first import stopped before its end), and then drops the
// index of the tsvectors, which finishImport makes again: building it
// once over every article costs a fraction of growing it article by
// article. Readers meanwhile search without it, slowly. Autovacuum is
// kept off the articles and the pairs until finishImport.
func (s *Store) startImport(ctx context.Context) (first bool, err error) {
	// A first import that was stopped before its end left no index of
	// the words: this one ends it (the vocabulary counted again, every
	// article numbered).
	err = s.pool.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM `+s.table("articles")+`)
		OR to_regclass($1) IS NULL`, pgx.Identifier{s.schema, docIndex}.Sanitize()).Scan(&first)
	if err != nil {
		return false, fmt.Errorf("import: %w", err)
	}
	if first {
		for _, q := range []string{
			`DROP INDEX IF EXISTS ` + pgx.Identifier{s.schema, docIndex}.Sanitize(),
			// Autovacuum would scan the growing tables again and again
			// (eight times at a million), on the cores the batches
			// need; the import vacuums the articles at its end.
			`ALTER TABLE ` + s.table("articles") + ` SET (autovacuum_enabled = off, toast.autovacuum_enabled = off)`,
			`ALTER TABLE ` + s.table("pairs") + ` SET (autovacuum_enabled = off)`,
		} {
			if _, err := s.pool.Exec(ctx, q); err != nil {
				return false, fmt.Errorf("import: %w", err)
			}
		}
	}
	return first, nil
}

// vacuum marks the table's pages as visible to every transaction, after an
// import, so that the positions of a date range are read from the dates'
// index alone. The tsvectors' TOAST table, which only grows, is left to
// autovacuum (from PostgreSQL 14, which can leave it out).
func (s *Store) vacuum(ctx context.Context) error {
	var version int
	if err := s.pool.QueryRow(ctx, `SELECT current_setting('server_version_num')::integer`).Scan(&version); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	opts := ""
	if version >= 140000 {
		opts = "(PROCESS_TOAST FALSE) "
	}
	if _, err := s.pool.Exec(ctx, `VACUUM `+opts+s.table("articles")); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}
