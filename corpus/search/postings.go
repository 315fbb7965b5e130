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
	var v uint64
	if b := p.docs[p.i]; b < 0x80 {
		v = uint64(b)
		p.i++
	} else {
		var size int
		v, size = binary.Uvarint(p.docs[p.i:])
		p.i += size
	}
	p.doc += int32(v >> 1)
	p.count = 1
	if v&1 != 0 {
		c, size := binary.Uvarint(p.docs[p.i:])
		p.i += size
		p.count = uint32(c) + 2
	}
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
		v, size := binary.Uvarint(p.pos[p.pi:])
		p.pi += size
		at += uint32(v)
		dst = append(dst, at)
	}
	p.read = true
	return dst
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
