package pgstore

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"

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

// Import adds the articles of c that the corpus does not hold yet, by
// their content key (state.KeyOf): a second import of the same files adds
// nothing. It copies BatchSize articles at a time, each batch in a
// transaction of its own, on up to importWorkers connections at once (as
// many as the process has cores). progress, when not nil, is called after
// each batch with the number of articles read so far (step ""), one call
// at a time, then as each later step starts. A failed batch stops
// the import; the batches already committed stay.
func (s *Store) Import(ctx context.Context, c state.Articles, progress func(done int, step ImportStep)) (ImportStats, error) {
	keys := state.Keys(c)
	repeated := repeats(keys)
	first, err := s.startImport(ctx)
	if err != nil {
		return ImportStats{}, err
	}
	im := &importer{c: c, keys: keys, repeated: repeated, first: first, pairs: pairSink{budget: s.pairBudget}}
	if first {
		im.pos = positions(repeated)
	}
	if progress == nil {
		progress = func(int, ImportStep) {}
	}
	read := 0
	st, err := s.copyBatches(ctx, im, func(done int) { read = done; progress(done, "") })
	// What was copied is counted, numbered and indexed even when a batch
	// failed or the import was interrupted: it is in the corpus.
	progress(read, StepIndex)
	if ferr := s.finishImport(context.WithoutCancel(ctx), first, &im.pairs); err == nil && ferr != nil {
		err = ferr
	}
	if err == nil {
		progress(read, StepVacuum)
		err = s.vacuum(ctx)
	}
	return st, err
}

// importer is what the batches of one import share.
type importer struct {
	c        state.Articles
	keys     []state.Key
	repeated []bool
	// first is set when the corpus was empty: the vocabulary is counted
	// at the end, and pos holds the articles' positions (repeats have
	// none), their rank among those copied; nil otherwise (finishImport
	// numbers them).
	first bool
	pos   []int32
	// pairs gathers the pairs of words of the articles added.
	pairs pairSink
}

// positions numbers the articles that are not repeats, in order.
func positions(repeated []bool) []int32 {
	pos := make([]int32, len(repeated))
	n := int32(0)
	for i, r := range repeated {
		pos[i] = -1
		if !r {
			pos[i], n = n, n+1
		}
	}
	return pos
}

// copyBatches copies the articles of im, BatchSize at a time, on up to
// importWorkers connections.
func (s *Store) copyBatches(ctx context.Context, im *importer, progress func(done int)) (ImportStats, error) {
	c := im.c
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		st       ImportStats
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	batches := make(chan int)
	workers := max(1, min(importWorkers, runtime.GOMAXPROCS(0), (c.Len()+BatchSize-1)/BatchSize))
	for range workers {
		wg.Go(func() {
			for lo := range batches {
				hi := min(lo+BatchSize, c.Len())
				var bst ImportStats
				err := s.importBatch(ctx, im, lo, hi, &bst)
				if err == nil {
					err = s.writePairs(ctx, im.pairs.ready())
				}
				mu.Lock()
				st.Added, st.Skipped, st.Renamed, st.Cut = st.Added+bst.Added, st.Skipped+bst.Skipped, st.Renamed+bst.Renamed, st.Cut+bst.Cut
				done += hi - lo
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				if err == nil {
					progress(done)
				}
				mu.Unlock()
			}
		})
	}
feed:
	for lo := 0; lo < c.Len(); lo += BatchSize {
		select {
		case batches <- lo:
		case <-ctx.Done():
			break feed
		}
	}
	close(batches)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		firstErr = fmt.Errorf("import: %w", context.Cause(ctx))
	}
	return st, firstErr
}

// repeats marks the articles whose key an earlier article of the import
// has: they are skipped.
func repeats(keys []state.Key) []bool {
	out := make([]bool, len(keys))
	seen := make(map[state.Key]bool, len(keys))
	for i, k := range keys {
		out[i], seen[k] = seen[k], true
	}
	return out
}

