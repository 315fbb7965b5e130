package search

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
)

// Encode writes the index, building it first if need be, as parts of w
// that Decode reads in place: the vocabulary as a string table, the
// postings of every shard as the bytes and offsets they are in memory,
// the prefix counts as their nibbles. Only the compounds and the prefix
// counts' keys, a few thousand entries, are written one by one.
func (x *Index) Encode(w *flat.Writer) {
	ix := x.index()
	flat.Numbers(w, []uint64{uint64(ix.n), uint64(len(ix.lex.words)), uint64(len(ix.shards)), ix.maxDF})
	w.Strings(ix.lex.words)
	flat.Numbers(w, ix.lex.grams.keys)
	flat.Numbers(w, ix.lex.grams.off)
	flat.Numbers(w, ix.lex.grams.ids)
	flat.Numbers(w, ix.lex.letters)
	flat.Numbers(w, ix.bodyDF)
	flat.Numbers(w, ix.titleDF)
	flat.Numbers(w, ix.cumBody)
	flat.Numbers(w, ix.cumTitle)
	flat.Numbers(w, ix.common)
	encodeCompounds(w, ix.compounds)
	flat.Numbers(w, ix.norm)
	flat.Numbers(w, ix.dateFrom)
	flat.Numbers(w, ix.dateTo)
	for _, sh := range ix.shards {
		flat.Numbers(w, []uint64{uint64(sh.lo), uint64(sh.hi)})
		for _, f := range []*fieldIndex{&sh.body, &sh.title} {
			w.Blocks(f.docs)
			flat.Numbers(w, f.docOff)
			w.Blocks(f.pos)
			flat.Numbers(w, f.posOff)
			flat.Numbers(w, f.df)
		}
		encodePrefixes(w, sh.prefixes)
	}
}

// encodeCompounds writes the splits of the compounds: their words, per
// word its number of splits and per split its number of parts, and the
// parts.
func encodeCompounds(w *flat.Writer, m map[string][][]string) {
	words := make([]string, 0, len(m))
	for k := range m {
		words = append(words, k)
	}
	sort.Strings(words)
	var shape []uint32
	var parts []string
	for _, k := range words {
		shape = append(shape, uint32(len(m[k])))
		for _, split := range m[k] {
			shape = append(shape, uint32(len(split)))
			parts = append(parts, split...)
		}
	}
	w.Strings(words)
	flat.Numbers(w, shape)
	w.Strings(parts)
}

// encodePrefixes writes the heavy prefixes of a shard, in order, whether
// each has counts of the body and of the title, and those counts end to
// end.
func encodePrefixes(w *flat.Writer, m map[string]*prefixCounts) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	has := make([]uint32, len(keys))
	var body, title []byte
	for i, k := range keys {
		if pc := m[k]; pc.body != nil {
			has[i] |= 1
			body = append(body, pc.body...)
		}
		if pc := m[k]; pc.title != nil {
			has[i] |= 2
			title = append(title, pc.title...)
		}
	}
	w.Strings(keys)
	flat.Numbers(w, has)
	w.Blocks(body)
	w.Blocks(title)
}

// errIndex is wrapped by every error of Decode.
var errIndex = errors.New("search index")

// Decode returns the index of c that r's next parts hold, as Encode
// wrote them, sharing their memory: the bytes under r must stay mapped
// and unchanged while the index is used. Every offset and length is
// checked against the corpus and the parts, and every part but the
// postings and the prefixes' counts against its checksum, at a cost in
// proportion to the vocabulary and the shards. The postings, most of the
// index, and the prefixes' counts are checked a block at a time as
// searches first read them (see index.verify): a
// search that reads a damaged block fails with an error wrapping
// flat.ErrDamaged, and calls damaged, when it is not nil.
func Decode(c *corpus.Corpus, r *flat.Reader, damaged func()) (*Index, error) {
	ix, err := decodeTables(c, r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errIndex, err)
	}
	if damaged != nil {
		ix.damaged = sync.OnceFunc(damaged)
	}
	x := &Index{c: c}
	x.index = func() *index { return ix }
	x.built.Store(int64(c.Len()))
	return x, nil
}

