package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
	"github.com/gazette-reader/gazette/tui"
)

// readerFlags are the flags of the reader: the store, and --fresh.
type readerFlags struct {
	state  stateFlags
	fresh  bool
	config string
}

func (f *readerFlags) add(cmd *cobra.Command) {
	f.state.add(cmd)
	cmd.Flags().BoolVar(&f.fresh, "fresh", false, "open on the first article, without the filter and position of the last run")
	cmd.Flags().StringVar(&f.config, "config", "", "read the configuration from `FILE` (default: $XDG_CONFIG_HOME/gazette/config.yml)")
}

// run starts the interactive reader on idx's corpus, read from paths, in the
// alternate screen, its keys read from in (nil: from the terminal, when
// standard input held the corpus). The reader lists the load's problems
// on request, keeps its marks in the store, and opens where it was the
// last time in this corpus (unless --fresh); where it is when it quits is
// kept for the next time.
func (f *readerFlags) run(ctx context.Context, idx *search.Index, copies tui.CopyFinder, paths []string, probs []ingest.Problem, in io.Reader, e env) error {
	s := f.session(idx, copies, paths, probs, e)
	go idx.Build()
	final, err := runProgram(ctx, s.model, in, e.stdout)
	s.finish(final, e)
	return err
}

// readerSession is a reader made for a corpus, with the store it keeps
// its marks in, to close when it ends.
type readerSession struct {
	model tui.Model
	store *state.Store
	names []string
	c     *corpus.Corpus
	idx   *search.Index
}

// session makes the reader of idx's corpus, read from paths, its groups
// of copies found by copies: its configuration, its store and where it
// was the last time.
func (f *readerFlags) session(idx *search.Index, copies tui.CopyFinder, paths []string, probs []ingest.Problem, e env) *readerSession {
	// The timeline shows at once; the caller builds the search index
	// meanwhile (unless it came from a snapshot), and a filter typed
	// before it is ready waits for it (or builds it).
	c := idx.Corpus()
	cfg := loadConfig(configPath(f.config))
	cfg.report(e.stderr)
	opts := append(cfg.options(), tui.WithProblems(readerProblems(probs)),
		tui.WithCopies(copies))
	if n := len(cfg.problems); n > 0 {
		opts = append(opts, tui.WithNotice(fmt.Sprintf("config: %s (%d in all: gazette config)", cfg.problems[0], n)))
	}
	store, reason := f.state.openOrWarn(e, "running without saved state")
	var names []string
	switch {
	case store != nil:
		names = corpusNames(paths, c)
		opts = append(opts, tui.WithKeeper(store), tui.WithExporter(exporter(c)))
		if !f.fresh {
			if p, ok := placeOf(store, names, c); ok {
				opts = append(opts, tui.WithPlace(p))
			}
		}
	case f.state.off:
		opts = append(opts, tui.WithExporter(exporter(c)))
	default:
		opts = append(opts, tui.WithoutState(reason), tui.WithExporter(exporter(c)))
	}
	return &readerSession{model: tui.New(c, idx, opts...), store: store, names: names, c: c, idx: idx}
}

// finish keeps where the reader was when it ended (final: the program's
// last model) and closes the store.
func (s *readerSession) finish(final tea.Model, e env) {
	if s.store == nil {
		return
	}
	defer s.store.Close()
	m, ok := final.(tui.Model)
	if l, loading := final.(tui.Loading); loading {
		m, ok = l.Reader()
	}
	if ok {
		if perr := s.store.SetPlace(placeFor(m.Place(), s.c), s.names...); perr != nil {
			fmt.Fprintf(e.stderr, "gazette: %s; where you were is not kept\n", storeProblem(perr))
		}
	}
}

// runLoading opens the reader at once on a loading screen, loads paths
// behind it, and turns into the reader when the load ends. What the load
// would print on stderr (problems, notes) is printed when the reader
// quits.
func (f *readerFlags) runLoading(ctx context.Context, lf *loadFlags, paths []string, e env) error {
	var prog ingest.Progress
	var later notes
	quiet := e
	quiet.stderr, quiet.tty = &later, false
	lf.progress, lf.later = &prog, true
	var s *readerSession
	out := watchFirstFrame(e.stdout)
	load := func() tea.Msg {
		out.wait()
		c, probs, err := lf.load(quiet, paths)
		prog.Arrived() // the corpus holds them now
		if err != nil {
			return tui.Loaded{Err: err}
		}
		s = f.session(lf.searchIndex(c), lf.copyFinder(c), paths, probs, quiet)
		return tui.Loaded{Reader: s.model}
	}
	progressOf := func() tui.LoadProgress {
		return tui.LoadProgress{Files: prog.Files.Load(), FilesRead: prog.Done.Load(), Size: prog.Size.Load(), Read: prog.Read.Load(), Articles: prog.Articles.Load(), Saving: prog.Saving.Load()}
	}
	prog.KeepArrivals()
	// Once the reader shows, the articles the loading screen listed may
	// be garbage (a first load reads its corpus from the snapshot it
	// wrote): their memory goes back to the system, then the index is
	// built, which would otherwise add to it.
	let := func() {
		debug.FreeOSMemory()
		if s != nil {
			go s.idx.Build()
		}
	}
	loading := tui.NewLoading(describe(paths), progressOf, load).WithArrivals(prog.Arrived, let)
	if w, h, ok := termSize(e.stdout); ok {
		loading = loading.Sized(w, h)
	}
	final, err := runProgram(ctx, loading, e.stdin, out.w)
	lf.quit()
	e.stderr.Write(later.bytes())
	if s != nil {
		s.finish(final, e)
	}
	if l, ok := final.(tui.Loading); ok && err == nil && l.Err() != nil && !errors.Is(l.Err(), tui.ErrInterrupted) {
		err = l.Err()
	}
	return err
}

