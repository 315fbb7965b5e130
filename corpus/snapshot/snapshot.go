// Package snapshot saves a loaded corpus and its search index in one
// file, and opens it again by mapping the file into memory: the articles'
// text and the postings are read in place, not decoded, so that opening
// costs the checks, not the size.
//
// # The file
//
// A header of 64 bytes (a magic string, the layout's version, the byte
// order, the file's size, where its table of parts is, and a CRC-32C of
// everything after the header), then parts on eight-byte boundaries (see
// the flat package): the version of gazette that wrote it and what it
// holds; the files it was loaded from, each with its stamp (size,
// modification time and a checksum of both ends, see ingest.Stamp); the
// load's problems; the articles, as one table of strings, a fixed record
// per article and the counts of its lists; and the index as the search
// package lays it out (search.Index.Encode). The table of parts ends the
// file.
//
// # Costs and trust
//
// Opening maps the file (read-only) and checks the table of parts, the
// small tables (the files, the problems, the vocabulary and the index's
// counts, offsets and dates) against their checksums and each other, and
// the sizes of the rest: at 100,000 articles about 3 ms and 4 MB read.
// The rest is checked as it is first read: an article's record, the
// counts of its lists and the offsets of its strings (4 KiB blocks of
// each) when it is first asked for, its strings when it is built, the
// postings and the prefixes' counts a block of 64 KiB at a time when a
// search first reads them, so that a search of a rare word from a fresh
// process reads a few blocks, not the whole snapshot. Nothing read from
// the file is used before it is checked: a file of another layout or
// version, cut short, or with one bit changed is refused with an error
// or, when the damage is found in what is checked as it is read, removed
// (the article found damaged reads as a placeholder that says so, a
// search fails), so that the next load reads the sources. The mapping is
// never unmapped: the corpus's strings live in it for the rest of the
// process.
//
// Writing costs one pass over the articles and the index, through a
// buffer, to a temporary file renamed over the old snapshot once
// complete: a reader never sees half a snapshot. A load that reads its
// sources (Load) writes the articles before the index is built and maps
// them, so that its corpus and the index's build read the text from the
// file rather than hold it on the heap (pending.go): at a million
// articles that keeps 3.7 GB of text from adding to the build's 2.3 GB.
package snapshot

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/similar"
)

// magic starts every snapshot.
const magic = "gazsnap\x00"

// layout is the version of the file's layout; a snapshot of another one
// is not read.
const layout = 5

// headerSize is the size of the header, before the first part.
const headerSize = 64

// ErrVersion is wrapped by Open's error for a snapshot made by another
// version of gazette or in another layout.
var ErrVersion = errors.New("made by another version")

// ErrDamaged is wrapped by Open's error for a snapshot that is not what
// its checksum or its tables say.
var ErrDamaged = flat.ErrDamaged

// Snapshot is a corpus and its index opened from a file.
type Snapshot struct {
	Corpus   *corpus.Corpus
	Index    *search.Index
	Problems []ingest.Problem
	// Files are the files the corpus was loaded from, with their stamps.
	Files []ingest.File
	// What names the sources, as given when written.
	What string
}

// Contents is what Write saves.
type Contents struct {
	// Version is the version of gazette writing it; Open refuses a
	// snapshot of another.
	Version  string
	What     string
	Index    *search.Index
	Problems []ingest.Problem
	Files    []ingest.File
	// Copies finds the groups of copies and keeps them (see
	// Request.Copies).
	Copies bool
}

// Write saves s at path, atomically: to a temporary file in the same
// folder, renamed to path once written. It builds the index if need be.
func Write(path string, s Contents) error {
	p, _, err := create(path, s, s.Index.Corpus(), nil)
	if err != nil {
		return err
	}
	var copies func() (*similar.Groups, error)
	if s.Copies {
		copies = func() (*similar.Groups, error) { return similar.Find(context.Background(), s.Index.Corpus()) }
	}
	return p.finish(s.Index, copies)
}

// staleAfter is how old a temporary file must be to be taken for the
// remains of a write that never ended (the process quit or died).
const staleAfter = time.Hour

// removeStale removes the temporary files of writes that never ended.
func removeStale(dir string) {
	tmps, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"+Ext))
	for _, p := range tmps {
		if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > staleAfter {
			os.Remove(p)
		}
	}
}

// byteOrder names the machine's byte order in the header.
func byteOrder() uint32 {
	if flat.NativeLittleEndian() {
		return 1
	}
	return 2
}

// Open maps the snapshot at path and returns what it holds, if version
// wrote it and it is whole. An article found damaged later, when it is
// first read, removes the file, so that the next load reads the sources.
func Open(path, version string) (*Snapshot, error) { return open(path, version, nil) }

// open is Open, calling damaged, when not nil, once an article is found
// damaged (after the file is removed).
func open(path, version string, damaged func()) (*Snapshot, error) {
	data, err := mapFile(path)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", path, err)
	}
	s, err := decode(data, version, sync.OnceFunc(func() {
		os.Remove(path)
		if damaged != nil {
			damaged()
		}
	}))
	if err != nil {
		unmap(data)
		return nil, fmt.Errorf("snapshot %s: %w", path, err)
	}
	// The reader reads the articles here and there: the text is not read
	// ahead of each page it needs (a pass over it asks, Corpus.Prefetch).
	if arts, ok := s.Corpus.Source().(*articles); ok {
		readRandomly(arts.table.Bytes())
	}
	return s, nil
}