// decodeTables reads the parts of the index.
func decodeTables(c *corpus.Corpus, r *flat.Reader) (*index, error) {
	head, err := flat.Read[uint64](r, 4)
	if err != nil {
		return nil, err
	}
	n, terms, shards := head[0], head[1], head[2]
	if n != uint64(c.Len()) || terms > math.MaxInt32 || shards == 0 || shards > n+1 {
		return nil, fmt.Errorf("%d articles, %d terms, %d shards for a corpus of %d: %w", n, terms, shards, c.Len(), flat.ErrDamaged)
	}
	ix := &index{n: int(n), art: func(d int32) *corpus.Article { return c.At(int(d)) }, maxDF: head[3]}
	ix.meta = sync.OnceValue(func() *metaIndex { return buildMeta(c.Articles()) })
	words, err := r.Strings(int(terms))
	if err != nil {
		return nil, err
	}
	ix.lex.words = words.All()
	if ix.lex.grams, err = decodeGrams(r, int(terms)); err != nil {
		return nil, err
	}
	if err := decodeCounts(r, ix, int(terms)); err != nil {
		return nil, err
	}
	if ix.compounds, err = decodeCompounds(r); err != nil {
		return nil, err
	}
	if ix.norm, err = flat.Read[float32](r, int(n)); err != nil {
		return nil, err
	}
	if ix.dateFrom, err = flat.Read[int64](r, int(n)); err != nil {
		return nil, err
	}
	if ix.dateTo, err = flat.Read[int64](r, int(n)); err != nil {
		return nil, err
	}
	lo := 0
	for range shards {
		sh, err := decodeShard(r, lo, int(n), int(terms))
		if err != nil {
			return nil, err
		}
		ix.shards = append(ix.shards, sh)
		lo = sh.hi
	}
	if lo != int(n) {
		return nil, fmt.Errorf("shards end at %d of %d articles: %w", lo, n, flat.ErrDamaged)
	}
	return ix, nil
}

// decodeGrams reads the gram index, checking that its lists stay inside
// its terms and the vocabulary.
func decodeGrams(r *flat.Reader, terms int) (*gramIndex, error) {
	g := &gramIndex{}
	var err error
	if g.keys, err = flat.Read[uint32](r, -1); err != nil {
		return nil, err
	}
	if g.off, err = flat.Read[uint32](r, len(g.keys)+1); err != nil {
		return nil, err
	}
	if g.ids, err = flat.Read[uint32](r, -1); err != nil {
		return nil, err
	}
	if err := rising(g.off, uint64(len(g.ids))); err != nil {
		return nil, fmt.Errorf("gram lists: %w", err)
	}
	for _, id := range g.ids {
		if int(id) >= terms {
			return nil, fmt.Errorf("gram list names term %d of %d: %w", id, terms, flat.ErrDamaged)
		}
	}
	return g, nil
}

// decodeCounts reads the letter sets and the article counts of the terms.
func decodeCounts(r *flat.Reader, ix *index, terms int) error {
	var err error
	if ix.lex.letters, err = flat.Read[uint64](r, terms); err != nil {
		return err
	}
	if ix.bodyDF, err = flat.Read[uint32](r, terms); err != nil {
		return err
	}
	if ix.titleDF, err = flat.Read[uint32](r, terms); err != nil {
		return err
	}
	if ix.cumBody, err = flat.Read[uint64](r, terms+1); err != nil {
		return err
	}
	if ix.cumTitle, err = flat.Read[uint64](r, terms+1); err != nil {
		return err
	}
	if ix.common, err = flat.Read[int32](r, -1); err != nil {
		return err
	}
	for _, t := range ix.common {
		if t < 0 || int(t) >= terms {
			return fmt.Errorf("common term %d of %d: %w", t, terms, flat.ErrDamaged)
		}
	}
	return nil
}

// decodeCompounds reads the splits of the compounds into a map.
func decodeCompounds(r *flat.Reader) (map[string][][]string, error) {
	words, err := r.Strings(-1)
	if err != nil {
		return nil, err
	}
	shape, err := flat.Read[uint32](r, -1)
	if err != nil {
		return nil, err
	}
	parts, err := r.Strings(-1)
	if err != nil {
		return nil, err
	}
	bad := fmt.Errorf("compounds: %w", flat.ErrDamaged)
	m := make(map[string][][]string, words.Len())
	s, p := 0, 0
	for i := range words.Len() {
		if s >= len(shape) || shape[s] > maxSplits {
			return nil, bad
		}
		splits := make([][]string, shape[s])
		s++
		for j := range splits {
			if s >= len(shape) || uint64(shape[s]) > uint64(parts.Len()-p) {
				return nil, bad
			}
			k := int(shape[s])
			s++
			splits[j] = make([]string, k)
			for l := range k {
				splits[j][l] = parts.At(p + l)
			}
			p += k
		}
		m[words.At(i)] = splits
	}
	if s != len(shape) || p != parts.Len() {
		return nil, bad
	}
	return m, nil
}

