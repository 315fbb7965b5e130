package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Version is the version of the schema this code reads and writes.
const Version = 3

// ErrNoCorpus is returned by reads of a schema that holds no corpus yet.
var ErrNoCorpus = errors.New("no corpus there: run gazette import first")

// migrations[v-1] takes the schema from version v-1 to v. Each runs once,
// in a transaction.
func (s *Store) migrations() []func(ctx context.Context, tx pgx.Tx) error {
	return []func(ctx context.Context, tx pgx.Tx) error{s.createV1, s.createV2, s.createV3}
}

// migrate makes the schema and runs the migrations it has not run yet. An
// advisory lock keeps two imports from migrating at once.
func (s *Store) migrate(ctx context.Context, migrating func(from, to int)) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := s.lock(ctx, tx, "schema"); err != nil {
			return err
		}
		ddl := []string{
			`CREATE SCHEMA IF NOT EXISTS ` + pgx.Identifier{s.schema}.Sanitize(),
			`CREATE TABLE IF NOT EXISTS ` + s.table("schema_version") + ` (version integer NOT NULL)`,
		}
		for _, q := range ddl {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("create schema %s: %w", s.schema, err)
			}
		}
		v, err := s.version(ctx, tx)
		if err != nil {
			return err
		}
		steps := s.migrations()
		if v > len(steps) {
			return fmt.Errorf("schema %s is at version %d, newer than this gazette knows (%d)", s.schema, v, len(steps))
		}
		if v > 0 && v < len(steps) && migrating != nil {
			migrating(v, len(steps))
		}
		for i := v; i < len(steps); i++ {
			if err := steps[i](ctx, tx); err != nil {
				return fmt.Errorf("migrate schema %s to version %d: %w", s.schema, i+1, err)
			}
		}
		if v == len(steps) {
			return nil
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+s.table("schema_version")); err != nil {
			return fmt.Errorf("schema %s: %w", s.schema, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO `+s.table("schema_version")+` (version) VALUES ($1)`, len(steps)); err != nil {
			return fmt.Errorf("schema %s: %w", s.schema, err)
		}
		return nil
	})
}

// version returns the schema's version: 0 when it has none yet.
func (s *Store) version(ctx context.Context, q pgx.Tx) (int, error) {
	var v int
	err := q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM `+s.table("schema_version")).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("schema %s: read version: %w", s.schema, err)
	}
	return v, nil
}

// checkVersion fails unless the schema holds a corpus at Version.
func (s *Store) checkVersion(ctx context.Context) error {
	var v int
	err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM `+s.table("schema_version")).Scan(&v)
	if isUndefinedTable(err) || (err == nil && v == 0) {
		return fmt.Errorf("schema %s: %w", s.schema, ErrNoCorpus)
	}
	if err != nil {
		return fmt.Errorf("schema %s: read version: %w", s.schema, err)
	}
	if v != Version {
		return fmt.Errorf("schema %s is at version %d; this gazette reads version %d (gazette import migrates it)", s.schema, v, Version)
	}
	return nil
}

// extensionSchema returns the quoted schema an extension is installed in,
// installing it first (in the first schema of the search path) when it is
// not there.
func extensionSchema(ctx context.Context, tx pgx.Tx, name string) (string, error) {
	if _, err := tx.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS `+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("extension %s (in PostgreSQL's contrib): %w", name, err)
	}
	var nsp string
	err := tx.QueryRow(ctx, `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = $1`, name).Scan(&nsp)
	if err != nil {
		return "", fmt.Errorf("extension %s: %w", name, err)
	}
	return pgx.Identifier{nsp}.Sanitize(), nil
}

