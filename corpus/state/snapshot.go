package state

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// flagBits are an article's read and starred marks.
type flagBits uint8

const (
	flagRead flagBits = 1 << iota
	flagStarred
)

func bitsOf(read, starred bool) flagBits {
	var f flagBits
	if read {
		f |= flagRead
	}
	if starred {
		f |= flagStarred
	}
	return f
}

// Marks are every mark of a store at one moment, by key. They do not
// change once read.
type Marks struct {
	flags map[Key]flagBits
	tags  map[Key][]string
	notes map[Key]string
	// stale counts the flags changed since they were last packed.
	stale int
}

// Keys returns the keys of the articles with marks (flags, tags or a
// note), in no order.
func (m *Marks) Keys() []Key {
	seen := make(map[Key]bool, len(m.flags)+len(m.tags)+len(m.notes))
	for k, f := range m.flags {
		if f != 0 {
			seen[k] = true
		}
	}
	for k := range m.tags {
		seen[k] = true
	}
	for k := range m.notes {
		seen[k] = true
	}
	return slices.Collect(maps.Keys(seen))
}

// Of returns the marks of the article with key k.
func (m *Marks) Of(k Key) Mark {
	f := m.flags[k]
	return Mark{Read: f&flagRead != 0, Starred: f&flagStarred != 0, Tags: m.tags[k], Note: m.notes[k]}
}

// Len returns the number of articles with a mark.
func (m *Marks) Len() int {
	n := len(m.flags)
	for k := range m.tags {
		if _, ok := m.flags[k]; !ok {
			n++
		}
	}
	for k := range m.notes {
		_, f := m.flags[k]
		_, t := m.tags[k]
		if !f && !t {
			n++
		}
	}
	return n
}

// packAfter is how many flags changed since the last pack make Stale true.
const packAfter = 2048

// Stale reports whether enough flags changed since they were last packed
// that reading them would be quicker packed again (see Store.Pack).
func (m *Marks) Stale() bool { return m.stale >= packAfter }

// packedRecord is the size of one article in packed_flags: its key and
// its flags.
const packedRecord = len(Key{}) + 1

// Marks reads every mark of the store: the packed flags, the flags changed
// since, the tags and the notes, as of one moment.
func (s *Store) Marks() (*Marks, error) {
	m := &Marks{flags: map[Key]flagBits{}, tags: map[Key][]string{}, notes: map[Key]string{}}
	err := s.read(func(ctx context.Context, tx *sql.Tx) error {
		var seq int64
		var data []byte
		err := tx.QueryRowContext(ctx, `SELECT seq, data FROM packed_flags WHERE id = 1`).Scan(&seq, &data)
		switch {
		case err == sql.ErrNoRows:
		case err != nil:
			return err
		default:
			if err := m.unpack(data); err != nil {
				return err
			}
		}
		if err := m.readFlags(ctx, tx, seq); err != nil {
			return err
		}
		return m.readText(ctx, tx)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// unpack reads the packed flags.
func (m *Marks) unpack(data []byte) error {
	if len(data)%packedRecord != 0 {
		return fmt.Errorf("packed flags of %d bytes: damaged", len(data))
	}
	m.flags = make(map[Key]flagBits, len(data)/packedRecord+packAfter)
	for ; len(data) > 0; data = data[packedRecord:] {
		m.flags[Key(data[:len(Key{})])] = flagBits(data[len(Key{})])
	}
	return nil
}

// readFlags reads the flags changed after the pack of change seq.
func (m *Marks) readFlags(ctx context.Context, tx *sql.Tx, seq int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT key, read, starred FROM flags WHERE seq > ?`, seq)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key []byte
		var read, starred bool
		if err := rows.Scan(&key, &read, &starred); err != nil {
			return err
		}
		k, ok := keyOf(key)
		if !ok {
			continue
		}
		m.stale++
		if f := bitsOf(read, starred); f != 0 {
			m.flags[k] = f
		} else {
			delete(m.flags, k)
		}
	}
	return rows.Err()
}

// readText reads the tags and the notes, cleaned.
func (m *Marks) readText(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT key, tag FROM tags ORDER BY key, tag`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key []byte
		var tag string
		if err := rows.Scan(&key, &tag); err != nil {
			return err
		}
		k, ok := keyOf(key)
		if t, err := NormalizeTag(tag); ok && err == nil && !slices.Contains(m.tags[k], t) {
			m.tags[k] = append(m.tags[k], t)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	notes, err := tx.QueryContext(ctx, `SELECT key, note FROM notes`)
	if err != nil {
		return err
	}
	defer notes.Close()
	for notes.Next() {
		var key []byte
		var note string
		if err := notes.Scan(&key, &note); err != nil {
			return err
		}
		if k, ok := keyOf(key); ok {
			if n := cleanNote(note); n != "" {
				m.notes[k] = n
			}
		}
	}
	return notes.Err()
}

// keyOf reads a key from the store; another length is not one.
func keyOf(b []byte) (Key, bool) {
	if len(b) != len(Key{}) {
		return Key{}, false
	}
	return Key(b), true
}

// Pack rewrites the packed flags from the flags table, and forgets the
// flags rows that hold no mark any more: reading the marks is then one
// row and a few. It costs a read of every flags row, and holds the write
// lock meanwhile (other processes' changes wait for it).
func (s *Store) Pack() error {
	return s.fail(s.write(func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM flags WHERE read = 0 AND starred = 0`); err != nil {
			return err
		}
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE name = 'seq'`).Scan(&seq); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT key, read, starred FROM flags`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var data []byte
		for rows.Next() {
			var key []byte
			var read, starred bool
			if err := rows.Scan(&key, &read, &starred); err != nil {
				return err
			}
			if _, ok := keyOf(key); ok {
				data = append(append(data, key...), byte(bitsOf(read, starred)))
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO packed_flags (id, seq, data) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, data = excluded.data`, seq, data)
		return err
	}))
}

// Tags returns every tag used, with the number of articles that have it,
// most used first, then by name: what completion offers.
func (m *Marks) Tags() []TagCount {
	counts := map[string]int{}
	for _, tags := range m.tags {
		for _, t := range tags {
			counts[t]++
		}
	}
	return sortedCounts(counts)
}

// TagCount is a tag and how many articles have it.
type TagCount struct {
	Tag   string
	Count int
}

func sortedCounts(counts map[string]int) []TagCount {
	out := make([]TagCount, 0, len(counts))
	for t, n := range counts {
		out = append(out, TagCount{Tag: t, Count: n})
	}
	slices.SortFunc(out, func(a, b TagCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if a.Tag < b.Tag {
			return -1
		}
		if a.Tag > b.Tag {
			return 1
		}
		return 0
	})
	return out
}

// cleanName cleans a name or query read from or written to the store.
func cleanName(s string) string { return ingest.Sanitize(s) }
