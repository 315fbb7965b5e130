package snapshot

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/similar"
	"github.com/gazette-reader/gazette/corpus/state"
)

// A first load writes its snapshot in two steps, so that the articles'
// text leaves the heap before the index is built: holding it there while
// the index's postings are gathered and laid out is what would set the
// load's peak (a million articles: 3.7 GB of text, and 2.3 GB for the
// build at its height). The articles are written first, to the temporary
// file, which is then mapped: the corpus the caller gets reads its text
// there, as from an opened snapshot, and the index is built from the
// mapping, giving back each stretch of it once read (Corpus.Release).
// Then the index is appended and the file renamed over the snapshot, as
// Write does.

// pending is a snapshot whose articles are written and mapped, and whose
// index is not.
type pending struct {
	path string
	f    *os.File
	w    *flat.Writer
	// mu orders the rename of a finished file and its removal by a
	// process that quits first; ended is set by either.
	mu    sync.Mutex
	ended bool
}

// create writes the start of the snapshot of c to a temporary file beside
// path: everything Write writes but the index. from is the first part of
// the articles. writing, when set, is given what removes the file, once
// it exists.
func create(path string, s Contents, c *corpus.Corpus, writing func(func())) (p *pending, from int, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, 0, fmt.Errorf("snapshot: %w", err)
	}
	removeStale(filepath.Dir(path))
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*"+filepath.Ext(path))
	if err != nil {
		return nil, 0, fmt.Errorf("snapshot: %w", err)
	}
	p = &pending{path: path, f: f}
	if writing != nil {
		writing(p.abandon)
	}
	if _, err := f.Write(make([]byte, headerSize)); err != nil {
		p.abandon()
		return nil, 0, fmt.Errorf("snapshot %s: %w", f.Name(), err)
	}
	p.w = flat.NewWriter(f, headerSize)
	p.w.Strings([]string{s.Version, s.What})
	encodeFiles(p.w, s.Files)
	encodeProblems(p.w, s.Problems)
	from = p.w.Parts()
	encodeArticles(p.w, c)
	encodeKeys(p.w, state.Keys(c))
	return p, from, nil
}

// begin is create, then maps what it wrote and returns the corpus read
// from the mapping, in the same order as c.
func begin(path string, s Contents, c *corpus.Corpus, writing func(func())) (*pending, *corpus.Corpus, error) {
	p, from, err := create(path, s, c, writing)
	if err != nil {
		return nil, nil, err
	}
	if err := p.w.Flush(); err != nil {
		p.abandon()
		return nil, nil, fmt.Errorf("snapshot %s: %w", p.f.Name(), err)
	}
	data, err := mapFile(p.f.Name())
	if err != nil {
		p.abandon()
		return nil, nil, fmt.Errorf("snapshot %s: %w", p.f.Name(), err)
	}
	r, err := p.w.Written(data, from)
	var arts *articles
	if err == nil {
		arts, err = decodeArticles(r)
	}
	if err == nil {
		arts.keys, err = decodeKeys(r, arts.Len())
	}
	if err != nil {
		unmap(data)
		p.abandon()
		return nil, nil, fmt.Errorf("snapshot %s: articles written: %w", p.f.Name(), err)
	}
	return p, corpus.FromSource(arts), nil
}

// finish appends the index, the groups of copies when copies is not nil
// (see Request.Copies), and the table of parts, then renames the file
// over the snapshot.
func (p *pending) finish(ix *search.Index, copies func() (*similar.Groups, error)) (err error) {
	defer func() {
		if err != nil {
			p.abandon()
		}
	}()
	ix.Encode(p.w)
	var g *similar.Groups
	if copies != nil {
		if g, err = copies(); err != nil {
			return fmt.Errorf("snapshot %s: %w", p.f.Name(), err)
		}
	}
	encodeCopies(p.w, g)
	tableOff, parts, sum, err := p.w.Finish()
	if err != nil {
		return fmt.Errorf("snapshot %s: %w", p.f.Name(), err)
	}
	var h [headerSize]byte
	copy(h[:], magic)
	binary.NativeEndian.PutUint32(h[8:], layout)
	binary.NativeEndian.PutUint32(h[12:], byteOrder())
	binary.NativeEndian.PutUint64(h[16:], uint64(p.w.Offset()))
	binary.NativeEndian.PutUint64(h[24:], uint64(tableOff))
	binary.NativeEndian.PutUint64(h[32:], uint64(parts))
	binary.NativeEndian.PutUint32(h[40:], sum)
	if _, err := p.f.WriteAt(h[:], 0); err != nil {
		return fmt.Errorf("snapshot %s: %w", p.f.Name(), err)
	}
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("snapshot %s: %w", p.f.Name(), err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended {
		return errors.New("snapshot: discarded before it was written")
	}
	p.ended = true
	if err := os.Rename(p.f.Name(), p.path); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}

// abandon removes the temporary file, unless it was renamed over the
// snapshot. A mapping of it stays readable.
func (p *pending) abandon() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended {
		return
	}
	p.ended = true
	p.f.Close()
	os.Remove(p.f.Name())
}
