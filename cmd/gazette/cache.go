package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/similar"
	"github.com/gazette-reader/gazette/corpus/snapshot"
	"github.com/gazette-reader/gazette/tui"
)

// loadCached loads paths through their snapshot (see the snapshot
// package), and saves a new one when the sources were read: now, or,
// when later is set (the reader), once the index is built, behind the
// work. ok is false when the paths have no snapshot: standard input, or
// --no-cache.
func (f *loadFlags) loadCached(e env, paths []string, opts ingest.Options) (c *corpus.Corpus, probs []ingest.Problem, ok bool) {
	if f.noCache || len(paths) == 0 || slices.Contains(paths, stdinPath) {
		return nil, nil, false
	}
	dir, err := snapshot.Dir()
	if err != nil {
		fmt.Fprintf(e.stderr, "gazette: %s; no snapshot\n", corpus.OneLine(err.Error()))
		return nil, nil, false
	}
	l, err := snapshot.Load(snapshot.Request{
		Paths:    paths,
		Options:  opts,
		Key:      fmt.Sprintf("format=%q follow-links=%t", opts.Format, opts.FollowLinks),
		Version:  snapshotVersion(),
		Dir:      dir,
		What:     describe(paths),
		Note:     func(s string) { fmt.Fprintf(e.stderr, "%sgazette: %s\n", clearLine(e), s) },
		Damaged:  f.damagedNote(e, paths),
		ReadOnly: f.noSave,
		Writing:  f.quitting.set,
		// The reader finds the copies at every launch: kept, they are
		// read instead (found once, for both, when it writes them).
		Copies: f.later,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "gazette: %s; no snapshot\n", corpus.OneLine(err.Error()))
		return nil, nil, false
	}
	f.index, f.copies = l.Index, l.Copies
	if f.noSave {
		return l.Corpus, l.Problems, true
	}
	save := func() {
		if err := l.Save(); err != nil {
			fmt.Fprintf(e.stderr, "gazette: %s; not saved\n", corpus.OneLine(err.Error()))
		}
	}
	if f.later {
		// Behind the reader: when it quits first, the file is removed
		// rather than left half written (see quit).
		go save()
	} else {
		save()
	}
	return l.Corpus, l.Problems, true
}

// quit removes the snapshot being written, if it is not written yet: the
// process is about to end (the reader quit while loading, or before the
// snapshot saved behind it was).
func (f *loadFlags) quit() { f.quitting.quit() }

// quitter removes the file of a snapshot being written when the process
// quits first: set is given what removes it (by the load, which may
// run on another goroutine), quit is called as the process ends.
type quitter struct {
	mu      sync.Mutex
	discard func()
	done    bool
}

// set records what removes the file; at once when quit came first.
func (q *quitter) set(discard func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.done {
		discard()
		return
	}
	q.discard = discard
}

// quit removes the file recorded, and any recorded after.
func (q *quitter) quit() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.done = true
	if q.discard != nil {
		q.discard()
	}
}

// searchIndex returns the index of c: the snapshot's when it came from
// one, else a new one, built on its first use.
func (f *loadFlags) searchIndex(c *corpus.Corpus) *search.Index {
	if f.index == nil || f.index.Corpus() != c {
		f.index = search.New(c)
	}
	return f.index
}

// copyFinder returns what finds the groups of copies of c, the corpus
// loaded: the snapshot being written finds them once, for itself and the
// reader (see snapshot.Loaded.Copies); else similar.Find, which reads
// them from a snapshot that keeps them.
func (f *loadFlags) copyFinder(c *corpus.Corpus) tui.CopyFinder {
	if copies := f.copies; copies != nil {
		return func(context.Context) (*similar.Groups, error) { return copies() }
	}
	return func(ctx context.Context) (*similar.Groups, error) { return similar.Find(ctx, c) }
}

// snapshotVersion names this build of gazette in its snapshots: its
// version, and for a build from source its revision and the size and
// time of its executable, so that no two builds read each other's.
func snapshotVersion() string {
	v := version()
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				v += " " + s.Value
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			v += " " + strconv.FormatInt(st.Size(), 10) + " " + strconv.FormatInt(st.ModTime().UnixNano(), 10)
		}
	}
	return v
}

func newCacheCmd(e env) *cobra.Command {
	var clear bool
	cmd := &cobra.Command{
		Use:   "cache [--clear]",
		Short: "List the saved snapshots of corpora, or clear them",
		Long: `gazette saves each corpus it loads from files and folders, with its search
index, as a snapshot in $XDG_CACHE_HOME/gazette (~/.cache/gazette when it
is not set), and opens that snapshot instead of reading the sources again
as long as none of them changed (size, modification time, and both ends of
each file). When some changed, only those are read again. --no-cache, on
any command, neither reads nor writes a snapshot; import reads one but
writes none.

This command lists the snapshots, newest first, with their sizes and what
they hold; --clear removes them all.`,
		Example: `  gazette cache
  gazette cache --clear`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			dir, err := snapshot.Dir()
			if err != nil {
				return &exitError{code: exitFailure, err: err}
			}
			if clear {
				freed, err := snapshot.Clear(dir)
				if err != nil {
					return &exitError{code: exitFailure, err: err}
				}
				_, err = fmt.Fprintf(e.stdout, "cleared %s in %s\n", sizeText(freed), corpus.OneLine(dir))
				return err
			}
			list, err := snapshot.List(dir)
			if err != nil {
				return &exitError{code: exitFailure, err: err}
			}
			return writeCache(e.stdout, dir, list)
		},
	}
	cmd.Flags().BoolVar(&clear, "clear", false, "remove every snapshot")
	return cmd
}

// writeCache prints the snapshots: size, date written, what they hold.
func writeCache(w io.Writer, dir string, list []snapshot.Entry) error {
	var total int64
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, s := range list {
		total += s.Size
		fmt.Fprintf(tw, "%s\t  %s\t  %s\n", sizeText(s.Size), s.Modified.Local().Format("2006-01-02 15:04"), corpus.OneLine(s.What))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	n := "snapshots"
	if len(list) == 1 {
		n = "snapshot"
	}
	_, err := fmt.Fprintf(w, "%d %s, %s, in %s\n", len(list), n, sizeText(total), corpus.OneLine(dir))
	return err
}

// sizeText writes a size in bytes for people: "312 MB".
func sizeText(n int64) string {
	units := []string{"B", "KB", "MB", "GB", "TB"}
	f, u := float64(n), 0
	for f >= 1024 && u < len(units)-1 {
		f /= 1024
		u++
	}
	if u == 0 || f >= 10 {
		return fmt.Sprintf("%.0f %s", f, units[u])
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0") + " " + units[u]
}

// damagedNote says, in one line, that the snapshot of paths was found
// damaged once opened (an article's record or text, a block of the
// postings, checked when first read): it is removed, what was damaged is
// not shown, and the next run reads the sources. The reader's notes wait
// in e.stderr until it quits.
func (f *loadFlags) damagedNote(e env, paths []string) func() {
	return func() {
		fmt.Fprintf(e.stderr, "%sgazette: snapshot of %s damaged: removed; the articles it could not give read as damaged, the next run reads the sources\n", clearLine(e), corpus.OneLine(describe(paths)))
	}
}