// decodeShard reads the shard that starts at article lo.
func decodeShard(r *flat.Reader, lo, n, terms int) (*shard, error) {
	span, err := flat.Read[uint64](r, 2)
	if err != nil {
		return nil, err
	}
	if span[0] != uint64(lo) || span[1] < span[0] || span[1] > uint64(n) {
		return nil, fmt.Errorf("shard [%d, %d) after %d: %w", span[0], span[1], lo, flat.ErrDamaged)
	}
	sh := &shard{lo: lo, hi: int(span[1])}
	for _, f := range []*fieldIndex{&sh.body, &sh.title} {
		if err := decodeField(r, f, terms); err != nil {
			return nil, err
		}
	}
	if err := decodePrefixes(r, sh); err != nil {
		return nil, err
	}
	return sh, nil
}

// decodeField reads the postings of one field of a shard, leaving the
// check of their bytes to the searches that read them.
func decodeField(r *flat.Reader, f *fieldIndex, terms int) error {
	var err error
	if f.docsCheck, err = r.Blocks(); err != nil {
		return err
	}
	f.docs = f.docsCheck.Bytes()
	if f.docOff, err = flat.Read[uint64](r, terms+1); err != nil {
		return err
	}
	if f.posCheck, err = r.Blocks(); err != nil {
		return err
	}
	f.pos = f.posCheck.Bytes()
	if f.posOff, err = flat.Read[uint64](r, terms+1); err != nil {
		return err
	}
	if f.df, err = flat.Read[uint32](r, terms); err != nil {
		return err
	}
	if err := rising(f.docOff, uint64(len(f.docs))); err != nil {
		return fmt.Errorf("postings: %w", err)
	}
	if err := rising(f.posOff, uint64(len(f.pos))); err != nil {
		return fmt.Errorf("positions: %w", err)
	}
	return nil
}

// decodePrefixes reads the prefix counts of a shard of n articles into
// sh, leaving the check of the counts' bytes to the searches that read
// them (see shard.verifyWords).
func decodePrefixes(r *flat.Reader, sh *shard) error {
	keys, err := r.Strings(-1)
	if err != nil {
		return err
	}
	has, err := flat.Read[uint32](r, keys.Len())
	if err != nil {
		return err
	}
	var fields [2][]byte
	for i := range fields {
		if sh.prefixCheck[i], err = r.Blocks(); err != nil {
			return err
		}
		fields[i] = sh.prefixCheck[i].Bytes()
	}
	size := (sh.hi - sh.lo + 1) / 2
	m := make(map[string]*prefixCounts, keys.Len())
	var at [2]int
	for i := range keys.Len() {
		pc := &prefixCounts{}
		for f, dst := range []*nibbles{&pc.body, &pc.title} {
			if has[i]&(1<<f) == 0 {
				continue
			}
			if len(fields[f])-at[f] < size {
				return fmt.Errorf("prefix counts: %w", flat.ErrDamaged)
			}
			*dst = nibbles(fields[f][at[f] : at[f]+size : at[f]+size])
			pc.at[f] = uint64(at[f])
			at[f] += size
		}
		m[keys.At(i)] = pc
	}
	if at[0] != len(fields[0]) || at[1] != len(fields[1]) {
		return fmt.Errorf("prefix counts: %w", flat.ErrDamaged)
	}
	sh.prefixes = m
	return nil
}

// rising checks that offs never fall and end at most at limit.
func rising[T uint32 | uint64](offs []T, limit uint64) error {
	var prev T
	for _, o := range offs {
		if o < prev {
			return flat.ErrDamaged
		}
		prev = o
	}
	if len(offs) > 0 && uint64(offs[len(offs)-1]) > limit {
		return flat.ErrDamaged
	}
	return nil
}
