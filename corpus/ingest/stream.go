package ingest

import (
	"cmp"
	"slices"
	"sync"

	"github.com/gazette-reader/gazette/corpus"
)

// A stream reads what Load reads, without holding it: articles go to the
// consumer a batch at a time, in walk order (a file's in its order), as
// they are read, and are forgotten. What is held at once is bounded by
// the files being read (one per worker), a window of streamWindow files
// read ahead of the one whose turn it is, and the batches of a JSON Lines
// file in flight; not by the corpus.
//
// Scraped pages' chrome is found by comparing the pages of a folder (see
// dropBoilerplate): a stream with scraped files reads them twice, first
// to count their short paragraphs (a chromeTally), then to hand them on
// without their chrome. A stream of records only (JSON Lines, JSON, CSV,
// feeds) reads every file once.
//
// What differs from Load: byte-identical files are not told apart (each
// is handed on; the consumer sees the same content twice), and the
// articles are in walk order, not in timeline order, with their IDs as
// read (corpus.New gives a repeated ID its ~2; the consumer must).

// streamWindow is how many files past the one whose turn it is may be
// read and wait for their turn.
const streamWindow = 64

// Stream reads the articles of the sources as Load does and hands them to
// emit, in batches, in the order the walk finds their files (records in
// their file's order), instead of making a corpus: its memory does not
// grow with the corpus. emit is called by one goroutine at a time; when
// it fails, the stream stops and returns its error. The problems are
// those Load would report, but for byte-identical files (see above).
func Stream(sources []Source, opts Options, emit func([]*corpus.Article) error) ([]Problem, error) {
	opts, bad := prepare(opts)
	if bad != nil {
		return bad, nil
	}
	tally, err := countChrome(sources, opts)
	if err != nil {
		return nil, err
	}
	l := newLoader(opts, false)
	l.sized = opts.Progress != nil // by the first walk
	st := &streamer{l: l, emit: emit, tally: tally, pending: map[int]*fileResult{}, skipped: make([][]skippedFile, len(sources))}
	st.turn = sync.NewCond(&st.mu)
	l.stream = st
	jobs := make(chan fileJob)
	wait := l.work(jobs, st.done)
	walkProblems, skipped := l.dispatch(sources, jobs)
	close(jobs)
	wait()
	for i := range skipped {
		skipped[i] = append(skipped[i], st.skipped[i]...)
	}
	probs := append(walkProblems, skipSummaries(sources, skipped)...)
	if p, ok := l.budget.problem(st.sent); ok && st.err == nil {
		probs = append(probs, p)
	}
	probs = append(probs, st.problems...)
	slices.SortStableFunc(probs, func(a, b Problem) int { return cmp.Compare(a.Path, b.Path) })
	return sanitizeProblems(probs), st.err
}

// countChrome reads the scraped files of the sources (text, Markdown and
// web pages; records are not opened) and counts their short paragraphs,
// or returns nil when there are none. It fails when the counts cannot be
// put aside on disk.
func countChrome(sources []Source, opts Options) (*chromeTally, error) {
	p := opts.Progress
	if p != nil {
		p.Comparing.Store(true)
		defer p.Comparing.Store(false)
	}
	// The first walk counts the files and their bytes for p, which the
	// second does not count again; what it reads counts on a Progress
	// of its own.
	var first Progress
	opts.Progress, opts.Reuse = &first, nil
	if p != nil {
		defer func() { p.Files.Store(first.Files.Load()); p.Size.Store(first.Size.Load()) }()
	}
	l := newLoader(opts, false)
	l.counting = true
	t := newChromeTally(tallyLimit)
	jobs := make(chan fileJob)
	wait := l.work(jobs, func(r fileResult) {
		for _, a := range r.articles {
			t.add(a)
		}
		if p != nil && len(r.articles) > 0 {
			p.Pages.Add(int64(len(r.articles)))
		}
	})
	// A reader (standard input) can be read once, and is one file: its
	// pages have no folder to compare with.
	var files []Source
	for _, src := range sources {
		if _, once := src.fsys.(*readerFS); !once {
			files = append(files, src)
		}
	}
	l.dispatch(files, jobs)
	close(jobs)
	wait()
	if err := t.finish(); err != nil {
		return nil, err
	}
	if len(t.folders) == 0 {
		return nil, nil
	}
	return t, nil
}

// streamer hands the articles of a stream on in walk order: a file's
// articles wait until every earlier file's are handed on.
type streamer struct {
	l     *loader
	emit  func([]*corpus.Article) error
	tally *chromeTally // nil: no scraped file

	mu   sync.Mutex
	turn *sync.Cond // signalled as next moves, or on a failure
	// next is the seq of the file whose turn it is; pending holds the
	// files read after it, waiting.
	next    int
	pending map[int]*fileResult
	// problems and skipped gather what the files reported; sent counts
	// the articles handed on.
	problems []Problem
	skipped  [][]skippedFile
	sent     int
	err      error
}

// part hands on articles of the file seq, which is still being read (a
// JSON Lines file's batch), once it is that file's turn.
func (s *streamer) part(seq int, arts []*corpus.Article) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.next != seq && s.err == nil {
		s.turn.Wait()
	}
	s.send(arts)
}

// done takes the result of a file read: it waits while the file is
// streamWindow files or more ahead of the one whose turn it is, then
// hands on every file whose turn has come.
func (s *streamer) done(r fileResult) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for r.seq >= s.next+streamWindow && s.err == nil {
		s.turn.Wait()
	}
	s.pending[r.seq] = &r
	for {
		f, ok := s.pending[s.next]
		if !ok {
			break
		}
		delete(s.pending, s.next)
		s.send(f.articles)
		s.problems = append(s.problems, f.problems...)
		if f.skipped != "" {
			s.skipped[f.source] = append(s.skipped[f.source], skippedFile{f.display, f.skipped})
		}
		s.next++
	}
	s.turn.Broadcast()
}

// send hands arts on, without their folder's chrome, and gives their
// weight back to the budget. s.mu is held.
func (s *streamer) send(arts []*corpus.Article) {
	if len(arts) == 0 || s.err != nil {
		return
	}
	var weight int64
	for i, a := range arts {
		weight += weigh(a)
		if s.tally != nil {
			arts[i] = s.tally.drop(s.l, a)
		}
	}
	if err := s.emit(arts); err != nil {
		s.err = err
		// The load stops: the files being read stop at their next
		// article, and those waiting their turn are let through.
		s.l.budget.spent.Store(true)
		s.turn.Broadcast()
		return
	}
	s.sent += len(arts)
	s.l.budget.give(weight)
}
