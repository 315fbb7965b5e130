package corpus

import (
	"encoding/binary"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"time"
	"unicode/utf8"
)

// The index is built once, by a corpus's first search (or BuildIndex),
// and never changes: any number of searches may read it at once.
//
// Every word of every title and body is folded (see Fold) and looked up in
// one sorted vocabulary. Each field (titles, bodies) keeps, per term, the
// articles containing it and where, as varint-coded gaps: about one or two
// bytes an occurrence. Prefix, subsequence and typo matches expand a query
// word against the vocabulary; phrases check positions. Short prefixes
// that would expand to a large share of all occurrences ("d", "co", "pre")
// get a bitmap of the articles they occur in, built with the index.

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// minShardDocs is the fewest articles worth a goroutine of their own when
// indexing.
const minShardDocs = 2048

// minBitmapDocs is the fewest articles for which prefix bitmaps are made:
// below, walking postings is always quick.
const minBitmapDocs = 2048

// index is the inverted index of a corpus. Its postings are split in
// shards of contiguous articles, one per core when built, so that a search
// runs on every core.
type index struct {
	n     int
	vocab []string
	// bodyDF and titleDF are the number of articles holding each term.
	bodyDF, titleDF []uint32
	shards          []*shard
	// norm is, per article, the BM25 length term k1*(1-b+b*len/avglen).
	norm []float32
	// dateFrom and dateTo are, per article, the span its date covers at
	// its precision, in Unix seconds; undated articles span nothing at
	// math.MaxInt64. dateFrom is sorted: articles are in timeline order.
	dateFrom, dateTo []int64
	// scratch recycles the per-article arrays of evaluators, so that a
	// query allocates in proportion to its hits, not to the corpus.
	scratch sync.Pool
}

// shard indexes the articles [lo, hi).
type shard struct {
	lo, hi int
	body   field
	title  field
	// prefixes holds the article bitmaps of heavy short prefixes.
	prefixes map[string]*prefixBits
}

// field is the inverted index of one field (titles or bodies) of a shard,
// for every term of the vocabulary.
type field struct {
	// docs holds, per term, one entry per article containing it, in
	// timeline order: uvarint(gap<<1 | more), where gap is the distance
	// from the previous article (from -1 for the first), then
	// uvarint(count-2) when more is set, else the term occurs once.
	docs   []byte
	docOff []uint64
	// pos holds, per term and article, the word positions of the term as
	// uvarint gaps (the first from 0); the count of the docs entry says how
	// many.
	pos    []byte
	posOff []uint64
	// df is the number of the shard's articles holding each term.
	df []uint32
}

// prefixBits holds, for one short prefix, the articles of a shard in
// which a word of that prefix occurs (bit i for article lo+i), per field
// (nil when the prefix is not heavy in that field), and how many they are.
type prefixBits struct {
	body, title         bitmap
	bodyDocs, titleDocs int
}

// bitmap is a set of article indexes.
type bitmap []uint64

func newBitmap(n int) bitmap       { return make(bitmap, (n+63)/64) }
func (b bitmap) set(i uint32)      { b[i>>6] |= 1 << (i & 63) }
func (b bitmap) has(i uint32) bool { return b[i>>6]&(1<<(i&63)) != 0 }

