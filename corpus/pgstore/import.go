package pgstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// BatchSize is how many articles an import copies in one round trip.
const BatchSize = 1000

// ImportStats counts what an import did.
type ImportStats struct {
	// Added articles were not there; Skipped ones were, by content key
	// (or came twice in the import).
	Added, Skipped int
	// Renamed articles had an ID that another article of the corpus
	// already has: they were added as ID~2, ID~3...
	Renamed int
	// Cut articles are searched on their first maxIndexed bytes only
	// (all their text is kept): the rest would not fit their tsvector.
	Cut int
}

// importWorkers bounds the connections an import writes on at once: the
// server makes the tsvectors, one core a connection.
const importWorkers = 4

// ImportStep names what an import does once its articles are copied, for
// its progress: the server's work then takes minutes at a million
// articles.
type ImportStep string

// The steps of an import after the copy.
const (
	// StepIndex: the words' index built (a first import) or the new
	// words counted into the vocabulary, and the timeline numbered.
	StepIndex ImportStep = "indexing the words and numbering the timeline"
	// StepVacuum: the table's pages marked visible to every transaction.
	StepVacuum ImportStep = "vacuuming the table"
)

// Import adds the articles of c that the corpus does not hold yet (see
// Importer), in c's order.
func (s *Store) Import(ctx context.Context, c state.Articles, progress func(done int, step ImportStep)) (ImportStats, error) {
	im, err := s.NewImport(ctx, progress)
	if err != nil {
		return ImportStats{}, err
	}
	for lo := 0; lo < c.Len() && err == nil; lo += BatchSize {
		batch := make([]*corpus.Article, 0, BatchSize)
		for i := lo; i < min(lo+BatchSize, c.Len()); i++ {
			batch = append(batch, c.At(i))
		}
		err = im.Add(batch)
	}
	st, ferr := im.Finish()
	return st, cmp.Or(err, ferr)
}

// An Importer adds articles to the corpus as they come, and holds no
// more of them than the batches being copied: an import's memory does
// not grow with what it imports. It adds the articles the corpus does not
// hold yet, by their content key (state.KeyOf): a second import of the
// same files adds nothing. It copies BatchSize articles at a time, each
// batch in a transaction of its own, on up to importWorkers connections
// at once (as many as the process has cores). An article whose ID the
// corpus already has, or an article added before it in the same import,
// is added as ID~2, ID~3...: the first to arrive keeps the ID. A failed
// batch stops the import; the batches already committed stay, and
// Finish numbers and indexes them.
type Importer struct {
	s        *Store
	ctx      context.Context
	cancel   context.CancelCauseFunc
	first    bool
	pairs    pairSink
	progress func(done int, step ImportStep)
	batches  chan []*corpus.Article
	wg       sync.WaitGroup
	// next is the batch being gathered by Add.
	next []*corpus.Article

	mu   sync.Mutex
	st   ImportStats
	done int
	err  error
}

// NewImport starts an import into the corpus, making its workers.
// progress, when not nil, is called after each batch with the number of
// articles read so far (step ""), one call at a time, then as each of
// Finish's steps starts.
func (s *Store) NewImport(ctx context.Context, progress func(done int, step ImportStep)) (*Importer, error) {
	first, err := s.startImport(ctx)
	if err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(int, ImportStep) {}
	}
	im := &Importer{s: s, first: first, pairs: pairSink{budget: s.pairBudget}, progress: progress, batches: make(chan []*corpus.Article)}
	im.ctx, im.cancel = context.WithCancelCause(ctx)
	for range max(1, min(importWorkers, runtime.GOMAXPROCS(0))) {
		im.wg.Go(im.work)
	}
	return im, nil
}

// Add hands articles to the import; it returns once they are gathered
// into a batch, or handed to a worker, or the import's error when a batch
// failed. Add is not safe for use by several goroutines.
func (im *Importer) Add(arts []*corpus.Article) error {
	for _, a := range arts {
		if im.next == nil {
			im.next = make([]*corpus.Article, 0, BatchSize)
		}
		im.next = append(im.next, a)
		if len(im.next) == BatchSize {
			if err := im.send(); err != nil {
				return err
			}
		}
	}
	return im.failure()
}

// send hands the gathered batch to a worker.
func (im *Importer) send() error {
	select {
	case im.batches <- im.next:
		im.next = nil
		return nil
	case <-im.ctx.Done():
		return cmp.Or(im.failure(), fmt.Errorf("import: %w", context.Cause(im.ctx)))
	}
}

// failure is the error of the first batch that failed, or nil.
func (im *Importer) failure() error {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.err
}

// work copies the batches it is handed until there are no more.
func (im *Importer) work() {
	for batch := range im.batches {
		var bst ImportStats
		err := im.s.importBatch(im.ctx, im, batch, &bst)
		if err == nil {
			err = im.pairs.spillFull()
		}
		im.mu.Lock()
		im.st.Added, im.st.Skipped, im.st.Renamed, im.st.Cut = im.st.Added+bst.Added, im.st.Skipped+bst.Skipped, im.st.Renamed+bst.Renamed, im.st.Cut+bst.Cut
		im.done += len(batch)
		if err != nil && im.err == nil {
			im.err = err
			im.cancel(err)
		}
		if err == nil {
			im.progress(im.done, "")
		}
		im.mu.Unlock()
	}
}

