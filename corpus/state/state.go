// Package state keeps what a reader makes of a corpus across runs: each
// article's marks (read, starred, tags, a note), saved searches, and where
// the reader was in each corpus. It is an SQLite database, through the
// pure-Go modernc.org/sqlite (no cgo).
//
// # Identity
//
// Marks belong to an article's Key, a digest of its title and body (see
// KeyOf), not to its path: they survive moving or renaming the corpus, and
// two copies of one article share them. Beside each marked key the store
// keeps the ID and title the article had when last marked, for people
// reading the database and for scripts.
//
// # Schema (version 1)
//
//	schema_version(version)                  the schema's version: one row
//	meta(name, value)                        'seq': a counter of changes to flags
//	articles(key, id, title, seen)           what a marked key was last seen as
//	flags(key, read, starred, seq, changed)  read and starred, one row per article that has or had one
//	packed_flags(id, seq, data)              every flag as of change seq, packed: 17 bytes an article
//	tags(key, tag, added)                    one row per tag of an article
//	notes(key, note, changed)                one row per article with a note
//	searches(name, query, created)           saved searches
//	places(corpus, article, key, query, scroll, relevance, reader, changed)
//	                                         where the reader was, per corpus
//
// Keys are the 16 bytes of a Key; times are Unix seconds. A store of a
// later version than Version is refused, never changed; an earlier one is
// migrated in one transaction when opened.
//
// # Guarantees
//
// The database is in WAL mode with synchronous=NORMAL: a change is one
// transaction, and a crash, a kill -9 or a power cut loses at most the last
// changes, never the database. The log and its index (-wal, -shm) stay
// beside the database between runs, the log emptied into it and cut to at
// most 1 MiB when the last connection closes (see persistentWAL). Writes take the lock at once (BEGIN
// IMMEDIATE) and wait for another process's write for up to five seconds
// (busy_timeout), so two gazettes marking at once both succeed, each change
// whole; read and starred are separate columns, and a tag a row of its
// own, so one process's change never undoes another's. A file that is not
// a store, or a damaged one, is an *Error naming the file and the reason.
//
// Text read from the store is cleaned as the loader cleans a corpus
// (ingest.Sanitize): a note, tag or name holds no control character and no
// escape sequence, whoever wrote the file.
//
// # Costs
//
// A change costs one small transaction, well under a millisecond without
// contention. Reading every mark (Marks) costs one row for the packed flags,
// about 17 bytes an article, plus one row per flag changed since they were
// packed, per tag and per note: about 10 ms for 100,000 marked articles
// once packed. Pack rewrites the packed flags, a read of every flags row
// (about a second per million); callers run it in the background when
// Marks.Stale says the changes since the last pack are many.
package state

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Store is an open state store. It is safe for use by several goroutines,
// and several processes may open the same file.
type Store struct {
	db   *sql.DB
	path string
}

// Error is a store that cannot be used: the file, and why.
type Error struct {
	Path string
	// Reason says what is wrong, for people.
	Reason string
	Err    error
}

// Error returns "PATH: reason".
func (e *Error) Error() string { return e.Path + ": " + e.Reason }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// busyTimeout is how long a write waits for another process's.
const busyTimeout = 5 * time.Second

// DefaultPath returns where the store lives when no path is given:
// $XDG_DATA_HOME/gazette/state.db, or ~/.local/share/gazette/state.db
// when XDG_DATA_HOME is unset or not an absolute path.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "gazette", "state.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no place for the state store: %w", err)
	}
	return filepath.Join(home, ".local", "share", "gazette", "state.db"), nil
}

// Open opens the store at path, creating it (and its folder) when it does
// not exist, and migrating an older one. A file that cannot be a store (not
// SQLite, damaged, of a newer version, unreadable) is an *Error.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, &Error{Path: path, Reason: "cannot make its folder: " + reasonOf(err), Err: err}
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "journal_size_limit(1048576)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	dsn := (&url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}).String()
	db := sql.OpenDB(connector{d: persistentWAL(), dsn: dsn})
	s := &Store{db: db, path: path}
	if err := migrate(context.Background(), db); err != nil {
		db.Close()
		return nil, s.fail(err)
	}
	return s, nil
}

// persistentWAL returns a driver whose connections keep the write-ahead
// log and its index (the -wal and -shm files) when the last one closes,
// rather than delete them. Every command that shows marks opens the store
// and closes it: deleted, both files were made again at every run, which
// cost more than a search itself (a new inode each, 8 ms here); kept, the
// log is emptied by the checkpoint of the last close all the same.
func persistentWAL() *sqlite.Driver {
	d := &sqlite.Driver{}
	d.RegisterConnectionHook(func(c sqlite.ExecQuerierContext, _ string) error {
		fc, ok := c.(sqlite.FileControl)
		if !ok {
			return errors.New("the SQLite driver has no file control")
		}
		_, err := fc.FileControlPersistWAL("main", 1)
		return err
	})
	return d
}

// connector opens connections to dsn with d.
type connector struct {
	d   *sqlite.Driver
	dsn string
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.d.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.d }

// Path returns the file of the store.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return s.fail(err)
	}
	return nil
}

// fail makes err an *Error naming the store.
func (s *Store) fail(err error) error {
	var e *Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return &Error{Path: s.path, Reason: reasonOf(err), Err: err}
}

// reasonOf says what err means for the store, for people.
func reasonOf(err error) string {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return "not a gazette state store (not an SQLite database)"
		case sqlite3.SQLITE_CORRUPT:
			return "the state store is damaged (" + strings.TrimSpace(sqliteText(se)) + ")"
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return "busy: another gazette held it for more than " + busyTimeout.String()
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
			return "cannot be written (" + strings.TrimSpace(sqliteText(se)) + ")"
		case sqlite3.SQLITE_FULL:
			return "the disk is full"
		}
		return sqliteText(se)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// sqliteText is the message of an SQLite error without its code number.
func sqliteText(se *sqlite.Error) string {
	msg := se.Error()
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		msg = msg[:i]
	}
	return msg
}

// now is the time written with a change, in Unix seconds.
func now() int64 { return time.Now().Unix() }