// Decode reads a snapshot from data, sharing its memory, which must start
// on an eight-byte boundary and never change. It checks the header, then
// every table as it reads it, against its checksum and the others; the
// articles' text and the postings are checked when first used.
func Decode(data []byte, version string) (*Snapshot, error) { return decode(data, version, nil) }

// decode is Decode, calling damaged when an article is found damaged.
func decode(data []byte, version string, damaged func()) (*Snapshot, error) {
	if len(data) < headerSize || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("not a snapshot: %w", ErrDamaged)
	}
	h := data[:headerSize]
	if binary.NativeEndian.Uint32(h[8:]) != layout || binary.NativeEndian.Uint32(h[12:]) != byteOrder() {
		return nil, ErrVersion
	}
	if size := binary.NativeEndian.Uint64(h[16:]); size != uint64(len(data)) {
		return nil, fmt.Errorf("%d bytes, %d written: %w", len(data), size, ErrDamaged)
	}
	r, err := flat.NewReader(data, binary.NativeEndian.Uint64(h[24:]), binary.NativeEndian.Uint64(h[32:]), binary.NativeEndian.Uint32(h[40:]))
	if err != nil {
		return nil, err
	}
	return decodeParts(r, version, damaged)
}

// decodeParts reads the parts of a snapshot.
func decodeParts(r *flat.Reader, version string, damaged func()) (*Snapshot, error) {
	meta, err := r.Strings(2)
	if err != nil {
		return nil, err
	}
	if meta.At(0) != version {
		return nil, fmt.Errorf("%w (%s)", ErrVersion, corpus.OneLine(meta.At(0)))
	}
	s := &Snapshot{What: meta.At(1)}
	if s.Files, err = decodeFiles(r); err != nil {
		return nil, err
	}
	if s.Problems, err = decodeProblems(r); err != nil {
		return nil, err
	}
	arts, err := decodeArticles(r)
	if err != nil {
		return nil, err
	}
	if arts.keys, err = decodeKeys(r, arts.Len()); err != nil {
		return nil, err
	}
	arts.damaged = damaged
	s.Corpus = corpus.FromSource(arts)
	if s.Index, err = search.Decode(s.Corpus, r, damaged); err != nil {
		return nil, err
	}
	if arts.copies, err = decodeCopies(r, arts.Len()); err != nil {
		return nil, err
	}
	return s, r.Done()
}

// encodeFiles writes the files' paths and stamps.
func encodeFiles(w *flat.Writer, files []ingest.File) {
	paths := make([]string, len(files))
	stamps := make([]int64, 0, 3*len(files))
	for i, f := range files {
		paths[i] = f.Path
		stamps = append(stamps, f.Stamp.Size, f.Stamp.ModTime, int64(f.Stamp.Sample))
	}
	w.Strings(paths)
	flat.Numbers(w, stamps)
}

// decodeFiles reads what encodeFiles wrote.
func decodeFiles(r *flat.Reader) ([]ingest.File, error) {
	paths, err := r.Strings(-1)
	if err != nil {
		return nil, err
	}
	stamps, err := flat.Read[int64](r, 3*paths.Len())
	if err != nil {
		return nil, err
	}
	files := make([]ingest.File, paths.Len())
	for i := range files {
		files[i] = ingest.File{Path: paths.At(i), Stamp: ingest.Stamp{Size: stamps[3*i], ModTime: stamps[3*i+1], Sample: uint32(stamps[3*i+2])}}
	}
	return files, nil
}

// encodeProblems writes the problems, three strings each.
func encodeProblems(w *flat.Writer, probs []ingest.Problem) {
	strs := make([]string, 0, 3*len(probs))
	for _, p := range probs {
		strs = append(strs, p.Path, p.Reason, p.Duplicate)
	}
	w.Strings(strs)
}

// decodeProblems reads what encodeProblems wrote.
func decodeProblems(r *flat.Reader) ([]ingest.Problem, error) {
	t, err := r.Strings(-1)
	if err != nil {
		return nil, err
	}
	if t.Len()%3 != 0 {
		return nil, fmt.Errorf("problems: %w", ErrDamaged)
	}
	probs := make([]ingest.Problem, t.Len()/3)
	for i := range probs {
		probs[i] = ingest.Problem{Path: t.At(3 * i), Reason: t.At(3*i + 1), Duplicate: t.At(3*i + 2)}
	}
	return probs, nil
}

// decodeHead returns what the snapshot in data names, reading only its
// header and first part (its checksum is not checked).
func decodeHead(data []byte) (string, error) {
	h := data[:headerSize]
	if binary.NativeEndian.Uint32(h[8:]) != layout || binary.NativeEndian.Uint32(h[12:]) != byteOrder() {
		return "", ErrVersion
	}
	r, err := flat.NewReader(data, binary.NativeEndian.Uint64(h[24:]), binary.NativeEndian.Uint64(h[32:]), binary.NativeEndian.Uint32(h[40:]))
	if err != nil {
		return "", err
	}
	meta, err := r.Strings(2)
	if err != nil {
		return "", err
	}
	// Cloned: the caller unmaps data.
	return strings.Clone(corpus.OneLine(meta.At(1))), nil
}