// Finish copies what Add gathered last, waits for the batches, then
// numbers the timeline and indexes what was copied, even when a batch
// failed or the import's context was cancelled: it is in the corpus.
// It returns what the import did, and its first error.
func (im *Importer) Finish() (ImportStats, error) {
	var err error
	if len(im.next) > 0 {
		err = im.send()
	}
	close(im.batches)
	im.wg.Wait()
	err = cmp.Or(im.failure(), err)
	if err == nil && im.ctx.Err() != nil {
		err = fmt.Errorf("import: %w", context.Cause(im.ctx))
	}
	im.cancel(nil)
	ctx := context.WithoutCancel(im.ctx)
	im.progress(im.done, StepIndex)
	if ferr := im.s.finishImport(ctx, im.first, &im.pairs); err == nil && ferr != nil {
		err = ferr
	}
	if err == nil {
		im.progress(im.done, StepVacuum)
		err = im.s.vacuum(ctx)
	}
	return im.st, err
}

// importBatch imports arts in one transaction.
func (s *Store) importBatch(ctx context.Context, im *Importer, arts []*corpus.Article, st *ImportStats) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("database: %w", plainError(err))
	}
	defer conn.Release()
	keys := make([][]byte, len(arts))
	for i, a := range arts {
		k := state.KeyOf(a)
		keys[i] = k[:]
	}
	// Batches at once that add the same IDs can wait for one another
	// in a cycle: the server ends one of them, which tries again.
	for try := 1; ; try++ {
		var bst ImportStats
		err := s.copyBatch(ctx, conn, im, arts, keys, &bst)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "40P01" && try < 5 {
			continue
		}
		if err == nil {
			*st = bst
		}
		return err
	}
}

// copyBatch copies arts, whose keys are keys, in one transaction on conn.
func (s *Store) copyBatch(ctx context.Context, conn *pgxpool.Conn, im *Importer, arts []*corpus.Article, keys [][]byte, st *ImportStats) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		there, err := s.existing(ctx, tx, `key`, keys)
		if err != nil {
			return err
		}
		var rows []batchRow
		for i, a := range arts {
			k := string(keys[i])
			if there[k] {
				st.Skipped++
				continue
			}
			there[k] = true // a repeat in the batch is skipped too
			row, err := rowOf(a, keys[i])
			if err != nil {
				return err
			}
			title, budget := indexTitle(a)
			paras, cut := indexParagraphs(a, budget)
			if cut {
				st.Cut++
			}
			rows = append(rows, batchRow{id: a.ID, orig: a.ID, key: k, values: append(row, title, paras)})
		}
		// A row whose ID a batch committed meanwhile took is not
		// added: it is renamed and copied again.
		for try := 0; len(rows) > 0; try++ {
			if try == 10 {
				return fmt.Errorf("import: IDs taken again and again by imports at once: %s", rows[0].id)
			}
			if err := s.renameTaken(ctx, tx, rows); err != nil {
				return err
			}
			added, err := s.insert(ctx, tx, rows, !im.first, &im.pairs)
			if err != nil {
				return err
			}
			for _, r := range rows {
				if added[r.key] && r.id != r.orig {
					st.Renamed++
				}
			}
			st.Added += len(added)
			if rows, err = s.notAdded(ctx, tx, rows, added, st); err != nil {
				return err
			}
		}
		return nil
	})
}

// batchRow is an article of a batch: its ID (orig, as read, or as
// renamed), its content key, and the values copied.
type batchRow struct {
	id, orig, key string
	values        []any
}

