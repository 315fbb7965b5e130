package ingest

import (
	"sync"
	"sync/atomic"

	"github.com/gazette-reader/gazette/corpus"
)

// Progress counts what a load has done so far, for a progress bar: it is
// read while the load runs (see Options.Progress). Articles are counted
// as they are made: those of a JSON Lines file a batch of lines at a
// time, the others a file at a time.
//
// A reader that shows the articles before the load ends asks for them
// with KeepArrivals, then takes those made since it last asked with
// Arrived. An article is never changed once made (the load replaces one
// it must change, such as a page whose chrome it drops at the end), so
// that what Arrived gives may be read while the load goes on; it is what
// the file gave, before the load drops repeated files and chrome.
type Progress struct {
	// Files and Size are the files the walk found and their bytes;
	// Done and Read those read so far.
	Files, Size atomic.Int64
	Done, Read  atomic.Int64
	Articles    atomic.Int64
	// Saving is set while what was loaded is written out (a snapshot),
	// after the sources are read.
	Saving atomic.Bool
	// Comparing is set while a stream's first pass compares the scraped
	// pages of each folder, before any article is handed on (see
	// Stream); Pages counts the pages read by it.
	Comparing atomic.Bool
	Pages     atomic.Int64

	mu      sync.Mutex
	keep    bool
	arrived []*corpus.Article
}

// KeepArrivals asks the load to keep the articles it makes for Arrived.
func (p *Progress) KeepArrivals() {
	p.mu.Lock()
	p.keep = true
	p.mu.Unlock()
}

// Arrived returns the articles made since the last call (with
// KeepArrivals), in the order they were made.
func (p *Progress) Arrived() []*corpus.Article {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.arrived
	p.arrived = nil
	return out
}

// arrive counts arts, and keeps them when asked.
func (p *Progress) arrive(arts []*corpus.Article) {
	if p == nil || len(arts) == 0 {
		return
	}
	p.Articles.Add(int64(len(arts)))
	p.mu.Lock()
	if p.keep {
		p.arrived = append(p.arrived, arts...)
	}
	p.mu.Unlock()
}
