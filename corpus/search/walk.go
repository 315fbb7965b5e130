package search

import "encoding/binary"

// walkBlock is how many postings walk decodes at a time: it counts its
// work (see tickN), and so looks at the search's context, between blocks.
const walkBlock = 1024

// walkBuf holds the articles of a block of postings that can still match,
// with their term frequencies, between decodeBlock and addBlock.
type walkBuf struct {
	doc [walkBlock]int32
	tf  [walkBlock]float32
}

// walk adds the articles holding term t at tier tr, weighted by w and, in
// bodies, by BM25's term frequency and length normalisation: what add
// does for each of the term's postings, a block of postings at a time.
// The block is decoded first, keeping only the articles that can still
// match (in a query of common words, a later word's postings are mostly
// of articles an earlier word did not reach), then added.
func (e *evaluator) walk(f *fieldIndex, body bool, t int32, tr tier, w float32) {
	docs := f.docs[f.docOff[t]:f.docOff[t+1]]
	if !body {
		w *= titleBoost
	}
	if e.buf == nil {
		e.buf = new(walkBuf)
	}
	d, i := int32(-1), 0
	for i < len(docs) && e.err == nil {
		var n, m int
		if e.not {
			i, d, n = e.excludeBlock(docs, i, d)
		} else {
			i, d, n, m = e.decodeBlock(docs, i, d)
			e.addBlock(e.buf.doc[:m], e.buf.tf[:m], body, tr, w)
		}
		e.tickN(n)
	}
}

// decodeBlock decodes up to walkBlock postings of docs from offset i on,
// the article before them being d, into e.buf, keeping those whose
// article can still match (see open); it returns the offset and the
// article it stopped at, how many postings it read and how many it kept.
//
// An entry of one byte, or two with its count, is decoded without a
// branch on whether it has a count, and every article is written to the
// buffer, at the place of the next one kept: whether the term occurs once
// or more in an article, and whether the article is still open, follow
// no pattern a processor could predict.
func (e *evaluator) decodeBlock(docs []byte, i int, d int32) (next int, last int32, n, m int) {
	buf, count, ci := e.buf, e.run.count, e.ci
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
		buf.doc[m&(walkBlock-1)] = d
		buf.tf[m&(walkBlock-1)] = float32(tf)
		// Kept when count[d] is ci or ci+1: the difference, wrapped, is 0
		// or 1.
		m += int((uint(count[d]-ci) - 2) >> 63)
	}
	return i, d, n, m
}

// entry decodes the postings entry of docs at offset i: the gap from the
// article before, and the count of occurrences; it returns the offset
// after the entry.
func entry(docs []byte, i int) (gap int32, tf uint32, next int) {
	v, size := binary.Uvarint(docs[i:])
	i += size
	tf = 1
	if v&1 != 0 {
		c, size := binary.Uvarint(docs[i:])
		i += size
		tf = uint32(c) + 2
	}
	return int32(v >> 1), tf, i
}

// addBlock adds articles ds, which can all still match, with term
// frequencies tfs, as add does.
func (e *evaluator) addBlock(ds []int32, tfs []float32, body bool, tr tier, w float32) {
	r := e.run
	count, tiers, bm, score, norm := r.count, r.tiers, r.bm, r.score, e.ix.norm
	ci, touched := e.ci, e.touched
	tfs = tfs[:len(ds)]
	for j, d := range ds {
		x := w
		if body {
			tf := tfs[j]
			x = w * tf * (bm25K1 + 1) / (tf + norm[d])
		}
		if count[d] == ci {
			settle(score, tiers, bm, d, ci)
			count[d] = ci + 1
			tiers[d], bm[d] = tr, x
			if len(touched) < e.keep {
				touched = append(touched, d)
			}
		} else {
			tiers[d] = max(tiers[d], tr)
			bm[d] += x
		}
	}
	e.touched = touched
}

// excludeBlock marks as excluded the articles of up to walkBlock postings
// of docs from offset i on, the article before them being d, for a
// negated clause; it returns the offset and the article it stopped at and
// how many postings it read.
func (e *evaluator) excludeBlock(docs []byte, i int, d int32) (next int, last int32, n int) {
	count := e.run.count
	for ; n < walkBlock && i < len(docs); n++ {
		var gap int32
		gap, _, i = entry(docs, i)
		d += gap
		count[d] = excluded
	}
	return i, d, n
}
