package ingest

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/gazette-reader/gazette/corpus"
)

// chromeTally counts, for each folder, the short paragraphs of its
// scraped articles: for each, the number of articles it occurs in. It
// holds about 20 bytes for each distinct paragraph of a folder; with a
// limit (a stream's), past limit of them it puts its counts aside in
// temporary files, one for each of tallyParts parts of the hashes, and
// adds them up one part at a time once every article is counted: then it
// holds a part's distinct paragraphs, and the chrome. It is safe for use
// by several goroutines.
type chromeTally struct {
	seed  maphash.Seed
	limit int // distinct paragraphs held before they are put aside; 0: no limit

	mu      sync.Mutex
	folders map[string]*folderTally
	byID    []*folderTally
	held    int
	parts   []*os.File // nil until counts are put aside
	err     error
}

// tallyParts is the number of parts a tally puts its counts aside in.
const tallyParts = 64

// tallyLimit is a stream's limit: about 40 MB of counts.
const tallyLimit = 2 << 20

// folderTally is the tally of one folder: its scraped articles, and the
// articles each paragraph hash occurs in (since the counts were last put
// aside); once they are added up, chrome holds the hashes of its chrome.
type folderTally struct {
	id     uint32
	n      int
	counts map[uint64]int32
	chrome map[uint64]bool
}

func newChromeTally(limit int) *chromeTally {
	return &chromeTally{seed: maphash.MakeSeed(), limit: limit, folders: map[string]*folderTally{}}
}

// add counts the short paragraphs and the title of a, when it is a
// scraped article, each once however often a repeats it.
func (t *chromeTally) add(a *corpus.Article) {
	if !scraped(a) {
		return
	}
	hashes := make([]uint64, 0, len(a.Paragraphs)+1)
	for _, p := range append([]string{a.Title}, a.Paragraphs...) {
		if len(p) <= maxBoilerplate {
			hashes = append(hashes, maphash.String(t.seed, p))
		}
	}
	slices.Sort(hashes)
	hashes = slices.Compact(hashes)
	dir := filepath.Dir(a.Source)
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.folders[dir]
	if f == nil {
		f = &folderTally{id: uint32(len(t.byID)), counts: map[uint64]int32{}}
		t.folders[dir] = f
		t.byID = append(t.byID, f)
	}
	f.n++
	for _, h := range hashes {
		if f.counts[h] == 0 {
			t.held++
		}
		f.counts[h]++
	}
	if t.limit > 0 && t.held > t.limit && t.err == nil {
		t.err = t.putAside()
	}
}

// least is the number of articles of f a paragraph must occur in to be
// chrome, or 0 when f has too few articles to tell.
func (f *folderTally) least() int32 {
	if f.n < minBoilerplateFiles {
		return 0
	}
	return int32(max(minBoilerplateFiles, (f.n+boilerplateShare-1)/boilerplateShare))
}

// putAside appends every count held to its part's file, and forgets
// them. t.mu is held.
func (t *chromeTally) putAside() error {
	if t.parts == nil {
		for range tallyParts {
			f, err := os.CreateTemp("", "gazette-chrome-*")
			if err != nil {
				return fmt.Errorf("count the chrome of scraped pages: %w", err)
			}
			t.parts = append(t.parts, f)
		}
	}
	ws := make([]*bufio.Writer, tallyParts)
	for i, f := range t.parts {
		ws[i] = bufio.NewWriterSize(f, 16<<10)
	}
	var rec [16]byte
	for _, f := range t.byID {
		for h, n := range f.counts {
			binary.LittleEndian.PutUint32(rec[0:], f.id)
			binary.LittleEndian.PutUint64(rec[4:], h)
			binary.LittleEndian.PutUint32(rec[12:], uint32(n))
			if _, err := ws[h%tallyParts].Write(rec[:]); err != nil {
				return fmt.Errorf("count the chrome of scraped pages: %w", err)
			}
		}
		clear(f.counts)
	}
	t.held = 0
	for _, w := range ws {
		if err := w.Flush(); err != nil {
			return fmt.Errorf("count the chrome of scraped pages: %w", err)
		}
	}
	return nil
}

// finish adds up the counts put aside, a part at a time, into each
// folder's chrome, and removes the files; nothing to do when nothing was
// put aside. Every article must be counted.
func (t *chromeTally) finish() error {
	if t.parts == nil || t.err != nil {
		return errors.Join(t.err, t.remove())
	}
	err := t.putAside()
	for _, f := range t.byID {
		f.counts, f.chrome = nil, map[uint64]bool{}
	}
	for _, part := range t.parts {
		if err != nil {
			break
		}
		err = t.addUp(part)
	}
	return errors.Join(err, t.remove())
}

// addUp adds up the counts of one part's file into the folders' chrome.
func (t *chromeTally) addUp(part *os.File) error {
	if _, err := part.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("count the chrome of scraped pages: %w", err)
	}
	type key struct {
		folder uint32
		hash   uint64
	}
	sums := map[key]int32{}
	r := bufio.NewReaderSize(part, 64<<10)
	var rec [16]byte
	for {
		if _, err := io.ReadFull(r, rec[:]); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("count the chrome of scraped pages: %w", err)
		}
		k := key{binary.LittleEndian.Uint32(rec[0:]), binary.LittleEndian.Uint64(rec[4:])}
		if int(k.folder) >= len(t.byID) {
			return errors.New("count the chrome of scraped pages: a temporary file is damaged")
		}
		sums[k] += int32(binary.LittleEndian.Uint32(rec[12:]))
	}
	for k, n := range sums {
		if f := t.byID[k.folder]; f.least() > 0 && n >= f.least() {
			f.chrome[k.hash] = true
		}
	}
	return nil
}

// remove closes and removes the parts' files.
func (t *chromeTally) remove() error {
	var errs []error
	for _, f := range t.parts {
		errs = append(errs, f.Close(), os.Remove(f.Name()))
	}
	t.parts = nil
	return errors.Join(errs...)
}

// drop returns a without its folder's chrome (see dropChrome), once
// every article of the folder is counted (and finish called).
func (t *chromeTally) drop(l *loader, a *corpus.Article) *corpus.Article {
	if !scraped(a) {
		return a
	}
	f := t.folders[filepath.Dir(a.Source)]
	if f == nil || f.least() == 0 {
		return a
	}
	least := f.least()
	return l.dropChrome(a, func(p string) bool {
		if len(p) > maxBoilerplate {
			return false
		}
		h := maphash.String(t.seed, p)
		if f.chrome != nil {
			return f.chrome[h]
		}
		return f.counts[h] >= least
	})
}