// buildIndex indexes articles, in parallel over contiguous shards.
func buildIndex(arts []*Article) *index {
	n := len(arts)
	shards := max(1, min(runtime.GOMAXPROCS(0), n/minShardDocs))
	builds := make([]*shardBuild, shards)
	var wg sync.WaitGroup
	for s := range shards {
		lo, hi := s*n/shards, (s+1)*n/shards
		wg.Go(func() { builds[s] = buildShard(arts[lo:hi], lo) })
	}
	wg.Wait()

	ix := &index{n: n}
	ix.vocab = mergeVocab(builds)
	terms := len(ix.vocab)
	ix.shards = make([]*shard, shards)
	for s, b := range builds {
		wg.Go(func() {
			g2l := make([]int32, terms)
			for i := range g2l {
				g2l[i] = -1
			}
			for l, w := range b.words {
				g, _ := slices.BinarySearch(ix.vocab, w)
				g2l[g] = int32(l)
			}
			sh := &shard{lo: s * n / shards, hi: (s + 1) * n / shards}
			sh.body = b.body.field(g2l, terms)
			sh.title = b.title.field(g2l, terms)
			sh.buildPrefixBits(ix.vocab)
			ix.shards[s] = sh
		})
	}
	wg.Wait()
	ix.bodyDF, ix.titleDF = make([]uint32, terms), make([]uint32, terms)
	for _, sh := range ix.shards {
		for t := range terms {
			ix.bodyDF[t] += sh.body.df[t]
			ix.titleDF[t] += sh.title.df[t]
		}
	}

	ix.norm = make([]float32, 0, n)
	var total float64
	for _, b := range builds {
		for _, l := range b.lens {
			total += float64(l)
		}
	}
	avg := max(total/float64(max(n, 1)), 1)
	for _, b := range builds {
		for _, l := range b.lens {
			ix.norm = append(ix.norm, float32(bm25K1*(1-bm25B+bm25B*float64(l)/avg)))
		}
	}
	ix.dateFrom, ix.dateTo = make([]int64, n), make([]int64, n)
	for i, a := range arts {
		ix.dateFrom[i], ix.dateTo[i] = dateSpan(a.Date)
	}
	return ix
}

// dateSpan returns the span [from, to) that d covers at its precision, in
// Unix seconds, or math.MaxInt64 twice when d is unknown.
func dateSpan(d Date) (from, to int64) {
	if d.IsZero() {
		return math.MaxInt64, math.MaxInt64
	}
	start := d.Time
	end := start.Add(time.Minute)
	switch d.Precision {
	case PrecisionYear:
		end = start.AddDate(1, 0, 0)
	case PrecisionMonth:
		end = start.AddDate(0, 1, 0)
	case PrecisionDay:
		end = start.AddDate(0, 0, 1)
	}
	return start.Unix(), end.Unix()
}

// shardBuild indexes a contiguous run of articles with its own vocabulary.
type shardBuild struct {
	// table is an open-addressing hash table of the words seen. Looking
	// words up is much of the indexing work: a slot holds what spares
	// reading the word itself for most of them.
	table []slot
	words []string
	body  fieldBuild
	title fieldBuild
	lens  []uint32
	// folded is the buffer in which words are folded.
	folded []byte
}

// wordBlock holds the words of one field of a run of articles, to be
// appended to the postings a word at a time: a word's postings are then
// touched once a block instead of once an occurrence, which is what
// indexing waited on (cache misses on the term and on the end of its
// streams).
type wordBlock struct {
	// keys holds, per occurrence, the word's id in the high half and the
	// occurrence's index in at in the low half; sorting keys by id,
	// stably, groups a word's occurrences in article and position order.
	keys, tmp []uint64
	// at holds, per occurrence, the article in the high half and the word
	// position in the low half.
	at []uint64
	// docBuf and posBuf hold a word's entries for the block while they
	// are encoded, to be appended to its streams in one copy each.
	docBuf, posBuf []byte
}

// blockWords is how many words a block gathers before it is added.
const blockWords = 1 << 16

// fieldBuild accumulates the postings of one field.
type fieldBuild struct {
	terms []termBuild
	arena arena
	block wordBlock
}

// termBuild accumulates the postings of one term in one field.
type termBuild struct {
	docs, pos stream
	lastDoc   int32 // the last article added, -1 before the first
	df        uint32
}

func buildShard(arts []*Article, first int) *shardBuild {
	b := &shardBuild{
		table:  make([]slot, 1<<14),
		lens:   make([]uint32, 0, len(arts)),
		folded: make([]byte, 0, 64), // id reads eight bytes of it
	}
	for i, a := range arts {
		doc := int32(first + i)
		b.gather(&b.title, a.Title, doc, 0)
		var pos uint32
		for _, p := range a.Paragraphs {
			pos = b.gather(&b.body, p, doc, pos)
			pos++ // no phrase runs across paragraphs
		}
		b.lens = append(b.lens, pos-uint32(len(a.Paragraphs)))
		for _, f := range []*fieldBuild{&b.title, &b.body} {
			if len(f.block.keys) >= blockWords {
				f.addBlock(len(b.words))
			}
		}
	}
	for _, f := range []*fieldBuild{&b.title, &b.body} {
		f.addBlock(len(b.words))
		f.block = wordBlock{}
	}
	return b
}

