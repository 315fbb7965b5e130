package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/pgstore"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// dbEnv is the environment variable that names the database when --db
// does not.
const dbEnv = "GAZETTE_DB"

// dbFlags are --db and --db-schema, on the commands that read or write a
// corpus in PostgreSQL.
type dbFlags struct {
	url, schema string
}

func (f *dbFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.url, "db", "", "the corpus in the PostgreSQL database at `URL` (postgres://user@host/db; default $"+dbEnv+") instead of files")
	cmd.Flags().StringVar(&f.schema, "db-schema", pgstore.DefaultSchema, "the schema of the database that holds the corpus, one corpus a schema")
}

// where returns the database's URL: --db, else $GAZETTE_DB, else "".
func (f *dbFlags) where() string {
	if f.url != "" {
		return f.url
	}
	return os.Getenv(dbEnv)
}

// use reports whether the command reads the database rather than files,
// refusing both at once.
func (f *dbFlags) use(cmd *cobra.Command, paths []string) (bool, error) {
	if f.where() == "" {
		return false, nil
	}
	if len(paths) > 0 {
		return false, usageErrFor(cmd, errors.New("a corpus in a database (--db or $"+dbEnv+") or PATHs: one or the other"))
	}
	return true, nil
}

// openIfUsed connects to the corpus in the database when the command reads
// one (see use), and returns nil when it reads files.
func (f *dbFlags) openIfUsed(cmd *cobra.Command, paths []string) (*pgstore.Store, error) {
	if db, err := f.use(cmd, paths); !db || err != nil {
		return nil, err
	}
	return f.open(cmd.Context(), nil)
}

// open connects to the corpus; with notes, it makes or migrates its
// schema, and says on notes when it migrates a corpus already there.
func (f *dbFlags) open(ctx context.Context, notes io.Writer) (*pgstore.Store, error) {
	if err := pgstore.ValidSchema(f.schema); err != nil {
		return nil, usageErr(fmt.Errorf("--db-schema: %w", err))
	}
	var s *pgstore.Store
	var err error
	if notes == nil {
		s, err = pgstore.Connect(ctx, f.where(), f.schema)
	} else {
		s, err = pgstore.OpenNoting(ctx, f.where(), f.schema, func(from, to int) {
			fmt.Fprintf(notes, "gazette: migrating schema %s from version %d to %d (minutes at a million articles)\n", f.schema, from, to)
		})
	}
	if err != nil {
		return nil, dbError(err)
	}
	return s, nil
}

// dbError is an error of the database on one line, exit status 1: the
// first, when the driver tried several addresses and says why each failed.
func dbError(err error) error {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return &exitError{code: exitFailure, err: errors.New(corpus.OneLine(msg))}
}

func newImportCmd(e env) *cobra.Command {
	var lf loadFlags
	var df dbFlags
	cmd := &cobra.Command{
		Use:   "import [PATH...]",
		Short: "Copy a corpus into PostgreSQL",
		Long: `Read the files and folders given (the embedded corpus with none), as every
command does, and copy their articles into the PostgreSQL database at --db
(or $` + dbEnv + `), in the schema --db-schema, which it makes or migrates.
Articles already there, by their content, are skipped: importing again
adds only what is new. list, show and search then read it with --db.`,
		Example: `  gazette import ~/news --db postgres://localhost/news
  GAZETTE_DB=postgres:///news gazette import dump.jsonl --db-schema lemonde`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if df.where() == "" {
				return usageErrFor(cmd, errors.New("import needs a database: --db URL or $"+dbEnv))
			}
			return importStream(cmd.Context(), e, &lf, &df, args)
		},
	}
	lf.add(cmd)
	df.add(cmd)
	return cmd
}

// importHeap is the heap an import keeps under, unless GOMEMLIMIT says
// otherwise (the runtime's soft limit: it collects garbage more often as
// the heap nears it).
const importHeap = 128 << 20

