package snapshot

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/similar"
)

// Request names what to load and where its snapshot lives.
type Request struct {
	// Paths are the files and folders to load, as given.
	Paths []string
	// Options are the load's; Key names those that shape the articles
	// (format, links followed, file size limit), so that a load with
	// other ones has a snapshot of its own.
	Options ingest.Options
	Key     string
	// Version is the version of gazette; a snapshot of another is not
	// read.
	Version string
	// Dir is the folder of the snapshots (see Dir).
	Dir string
	// What names the sources for people, kept in the snapshot.
	What string
	// Note is told, in one line, why a snapshot was not used.
	Note func(string)
	// Damaged, when set, is called once if what the snapshot holds is
	// found damaged after it opened (an article's record or text, a
	// block of the postings, checked when first read): the file is then
	// removed, the damaged articles read as placeholders that say so,
	// and the next load reads the sources.
	Damaged func()
	// ReadOnly reads the snapshot but writes none: Save does nothing.
	ReadOnly bool
	// Writing, when set, is called with what removes the file of the
	// snapshot being written as soon as it is created, for a process
	// that may quit before Load or Save ends (the reader, which saves
	// behind itself): no half-written file is left, the corpus stays
	// readable, and a file already renamed over the snapshot is kept.
	Writing func(discard func())
	// Copies keeps the groups of copies (similar.Find) in the snapshot:
	// the reader, which finds them at every launch, asks for it, and
	// finds them once, for itself and the snapshot, with Loaded.Copies;
	// a command that does not need them spares its first load that
	// second pass over the text (14 % more time at 100,000 articles).
	Copies bool
}

// Loaded is a corpus, from its snapshot or its sources.
type Loaded struct {
	Corpus   *corpus.Corpus
	Index    *search.Index
	Problems []ingest.Problem
	// FromSnapshot is set when no source was read: every one was as the
	// snapshot recorded it.
	FromSnapshot bool
	// Read and Reused count the files read and those whose articles came
	// from the snapshot when some sources changed.
	Read, Reused int
	// Copies, when the request asked to keep them and the snapshot is
	// being written, finds the groups of copies of Corpus, once: for the
	// caller, and for the snapshot, which Save then writes them into
	// (waiting for them). Nil otherwise: similar.Find takes them from a
	// snapshot that keeps them.
	Copies func() (*similar.Groups, error)
	save   func() error
}

// Save writes the snapshot of the load, building its index if need be:
// a no-op when the load came whole from the snapshot, when it did not
// complete (the memory budget stopped it), or when the request was
// ReadOnly. A load that read its sources wrote the articles already
// (Load): Save appends the index.
func (l *Loaded) Save() error {
	if l.save == nil {
		return nil
	}
	return l.save()
}

// Load opens the snapshot of the request's sources when every one is
// unchanged (see ingest.Stamps); else it loads them, taking from the
// snapshot, when there is one, the articles of the files that did not
// change.
func Load(req Request) (*Loaded, error) {
	name, err := Name(req.Paths, req.Key)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(req.Dir, name)
	srcs := make([]ingest.Source, len(req.Paths))
	for i, p := range req.Paths {
		srcs[i] = ingest.FromPath(p)
	}
	snap, err := open(path, req.Version, req.Damaged)
	if err != nil && !errors.Is(err, os.ErrNotExist) && req.Note != nil {
		req.Note(fmt.Sprintf("snapshot of %s not used (%s): reading the sources again", corpus.OneLine(req.What), reason(err)))
	}
	if snap != nil {
		if files, ok := ingest.Stamps(srcs, req.Options); ok && sameFiles(files, snap.Files) {
			return &Loaded{Corpus: snap.Corpus, Index: snap.Index, Problems: snap.Problems, FromSnapshot: true, Reused: len(files)}, nil
		}
		req.Options.Reuse = newReuser(snap)
	}
	res := ingest.LoadFiles(srcs, req.Options)
	l := &Loaded{Corpus: res.Corpus, Problems: res.Problems, Read: res.Read, Reused: res.Reused}
	if req.ReadOnly || !res.Complete || len(res.Files) == 0 || res.Corpus.Len() == 0 {
		l.Index = search.New(res.Corpus)
		return l, nil
	}
	contents := Contents{Version: req.Version, What: req.What, Problems: res.Problems, Files: res.Files, Copies: req.Copies}
	if !mapsFiles {
		// Read back whole, the file would only double the heap: the
		// snapshot is written once the index is built.
		l.Index = search.New(res.Corpus)
		contents.Index = l.Index
		l.save = sync.OnceValue(func() error { return Write(path, contents) })
		return l, nil
	}
	if pr := req.Options.Progress; pr != nil {
		pr.Saving.Store(true)
		defer pr.Saving.Store(false)
	}
	p, mapped, err := begin(path, contents, res.Corpus, req.Writing)
	if err != nil {
		l.Index = search.New(res.Corpus)
		l.save = func() error { return err }
		return l, nil
	}
	// The text is in the file now, and the corpus reads it there: the
	// memory that held it goes back to the system before the index is
	// built (see pending.go).
	res.Corpus, l.Corpus = nil, mapped
	debug.FreeOSMemory()
	l.Index = search.New(mapped)
	if req.Copies {
		l.Copies = sync.OnceValues(func() (*similar.Groups, error) { return similar.Find(context.Background(), mapped) })
	}
	l.save = sync.OnceValue(func() error { return p.finish(l.Index, l.Copies) })
	return l, nil
}

// reason says in a few words why a snapshot could not be opened.
func reason(err error) string {
	switch {
	case errors.Is(err, ErrVersion):
		return "made by another version of gazette"
	case errors.Is(err, ErrDamaged):
		return "damaged"
	}
	return corpus.OneLine(err.Error())
}

// sameFiles reports whether two lists hold the same files with the same
// stamps, in the same order.
func sameFiles(a, b []ingest.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// reuser gives the articles and problems of a snapshot's files that did
// not change.
type reuser struct {
	snap  *Snapshot
	once  sync.Once
	files map[string]reused
}

// reused is what a snapshot holds of one file.
type reused struct {
	stamp ingest.Stamp
	arts  []*corpus.Article
	probs []ingest.Problem
}

func newReuser(s *Snapshot) *reuser { return &reuser{snap: s} }

// group files the snapshot's articles and problems under their files, on
// the first call.
func (r *reuser) group() {
	r.files = make(map[string]reused, len(r.snap.Files))
	for _, f := range r.snap.Files {
		r.files[f.Path] = reused{stamp: f.Stamp}
	}
	for i := range r.snap.Corpus.Len() {
		a := r.snap.Corpus.At(i)
		if f, ok := r.files[a.Source]; ok {
			f.arts = append(f.arts, a)
			r.files[a.Source] = f
		}
	}
	for _, p := range r.snap.Problems {
		if f, ok := r.files[p.Path]; ok {
			f.probs = append(f.probs, p)
			r.files[p.Path] = f
		}
	}
}

// Reuse gives the articles of the file at path when its stamp is the one
// the snapshot recorded.
func (r *reuser) Reuse(path string, st ingest.Stamp) ([]*corpus.Article, []ingest.Problem, bool) {
	r.once.Do(r.group)
	f, ok := r.files[path]
	if !ok || f.stamp != st {
		return nil, nil, false
	}
	return f.arts, f.probs, true
}