// notAdded returns the rows that insert did not add for their ID (taken
// by a batch committed meanwhile), counting as skipped those whose key
// such a batch added.
func (s *Store) notAdded(ctx context.Context, tx pgx.Tx, rows []batchRow, added map[string]bool, st *ImportStats) ([]batchRow, error) {
	var left []batchRow
	var keys [][]byte
	for _, r := range rows {
		if !added[r.key] {
			left = append(left, r)
			keys = append(keys, []byte(r.key))
		}
	}
	if len(left) == 0 {
		return nil, nil
	}
	there, err := s.existing(ctx, tx, `key`, keys)
	if err != nil {
		return nil, err
	}
	out := left[:0]
	for _, r := range left {
		if there[r.key] {
			st.Skipped++
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// existing returns which of values the column (id or key) of the articles
// already holds, as strings.
func (s *Store) existing(ctx context.Context, tx pgx.Tx, column string, values any) (map[string]bool, error) {
	col := pgx.Identifier{column}.Sanitize()
	rows, err := tx.Query(ctx, `SELECT `+col+` FROM `+s.table("articles")+` WHERE `+col+` = ANY($1)`, values)
	if err != nil {
		return nil, fmt.Errorf("import: look up %ss: %w", column, err)
	}
	out := map[string]bool{}
	var v []byte
	_, err = pgx.ForEachRow(rows, []any{&v}, func() error {
		out[string(v)] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: look up %ss: %w", column, err)
	}
	return out, nil
}

// renameTaken gives the rows whose ID another article of the corpus, or
// an earlier row of the batch, has the first free ID~N, as corpus.New
// does within one load: one query for the IDs taken, and one for each
// distinct ID to rename, which reads the ID~N already there.
func (s *Store) renameTaken(ctx context.Context, tx pgx.Tx, rows []batchRow) error {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	taken, err := s.existing(ctx, tx, `id`, ids)
	if err != nil {
		return err
	}
	used := make(map[string]bool, len(ids))
	for _, r := range rows {
		used[r.orig] = true
	}
	inBatch := make(map[string]bool, len(ids))
	looked := map[string]bool{} // IDs whose ID~N are in taken
	for i := range rows {
		r := &rows[i]
		if !taken[r.id] && !inBatch[r.id] {
			inBatch[r.id] = true
			continue
		}
		if !looked[r.orig] {
			if err := s.takenLike(ctx, tx, r.orig, taken); err != nil {
				return err
			}
			looked[r.orig] = true
		}
		for n := 2; ; n++ {
			cand := r.orig + "~" + strconv.Itoa(n)
			if !inBatch[cand] && !taken[cand] && !used[cand] {
				r.id, r.values[0], inBatch[cand] = cand, cand, true
				break
			}
		}
	}
	return nil
}

// takenLike adds to taken the IDs of the corpus that start with id~ (a
// range of the IDs' index: they sort byte by byte, and "~" is followed
// by DEL only).
func (s *Store) takenLike(ctx context.Context, tx pgx.Tx, id string, taken map[string]bool) error {
	rows, err := tx.Query(ctx, `SELECT id FROM `+s.table("articles")+` WHERE id >= $1 AND id < $2`, id+"~", id+"\x7f")
	if err != nil {
		return fmt.Errorf("import: look up IDs %s~N: %w", id, err)
	}
	var v string
	_, err = pgx.ForEachRow(rows, []any{&v}, func() error {
		taken[v] = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("import: look up IDs %s~N: %w", id, err)
	}
	return nil
}

// insert copies rows (columns, then the title's text and the paragraphs
// to index) into a temporary table, then moves them to the articles with
// their tsvector, without a position (arrange gives it), lists them as
// unpaired and gathers their pairs of words into pairs from the
// tsvectors the server made; it returns the keys of the rows added (not
// those whose key or ID an article already has). With pending, it also
// counts their lexemes into vocabulary_pending, which the end of the
// import adds to the vocabulary: batches at once never wait for one
// another on the vocabulary's rows.
func (s *Store) insert(ctx context.Context, tx pgx.Tx, rows []batchRow, pending bool, pairs *pairSink) (map[string]bool, error) {
	list := strings.Join(columns, ", ")
	// The batch table was made by an earlier batch of this connection
	// when it exists: it is emptied at every commit, and by a batch's
	// second try. The import can be run again: a batch lost in a crash
	// is copied by the next one.
	for _, q := range []string{
		`SET LOCAL synchronous_commit = off`,
		`CREATE TEMPORARY TABLE IF NOT EXISTS import_batch ON COMMIT DELETE ROWS
		AS SELECT ` + list + `, ''::text AS title_text, '[]'::jsonb AS body FROM ` + s.table("articles") + ` WITH NO DATA`,
		`DELETE FROM import_batch`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	cols := append(append([]string(nil), columns...), "title_text", "body")
	values := make([][]any, len(rows))
	for i, r := range rows {
		values[i] = r.values
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"import_batch"}, cols, pgx.CopyFromRows(values)); err != nil {
		return nil, fmt.Errorf("import: copy: %w", err)
	}
	counted := ""
	if pending {
		counted = `, counted AS (
			INSERT INTO ` + s.table("vocabulary_pending") + ` (word, ndoc)
			SELECT u.lexeme, count(*) FROM added, unnest(added.doc) AS u GROUP BY u.lexeme)`
	}
	res, err := tx.Query(ctx, `WITH added AS (
			INSERT INTO `+s.table("articles")+` (`+list+`, doc)
			SELECT `+list+`, setweight(to_tsvector($1::regconfig, title_text), 'A')
				|| setweight(to_tsvector($1::regconfig, body), 'B')
			FROM import_batch ORDER BY id ON CONFLICT DO NOTHING RETURNING seq, doc, key)`+counted+`,
		listed AS (INSERT INTO `+s.table("unpaired")+` (seq) SELECT seq FROM added)
		SELECT seq, doc, key FROM added`, binaryFormats(), s.config)
	if err != nil {
		return nil, fmt.Errorf("import: insert: %w", err)
	}
	defer res.Close()
	var sc pairScratch
	added := make(map[string]bool, len(rows))
	for res.Next() {
		raw := res.RawValues()
		if _, err := pairs.addRaw(raw, &sc); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		added[string(raw[2])] = true
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("import: insert: %w", err)
	}
	return added, nil
}