// importStream copies the articles of paths into the database as they
// are read (ingest.Stream into a pgstore.Importer): the import holds the
// batches being read and copied, not the corpus. It reports the load's
// problems on stderr unless --quiet, then what it did.
func importStream(ctx context.Context, e env, lf *loadFlags, df *dbFlags, paths []string) error {
	if err := lf.validate(); err != nil {
		return err
	}
	srcs, err := sources(e, paths)
	if err != nil {
		return err
	}
	opts, err := lf.options()
	if err != nil {
		return err
	}
	if opts.MaxMemory == 0 {
		// What one file read whole may take, as on a load, and not the
		// heap's target below.
		opts.MaxMemory = ingest.DefaultBudget()
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The import holds a few batches and 32 MB of pairs of words: a
		// garbage collector that waits for the heap to double would let
		// it reach twice that.
		debug.SetMemoryLimit(importHeap)
	}
	s, err := df.open(ctx, e.stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	var update func(int, pgstore.ImportStep)
	stop := func() {}
	if e.errTTY {
		opts.Progress = &ingest.Progress{}
		update, stop = showImport(e.stderr, opts.Progress)
	}
	// A first Ctrl-C stops the reading and copying; what was copied is
	// then numbered and indexed. A second one ends the process at once
	// (the next import finishes what this one left).
	ctx, unhook := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer unhook()
	go func() {
		<-ctx.Done()
		unhook()
	}()
	im, err := s.NewImport(ctx, update)
	if err != nil {
		stop()
		return dbError(err)
	}
	probs, err := ingest.Stream(srcs, opts, im.Add)
	if ctx.Err() != nil {
		fmt.Fprintf(e.stderr, "%sgazette: interrupted: indexing what was copied (Ctrl-C again stops at once; the next import then does it)\n", clearLine(e))
	}
	st, ferr := im.Finish()
	stop()
	if !lf.quiet {
		reportProblems(e.stderr, probs)
	}
	if ctx.Err() != nil && (ferr == nil || errors.Is(ferr, context.Canceled) || errors.Is(ferr, context.Cause(ctx))) {
		return &exitError{code: exitFailure, err: fmt.Errorf("interrupted: %d article%s added to schema %s, %d already there; importing again adds the rest", st.Added, plural(st.Added), s.Schema(), st.Skipped)}
	}
	if err = cmp.Or(err, ferr); err != nil {
		return dbError(err)
	}
	if st.Added+st.Skipped == 0 {
		return &exitError{code: exitFailure, err: fmt.Errorf("no article loaded from %s", describe(paths))}
	}
	fmt.Fprintf(e.stderr, "gazette: %d article%s added to schema %s, %d already there", st.Added, plural(st.Added), s.Schema(), st.Skipped)
	if st.Renamed > 0 {
		fmt.Fprintf(e.stderr, ", %d with an ID taken by another article (added as ID~2...)", st.Renamed)
	}
	if st.Cut > 0 {
		fmt.Fprintf(e.stderr, ", %d searched on their first 256 KB only (PostgreSQL indexes at most 1 MB of words an article)", st.Cut)
	}
	fmt.Fprintln(e.stderr)
	return nil
}

// dbMarks returns the marks of articles read from a database, from the
// store by their content key: none without marks.
func dbMarks(e env, sf *stateFlags) func(a *corpus.Article) state.Mark {
	m := sf.readMarks(e)
	if m == nil || m.Len() == 0 {
		return func(*corpus.Article) state.Mark { return state.Mark{} }
	}
	return func(a *corpus.Article) state.Mark { return m.Of(state.KeyOf(a)) }
}

// dbMarksFor returns the reader's marks of every article of tl, by
// position, when query has a term about them: the store's marks, tied to
// the articles by the content keys the database keeps (the marked
// articles only are looked up: Timeline.MarksTable). nil when the query needs none,
// or without a store (the query then says the marks are not at hand).
func (f *stateFlags) dbMarksFor(e env, tl *pgstore.Timeline, query string) (search.Marks, error) {
	if q, err := search.Parse(query); err != nil || !q.UsesMarks() {
		return nil, nil
	}
	m := f.readMarks(e)
	if m == nil {
		return nil, nil
	}
	return tl.MarksTable(m)
}

// listDB prints the corpus in the database as list does a local one,
// reading it a page at a time.
func listDB(ctx context.Context, e env, s *pgstore.Store, sf *stateFlags, format listFormat) error {
	if _, err := s.Len(ctx); err != nil {
		return dbError(err)
	}
	marks := dbMarks(e, sf)
	out := newObjectStream(e.stdout, format)
	err := s.Each(ctx, func(a *corpus.Article) error {
		m := marks(a)
		return out.add(func() any { return articleOf(a, m, false) }, func(bw *bufio.Writer) { listLine(bw, a, m) })
	})
	if err != nil {
		return dbError(err)
	}
	return out.close()
}

// showDB prints one article of the database as show does.
func showDB(ctx context.Context, e env, s *pgstore.Store, sf *stateFlags, id string, asJSON bool) error {
	a, ok, err := s.ByID(ctx, id)
	if err != nil {
		return dbError(err)
	}
	if !ok {
		closest, err := s.Closest(ctx, id, 3)
		if err != nil {
			return dbError(err)
		}
		return &exitError{code: exitFailure, err: fmt.Errorf("no article %q; closest: %s", id, strings.Join(closest, ", "))}
	}
	m := dbMarks(e, sf)(a)
	if asJSON {
		return writeJSON(e.stdout, articleOf(a, m, true))
	}
	_, err = io.WriteString(e.stdout, a.Markdown()+marksMarkdown(m))
	return err
}

// searchDB prints the hits of query in the database as search does, best
// first; it returns how many it printed.
func searchDB(cmd *cobra.Command, e env, s *pgstore.Store, sf *stateFlags, query string, limit int, format listFormat) (int, error) {
	marks := dbMarks(e, sf)
	var table search.Marks
	var count int
	if q, err := search.Parse(query); err == nil && q.UsesMarks() {
		tl, err := s.Timeline(cmd.Context())
		if err != nil {
			return 0, dbError(err)
		}
		if table, err = sf.dbMarksFor(e, tl, query); err != nil {
			return 0, dbError(err)
		}
		count = tl.Len()
	}
	out := newObjectStream(e.stdout, format)
	unranked := false
	n, err := s.SearchMarked(cmd.Context(), query, limit, table, count, marks, func(h pgstore.Hit) error {
		a, m := h.Article, marks(h.Article)
		unranked = h.Unranked
		return out.add(
			func() any {
				return hitObject{
					articleObject: articleOf(a, m, false), Score: h.Score, Snippet: h.Snippet,
					TitleMatches: spansOf(a.Title, h.Title), SnippetMatches: spansOf(h.Snippet, h.SnippetSpans),
				}
			},
			func(bw *bufio.Writer) { hitLine(bw, a, m, h.Snippet) })
	})
	if err != nil {
		return 0, dbFindError(cmd, query, err)
	}
	if unranked {
		fmt.Fprintf(e.stderr, "gazette: more than %d hits: newest first, not ranked (the server ranks up to %d)\n", pgstore.RankLimit, pgstore.RankLimit)
	}
	return n, out.close()
}

// searchInDB runs search on the database: the hits, best first, and exit
// status 1 when there are none, as on a local corpus.
func searchInDB(cmd *cobra.Command, e env, s *pgstore.Store, sf *stateFlags, query string, limit int, format listFormat) error {
	n, err := searchDB(cmd, e, s, sf, query, limit, format)
	if err != nil {
		return err
	}
	if n == 0 {
		return &exitError{code: exitFailure, err: errors.New("no match"), silent: true}
	}
	return nil
}

// objectStream writes objects as they come, as writeObjects writes them
// all: lines for people, one JSON array (the same bytes as writeJSON's),
// or JSON Lines; it never holds more than one.
type objectStream struct {
	bw     *bufio.Writer
	format listFormat
	n      int
	buf    bytes.Buffer
	enc    *json.Encoder
}

func newObjectStream(w io.Writer, format listFormat) *objectStream {
	s := &objectStream{bw: bufio.NewWriter(w), format: format}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	if format == listJSON {
		s.enc.SetIndent("  ", "  ")
	}
	return s
}

// add writes one object: obj makes it for JSON, line writes it for people.
func (s *objectStream) add(obj func() any, line func(bw *bufio.Writer)) error {
	defer func() { s.n++ }()
	if s.format == listText {
		line(s.bw)
		return nil
	}
	s.buf.Reset()
	if err := s.enc.Encode(obj()); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	if s.format == listJSON {
		sep := ",\n  "
		if s.n == 0 {
			sep = "[\n  "
		}
		s.bw.WriteString(sep)
		s.bw.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
		return nil
	}
	s.bw.Write(s.buf.Bytes())
	return nil
}

// close ends the array and flushes.
func (s *objectStream) close() error {
	if s.format == listJSON {
		if s.n == 0 {
			s.bw.WriteString("[]\n")
		} else {
			s.bw.WriteString("\n]\n")
		}
	}
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// dbFindError is what a command says when the database could not answer
// query: a usage error naming the query when the query is at fault (the
// language, or what a database corpus cannot search), else the server's.
func dbFindError(cmd *cobra.Command, query string, err error) error {
	var qe *search.QueryError
	var pe *pgstore.QueryError
	if errors.As(err, &qe) || errors.As(err, &pe) {
		return usageErrFor(cmd, fmt.Errorf("query %q: %w", query, err))
	}
	return dbError(err)
}