// placeOf returns where the reader was in the corpus, found by its names,
// its article found by its ID and checked by its key, else by its key.
func placeOf(s *state.Store, names []string, c *corpus.Corpus) (tui.Place, bool) {
	p, ok, err := s.Place(names...)
	if err != nil || !ok {
		return tui.Place{}, false
	}
	tp := tui.Place{Article: -1, Query: p.Query, Relevance: p.Relevance, Scroll: p.Scroll, Reader: p.Reader}
	if i, ok := c.Position(p.Article); ok && state.KeyOf(c.At(i)) == p.Key {
		tp.Article = i
		return tp, true
	}
	// Moved and renamed: look for the key (a pass over every article,
	// only then).
	for i, k := range state.Keys(c) {
		if k == p.Key {
			tp.Article = i
			break
		}
	}
	return tp, true
}

// placeFor is the reader's place as the store keeps it.
func placeFor(p tui.Place, c *corpus.Corpus) state.Place {
	sp := state.Place{Query: p.Query, Relevance: p.Relevance, Scroll: p.Scroll, Reader: p.Reader}
	if p.Article >= 0 && p.Article < c.Len() {
		a := c.At(p.Article)
		sp.Article, sp.Key = a.ID, state.KeyOf(a)
	}
	return sp
}

// exporter is the reader's export: the articles shown, to a file, in the
// format its extension names (JSON Lines when it names none).
func exporter(c *corpus.Corpus) tui.Exporter {
	return func(path string, indexes []int, marks *state.Table) (int, error) {
		format := exportFormatOf(path)
		if format == "" {
			format = "jsonl"
		}
		err := writeFileAtomic(path, func(w io.Writer) error { return exportArticles(w, format, localSource(c, marks), indexes) })
		if err != nil {
			return 0, fmt.Errorf("%s: %w", corpus.OneLine(path), err)
		}
		return len(indexes), nil
	}
}

// readerProblems orders the problems for the reader's list: the most
// serious kinds first, as check lists them.
func readerProblems(probs []ingest.Problem) []tui.Problem {
	list := make([]tui.Problem, 0, len(probs))
	groups := byKind(probs)
	for _, kind := range ingest.Kinds() {
		for _, p := range groups[kind] {
			list = append(list, p)
		}
	}
	return list
}

// runProgram runs a Bubble Tea program on in (nil: the terminal, even
// when standard input is not one) and out. Bubble Tea restores
// the terminal (main screen, cursor, modes) when the program ends, also
// when Update, View or a command panics; the panic then comes back as an
// error instead of killing gazette with the terminal left raw.
func runProgram(ctx context.Context, m tea.Model, in io.Reader, out io.Writer) (final tea.Model, err error) {
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(out)}
	if in != nil {
		opts = append(opts, tea.WithInput(in))
	}
	if isStdout(out) {
		// Lip Gloss found the colours of standard output when gazette
		// started, as Bubble Tea would again: in tmux, by running "tmux
		// info", which holds the first frame back.
		opts = append(opts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	p := tea.NewProgram(m, opts...)
	defer func() {
		// A panic outside the program's own recovery: put the terminal
		// back before reporting it.
		if r := recover(); r != nil {
			_ = p.RestoreTerminal()
			err = fmt.Errorf("reader: %v", r)
		}
	}()
	final, err = p.Run()
	if err != nil {
		if errors.Is(err, tea.ErrProgramPanic) {
			return nil, fmt.Errorf("reader crashed, terminal restored: %w", err)
		}
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return final, nil
		}
		return nil, fmt.Errorf("reader: %w", err)
	}
	return final, nil
}

// notes keeps what the reader's load and the work behind it (the
// snapshot's save, a damaged article found as it is read) would print on
// stderr, from any goroutine, until the reader quits.
type notes struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (n *notes) Write(p []byte) (int, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.buf.Write(p)
}

// bytes returns a copy of what was written so far.
func (n *notes) bytes() []byte {
	n.mu.Lock()
	defer n.mu.Unlock()
	return bytes.Clone(n.buf.Bytes())
}
