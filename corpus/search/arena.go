package search

import (
	"encoding/binary"
	"math/bits"
)

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