// gather adds the words of s, a title or a paragraph of article doc, to
// the block of its field f, from word position pos, and returns the
// position after the last word. It cuts and folds words as words.next
// does, in one pass with ASCII bytes through a table, and the two-byte
// Latin letters and the punctuation of U+2000-U+203F without decoding
// them: this loop is most of what indexing reads. Going through
// words.next (a loop to skip separators, another to fold) made the whole
// build 5-7 % slower; decoding every non-ASCII rune made it 5 % slower.
// TestGatherAgreesWithWords keeps the two in step.
func (b *shardBuild) gather(f *fieldBuild, s string, doc int32, pos uint32) uint32 {
	w := b.folded[:0]
	bl := &f.block
	emit := func() {
		bl.keys = append(bl.keys, uint64(b.id(w))<<32|uint64(len(bl.at)))
		bl.at = append(bl.at, uint64(doc)<<32|uint64(pos))
		pos++
		w = w[:0]
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if fc := asciiFold[c]; fc != 0 {
				w = append(w, fc)
				continue
			}
		} else if fc := latinLetterAt(s, i); fc != 0 {
			i += 2
			w = append(w, fc)
			continue
		} else if punctuationAt(s, i) {
			i += 3
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if isWordRune(r) {
				w = appendFoldedRune(w, r)
				continue
			}
		}
		if len(w) > 0 {
			emit()
		}
	}
	if len(w) > 0 {
		emit()
	}
	b.folded = w
	return pos
}

// latinLetterAt returns the ASCII letter to which the rune at s[i] folds
// when it is one of the two-byte letters U+00C0-U+017F that fold to one
// letter, the accented letters of French and most European languages,
// and 0 otherwise.
func latinLetterAt(s string, i int) byte {
	if c := s[i]; c >= 0xc3 && c <= 0xc5 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
		if fc := latinFold[int(c&0x1f)<<6|int(s[i+1]&0x3f)-0xc0]; fc != '.' {
			return fc
		}
	}
	return 0
}

// punctuationAt reports whether the rune at s[i] is in U+2000-U+203F
// (spaces, dashes, quotes such as ’, ellipsis), none of which belongs to
// a word.
func punctuationAt(s string, i int) bool {
	return s[i] == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&0xc0 == 0x80
}

// addBlock appends the gathered words to their postings, a word at a
// time, and empties the block; the shard knows terms words.
func (f *fieldBuild) addBlock(terms int) {
	bl := &f.block
	keys, spare := radixSortHigh(bl.keys, bl.tmp, uint32(terms))
	for len(f.terms) < terms {
		f.terms = append(f.terms, termBuild{lastDoc: -1})
	}
	for i := 0; i < len(keys); {
		id := uint32(keys[i] >> 32)
		t := &f.terms[id]
		docs, pos := bl.docBuf[:0], bl.posBuf[:0]
		for i < len(keys) && uint32(keys[i]>>32) == id {
			// One article's occurrences of the word.
			d := int32(bl.at[uint32(keys[i])] >> 32)
			j := i
			var last uint32
			for j < len(keys) && uint32(keys[j]>>32) == id {
				at := bl.at[uint32(keys[j])]
				if int32(at>>32) != d {
					break
				}
				p := uint32(at)
				pos = binary.AppendUvarint(pos, uint64(p-last))
				last = p
				j++
			}
			gap, count := uint64(d-t.lastDoc), j-i
			if count > 1 {
				docs = binary.AppendUvarint(docs, gap<<1|1)
				docs = binary.AppendUvarint(docs, uint64(count-2))
			} else {
				docs = binary.AppendUvarint(docs, gap<<1)
			}
			t.lastDoc = d
			t.df++
			i = j
		}
		t.docs.write(&f.arena, docs)
		t.pos.write(&f.arena, pos)
		bl.docBuf, bl.posBuf = docs, pos
	}
	bl.keys, bl.tmp = keys[:0], spare[:0]
	bl.at = bl.at[:0]
}

