package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// stateFlags are --state and --no-state, on every command that reads or
// writes marks.
type stateFlags struct {
	path string
	off  bool
	// marks reads the store's marks once (see readMarks); warned is set
	// once what kept them from being read was said.
	marks  func() marksRead
	warned bool
}

// marksRead is the store's marks, nil when there are none to read, and
// why, when it could not be read.
type marksRead struct {
	marks   *state.Marks
	problem string
}

func (f *stateFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.path, "state", "", "keep marks, saved searches and places in the store at `PATH` (default: $XDG_DATA_HOME/gazette/state.db)")
	cmd.Flags().BoolVar(&f.off, "no-state", false, "read and write no marks, saved searches or places")
}

// where returns the store's path, and where that choice comes from.
func (f *stateFlags) where() (path, from string, err error) {
	if f.path != "" {
		return f.path, "--state", nil
	}
	p, err := state.DefaultPath()
	if err != nil {
		return "", "", err
	}
	return p, "default", nil
}

// open opens the store, or returns nil when --no-state. A store that
// cannot be used is an error naming the file; callers that can do without
// one say so on stderr and go on (see openOrWarn).
func (f *stateFlags) open() (*state.Store, error) {
	if f.off {
		return nil, nil
	}
	path, _, err := f.where()
	if err != nil {
		return nil, err
	}
	return state.Open(path)
}

// openOrWarn opens the store; when it cannot be used, it says so on stderr
// in one line and returns nil with the reason: the command goes on without
// marks.
func (f *stateFlags) openOrWarn(e env, without string) (*state.Store, string) {
	s, err := f.open()
	if err != nil {
		reason := storeProblem(err)
		fmt.Fprintf(e.stderr, "gazette: %s; %s\n", reason, without)
		return nil, reason
	}
	return s, ""
}

// storeProblem is a store's error on one line, its file named.
func storeProblem(err error) string {
	var se *state.Error
	if errors.As(err, &se) {
		return corpus.OneLine(se.Path) + ": " + corpus.OneLine(se.Reason)
	}
	return corpus.OneLine(err.Error())
}

// marksOf returns the marks of c's articles: from the store, or none. The
// articles' keys are computed on every core only when the store holds
// marks, or when a query needs them (is:unread finds every article of an
// empty store). A store that cannot be read is said on stderr, and then
// there are none.
func (f *stateFlags) marksOf(e env, c *corpus.Corpus, needed bool) *state.Table {
	m := f.readMarks(e)
	if m == nil || (m.Len() == 0 && !needed) {
		return nil
	}
	return state.NewTable(state.Keys(c), m)
}

// readMarks reads the store's marks once: nil without a store, or when it
// cannot be read, which is said on stderr.
func (f *stateFlags) readMarks(e env) *state.Marks {
	r := f.marksOnce()()
	if r.problem != "" && !f.warned {
		f.warned = true
		fmt.Fprintf(e.stderr, "gazette: %s; marks not shown\n", r.problem)
	}
	return r.marks
}

// startMarks starts reading the store's marks in the background, while
// the corpus loads: opening the store costs a few milliseconds, as much
// as a search from a snapshot.
func (f *stateFlags) startMarks() { go f.marksOnce()() }

// marksOnce returns what reads the store's marks the first time it is
// called and gives them again after.
func (f *stateFlags) marksOnce() func() marksRead {
	if f.marks == nil {
		f.marks = sync.OnceValue(f.loadMarks)
	}
	return f.marks
}

// loadMarks reads the store's marks.
func (f *stateFlags) loadMarks() marksRead {
	s, err := f.open()
	if err != nil {
		return marksRead{problem: storeProblem(err)}
	}
	if s == nil {
		return marksRead{}
	}
	defer s.Close()
	m, err := s.Marks()
	if err != nil {
		return marksRead{problem: storeProblem(err)}
	}
	return marksRead{marks: m}
}

// findMarked runs query on idx with the marks it needs: every article's,
// when it has a term about them. It returns the results, and the marks of
// the articles to print: the table when it was read, else each article's
// read as it is printed.
func (f *stateFlags) findMarked(cmd *cobra.Command, e env, idx *search.Index, query string) (*search.Results, func(i int) state.Mark, error) {
	c := idx.Corpus()
	var marks search.Marks
	markOf := f.lazyMarks(e, c)
	if q, err := search.Parse(query); err == nil && q.UsesMarks() {
		if t := f.marksOf(e, c, true); t != nil {
			marks, markOf = t, t.Mark
		}
	}
	r, err := idx.FindMarked(cmd.Context(), query, nil, marks)
	if err != nil {
		var qe *search.QueryError
		if errors.As(err, &qe) {
			return nil, nil, usageErrFor(cmd, fmt.Errorf("query %q: %w", query, err))
		}
		return nil, nil, fmt.Errorf("search %q: %w", query, err)
	}
	return r, markOf, nil
}

// markOf returns the marks of article i of the table, none when t is nil.
func markOf(t *state.Table, i int) state.Mark {
	if t == nil {
		return state.Mark{}
	}
	return t.Mark(i)
}

// corpusNames names a corpus for the places of the store: by the paths it
// was read from, made absolute, and by its IDs, so that a corpus moved
// elsewhere finds its place again. The IDs' name is a digest of the
// number of articles and of at most idsSampled IDs spread over the
// timeline, not of every one: on a corpus mapped from a snapshot the IDs
// lie among the text, and reading them all read every page of it before
// the first frame (0.4 s at a million articles); each one read may cost
// a read from the disk when the file is not in the page cache, hence few.
// Two corpora of as many articles with those IDs alike share the name;
// the place's article is then checked by its content key.
func corpusNames(paths []string, c *corpus.Corpus) []string {
	byPath := "embedded:seeds"
	if len(paths) > 0 {
		abs := make([]string, len(paths))
		for i, p := range paths {
			if a, err := filepath.Abs(p); err == nil && p != stdinPath {
				p = a
			}
			abs[i] = p
		}
		byPath = "paths:" + strings.Join(abs, "\x00")
	}
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00", c.Len())
	step := max(1, (c.Len()+idsSampled-1)/idsSampled)
	for i := 0; i < c.Len(); i += step {
		io.WriteString(h, c.IDAt(i))
		h.Write([]byte{0})
	}
	if c.Len() > 0 {
		io.WriteString(h, c.IDAt(c.Len()-1))
	}
	return []string{byPath, "ids2:" + hex.EncodeToString(h.Sum(nil)[:16])}
}

// idsSampled bounds the IDs that name a corpus (see corpusNames).
const idsSampled = 64

// lazyMarks returns the marks of c's articles, each article's key
// computed when its marks are asked for: for the few articles a search or
// show prints. A store that cannot be read is said on stderr, and then
// there are none.
func (f *stateFlags) lazyMarks(e env, c *corpus.Corpus) func(i int) state.Mark {
	m := f.readMarks(e)
	if m == nil || m.Len() == 0 {
		return func(int) state.Mark { return state.Mark{} }
	}
	return func(i int) state.Mark { return m.Of(state.KeyOf(c.At(i))) }
}
