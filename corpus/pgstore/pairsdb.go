package pgstore

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"
)

// Bounds of a phrase's candidates (see phraseCandidates).
const (
	// maxCandidates is the most articles a phrase's pairs may leave for
	// the server to test: past it, the phrase is searched without them
	// (a common phrase's first hits are then near the start of the
	// timeline anyway).
	maxCandidates = 100000
	// maxPrefixForms is the most words a phrase's last word, typed in
	// part, stands for in its pairs: past it, that pair is left out.
	maxPrefixForms = 64
	// pairBackfill is how many articles the end of an import reads at a
	// time to index the pairs of those still unpaired.
	pairBackfill = 5000
)

// binaryFormats asks pgx for every column of a row as the server sends
// it in binary, for RawValues (a seq number, a tsvector, a key): one
// format code stands for all the columns.
func binaryFormats() pgx.QueryResultFormats {
	return pgx.QueryResultFormats{pgx.BinaryFormatCode}
}

// seqOf reads a binary integer column.
func seqOf(raw []byte) (int32, error) {
	if len(raw) != 4 {
		return 0, fmt.Errorf("pairs: seq of %d bytes", len(raw))
	}
	return int32(binary.BigEndian.Uint32(raw)), nil
}

// writePairs writes the postings p gathered as a segment of the pairs
// table, and takes their articles off unpaired, in one transaction.
func (s *Store) writePairs(ctx context.Context, p *pairSink) error {
	if p == nil || len(p.seqs) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return err
		}
		seqs, starts := p.byBucket()
		p.keys = nil
		b := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			for b < pairBuckets && starts[b] == starts[b+1] {
				b++
			}
			if b == pairBuckets {
				return nil, nil
			}
			row := []any{int32(b), encodePostings(nil, seqs[starts[b]:starts[b+1]])}
			b++
			return row, nil
		})
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{s.schema, "pairs"}, []string{"bucket", "postings"}, src); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM `+s.table("unpaired")+` WHERE seq = ANY($1)`, p.seqs)
		return err
	})
	if err != nil {
		return fmt.Errorf("index the pairs of words: %w", err)
	}
	return nil
}

// pairUnpaired writes the postings sink still holds, then indexes the
// pairs of the articles left in unpaired (by an import stopped before it
// wrote them, or by the migration that made the pairs), a few thousand
// at a time, under the schema's pairs lock.
func (s *Store) pairUnpaired(ctx context.Context, sink *pairSink) error {
	if err := s.writeRest(ctx, sink); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := s.lock(ctx, tx, "pairs"); err != nil {
			return err
		}
		var sc pairScratch
		last := int32(math.MinInt32)
		for {
			rows, err := tx.Query(ctx, `SELECT a.seq, a.doc FROM `+s.table("unpaired")+` AS u
				JOIN `+s.table("articles")+` AS a ON a.seq = u.seq
				WHERE u.seq > $1 ORDER BY u.seq LIMIT `+fmt.Sprint(pairBackfill), binaryFormats(), last)
			if err != nil {
				return fmt.Errorf("index the pairs of words: %w", err)
			}
			n := 0
			for rows.Next() {
				n++
				if last, err = sink.addRaw(rows.RawValues(), &sc); err != nil {
					rows.Close()
					return err
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("index the pairs of words: %w", err)
			}
			if err := sink.spillFull(); err != nil {
				return err
			}
			if n < pairBackfill {
				return s.writeRest(ctx, sink)
			}
		}
	})
}

// writeRest writes everything sink holds: what it gathered in memory,
// merged with the runs it put aside when there are some, as one segment.
func (s *Store) writeRest(ctx context.Context, sink *pairSink) error {
	sink.spillMu.Lock()
	defer sink.spillMu.Unlock()
	rest := sink.rest()
	sp := sink.spill
	if sp == nil {
		for _, p := range rest {
			if err := s.writePairs(ctx, p); err != nil {
				return err
			}
		}
		return nil
	}
	var err error
	for _, p := range rest {
		if err == nil {
			err = sink.spillRun(p)
		}
	}
	sink.spill = nil
	if err != nil {
		sp.remove()
		return err
	}
	return s.writeSpilled(ctx, sp)
}

// addRaw gathers the pairs of a row of a seq number and a tsvector, in
// binary, and returns the seq number.
func (p *pairSink) addRaw(raw [][]byte, sc *pairScratch) (int32, error) {
	seq, err := seqOf(raw[0])
	if err != nil {
		return 0, err
	}
	return seq, p.add(seq, raw[1], sc)
}

// slot is a lexeme of a phrase, in order, or the start of the lexemes it
// stands for when the phrase's last word is typed in part.
type slot struct {
	lexeme string
	prefix bool
}

// phraseCandidates returns the articles (seq numbers, sorted) that may
// hold the phrase of slots, from the pairs' index: those in the buckets
// of every pair of adjacent slots, and those still unpaired. ok is false
// when the index cannot narrow the phrase (no pair it can look up, or
// more than maxCandidates articles left).
func (c *compiler) phraseCandidates(slots []slot) (cands []int32, ok bool, err error) {
	alts := make([][]uint64, len(slots))
	for i, sl := range slots {
		alts[i], err = c.slotHashes(sl)
		if err != nil {
			return nil, false, err
		}
	}
	var pairs [][]int32
	var buckets []int32
	for i := 1; i < len(slots); i++ {
		if alts[i-1] == nil || alts[i] == nil {
			continue
		}
		var bs []int32
		for _, a := range alts[i-1] {
			for _, b := range alts[i] {
				bs = append(bs, pairBucket(a, b))
			}
		}
		pairs, buckets = append(pairs, bs), append(buckets, bs...)
	}
	if len(pairs) == 0 {
		return nil, false, nil
	}
	lists, unpaired, err := c.readBuckets(buckets)
	if err != nil || len(unpaired) > maxCandidates {
		return nil, false, err
	}
	for k, bs := range pairs {
		in := make([][]int32, len(bs))
		for j, b := range bs {
			in[j] = lists[b]
		}
		if k == 0 {
			cands = union(in)
		} else {
			cands = intersect(cands, union(in))
		}
	}
	cands = union([][]int32{cands, unpaired})
	return cands, len(cands) <= maxCandidates, nil
}

// slotHashes returns the hashes of the lexemes a slot stands for: its
// own, or those of the vocabulary's words it starts; nil when they are
// more than maxPrefixForms.
func (c *compiler) slotHashes(sl slot) ([]uint64, error) {
	if !sl.prefix {
		return []uint64{lexemeHash([]byte(sl.lexeme))}, nil
	}
	forms, err := c.forms(`word LIKE $1 LIMIT `+fmt.Sprint(maxPrefixForms+1), escapeLike(sl.lexeme)+"%")
	if err != nil || len(forms) > maxPrefixForms {
		return nil, err
	}
	out := make([]uint64, 0, len(forms))
	for _, f := range forms {
		out = append(out, lexemeHash([]byte(f.word)))
	}
	return out, nil
}

// readBuckets returns the postings of buckets, by bucket, and the
// unpaired articles (at most maxCandidates+1 of them), in one round
// trip.
func (c *compiler) readBuckets(buckets []int32) (map[int32][]int32, []int32, error) {
	lists := map[int32][]int32{}
	var unpaired []int32
	batch := &pgx.Batch{}
	batch.Queue(`SELECT bucket, postings FROM `+c.s.table("pairs")+` WHERE bucket = ANY($1)`, buckets).Query(func(rows pgx.Rows) error {
		var b int32
		var enc []byte
		_, err := pgx.ForEachRow(rows, []any{&b, &enc}, func() error {
			var err error
			lists[b], err = decodePostings(lists[b], enc)
			return err
		})
		return err
	})
	batch.Queue(`SELECT seq FROM ` + c.s.table("unpaired") + ` LIMIT ` + fmt.Sprint(maxCandidates+1)).Query(func(rows pgx.Rows) error {
		var err error
		unpaired, err = pgx.CollectRows(rows, pgx.RowTo[int32])
		return err
	})
	if err := c.s.pool.SendBatch(c.ctx, batch).Close(); err != nil {
		return nil, nil, fmt.Errorf("search: pairs of words: %w", err)
	}
	for b, l := range lists {
		lists[b] = union([][]int32{l})
	}
	return lists, unpaired, nil
}
