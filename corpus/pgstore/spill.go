package pgstore

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/jackc/pgx/v5"
)

// An import's postings do not stay in memory: each time the sink has
// gathered its budget (pairBudget, 32 MB), they are sorted by bucket and
// appended to a temporary file as a run (per bucket: its number, the
// length of its postings, the postings delta-coded as in the table), and
// the seq numbers of their articles to a second file. At the end, the
// runs are merged bucket by bucket, each run read through a small buffer,
// into one segment: one row a bucket, as if the whole import had been
// gathered at once. Memory: two budgets of postings at most (one
// gathering, one being sorted) and one buffer a run; disk: about 2.5
// bytes a posting (1.1 GB at a million articles), in the folder of
// temporary files ($TMPDIR), removed at the end.

// runBuffer is the buffer through which each run is read while merging.
const runBuffer = 16 << 10

// spill is the temporary files of an import's runs.
type spill struct {
	runs, seqs *os.File
	w, sw      *bufio.Writer
	// starts are the offsets of the runs in runs, and its end.
	starts []int64
	size   int64
	nseqs  int
}

// spillFull appends the postings put aside by add to the runs.
func (p *pairSink) spillFull() error {
	f := p.ready()
	if f == nil {
		return nil // most batches: nothing to wait for
	}
	p.spillMu.Lock()
	defer p.spillMu.Unlock()
	for ; f != nil; f = p.ready() {
		if err := p.spillRun(f); err != nil {
			return err
		}
	}
	return nil
}

// spillRun appends f as a run. p.spillMu is held.
func (p *pairSink) spillRun(f *pairSink) error {
	if len(f.seqs) == 0 {
		return nil
	}
	sp := p.spill
	if sp == nil {
		var err error
		if sp, err = newSpill(); err != nil {
			return err
		}
		p.spill = sp
	}
	seqs, starts := f.byBucket()
	f.keys = nil
	sp.starts = append(sp.starts, sp.size)
	var buf []byte
	for b := range pairBuckets {
		if starts[b] == starts[b+1] {
			continue
		}
		buf = encodePostings(buf[:0], seqs[starts[b]:starts[b+1]])
		head := binary.AppendUvarint(binary.AppendUvarint(nil, uint64(b)), uint64(len(buf)))
		n1, _ := sp.w.Write(head)
		n2, err := sp.w.Write(buf)
		sp.size += int64(n1 + n2)
		if err != nil {
			return fmt.Errorf("index the pairs of words: %w", err)
		}
	}
	var raw [4]byte
	for _, s := range f.seqs {
		binary.LittleEndian.PutUint32(raw[:], uint32(s))
		if _, err := sp.sw.Write(raw[:]); err != nil {
			return fmt.Errorf("index the pairs of words: %w", err)
		}
	}
	sp.nseqs += len(f.seqs)
	return nil
}

func newSpill() (*spill, error) {
	runs, err := os.CreateTemp("", "gazette-pairs-*")
	if err != nil {
		return nil, fmt.Errorf("index the pairs of words: %w", err)
	}
	seqs, err := os.CreateTemp("", "gazette-seqs-*")
	if err != nil {
		runs.Close()
		os.Remove(runs.Name())
		return nil, fmt.Errorf("index the pairs of words: %w", err)
	}
	return &spill{runs: runs, seqs: seqs, w: bufio.NewWriterSize(runs, 1<<20), sw: bufio.NewWriterSize(seqs, 64<<10)}, nil
}

// remove closes and removes the files.
func (sp *spill) remove() {
	for _, f := range []*os.File{sp.runs, sp.seqs} {
		f.Close()
		os.Remove(f.Name())
	}
}

// runReader reads one run, a bucket at a time.
type runReader struct {
	r      *bufio.Reader
	bucket int // of the postings in enc; pairBuckets once the run is read
	enc    []byte
}

// next reads the run's next bucket.
func (rr *runReader) next() error {
	b, err := binary.ReadUvarint(rr.r)
	if err == io.EOF {
		rr.bucket = pairBuckets
		return nil
	}
	n, err2 := binary.ReadUvarint(rr.r)
	if err = errors.Join(err, err2); err != nil || b >= pairBuckets || n > 1<<30 {
		return fmt.Errorf("index the pairs of words: a run of the temporary file is damaged (%v)", err)
	}
	rr.bucket = int(b)
	rr.enc = slices.Grow(rr.enc[:0], int(n))[:n]
	if _, err := io.ReadFull(rr.r, rr.enc); err != nil {
		return fmt.Errorf("index the pairs of words: %w", err)
	}
	return nil
}

// writeSpilled merges the runs of sp into one segment of the pairs table
// and takes their articles off unpaired, in one transaction, then removes
// sp's files.
func (s *Store) writeSpilled(ctx context.Context, sp *spill) error {
	defer sp.remove()
	if err := errors.Join(sp.w.Flush(), sp.sw.Flush()); err != nil {
		return fmt.Errorf("index the pairs of words: %w", err)
	}
	readers := make([]*runReader, len(sp.starts))
	for i, start := range sp.starts {
		end := sp.size
		if i+1 < len(sp.starts) {
			end = sp.starts[i+1]
		}
		readers[i] = &runReader{r: bufio.NewReaderSize(io.NewSectionReader(sp.runs, start, end-start), runBuffer)}
		if err := readers[i].next(); err != nil {
			return err
		}
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return err
		}
		var list []int32
		var enc []byte
		b := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			for ; b < pairBuckets; b++ {
				list = list[:0]
				for _, rr := range readers {
					if rr.bucket != b {
						continue
					}
					var err error
					if list, err = decodePostings(list, rr.enc); err != nil {
						return nil, err
					}
					if err := rr.next(); err != nil {
						return nil, err
					}
				}
				if len(list) > 0 {
					enc = encodePostings(enc[:0], list)
					b++
					return []any{int32(b - 1), enc}, nil
				}
			}
			return nil, nil
		})
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{s.schema, "pairs"}, []string{"bucket", "postings"}, src); err != nil {
			return err
		}
		return s.deleteUnpaired(ctx, tx, sp)
	})
	if err != nil {
		return fmt.Errorf("index the pairs of words: %w", err)
	}
	return nil
}

// deleteUnpaired takes the articles whose seq numbers sp holds off
// unpaired, 65 536 at a time.
func (s *Store) deleteUnpaired(ctx context.Context, tx pgx.Tx, sp *spill) error {
	r := bufio.NewReader(io.NewSectionReader(sp.seqs, 0, int64(sp.nseqs)*4))
	chunk := make([]int32, 0, 1<<16)
	var raw [4]byte
	for left := sp.nseqs; left > 0; {
		chunk = chunk[:0]
		for ; left > 0 && len(chunk) < cap(chunk); left-- {
			if _, err := io.ReadFull(r, raw[:]); err != nil {
				return err
			}
			chunk = append(chunk, int32(binary.LittleEndian.Uint32(raw[:])))
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+s.table("unpaired")+` WHERE seq = ANY($1)`, chunk); err != nil {
			return err
		}
	}
	return nil
}
