// Package pgstore keeps a corpus in PostgreSQL and reads it back the way
// the in-memory corpus and search index are read: in timeline order, by
// ID, and through the query language.
//
// # Schema
//
// One corpus lives in one schema (default "gazette"), so that a server
// holds several. Open creates the schema and migrates it: a table
// schema_version holds the version, and each migration runs once, in a
// transaction, under an advisory lock. The articles table keeps every
// field of corpus.Article, the content key of state.KeyOf (unique: an
// import skips what is there), a timeline column (the date, or infinity
// when undated) indexed with the precision and the ID, the span of the
// date (its first and last instant at its precision), the article's
// position on the timeline (pos, indexed: its rank by timeline,
// precision and ID), and a weighted tsvector (title A, body B) made with a
// text search configuration of the schema: unaccent then simple, so that
// case and accents do not matter. A vocabulary table holds every lexeme
// with the number of articles that hold it, indexed by pg_trgm for words
// a term sits in and words a typo away; a months table holds the runs of
// positions of each month of the timeline. The pairs table indexes
// adjacent words for phrases (see pairs.go): the articles, by a number
// that never changes (seq), with a pair of lexemes in each of 2^18
// buckets.
//
// # Costs
//
// An Importer takes articles as they are read (ingest.Stream) and copies
// batches of 1,000 into a temporary table with COPY, then inserts them
// with their tsvector: one round trip per batch, on up to four
// connections at once; it holds the batches in flight, not the corpus.
// The server's to_tsvector is most of the cost, about 0.45 ms of a core
// for an article of 3 KB. Each batch gets its tsvectors back in binary
// and gathers their pairs of adjacent lexemes (8 bytes a pair an article;
// every 4 million, 32 MB, sorted by bucket into a run of a temporary
// file, about 2.5 bytes a pair): about 7 µs an article, against the 450
// of its tsvector. The end of the import merges the runs into one segment
// of the pairs table. A first import (an empty corpus) numbers the
// timeline, then builds the GIN index once and counts the vocabulary with
// one ts_stat pass; later imports count each batch's lexemes into a
// pending table that the end of the import folds into the vocabulary, so
// that batches never wait on its rows, and number the timeline at the
// end (a sort of every article; only the positions that moved are
// written: articles newer than all those there move nothing). The months
// are counted last. An article already there costs one lookup of its
// key; an ID already there, one more query.
//
// Reading the timeline is a range of the positions' index per page,
// whatever its depth; the reader's Timeline reads the months once (a few
// hundred rows) and the articles of the screen as it moves, keeping at
// most a few thousand. A query costs a few lookups of the vocabulary per
// term (a btree range for the words it starts, the trigram index for the
// words it sits in and those a typo away, a scan of the words starting
// with its first letter for letters in order), then one GIN search of the
// tsvectors, its bitmap read from the table's pages for the positions (a
// few microseconds a hit: the cost grows with the hits, not the corpus).
// A phrase first reads the buckets of its pairs (a row a bucket and
// import) and intersects them in memory; the server then tests the
// phrase on those candidates alone, through the seq index, instead of on
// every article holding its words.
// Ranking reads the tsvector of every hit (TOAST), so only RankLimit hits
// are ranked; past it, hits come newest first. Hits are explained (spans,
// snippet) by the in-memory engine on the fetched articles, which costs
// about what indexing them costs.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultSchema is the schema of a corpus when none is named.
const DefaultSchema = "gazette"

// Store is one corpus in one schema of a PostgreSQL database. It is safe
// for use by several goroutines.
type Store struct {
	pool   *pgxpool.Pool
	schema string
	// config is the text search configuration, schema-qualified and
	// quoted, passed as a regconfig parameter.
	config string
	// trgm is the quoted schema of the pg_trgm extension, whose
	// operators and functions are named with it, whatever the search
	// path; "" until the extension is installed.
	trgm string
	// pairBudget is the postings an import gathers before it writes
	// them (0: the package's pairBudget); tests make it small.
	pairBudget int
}

// ValidSchema reports why name cannot name a corpus's schema, or nil: it
// must be a plain lower-case identifier, the same quoted or not.
func ValidSchema(name string) error {
	ok := name != "" && len(name) <= 63 && !strings.HasPrefix(name, "pg_") && (name[0] < '0' || name[0] > '9')
	for i := 0; ok && i < len(name); i++ {
		c := name[i]
		ok = c == '_' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	if !ok {
		return fmt.Errorf("schema %q: want lower-case letters, digits and _, not starting with a digit or pg_, at most 63", name)
	}
	return nil
}

// Open connects to the database at url (a postgres:// URL or a
// key=value connection string) and makes or migrates the corpus's schema.
func Open(ctx context.Context, url, schema string) (*Store, error) {
	return OpenNoting(ctx, url, schema, nil)
}

// OpenNoting is Open that calls migrating, when not nil, before it
// migrates a corpus already there from version from to version to: at a
// million articles that takes minutes. Once migrated, the pairs of words
// of the articles left unpaired (by the migration, or an import stopped
// halfway) are indexed.
func OpenNoting(ctx context.Context, url, schema string, migrating func(from, to int)) (*Store, error) {
	s, err := Connect(ctx, url, schema)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx, migrating); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.pairUnpaired(ctx, &pairSink{}); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.findTrgm(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Connect connects to the database at url without making or migrating
// the schema: the corpus must be there, at the version this code knows
// (see Open).
func Connect(ctx context.Context, url, schema string) (*Store, error) {
	if err := ValidSchema(schema); err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", plainError(err))
	}
	// Every statement planned with its values: whether a term's GIN
	// bitmap or a walk of the timeline is cheaper, and how many
	// candidates a phrase's pairs leave, are in the values; a plan made
	// once for any value reads a phrase's candidates one by one.
	cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database: %w", plainError(err))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database: %w", plainError(err))
	}
	s := &Store{pool: pool, schema: schema, config: pgx.Identifier{schema, "gazette_fold"}.Sanitize()}
	if err := s.findTrgm(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// findTrgm finds the schema of pg_trgm, when it is installed.
func (s *Store) findTrgm(ctx context.Context) error {
	var nsp []string
	rows, err := s.pool.Query(ctx, `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`)
	if err == nil {
		nsp, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	if len(nsp) == 1 {
		s.trgm = pgx.Identifier{nsp[0]}.Sanitize()
	}
	return nil
}

// trgmFunc returns the qualified name of a function of pg_trgm.
func (s *Store) trgmFunc(name string) string {
	if s.trgm == "" {
		return pgx.Identifier{name}.Sanitize()
	}
	return s.trgm + "." + pgx.Identifier{name}.Sanitize()
}

// Close closes the connections.
func (s *Store) Close() { s.pool.Close() }

// Schema returns the schema that holds the corpus.
func (s *Store) Schema() string { return s.schema }

// table returns the schema-qualified, quoted name of one of the corpus's
// tables.
func (s *Store) table(name string) string { return pgx.Identifier{s.schema, name}.Sanitize() }

// plainError is err without the connection string's password: pgconn's
// parse errors quote the string.
func plainError(err error) error {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) {
		return errors.New("cannot parse the URL: want postgres://user@host/database or key=value pairs")
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return errors.Unwrap(ce)
	}
	return err
}