// importBatch imports articles [lo, hi) of c in one transaction.
func (s *Store) importBatch(ctx context.Context, im *importer, lo, hi int, st *ImportStats) error {
	c, keys, repeated := im.c, im.keys, im.repeated
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("database: %w", plainError(err))
	}
	defer conn.Release()
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		batchKeys := make([][]byte, 0, hi-lo)
		for i := lo; i < hi; i++ {
			batchKeys = append(batchKeys, keys[i][:])
		}
		there, err := s.existing(ctx, tx, `key`, batchKeys)
		if err != nil {
			return err
		}
		var rows [][]any
		var ids []string
		for i := lo; i < hi; i++ {
			k := keys[i]
			if repeated[i] || there[string(k[:])] {
				st.Skipped++
				continue
			}
			row, err := rowOf(c.At(i), k[:])
			if err != nil {
				return err
			}
			var pos any
			if im.pos != nil {
				pos = im.pos[i]
			}
			title, budget := indexTitle(c.At(i))
			paras, cut := indexParagraphs(c.At(i), budget)
			if cut {
				st.Cut++
			}
			rows = append(rows, append(row, pos, title, paras))
			ids = append(ids, c.At(i).ID)
		}
		if len(rows) == 0 {
			return nil
		}
		if err := s.renameTaken(ctx, tx, rows, ids, st); err != nil {
			return err
		}
		n, err := s.insert(ctx, tx, rows, !im.first, &im.pairs)
		st.Added += n
		st.Skipped += len(rows) - n
		return err
	})
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

// renameTaken gives the rows whose ID another article of the corpus has
// the first free ID~N, as corpus.New does within one load.
func (s *Store) renameTaken(ctx context.Context, tx pgx.Tx, rows [][]any, ids []string, st *ImportStats) error {
	taken, err := s.existing(ctx, tx, `id`, ids)
	if err != nil || len(taken) == 0 {
		return err
	}
	inBatch := make(map[string]bool, len(ids))
	for _, id := range ids {
		inBatch[id] = true
	}
	for i, id := range ids {
		if !taken[id] {
			continue
		}
		for n := 2; ; n++ {
			cand := fmt.Sprintf("%s~%d", id, n)
			if inBatch[cand] {
				continue
			}
			var exists bool
			err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+s.table("articles")+` WHERE id = $1)`, cand).Scan(&exists)
			if err != nil {
				return fmt.Errorf("import: look up ID %s: %w", cand, err)
			}
			if !exists {
				rows[i][0], inBatch[cand] = cand, true
				st.Renamed++
				break
			}
		}
	}
	return nil
}

// insert copies rows (columns, the position, then the title's text and
// the paragraphs to index) into a temporary table, then moves them to the
// articles with their tsvector, lists them as unpaired and gathers their
// pairs of words into pairs from the tsvectors the server made; it
// returns how many were added. With pending, it also counts their
// lexemes into vocabulary_pending, which the end of the import adds to
// the vocabulary: batches at once never wait for one another on the
// vocabulary's rows.
func (s *Store) insert(ctx context.Context, tx pgx.Tx, rows [][]any, pending bool, pairs *pairSink) (int, error) {
	list := strings.Join(columns, ", ") + ", pos"
	// The batch table was made by an earlier batch of this connection
	// when it exists: it is emptied at every commit. The import can be
	// run again: a batch lost in a crash is copied by the next one.
	for _, q := range []string{
		`SET LOCAL synchronous_commit = off`,
		`CREATE TEMPORARY TABLE IF NOT EXISTS import_batch ON COMMIT DELETE ROWS
		AS SELECT ` + list + `, ''::text AS title_text, '[]'::jsonb AS body FROM ` + s.table("articles") + ` WITH NO DATA`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return 0, fmt.Errorf("import: %w", err)
		}
	}
	cols := append(append([]string(nil), columns...), "pos", "title_text", "body")
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"import_batch"}, cols, pgx.CopyFromRows(rows)); err != nil {
		return 0, fmt.Errorf("import: copy: %w", err)
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
			FROM import_batch ON CONFLICT DO NOTHING RETURNING seq, doc)`+counted+`,
		listed AS (INSERT INTO `+s.table("unpaired")+` (seq) SELECT seq FROM added)
		SELECT seq, doc FROM added`, binaryFormats(), s.config)
	if err != nil {
		return 0, fmt.Errorf("import: insert: %w", err)
	}
	defer res.Close()
	var sc pairScratch
	n := 0
	for res.Next() {
		if _, err := pairs.addRaw(res.RawValues(), &sc); err != nil {
			return n, fmt.Errorf("import: %w", err)
		}
		n++
	}
	if err := res.Err(); err != nil {
		return 0, fmt.Errorf("import: insert: %w", err)
	}
	return n, nil
}
