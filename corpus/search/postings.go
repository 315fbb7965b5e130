package search

import (
	"encoding/binary"
	"math/bits"
)

// postings walks the entries of one term in one field.
type postings struct {
	docs, pos []byte
	i, pi     int
	doc       int32
	count     uint32
	// skip counts the positions of entries passed without reading them.
	skip uint32
	read bool
}

// postings returns the walk of term t's entries.
func (f *fieldIndex) postings(t int32) postings {
	return postings{
		docs: f.docs[f.docOff[t]:f.docOff[t+1]],
		pos:  f.pos[f.posOff[t]:f.posOff[t+1]],
		doc:  -1,
		read: true,
	}
}

// next moves to the next article holding the term.
func (p *postings) next() bool {
	if p.i >= len(p.docs) {
		return false
	}
	if !p.read {
		p.skip += p.count
	}
	p.read = false
	if b := p.docs[p.i]; b < 0x80 {
		// The common entries: a gap of one byte, alone or with a count
		// of one byte.
		p.doc += int32(b >> 1)
		if b&1 == 0 {
			p.count = 1
			p.i++
			return true
		}
		if c := p.docs[p.i+1]; c < 0x80 {
			p.count = uint32(c) + 2
			p.i += 2
			return true
		}
		p.doc -= int32(b >> 1)
	}
	gap, count, i := entry(p.docs, p.i)
	p.doc += gap
	p.count, p.i = count, i
	return true
}

// positions appends the word positions of the term in the current article
// to dst.
func (p *postings) positions(dst []uint32) []uint32 {
	if p.read {
		return dst
	}
	p.pi = skipVarints(p.pos, p.pi, p.skip)
	p.skip = 0
	var at uint32
	for range p.count {
		v, size := uvarint(p.pos, p.pi)
		p.pi += size
		at += v
		dst = append(dst, at)
	}
	p.read = true
	return dst
}

// uvarint decodes the uvarint of b at offset i, one byte without a call,
// and returns it and its size.
func uvarint(b []byte, i int) (uint32, int) {
	if c := b[i]; c < 0x80 {
		return uint32(c), 1
	}
	return uvarintLong(b, i)
}

// uvarintLong is uvarint for a uvarint of two bytes or more.
func uvarintLong(b []byte, i int) (uint32, int) {
	v, size := binary.Uvarint(b[i:])
	return uint32(v), size
}

// skipVarints returns the offset in b after the n uvarints that start at
// i. It counts the bytes that end a varint (high bit clear) eight at a
// time while more than eight remain to skip.
func skipVarints(b []byte, i int, n uint32) int {
	for n >= 8 && i+8 <= len(b) {
		w := binary.LittleEndian.Uint64(b[i:])
		ends := uint32(bits.OnesCount64(^w & 0x8080808080808080))
		if ends >= n {
			break
		}
		n -= ends
		i += 8
	}
	for ; n > 0; i++ {
		if b[i] < 0x80 {
			n--
		}
	}
	return i
}
