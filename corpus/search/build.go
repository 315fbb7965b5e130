package search

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// minShardDocs is the fewest articles worth a goroutine of their own when
// indexing.
const minShardDocs = 2048

// minCommonDF is the fewest articles of a common term (index.common): a
// typo's word must be a hundred times more common than a term that
// matches at least one article.
const minCommonDF = fixRatio

// buildIndex indexes articles, in parallel over contiguous shards, adding
// to progress the articles read as it goes.
func buildIndex(arts []*corpus.Article, progress *atomic.Int64, release func(i, j int)) *index {
	n := len(arts)
	shards := max(1, min(runtime.GOMAXPROCS(0), n/minShardDocs))
	builds := make([]*shardBuild, shards)
	var wg sync.WaitGroup
	for s := range shards {
		lo, hi := s*n/shards, (s+1)*n/shards
		wg.Go(func() { builds[s] = buildShard(arts[lo:hi], lo, progress, release) })
	}
	wg.Wait()

	ix := &index{n: n, art: func(d int32) *corpus.Article { return arts[d] }}
	ix.meta = sync.OnceValue(func() *metaIndex { return buildMeta(arts) })
	ix.lex.words = mergeVocab(builds)
	vocab := ix.lex.words
	terms := len(vocab)
	ix.shards = make([]*shard, shards)
	for s, b := range builds {
		wg.Go(func() {
			g2l := make([]int32, terms)
			for i := range g2l {
				g2l[i] = -1
			}
			for l, w := range b.words {
				g, _ := slices.BinarySearch(vocab, w)
				g2l[g] = int32(l)
			}
			sh := &shard{lo: s * n / shards, hi: (s + 1) * n / shards}
			sh.body = b.body.layout(g2l, terms)
			sh.title = b.title.layout(g2l, terms)
			sh.buildPrefixCounts(vocab)
			ix.shards[s] = sh
		})
	}
	wg.Go(func() { ix.lex.grams, ix.lex.letters = newGramIndex(vocab), newLetters(vocab) })
	wg.Wait()
	ix.countTerms()
	ix.compounds = mergeCompounds(builds)

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
	// compounds are the splits of the compounds written with hyphens.
	compounds map[string][][]string
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

// progressStep is how many articles a shard indexes between two reports
// of its progress.
const progressStep = 1024

// buildShard indexes the articles arts, the first of which is article
// first of the corpus, adding to progress the articles read.
func buildShard(arts []*corpus.Article, first int, progress *atomic.Int64, release func(i, j int)) *shardBuild {
	b := &shardBuild{
		table:  make([]slot, 1<<14),
		lens:   make([]uint32, 0, len(arts)),
		folded: make([]byte, 0, 64), // id reads eight bytes of it
	}
	for i, a := range arts {
		doc := int32(first + i)
		b.addText(&b.title, a.Title, doc, 0)
		var pos uint32
		for _, p := range a.Paragraphs {
			pos = b.addText(&b.body, p, doc, pos)
			pos++ // no phrase runs across paragraphs
		}
		b.lens = append(b.lens, pos-uint32(len(a.Paragraphs)))
		for _, f := range []*fieldBuild{&b.title, &b.body} {
			if len(f.block.keys) >= blockWords {
				f.addBlock(len(b.words))
			}
		}
		if (i+1)%progressStep == 0 {
			progress.Add(progressStep)
			release(first+i+1-progressStep, first+i+1)
		}
	}
	progress.Add(int64(len(arts) % progressStep))
	release(first+len(arts)-len(arts)%progressStep, first+len(arts))
	for _, f := range []*fieldBuild{&b.title, &b.body} {
		f.addBlock(len(b.words))
		f.block = wordBlock{}
	}
	return b
}

// addText adds the tokens of s, a title or a paragraph of article doc, to
// the block of its field f, from word position pos, and returns the
// position after the last word. It cuts and folds words as fold.Tokens
// does, in one pass with ASCII bytes through a table, and the two-byte
// Latin letters and the punctuation of U+2000-U+203F without decoding
// them: this loop is most of what indexing reads. Going through
// fold.Words (a loop to skip separators, another to fold) made the whole
// build 5-7 % slower; decoding every non-ASCII rune made it 5 % slower.
// A chunk (a run without white space) that holds a hyphen or a symbol
// between words, rare in prose, is handed to fold.Extras for its joined
// compounds and tokens with symbols. addTextRef is its reference:
// TestAddTextAgreesWithReference keeps the two in step.
func (b *shardBuild) addText(f *fieldBuild, s string, doc int32, pos uint32) uint32 {
	w := b.folded[:0]
	bl := &f.block
	emit := func(word []byte, at uint32) {
		bl.keys = append(bl.keys, uint64(b.id(word))<<32|uint64(len(bl.at)))
		bl.at = append(bl.at, uint64(doc)<<32|uint64(at))
	}
	// The current chunk starts at chunk, with the word at chunkPos; extras
	// is set once it may hold longer tokens.
	chunk, chunkPos, extras := 0, pos, false
	for i := 0; i < len(s); {
		start := i
		var class byte
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if fc := fold.ASCII[c]; fc != 0 {
				w = append(w, fc)
				continue
			}
			class = asciiClass[c]
		} else if fc := fold.LatinLetterAt(s, i); fc != 0 {
			i += 2
			w = append(w, fc)
			continue
		} else if fold.PunctuationAt(s, i) {
			class = punctuationClass[s[i+2]&0x3f]
			i += 3
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if fold.IsWordRune(r) {
				w = fold.AppendRune(w, r)
				continue
			}
			if fold.IsSpace(r) {
				class = classSpace
			}
		}
		if len(w) > 0 {
			emit(w, pos)
			pos++
			w = w[:0]
		}
		switch class {
		case classSpace:
			if extras {
				b.addExtras(s[chunk:start], chunkPos, emit)
				extras = false
			}
			chunk, chunkPos = i, pos
		case classTail:
			extras = true
		case classJoin:
			// At the end of a chunk, a symbol other than + # % is
			// punctuation, and a hyphen joins nothing.
			extras = extras || (i < len(s) && (s[i] >= utf8.RuneSelf || asciiClass[s[i]] != classSpace))
		}
	}
	if len(w) > 0 {
		emit(w, pos)
		pos++
	}
	if extras {
		b.addExtras(s[chunk:], chunkPos, emit)
	}
	b.folded = w
	return pos
}

