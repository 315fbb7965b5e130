package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// SavedSearch is a query kept under a name.
type SavedSearch struct {
	Name, Query string
}

// MaxSearchName is the longest name of a saved search, in characters.
const MaxSearchName = 64

// NormalizeSearchName returns name as the store keeps it: cleaned, on one
// line, trimmed; an empty or too long name is an error.
func NormalizeSearchName(name string) (string, error) {
	n := strings.Join(strings.Fields(cleanName(name)), " ")
	switch {
	case n == "":
		return "", errors.New("a saved search needs a name")
	case utf8.RuneCountInString(n) > MaxSearchName:
		return "", fmt.Errorf("name %q: longer than %d characters", n, MaxSearchName)
	}
	return n, nil
}

// SaveSearch keeps query under name, replacing the query the name had.
func (s *Store) SaveSearch(name, query string) error {
	n, err := NormalizeSearchName(name)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(cleanName(query))
	if q == "" {
		return errors.New("nothing to save: the query is empty")
	}
	return s.fail(s.write(func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO searches (name, query, created) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET query = excluded.query`, n, q, now())
		return err
	}))
}

// DeleteSearch forgets the saved search name; it reports whether there was
// one.
func (s *Store) DeleteSearch(name string) (bool, error) {
	var n int64
	err := s.write(func(ctx context.Context, tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM searches WHERE name = ?`, name)
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	return n > 0, s.fail(err)
}

// Searches returns the saved searches, by name.
func (s *Store) Searches() ([]SavedSearch, error) {
	var out []SavedSearch
	err := s.read(func(ctx context.Context, tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, query FROM searches ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ss SavedSearch
			if err := rows.Scan(&ss.Name, &ss.Query); err != nil {
				return err
			}
			if n, err := NormalizeSearchName(ss.Name); err == nil {
				out = append(out, SavedSearch{Name: n, Query: cleanName(ss.Query)})
			}
		}
		return rows.Err()
	})
	return out, err
}

// Place is where the reader was in a corpus.
type Place struct {
	// Article is the ID of the article selected, and Key its key: the
	// article is found by its ID, checked by its key, else by its key.
	Article string
	Key     Key
	// Query is the filter, "" when none; Relevance is set when its hits
	// were in relevance order.
	Query     string
	Relevance bool
	// Scroll is the reading position in the article: 0 its top, 1 its end.
	Scroll float64
	// Reader is set when the reader had the focus.
	Reader bool
}

// SetPlace keeps p as where the reader was in the corpus known by each of
// names (see Place).
func (s *Store) SetPlace(p Place, names ...string) error {
	return s.fail(s.write(func(ctx context.Context, tx *sql.Tx) error {
		for _, name := range names {
			_, err := tx.ExecContext(ctx, `INSERT INTO places (corpus, article, key, query, scroll, relevance, reader, changed)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (corpus) DO UPDATE SET article = excluded.article, key = excluded.key, query = excluded.query,
				scroll = excluded.scroll, relevance = excluded.relevance, reader = excluded.reader, changed = excluded.changed`,
				name, p.Article, p.Key[:], p.Query, min(max(p.Scroll, 0), 1), p.Relevance, p.Reader, now())
			if err != nil {
				return err
			}
		}
		return nil
	}))
}

// Place returns where the reader was in the corpus known by the first of
// names that the store has a place for.
func (s *Store) Place(names ...string) (Place, bool, error) {
	var p Place
	found := false
	err := s.read(func(ctx context.Context, tx *sql.Tx) error {
		for _, name := range names {
			var key []byte
			err := tx.QueryRowContext(ctx, `SELECT article, key, query, scroll, relevance, reader FROM places WHERE corpus = ?`, name).
				Scan(&p.Article, &key, &p.Query, &p.Scroll, &p.Relevance, &p.Reader)
			if err == sql.ErrNoRows {
				continue
			}
			if err != nil {
				return err
			}
			p.Key, _ = keyOf(key)
			p.Article, p.Query = cleanName(p.Article), cleanName(p.Query)
			p.Scroll = min(max(p.Scroll, 0), 1)
			found = true
			return nil
		}
		return nil
	})
	return p, found, err
}
