package snapshot

import (
	"bytes"
	"context"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
	"github.com/gazette-reader/gazette/corpus/search"
)

// resum recomputes the checksums of the parts and of the table of parts
// of data, when its header lets them be found, so that what the fuzzer
// changes gets past them to the checks of offsets and counts.
func resum(data []byte) {
	if len(data) < headerSize {
		return
	}
	off, n := binary.NativeEndian.Uint64(data[24:]), binary.NativeEndian.Uint64(data[32:])
	if off%8 != 0 || off > uint64(len(data)) || n > (uint64(len(data))-off)/(8*flat.PartWords) {
		return
	}
	span := func(i uint64) (uint64, uint64, bool) {
		e := data[off+8*flat.PartWords*i:]
		start, end := binary.NativeEndian.Uint64(e), binary.NativeEndian.Uint64(e[8:])
		return start, end, start <= end && end <= uint64(len(data))
	}
	// A table of articles is written in small blocks, followed by its
	// blocks' checksums, the block size first: those are made to hold
	// too, so that the checks of the records, counts and offsets are
	// reached. The postings (in blocks of flat.BlockSize) are trusted
	// once their blocks' checksums hold, as a search's inner loops read
	// them without a bound check per entry: left alone.
	for i := uint64(0); i+1 < n; i++ {
		start, end, ok := span(i)
		sumStart, sumEnd, sumOK := span(i + 1)
		if !ok || !sumOK || sumEnd-sumStart < 4 || sumStart%4 != 0 {
			continue
		}
		size := uint64(binary.NativeEndian.Uint32(data[sumStart:]))
		if size != flat.SmallBlockSize || sumEnd-sumStart != 4*(1+(end-start+size-1)/size) {
			continue
		}
		for k, at := uint64(0), sumStart+4; at < sumEnd; k, at = k+1, at+4 {
			binary.NativeEndian.PutUint32(data[at:], flat.Checksum(data[start+k*size:min(start+(k+1)*size, end)]))
		}
	}
	for i := range n {
		if start, end, ok := span(i); ok {
			binary.NativeEndian.PutUint64(data[off+8*flat.PartWords*i+16:], uint64(flat.Checksum(data[start:end])))
		}
	}
	binary.NativeEndian.PutUint32(data[40:], flat.Checksum(data[off:off+8*flat.PartWords*n]))
}

// smallSnapshot returns the bytes of the snapshot of a few generated
// articles.
func smallSnapshot(f testing.TB) []byte {
	path := filepath.Join(f.TempDir(), "small"+Ext)
	idx := search.New(corpustest.Corpus(4, 1))
	files := []ingest.File{{Path: "a", Stamp: ingest.Stamp{Size: 1}}}
	probs := []ingest.Problem{{Path: "a", Reason: "a reason"}}
	if err := Write(path, Contents{Version: "fuzz", What: "fuzz", Index: idx, Files: files, Problems: probs}); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// FuzzDecode feeds Decode damaged snapshots whose checksums are made to
// hold: every offset and count read from them must be checked, nothing
// may panic, and what opens must give its articles.
func FuzzDecode(f *testing.F) {
	good := smallSnapshot(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(bytes.Repeat([]byte{0xff}, headerSize+64))
	f.Fuzz(func(t *testing.T, b []byte) { decodeAndRead(b) })
}

// TestRandomDamageNeverPanics changes random bytes, words and lengths of
// a snapshot, its checksums made to hold, thousands of times: a fixed
// sequence of what FuzzDecode explores.
func TestRandomDamageNeverPanics(t *testing.T) {
	good := smallSnapshot(t)
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		b := append([]byte(nil), good...)
		for range 1 + r.IntN(4) {
			switch i := r.IntN(len(b) - 8); r.IntN(4) {
			case 0:
				b[i] = byte(r.IntN(256))
			case 1:
				binary.NativeEndian.PutUint64(b[i:], r.Uint64())
			case 2:
				binary.NativeEndian.PutUint64(b[i:], []uint64{0, 1, 1 << 32, 1<<64 - 1, 255, 1 << 31}[r.IntN(6)])
			case 3:
				b = b[:max(i, 16)]
			}
		}
		decodeAndRead(b)
	}
}

// decodeAndRead decodes b, its checksums made to hold, and reads what
// opens.
func decodeAndRead(b []byte) {
	data := corpustest.Aligned(b)
	resum(data)
	s, err := Decode(data, "fuzz")
	if err != nil {
		return
	}
	s.Corpus.Prefetch(0, s.Corpus.Len())
	for i := range s.Corpus.Len() {
		s.Corpus.DateAt(i)
		s.Corpus.IDAt(i)
		a := s.Corpus.At(i)
		s.Corpus.ByID(a.ID)
		_ = a.Markdown()
	}
	for _, q := range []string{"co", "sécurité", `"secteur privé"`, "date:2015..2018"} {
		_, _ = s.Index.Search(context.Background(), q)
	}
}