// The classes of separators for addText.
const (
	classOther = iota
	// classSpace ends a chunk.
	classSpace
	// classJoin is a hyphen or a symbol: the chunk may hold a longer token
	// unless it is its last rune.
	classJoin
	// classTail is a symbol kept at the end of a token (+ # %).
	classTail
)

// asciiClass is the class of each "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x03\x02\x03\x02\x00\x00\x00\x00\x03\x00\x02\x02\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" byte that separates words: white
// space, fold.Symbols and the hyphen, + # % (TestSeparatorClasses says
// how it is made).
const asciiClass = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x03\x02\x03\x02\x00\x00\x00\x00\x03\x00\x02\x02\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// punctuationClass is the class of U+2000-U+203F by their last six bits:
// the spaces, and the two hyphens U+2010 and U+2011.
const punctuationClass = "\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// addExtras emits the joined compounds and tokens with symbols of a chunk
// whose first word is at position first, and records the splits of its
// compounds.
func (b *shardBuild) addExtras(chunk string, first uint32, emit func([]byte, uint32)) {
	for _, x := range fold.Extras(chunk, int(first)) {
		emit(x.Folded, uint32(x.Pos))
		if x.Kind != fold.Joined {
			continue
		}
		splits := b.compounds[string(x.Folded)]
		if len(splits) >= maxSplits {
			continue
		}
		var parts []string
		for w := fold.NewWords(chunk[x.Start:x.End]); w.Next(); {
			parts = append(parts, string(w.Folded))
		}
		if !slices.ContainsFunc(splits, func(s []string) bool { return slices.Equal(s, parts) }) {
			if b.compounds == nil {
				b.compounds = map[string][][]string{}
			}
			b.compounds[string(x.Folded)] = append(splits, parts)
		}
	}
}

// maxSplits bounds the ways one compound is recorded to split.
const maxSplits = 4

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

// layout lays the postings out term by term in vocabulary order: g2l
// maps the vocabulary to the shard's term ids (-1 when absent).
func (fb *fieldBuild) layout(g2l []int32, terms int) fieldIndex {
	var docBytes, posBytes int
	for i := range fb.terms {
		docBytes += int(fb.terms[i].docs.n)
		posBytes += int(fb.terms[i].pos.n)
	}
	f := fieldIndex{
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

// countTerms sets the article counts of the terms (bodyDF, titleDF), their
// sums in vocabulary order, the largest, and the common terms.
func (ix *index) countTerms() {
	terms := len(ix.lex.words)
	ix.bodyDF, ix.titleDF = make([]uint32, terms), make([]uint32, terms)
	for _, sh := range ix.shards {
		for t := range terms {
			ix.bodyDF[t] += sh.body.df[t]
			ix.titleDF[t] += sh.title.df[t]
		}
	}
	ix.cumBody, ix.cumTitle = make([]uint64, terms+1), make([]uint64, terms+1)
	for t := range terms {
		ix.cumBody[t+1] = ix.cumBody[t] + uint64(ix.bodyDF[t])
		ix.cumTitle[t+1] = ix.cumTitle[t] + uint64(ix.titleDF[t])
		ix.maxDF = max(ix.maxDF, ix.termDF(int32(t)))
		if ix.termDF(int32(t)) >= minCommonDF {
			ix.common = append(ix.common, int32(t))
		}
	}
	slices.SortFunc(ix.common, func(a, b int32) int { return cmp.Or(cmp.Compare(ix.termDF(b), ix.termDF(a)), cmp.Compare(a, b)) })
}

// mergeCompounds returns the union of the shards' splits of compounds.
func mergeCompounds(builds []*shardBuild) map[string][][]string {
	all := map[string][][]string{}
	for _, b := range builds {
		for w, splits := range b.compounds {
			for _, parts := range splits {
				have := all[w]
				if len(have) < maxSplits && !slices.ContainsFunc(have, func(s []string) bool { return slices.Equal(s, parts) }) {
					all[w] = append(have, parts)
				}
			}
		}
	}
	return all
}
