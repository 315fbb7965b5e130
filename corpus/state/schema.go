package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Version is the schema version this gazette writes. A store of a later
// version is refused (ErrNewer) rather than read or changed.
const Version = 1

// migrations returns what takes a store from version i to version i+1:
// its first makes an empty file a store of version 1. Each runs in the
// transaction that records the new version, so a migration is done whole
// or not at all.
func migrations() []string {
	return []string{v1}
}

// v1 is the first schema.
const v1 = `
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('seq', 0);
CREATE TABLE articles (
	key   BLOB PRIMARY KEY,
	id    TEXT NOT NULL,
	title TEXT NOT NULL,
	seen  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE flags (
	key     BLOB PRIMARY KEY,
	read    INTEGER NOT NULL DEFAULT 0,
	starred INTEGER NOT NULL DEFAULT 0,
	seq     INTEGER NOT NULL,
	changed INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX flags_seq ON flags (seq);
CREATE TABLE packed_flags (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL,
	data BLOB NOT NULL
);
CREATE TABLE tags (
	key   BLOB NOT NULL,
	tag   TEXT NOT NULL,
	added INTEGER NOT NULL,
	PRIMARY KEY (key, tag)
) WITHOUT ROWID;
CREATE TABLE notes (
	key     BLOB PRIMARY KEY,
	note    TEXT NOT NULL,
	changed INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE searches (
	name    TEXT PRIMARY KEY,
	query   TEXT NOT NULL,
	created INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE places (
	corpus    TEXT PRIMARY KEY,
	article   TEXT NOT NULL,
	key       BLOB NOT NULL,
	query     TEXT NOT NULL,
	scroll    REAL NOT NULL,
	relevance INTEGER NOT NULL,
	reader    INTEGER NOT NULL,
	changed   INTEGER NOT NULL
) WITHOUT ROWID;
`

// ErrNewer is the reason a store written by a newer gazette is not used.
var ErrNewer = errors.New("written by a newer gazette")

// migrate brings the store to Version, in one immediate transaction: two
// processes opening a new store at once create it once.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, a no-op
	v, err := version(ctx, tx)
	if err != nil {
		return err
	}
	switch {
	case v > Version:
		return fmt.Errorf("%w (schema version %d; this one reads up to %d)", ErrNewer, v, Version)
	case v == Version:
		return nil
	}
	for ; v < Version; v++ {
		if _, err := tx.ExecContext(ctx, migrations()[v]); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, Version); err != nil {
		return err
	}
	return tx.Commit()
}

// version reads the schema version: 0 for an empty file; a file with
// tables but no version is not a store of ours.
func version(ctx context.Context, tx *sql.Tx) (int, error) {
	var tables int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table'`).Scan(&tables); err != nil {
		return 0, err
	}
	if tables == 0 {
		return 0, nil
	}
	var v int
	err := tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if err != nil {
		return 0, errNotOurs
	}
	return v, nil
}

// errNotOurs is an SQLite database that gazette did not write.
var errNotOurs = errors.New("an SQLite database, but not a gazette state store")