// createV1 makes the first version: the text search configuration, the
// articles and the vocabulary.
func (s *Store) createV1(ctx context.Context, tx pgx.Tx) error {
	unaccent, err := extensionSchema(ctx, tx, "unaccent")
	if err != nil {
		return err
	}
	trgm, err := extensionSchema(ctx, tx, "pg_trgm")
	if err != nil {
		return err
	}
	articles, vocab := s.table("articles"), s.table("vocabulary")
	ddl := []string{
		`CREATE TEXT SEARCH CONFIGURATION ` + s.config + ` (COPY = pg_catalog.simple)`,
		`ALTER TEXT SEARCH CONFIGURATION ` + s.config + ` ALTER MAPPING FOR word, hword, hword_part WITH ` + unaccent + `.unaccent, pg_catalog.simple`,
		`CREATE TABLE ` + articles + ` (
			id text COLLATE "C" NOT NULL UNIQUE,
			key bytea NOT NULL UNIQUE,
			title text NOT NULL,
			title_derived boolean NOT NULL,
			timeline timestamp NOT NULL,
			precision smallint NOT NULL,
			date_end timestamp,
			updated timestamp,
			updated_precision smallint NOT NULL,
			paragraphs text[] NOT NULL,
			words integer NOT NULL,
			source text NOT NULL,
			format text NOT NULL,
			url text NOT NULL,
			tags text[] NOT NULL,
			authors text[] NOT NULL,
			fields jsonb NOT NULL,
			body_markdown boolean NOT NULL,
			doc tsvector NOT NULL
		)`,
		`CREATE INDEX ON ` + articles + ` (timeline, precision, id)`,
		`CREATE INDEX ` + docIndex + ` ON ` + articles + ` USING gin (doc)`,
		`CREATE TABLE ` + vocab + ` (word text COLLATE "C" PRIMARY KEY, ndoc integer NOT NULL)`,
		`CREATE INDEX ON ` + vocab + ` USING gin (word ` + trgm + `.gin_trgm_ops)`,
		// Compounds written with hyphens, by their joined form.
		`CREATE INDEX ON ` + vocab + ` (replace(word, '-', '')) WHERE strpos(word, '-') > 0`,
	}
	for _, q := range ddl {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// docIndex is the name of the GIN index of the tsvectors: a first import
// drops it and makes it again once every article is in (see Import).
const docIndex = "articles_doc_idx"

// createV2 adds the timeline's positions (pos: the rank of an article in
// timeline order, from 0, so that a page of the timeline is a range of an
// index and a hit says where it is on it), the months of the timeline
// (months: runs of positions in one month, for the reader's headings and
// density strip), and the lexeme counts of imports not yet added to the
// vocabulary (vocabulary_pending).
func (s *Store) createV2(ctx context.Context, tx pgx.Tx) error {
	articles := s.table("articles")
	ddl := []string{
		`ALTER TABLE ` + articles + ` ADD COLUMN pos integer`,
		`CREATE INDEX articles_pos_idx ON ` + articles + ` (pos)`,
		// The positions of a date range, from the index alone.
		`CREATE INDEX articles_dates_idx ON ` + articles + ` (timeline, date_end, pos)`,
		`CREATE TABLE ` + s.table("vocabulary_pending") + ` (word text COLLATE "C" NOT NULL, ndoc integer NOT NULL)`,
		`CREATE TABLE ` + s.table("months") + ` (
			first integer NOT NULL,
			n integer NOT NULL,
			month timestamp NOT NULL,
			monthly boolean NOT NULL,
			finest smallint NOT NULL
		)`,
	}
	for _, q := range ddl {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return s.arrange(ctx, tx)
}

// createV3 adds the index of adjacent words (see pairsOf): a stable
// number for each article (seq, which the timeline's renumbering leaves
// alone), the pairs' postings by bucket, and the articles whose pairs are
// not indexed yet (unpaired: every article already there, which the next
// import's end indexes).
func (s *Store) createV3(ctx context.Context, tx pgx.Tx) error {
	articles, pairs, unpaired := s.table("articles"), s.table("pairs"), s.table("unpaired")
	ddl := []string{
		`ALTER TABLE ` + articles + ` ADD COLUMN seq integer GENERATED BY DEFAULT AS IDENTITY`,
		`CREATE UNIQUE INDEX articles_seq_idx ON ` + articles + ` (seq)`,
		`CREATE TABLE ` + pairs + ` (bucket integer NOT NULL, postings bytea NOT NULL)`,
		// Postings are read whole, and compress little: kept as they are.
		`ALTER TABLE ` + pairs + ` ALTER COLUMN postings SET STORAGE EXTERNAL`,
		`CREATE INDEX pairs_bucket_idx ON ` + pairs + ` (bucket)`,
		`CREATE TABLE ` + unpaired + ` (seq integer PRIMARY KEY)`,
		`INSERT INTO ` + unpaired + ` (seq) SELECT seq FROM ` + articles,
	}
	for _, q := range ddl {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
