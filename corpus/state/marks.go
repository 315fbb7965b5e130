package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// Mark is what the reader keeps about one article.
type Mark struct {
	Read, Starred bool
	// Tags are the reader's own tags, in lower case, sorted.
	Tags []string
	// Note is the reader's note, "" when none.
	Note string
}

// IsZero reports whether the article has no mark at all: unread, not
// starred, untagged, without a note.
func (m Mark) IsZero() bool {
	return !m.Read && !m.Starred && len(m.Tags) == 0 && m.Note == ""
}

// Change is a change to the marks of some articles: nil fields stay as
// they are.
type Change struct {
	Read, Starred       *bool
	AddTags, RemoveTags []string
	// Note replaces the note; "" removes it.
	Note *string
}

// Ref names an article for a change: its key, and the ID and title it has
// now, kept beside its marks for people.
type Ref struct {
	Key       Key
	ID, Title string
}

// Limits on what the reader types.
const (
	// MaxTag is the longest tag, in characters.
	MaxTag = 64
	// MaxNote is the longest note, in bytes.
	MaxNote = 64 << 10
)

// NormalizeTag returns tag as the store keeps it: cleaned, trimmed, in
// lower case. A tag is one word that a query can name (tag:x): it may not
// be empty, hold white space, a comma, a quote, a bar, a parenthesis or a
// colon, start with "-", "!" or "=", or be longer than MaxTag.
func NormalizeTag(tag string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(ingest.Sanitize(tag)))
	switch {
	case t == "":
		return "", errors.New("a tag cannot be empty")
	case utf8.RuneCountInString(t) > MaxTag:
		return "", fmt.Errorf("tag %q: longer than %d characters", t, MaxTag)
	case strings.IndexFunc(t, unicode.IsSpace) >= 0:
		return "", fmt.Errorf("tag %q: one word, without spaces", t)
	case strings.ContainsAny(t, `,"|():`):
		return "", fmt.Errorf("tag %q: without commas, quotes, bars, parentheses or colons", t)
	case strings.ContainsAny(t[:1], "-!="):
		return "", fmt.Errorf("tag %q: cannot start with %s", t, t[:1])
	}
	return t, nil
}

// cleanNote returns a note as the store keeps it: cleaned, its white space
// at the ends trimmed, cut to MaxNote.
func cleanNote(s string) string {
	s = strings.TrimSpace(ingest.Sanitize(s))
	if len(s) > MaxNote {
		cut := MaxNote
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

// Apply makes one change to the marks of the articles refs, in one
// transaction: all of it is kept, or none.
func (s *Store) Apply(refs []Ref, ch Change) error {
	if len(refs) == 0 {
		return nil
	}
	add, err := normalizeTags(ch.AddTags)
	if err != nil {
		return err
	}
	remove, err := normalizeTags(ch.RemoveTags)
	if err != nil {
		return err
	}
	err = s.write(func(ctx context.Context, tx *sql.Tx) error {
		t := now()
		var seq int64
		if ch.Read != nil || ch.Starred != nil {
			if err := tx.QueryRowContext(ctx, `UPDATE meta SET value = value + 1 WHERE name = 'seq' RETURNING value`).Scan(&seq); err != nil {
				return err
			}
		}
		for _, r := range refs {
			if err := applyOne(ctx, tx, r, ch, add, remove, seq, t); err != nil {
				return err
			}
		}
		return nil
	})
	return s.fail(err)
}

// applyOne makes the change to one article, in tx.
func applyOne(ctx context.Context, tx *sql.Tx, r Ref, ch Change, add, remove []string, seq, t int64) error {
	k := r.Key[:]
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles (key, id, title, seen) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET id = excluded.id, title = excluded.title, seen = excluded.seen`,
		k, ingest.Sanitize(r.ID), ingest.Sanitize(r.Title), t); err != nil {
		return err
	}
	if ch.Read != nil || ch.Starred != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO flags (key, read, starred, seq, changed) VALUES (?1, coalesce(?2, 0), coalesce(?3, 0), ?4, ?5)
			ON CONFLICT (key) DO UPDATE SET read = coalesce(?2, read), starred = coalesce(?3, starred), seq = ?4, changed = ?5`,
			k, boolArg(ch.Read), boolArg(ch.Starred), seq, t); err != nil {
			return err
		}
	}
	for _, tag := range add {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO tags (key, tag, added) VALUES (?, ?, ?)`, k, tag, t); err != nil {
			return err
		}
	}
	for _, tag := range remove {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE key = ? AND tag = ?`, k, tag); err != nil {
			return err
		}
	}
	if ch.Note != nil {
		note := cleanNote(*ch.Note)
		var err error
		if note == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM notes WHERE key = ?`, k)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO notes (key, note, changed) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET note = excluded.note, changed = excluded.changed`, k, note, t)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func normalizeTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		n, err := NormalizeTag(t)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// boolArg is a nullable SQL boolean: nil stays NULL.
func boolArg(b *bool) any {
	switch {
	case b == nil:
		return nil
	case *b:
		return 1
	}
	return 0
}

// write runs fn in an immediate transaction, committed when fn returns
// nil.
func (s *Store) write(fn func(context.Context, *sql.Tx) error) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, a no-op
	if err := fn(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// read runs fn in a read transaction: what fn reads is one moment of the
// store, whatever other processes write meanwhile.
func (s *Store) read(fn func(context.Context, *sql.Tx) error) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.fail(err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	return s.fail(fn(ctx, tx))
}
