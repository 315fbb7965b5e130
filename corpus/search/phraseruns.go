package search

import "slices"

// phraseRuns finds a phrase whose words are one term each (terms, at
// offsets offs in the phrase, rarest first in order) and calls score
// with each article holding it and how many times it does.
//
// The two rarest words decide nearly everything, and in a phrase of
// common words both sit in most articles: their postings and positions
// are read straight through rather than article by article. Every place
// the rarest word allows the phrase to start (in an article that can
// still match, the word's position less its offset) becomes one sorted
// key, article and start; the second word's, when it is about as common,
// are made the same way and the two runs intersected. The other words
// (and a second word far more common than the first) then keep the keys
// they follow, their postings walked a block at a time and their
// positions read only in the keys' articles. The cost is one pass over
// the rarest words' postings and positions, a few nanoseconds an
// occurrence without a branch the processor cannot predict, and a walk
// of the other words' article lists.
func (e *evaluator) phraseRuns(f *fieldIndex, terms [][]int32, offs []uint32, order []int, score func(int32, float32)) {
	ph := &e.ph
	first := order[0]
	keys := e.phraseStarts(f, terms[first][0], offs[first], ph.keys[:0])
	rest := order[1:]
	if len(rest) > 0 && f.df[terms[rest[0]][0]] <= 4*f.df[terms[first][0]] {
		// The second word is about as common: its starts read the same
		// way, and the two runs intersected.
		ph.other = e.phraseStarts(f, terms[rest[0]][0], offs[rest[0]], ph.other[:0])
		keys, rest = intersectKeys(keys, ph.other), rest[1:]
	}
	for _, k := range rest {
		if len(keys) == 0 || e.err != nil {
			break
		}
		keys = e.phraseFollow(f, terms[k][0], offs[k], keys)
	}
	ph.keys = keys
	if e.err != nil {
		return
	}
	for j := 0; j < len(keys); {
		d, n := keyDoc(keys[j]), 1
		for j+n < len(keys) && keyDoc(keys[j+n]) == d {
			n++
		}
		score(d, float32(n))
		j += n
	}
}

// phraseKey is an article and a word position in one sortable key.
func phraseKey(d int32, at uint32) uint64 { return uint64(d)<<32 | uint64(at) }

// keyDoc is the article of a phraseKey.
func keyDoc(k uint64) int32 { return int32(k >> 32) }

// phraseStarts appends to keys, in order, every start the phrase may have
// given term t at offset k in it: each position of t at k or more, less
// k, in the articles that can still match.
//
// It reads a block of entries (articles and counts) first, then the
// block's positions in one loop over positions rather than a loop per
// article: where an article's positions end, what a processor cannot
// predict, is worked out with arithmetic instead of branches, and so is
// whether a gap takes one byte or two.
func (e *evaluator) phraseStarts(f *fieldIndex, t int32, k uint32, keys []uint64) []uint64 {
	docs, pos := f.docs[f.docOff[t]:f.docOff[t+1]], f.pos[f.posOff[t]:f.posOff[t+1]]
	if e.buf == nil {
		e.buf = new(walkBuf)
	}
	var tfs, ok [walkBlock]uint32
	// The keys hold at least a key an article of the term's, and double
	// when full: each growth is a copy and brings on a collection of the
	// heap, which a first phrase (no keys kept yet) paid a block at a
	// time.
	keys = slices.Grow(keys, int(f.df[t]))
	d, i, pi := int32(-1), 0, 0
	for i < len(docs) && e.err == nil {
		// The block's articles, their counts and whether each can still
		// match.
		var n, total int
		i, d, n, total = decodeEntries(docs, i, d, &e.buf.doc, &tfs)
		for x, dx := range e.buf.doc[:n] {
			ok[x] = b2u(e.open(dx))
		}
		e.tickN(n)
		if cap(keys)-len(keys) < total {
			keys = slices.Grow(keys, max(total, cap(keys)))
		}
		out := keys[len(keys) : len(keys)+total]
		m := 0
		j, rem, at := -1, uint32(0), uint32(0)
		for range total {
			// A gap of one byte or two; longer ones (positions past
			// 16,383) the rare way.
			v, c := uint32(pos[pi]), uint32(0)
			if pi+1 < len(pos) {
				c = uint32(pos[pi+1])
			}
			long := v >> 7
			if long&(c>>7) != 0 {
				var size int
				v, size = uvarintLong(pos, pi)
				pi += size - 2
			} else {
				v = v&0x7f | (c<<7)&-long
			}
			pi += 1 + int(long)
			// A new article when the last one's positions are done.
			first := b2u(rem == 0)
			j += int(first)
			rem += first*tfs[j] - 1
			at = at&(first-1) + v
			out[m] = phraseKey(e.buf.doc[j], at-k)
			m += int(b2u(at >= k) & ok[j])
		}
		keys = keys[:len(keys)+m]
	}
	return keys
}