// radixSortHigh sorts keys by their high 32 bits, all below n, stably,
// with tmp as scratch; it returns the sorted keys and the other buffer,
// which are keys and tmp in some order.
func radixSortHigh(keys, tmp []uint64, n uint32) (sorted, spare []uint64) {
	if len(keys) == 0 {
		return keys, tmp
	}
	if cap(tmp) < len(keys) {
		tmp = make([]uint64, len(keys))
	}
	tmp = tmp[:len(keys)]
	const digitBits = 11
	var count [1 << digitBits]int
	for shift := uint(32); shift < 32+uint(bits.Len32(n)); shift += digitBits {
		clear(count[:])
		for _, k := range keys {
			count[(k>>shift)&(1<<digitBits-1)]++
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, k := range keys {
			d := (k >> shift) & (1<<digitBits - 1)
			tmp[count[d]] = k
			count[d]++
		}
		keys, tmp = tmp, keys
	}
	return keys, tmp
}

// slot is an entry of a shardBuild's word table.
type slot struct {
	// key is the word's first eight bytes, little-endian, zero-padded:
	// folded words hold no zero byte, so words of up to seven bytes are
	// equal when their keys are, and longer ones are compared in full
	// only when their keys and tags agree.
	key uint64
	// tag is the high half of the word's hash, id its id plus one (0 for
	// a free slot).
	tag, id uint32
}

// id returns the shard's id of the folded word w, adding it if new.
func (b *shardBuild) id(w []byte) int32 {
	var key uint64
	if len(w) >= 8 {
		key = binary.LittleEndian.Uint64(w)
	} else if cap(w) >= 8 {
		// The bytes past the word, left from earlier words, are masked.
		key = binary.LittleEndian.Uint64(w[:8]) & (1<<(8*len(w)) - 1)
	} else {
		for i, c := range w {
			key |= uint64(c) << (8 * i)
		}
	}
	h := key * 0x9e3779b97f4a7c15
	for _, c := range w[min(len(w), 8):] {
		h = (h ^ uint64(c)) * 0x100000001b3
	}
	tag := uint32(h>>32 ^ h)
	mask := uint32(len(b.table) - 1)
	for i := tag & mask; ; i = (i + 1) & mask {
		e := &b.table[i]
		if e.id == 0 {
			id := uint32(len(b.words))
			b.words = append(b.words, string(w))
			*e = slot{key: key, tag: tag, id: id + 1}
			if len(b.words)*2 > len(b.table) {
				b.grow()
			}
			return int32(id)
		}
		if e.key == key && e.tag == tag && (key>>56 == 0 || b.words[e.id-1] == string(w)) {
			return int32(e.id - 1)
		}
	}
}

// grow doubles the word table.
func (b *shardBuild) grow() {
	old := b.table
	b.table = make([]slot, 2*len(old))
	mask := uint32(len(b.table) - 1)
	for _, e := range old {
		if e.id == 0 {
			continue
		}
		i := e.tag & mask
		for b.table[i].id != 0 {
			i = (i + 1) & mask
		}
		b.table[i] = e
	}
}

// mergeVocab returns the sorted union of the shards' vocabularies.
func mergeVocab(builds []*shardBuild) []string {
	size := 0
	for _, b := range builds {
		size += len(b.words)
	}
	all := make([]string, 0, size)
	for _, b := range builds {
		all = append(all, b.words...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// field lays the postings out term by term in vocabulary order: g2l
// maps the vocabulary to the shard's term ids (-1 when absent).
func (fb *fieldBuild) field(g2l []int32, terms int) field {
	var docBytes, posBytes int
	for i := range fb.terms {
		docBytes += int(fb.terms[i].docs.n)
		posBytes += int(fb.terms[i].pos.n)
	}
	f := field{
		docs:   make([]byte, 0, docBytes),
		pos:    make([]byte, 0, posBytes),
		docOff: make([]uint64, terms+1),
		posOff: make([]uint64, terms+1),
		df:     make([]uint32, terms),
	}
	for g := range terms {
		f.docOff[g] = uint64(len(f.docs))
		f.posOff[g] = uint64(len(f.pos))
		l := g2l[g]
		if l < 0 || int(l) >= len(fb.terms) {
			continue
		}
		t := &fb.terms[l]
		f.docs = t.docs.appendTo(f.docs, &fb.arena)
		f.pos = t.pos.appendTo(f.pos, &fb.arena)
		f.df[g] = t.df
	}
	f.docOff[terms] = uint64(len(f.docs))
	f.posOff[terms] = uint64(len(f.pos))
	fb.terms, fb.arena = nil, arena{}
	return f
}

// stream is a growing byte string kept as a chain of chunks carved from
// an arena: appending never copies what was written, nothing is freed
// until the whole arena goes, and a stream holds no pointer, so that a
// field's hundred thousand streams cost the garbage collector nothing and
// sit densely in the cache. Each chunk ends with the arena offset of the
// next one; chunks grow from 16 bytes to 4 KB, so rare terms waste little
// and frequent ones have few chunks.
type stream struct {
	head     uint32 // offset of the first chunk
	cur, end uint32 // where the next byte goes; where the current chunk's data ends
	n        uint32 // bytes written
}

// linkSize is the bytes at the end of a chunk that hold the offset of the
// next chunk.
const linkSize = 4

// chunkSize is the size of the chunk that follows n bytes written.
func chunkSize(n uint32) uint32 {
	if n < 16 {
		return 16
	}
	return min(4096, uint32(2)<<bits.Len32(n))
}

// write appends p.
func (st *stream) write(a *arena, p []byte) {
	for len(p) > 0 {
		if st.cur == st.end {
			st.link(a)
		}
		o := st.cur & arenaBlockMask
		k := copy(a.blocks[st.cur>>arenaBlockBits][o:o+st.end-st.cur], p)
		st.cur += uint32(k)
		st.n += uint32(k)
		p = p[k:]
	}
}

// link chains a new chunk to the full current one (or starts the stream).
func (st *stream) link(a *arena) {
	size := chunkSize(st.n)
	at := a.take(size)
	if st.n == 0 {
		st.head = at
	} else {
		blk := a.blocks[st.end>>arenaBlockBits]
		binary.LittleEndian.PutUint32(blk[st.end&arenaBlockMask:], at)
	}
	st.cur, st.end = at, at+size-linkSize
}

// appendTo appends the bytes of the stream to dst.
func (st *stream) appendTo(dst []byte, a *arena) []byte {
	at, done := st.head, uint32(0)
	for done < st.n {
		size := chunkSize(done)
		blk := a.blocks[at>>arenaBlockBits]
		o := at & arenaBlockMask
		k := min(size-linkSize, st.n-done)
		dst = append(dst, blk[o:o+k]...)
		done += k
		at = binary.LittleEndian.Uint32(blk[o+size-linkSize:])
	}
	return dst
}

// arena hands out chunks of 1 MB blocks, addressed by 32-bit offsets
// (block<<20 | offset in block): 4 GB per field and shard.
type arena struct {
	blocks [][]byte
	used   uint32 // bytes taken from the last block
}

const (
	arenaBlockBits = 20
	arenaBlockMask = 1<<arenaBlockBits - 1
)

// take returns the offset of n free bytes.
func (a *arena) take(n uint32) uint32 {
	if len(a.blocks) == 0 || a.used+n > 1<<arenaBlockBits {
		a.blocks = append(a.blocks, make([]byte, 1<<arenaBlockBits))
		a.used = 0
	}
	at := uint32(len(a.blocks)-1)<<arenaBlockBits | a.used
	a.used += n
	return at
}

// buildPrefixBits makes the bitmaps of the prefixes of one to three
// letters whose words occur, all together, in more places than a quarter
// of the shard's articles: walking their postings would cost more than a
// bitmap. Each term's postings are read once, for the bitmaps of its
// prefixes at every length.
func (sh *shard) buildPrefixBits(vocab []string) {
	sh.prefixes = make(map[string]*prefixBits)
	n := sh.hi - sh.lo
	if n < minBitmapDocs {
		return
	}
	var body, title [3][]heavyRange
	for runes := 1; runes <= 3; runes++ {
		for lo := 0; lo < len(vocab); {
			p, ok := runePrefix(vocab[lo], runes)
			hi := lo + 1
			for hi < len(vocab) && hasPrefix(vocab[hi], p) {
				hi++
			}
			if ok && hi-lo > 1 {
				pb := &prefixBits{}
				if sh.body.heavy(n, lo, hi) {
					pb.body = newBitmap(n)
					body[runes-1] = append(body[runes-1], heavyRange{lo, hi, pb.body})
				}
				if sh.title.heavy(n, lo, hi) {
					pb.title = newBitmap(n)
					title[runes-1] = append(title[runes-1], heavyRange{lo, hi, pb.title})
				}
				if pb.body != nil || pb.title != nil {
					sh.prefixes[p] = pb
				}
			}
			lo = hi
		}
	}
	sh.body.fillBitmaps(sh.lo, body)
	sh.title.fillBitmaps(sh.lo, title)
	for _, pb := range sh.prefixes {
		pb.bodyDocs, pb.titleDocs = pb.body.count(), pb.title.count()
	}
}

// heavyRange is a run of terms [lo, hi) sharing a heavy prefix, and the
// bitmap of the articles holding any of them.
type heavyRange struct {
	lo, hi int
	bits   bitmap
}

// heavy reports whether the terms [lo, hi) occur, all together, in more
// places than a quarter of the shard's n articles.
func (f *field) heavy(n, lo, hi int) bool {
	var occ uint64
	for t := lo; t < hi; t++ {
		occ += uint64(f.df[t])
	}
	return occ >= uint64(n/4)
}

// fillBitmaps sets, for every term, the bits of its articles (from first)
// in the bitmaps of the heavy ranges holding it: levels[i] are the ranges
// of prefixes of i+1 runes, in vocabulary order.
func (f *field) fillBitmaps(first int, levels [3][]heavyRange) {
	var at [3]int
	var targets [3]bitmap
	for t := range f.df {
		k := 0
		for l, rs := range levels {
			for at[l] < len(rs) && rs[at[l]].hi <= t {
				at[l]++
			}
			if at[l] < len(rs) && rs[at[l]].lo <= t {
				targets[k] = rs[at[l]].bits
				k++
			}
		}
		if k == 0 {
			continue
		}
		p := f.postings(int32(t))
		for p.next() {
			i := uint32(int(p.doc) - first)
			for _, b := range targets[:k] {
				b.set(i)
			}
		}
	}
}

// count returns the number of articles in b.
func (b bitmap) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// runePrefix returns the first n runes of s, and whether s has that many.
func runePrefix(s string, n int) (string, bool) {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], n == 0
}

// lookup returns the vocabulary index of the folded word, or -1.
func (ix *index) lookup(word string) int32 {
	i, ok := slices.BinarySearch(ix.vocab, word)
	if !ok {
		return -1
	}
	return int32(i)
}

// prefixRange returns the vocabulary range [lo, hi) of the words that
// start with prefix.
func (ix *index) prefixRange(prefix string) (lo, hi int32) {
	l, _ := slices.BinarySearch(ix.vocab, prefix)
	// The words with the prefix are contiguous from l.
	h := l + sortSearch(len(ix.vocab)-l, func(i int) bool { return !hasPrefix(ix.vocab[l+i], prefix) })
	return int32(l), int32(h)
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// sortSearch is sort.Search without the import.
func sortSearch(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// idf is the BM25 inverse document frequency of a term found in df of n
// articles.
func idf(n, df int) float32 {
	return float32(math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)))
}
