package pgstore

import (
	"context"
	"fmt"
	"iter"
	"sort"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// Timeline is the corpus of a store as the reader reads it: its articles
// by timeline position, fetched when asked for and kept in a bounded
// cache, and the months of the timeline, read once. It is what the
// in-memory corpus is to the reader, without holding the corpus: its
// memory is the months and the cache, whatever the corpus's size. It is
// safe for use by several goroutines.
type Timeline struct {
	s   *Store
	ctx context.Context
	n   int
	// months are the runs of positions of one month, in order.
	months []monthRun

	mu sync.Mutex
	// cache holds the articles read, by position; ring is the order they
	// came in, the oldest evicted first past cacheSize.
	cache map[int32]*corpus.Article
	ring  []int32
	next  int
	// err is the last read's error, nil when it succeeded.
	err error
}

// monthRun is the articles [first, first+n) of one month (or of one year,
// for those dated to the year only; undated ones have a zero month).
type monthRun struct {
	first, n int
	date     corpus.Date
}

const (
	// cacheSize is the most articles a Timeline keeps: a few screens of
	// hits and the pages around the cursor, a few MB.
	cacheSize = 2048
	// block is how many articles a read around a position fetches: the
	// timeline moves by pages.
	block = 64
)

// Timeline reads the corpus's months and returns its timeline. ctx is
// that of every read the timeline makes later.
func (s *Store) Timeline(ctx context.Context) (*Timeline, error) {
	if err := s.checkVersion(ctx); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT first, n, month, monthly, finest FROM `+s.table("months")+` ORDER BY first`)
	if err != nil {
		return nil, s.readError(ctx, err)
	}
	defer rows.Close()
	t := &Timeline{s: s, ctx: ctx, cache: map[int32]*corpus.Article{}}
	for rows.Next() {
		var first, n int32
		var month pgtype.Timestamp
		var monthly bool
		var finest int16
		if err := rows.Scan(&first, &n, &month, &monthly, &finest); err != nil {
			return nil, fmt.Errorf("read the months: %w", err)
		}
		r := monthRun{first: int(first), n: int(n)}
		if month.InfinityModifier == pgtype.Finite && finest > 0 {
			r.date = corpus.Date{Time: time.Date(month.Time.Year(), month.Time.Month(), 1, 0, 0, 0, 0, time.UTC), Precision: corpus.Precision(finest)}
		}
		t.months = append(t.months, r)
		t.n += r.n
	}
	if err := rows.Err(); err != nil {
		return nil, s.readError(ctx, err)
	}
	return t, nil
}

// Len returns the number of articles.
func (t *Timeline) Len() int { return t.n }

// DateAt returns the date of the article at position i to the month: the
// first instant of its month (of its year, when dated to the year only)
// at the finest precision of that month's articles. The reader's headings
// and strip, and the counts of trends, read no more.
func (t *Timeline) DateAt(i int) corpus.Date {
	k := sort.Search(len(t.months), func(k int) bool { return t.months[k].first > i }) - 1
	if k < 0 {
		return corpus.Date{}
	}
	return t.months[k].date
}

// MonthRuns yields the first position of each run of one month on the
// timeline, with the date DateAt gives its articles: the reader lays its
// timeline out from them, never reading a date an article.
func (t *Timeline) MonthRuns() iter.Seq2[int, corpus.Date] {
	return func(yield func(int, corpus.Date) bool) {
		for _, r := range t.months {
			if r.n > 0 && !yield(r.first, r.date) {
				return
			}
		}
	}
}

// At returns the article at position i, reading it and those around it
// when it is not in the cache. When the server cannot be read, the
// article says so in its title (and Err returns the error): the reader
// shows it in its place rather than stopping.
func (t *Timeline) At(i int) *corpus.Article {
	t.mu.Lock()
	a, ok := t.cache[int32(i)]
	t.mu.Unlock()
	if ok {
		return a
	}
	lo := i - i%block
	want := make([]int32, 0, block)
	for p := lo; p < min(lo+block, t.n); p++ {
		want = append(want, int32(p))
	}
	t.Fetch(want)
	t.mu.Lock()
	defer t.mu.Unlock()
	if a, ok := t.cache[int32(i)]; ok {
		return a
	}
	reason := "not there any more (imported again since the reader opened?)"
	if t.err != nil {
		reason = corpus.OneLine(t.err.Error())
	}
	return &corpus.Article{ID: fmt.Sprintf("#%d", i), Title: fmt.Sprintf("(article %d could not be read: %s)", i+1, reason), TitleDerived: true}
}

// Fetch reads, in one query, the articles at the positions given that the
// cache does not hold: what a screenful of hits scattered over the
// timeline needs.
func (t *Timeline) Fetch(positions []int32) {
	t.mu.Lock()
	var missing []int32
	for _, p := range positions {
		if _, ok := t.cache[p]; !ok && p >= 0 && int(p) < t.n {
			missing = append(missing, p)
		}
	}
	t.mu.Unlock()
	if len(missing) == 0 {
		return
	}
	arts, pos, err := t.s.atPositions(t.ctx, missing)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.err = err
	for k, a := range arts {
		t.keep(pos[k], a)
	}
}

// keep caches a, evicting the oldest article past cacheSize.
func (t *Timeline) keep(p int32, a *corpus.Article) {
	if _, ok := t.cache[p]; ok {
		t.cache[p] = a
		return
	}
	if len(t.ring) < cacheSize {
		t.ring = append(t.ring, p)
	} else {
		delete(t.cache, t.ring[t.next])
		t.ring[t.next] = p
		t.next = (t.next + 1) % cacheSize
	}
	t.cache[p] = a
}

// Err returns the error of the last read, nil when it succeeded.
func (t *Timeline) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// SampleTitles returns the titles of up to n articles spread over the
// corpus, read from a sample of the table's pages: what the reader sizes
// its title column on, without reading every title.
func (t *Timeline) SampleTitles(n int) []string {
	pct := 100.0
	if t.n > 0 {
		pct = min(100, 100*float64(4*n)/float64(t.n))
	}
	rows, err := t.s.pool.Query(t.ctx, `SELECT title FROM `+t.s.table("articles")+` TABLESAMPLE SYSTEM ($1) LIMIT $2`, pct, n)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var title string
		if rows.Scan(&title) == nil {
			out = append(out, corpus.OneLine(title))
		}
	}
	return out
}

// atPositions reads the articles at positions, and the position of each.
func (s *Store) atPositions(ctx context.Context, positions []int32) ([]*corpus.Article, []int32, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+selectColumns+`, pos FROM `+s.table("articles")+` WHERE pos = ANY($1)`, positions)
	if err != nil {
		return nil, nil, s.readError(ctx, err)
	}
	defer rows.Close()
	var arts []*corpus.Article
	var pos []int32
	for rows.Next() {
		var p int32
		a, err := scanArticle(tailScanner{rows, []any{&p}})
		if err != nil {
			return arts, pos, err
		}
		arts, pos = append(arts, a), append(pos, p)
	}
	if err := rows.Err(); err != nil {
		return arts, pos, s.readError(ctx, err)
	}
	return arts, pos, nil
}

// MarksTable returns the marks m of the timeline's articles: those of
// the marked articles, found by their keys (Positions), and of any other
// its key computed from its text when it is marked (the key the import
// kept). It holds what m marks, whatever the corpus's size.
func (t *Timeline) MarksTable(m *state.Marks) (*state.Table, error) {
	marked, err := t.Positions(m.Keys())
	if err != nil {
		return nil, err
	}
	return state.NewSparseTable(t.Len(), marked, func(i int) state.Key { return state.KeyOf(t.At(i)) }, m), nil
}

// Positions returns the timeline positions of the articles whose
// content keys (state.KeyOf's, which the import keeps) are keys, with
// their keys: where the reader's marks are, found through the keys'
// index, 10 000 keys a query, without reading every article's key. Keys
// not in the corpus are left out.
func (t *Timeline) Positions(keys []state.Key) (map[int32]state.Key, error) {
	out := make(map[int32]state.Key, len(keys))
	for lo := 0; lo < len(keys); lo += 10000 {
		chunk := make([][]byte, 0, 10000)
		for i := lo; i < min(lo+10000, len(keys)); i++ {
			chunk = append(chunk, keys[i][:])
		}
		rows, err := t.s.pool.Query(t.ctx, `SELECT pos, key FROM `+t.s.table("articles")+` WHERE key = ANY($1) AND pos IS NOT NULL`, chunk)
		if err != nil {
			return nil, t.s.readError(t.ctx, err)
		}
		var p int32
		var k []byte
		_, err = pgx.ForEachRow(rows, []any{&p, &k}, func() error {
			if p < 0 || int(p) >= t.n || len(k) != len(state.Key{}) {
				return fmt.Errorf("read the keys: position %d of %d, a key of %d bytes", p, t.n, len(k))
			}
			out[p] = state.Key(k)
			return nil
		})
		if err != nil {
			return nil, t.s.readError(t.ctx, err)
		}
	}
	return out, nil
}