// b2u is 1 for true and 0 for false.
func b2u(b bool) uint32 {
	var u uint32
	if b {
		u = 1
	}
	return u
}

// intersectKeys keeps in a the keys (sorted) also in b (sorted), without
// a branch on which run moves on.
func intersectKeys(a, b []uint64) []uint64 {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		a[n] = x
		n += int(b2u(x == y))
		i += int(b2u(x <= y))
		j += int(b2u(y <= x))
	}
	return a[:n]
}

// decodeEntries decodes up to walkBlock postings entries of docs from
// offset i on, the article before them being d, into doc and tfs, as
// decodeBlock does; it returns the offset and the article it stopped at,
// how many entries it read and the sum of their counts. It keeps every
// entry (a phrase skips the positions of those it does not read), where
// decodeBlock keeps the open articles in the same pass: written as one
// loop and a filtering pass after it, common words cost 3-5 % more CPU
// (measured alternated), so the two loops stay apart; the decoding of an
// entry is written out in both, since as a function of its own the
// compiler does not inline it (cost 140 over its budget of 80).
func decodeEntries(docs []byte, i int, d int32, doc *[walkBlock]int32, tfs *[walkBlock]uint32) (next int, last int32, n, total int) {
	for ; n < walkBlock && i < len(docs); n++ {
		b0, b1 := docs[i], byte(0)
		if i+1 < len(docs) {
			b1 = docs[i+1]
		}
		var tf uint32
		if more := b0 & 1; b0|(b1&-more) < 0x80 {
			d += int32(b0 >> 1)
			tf = 1 + uint32(more)*(uint32(b1)+1)
			i += 1 + int(more)
		} else {
			var gap int32
			gap, tf, i = entry(docs, i)
			d += gap
		}
		doc[n], tfs[n] = d, tf
		total += int(tf)
	}
	return i, d, n, total
}

// phraseFollow keeps the keys (sorted) whose start term t follows at
// offset k: a merge of the keys with t's postings, a block at a time,
// positions read only in the articles of a key, those between skipped in
// one go (a block before the next key is passed whole).
func (e *evaluator) phraseFollow(f *fieldIndex, t int32, k uint32, keys []uint64) []uint64 {
	docs, pos := f.docs[f.docOff[t]:f.docOff[t+1]], f.pos[f.posOff[t]:f.posOff[t+1]]
	if e.buf == nil {
		e.buf = new(walkBuf)
	}
	var tfs [walkBlock]uint32
	doc := &e.buf.doc
	d, i, pi := int32(-1), 0, 0
	kept, j, skip := 0, 0, uint32(0)
	for i < len(docs) && j < len(keys) && e.err == nil {
		var n, total int
		i, d, n, total = decodeEntries(docs, i, d, doc, &tfs)
		e.tickN(n)
		if d < keyDoc(keys[j]) {
			skip += uint32(total)
			continue
		}
		for x := 0; x < n && j < len(keys); x++ {
			dx, tf := doc[x], tfs[x]
			for j < len(keys) && keyDoc(keys[j]) < dx {
				j++
			}
			if j == len(keys) || keyDoc(keys[j]) != dx {
				skip += tf
				continue
			}
			pi, skip = skipVarints(pos, pi, skip), 0
			var at uint32
			for range tf {
				v, size := uvarint(pos, pi)
				pi += size
				if at += v; at < k {
					continue
				}
				want := phraseKey(dx, at-k)
				for j < len(keys) && keys[j] < want {
					j++
				}
				if j < len(keys) && keys[j] == want {
					keys[kept] = want
					kept++
					j++
				}
			}
		}
	}
	if e.err != nil {
		return keys[:0]
	}
	return keys[:kept]
}
