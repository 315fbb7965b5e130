package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/similar"
	"github.com/gazette-reader/gazette/seeds"
)

// env is what a run of gazette talks to; tests give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// tty is set when stdin and stdout are a terminal, so the reader can
	// run; outTTY when stdout is, so that the reader can run on a corpus
	// read from standard input, its keys read from the terminal.
	tty, outTTY bool
	// errTTY is set when stderr is a terminal: the load draws its
	// progress there.
	errTTY bool
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // nothing loaded, unknown ID, a source failed
	exitUsage   = 2 // bad flags or arguments
)

// exitError carries the exit status an error should end the run with.
type exitError struct {
	code int
	err  error
	// help is the command whose --help explains what went wrong
	// ("gazette search"), for a usage error.
	help string
	// silent errors print nothing: the exit status says it all (a search
	// that found nothing, as grep).
	silent bool
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(err error) error { return &exitError{code: exitUsage, err: err} }

// usageErrFor is a usage error whose explanation is in cmd's --help.
func usageErrFor(cmd *cobra.Command, err error) error {
	return &exitError{code: exitUsage, err: err, help: cmd.CommandPath()}
}

// run executes gazette with args and returns its exit status.
func run(ctx context.Context, args []string, e env) int {
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	// Only help, version and completions go through cobra's writer: the
	// help is laid out padded to its width, which is cut off here.
	root.SetOut(&trimRight{w: e.stdout})
	root.SetErr(e.stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version()),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			var ee *exitError
			if errors.As(err, &ee) && ee.silent {
				return
			}
			fmt.Fprintf(w, "gazette: %v\n", err)
			if exitCode(err) == exitUsage {
				help := "gazette"
				if errors.As(err, &ee) && ee.help != "" {
					help = ee.help
				}
				fmt.Fprintf(w, "Try '%s --help' for usage.\n", help)
			}
		}),
	)
	return exitCode(err)
}

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	// Errors cobra makes itself are about the command line.
	msg := err.Error()
	for _, s := range []string{"unknown command", "unknown flag", "unknown shorthand", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "bad flag"} {
		if strings.Contains(msg, s) {
			return exitUsage
		}
	}
	return exitFailure
}

// loadFlags are the flags of every command that loads a corpus.
type loadFlags struct {
	format      string
	quiet       bool
	maxMemory   string
	followLinks bool
	noCache     bool
	// later saves the snapshot once the index is built, behind the
	// reader, rather than before the command goes on; noSave reads a
	// snapshot but writes none (import, which needs no search index).
	later, noSave bool
	// quitting removes the snapshot being written when the process
	// quits before it is (see quit).
	quitting quitter
	// index is the search index of the corpus loaded, once asked for.
	index *search.Index
	// copies, when the snapshot being written keeps the groups of
	// copies, finds them once for it and for the reader (see
	// snapshot.Loaded.Copies).
	copies func() (*similar.Groups, error)
	// progress, when set, counts how the load goes (the loading screen).
	progress *ingest.Progress
}

func (f *loadFlags) add(cmd *cobra.Command) { f.addAs(cmd, "format") }

// addAs adds the flags, the one that names the input's format under
// formatFlag (export's --format names what it writes).
func (f *loadFlags) addAs(cmd *cobra.Command, formatFlag string) {
	cmd.Flags().StringVar(&f.format, formatFlag, "", "read every file as `FORMAT` (text, markdown, json, jsonl, csv, tsv, html, feed) instead of detecting it from its extension and content")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print no load problems on stderr (gazette check lists them)")
	cmd.Flags().BoolVar(&f.followLinks, "follow-links", false, "read the files that links in a folder lead to outside it (skipped and counted otherwise)")
	cmd.Flags().BoolVar(&f.noCache, "no-cache", false, "neither open nor save a snapshot of the corpus (see gazette cache)")
	cmd.Flags().StringVar(&f.maxMemory, "max-memory", "", "let the articles of a load hold at most `SIZE` of memory (\"2G\", \"500M\"; default: a third of what the process may use)")
}

// options returns the load options the flags give.
func (f *loadFlags) options() (ingest.Options, error) {
	opts := ingest.Options{Format: f.format, FollowLinks: f.followLinks, Progress: f.progress}
	if f.maxMemory != "" {
		n, err := parseSize(f.maxMemory)
		if err != nil {
			return opts, usageErr(fmt.Errorf("--max-memory %q: %w", f.maxMemory, err))
		}
		opts.MaxMemory = n
	}
	return opts, nil
}

// parseSize reads a size: a number of bytes, or of KB, MB, GB or TB
// ("2G", "500M", "1.5GB", "800MiB"), each 1024 times the one before.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	if t != "" {
		if i := strings.IndexByte("KMGT", t[len(t)-1]); i >= 0 {
			mult = 1 << (10 * (i + 1))
			t = t[:len(t)-1]
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || v <= 0 || v*float64(mult) > 1<<62 {
		return 0, errors.New("want a size such as 2G or 500M")
	}
	return int64(v * float64(mult)), nil
}

// stdinPath is the PATH that names standard input.
const stdinPath = "-"

// sources returns what paths name: files and folders, "-" for standard
// input (once at most), or the embedded seeds when there are none.
func sources(e env, paths []string) ([]ingest.Source, error) {
	if len(paths) == 0 {
		return []ingest.Source{ingest.FromFS("seeds", seeds.FS)}, nil
	}
	srcs := make([]ingest.Source, len(paths))
	stdin := false
	for i, p := range paths {
		if p != stdinPath {
			srcs[i] = ingest.FromPath(p)
			continue
		}
		if stdin {
			return nil, usageErr(errors.New(`"-" (standard input) given twice`))
		}
		stdin = true
		srcs[i] = ingest.FromReader("stdin", e.stdin)
	}
	return srcs, nil
}

// load reads the corpus named by paths and reports its problems on stderr,
// grouped by kind (see reportProblems) unless --quiet. It fails when no
// article loaded.
func (f *loadFlags) load(e env, paths []string) (*corpus.Corpus, []ingest.Problem, error) {
	if err := f.validate(); err != nil {
		return nil, nil, err
	}
	srcs, err := sources(e, paths)
	if err != nil {
		return nil, nil, err
	}
	// A large corpus takes seconds: on a terminal, a progress line,
	// cleared at the end.
	stop := func() {}
	if e.errTTY && len(paths) > 0 && f.progress == nil {
		f.progress = &ingest.Progress{}
		stop = showProgress(e.stderr, describe(paths), f.progress)
	}
	opts, err := f.options()
	if err != nil {
		stop()
		return nil, nil, err
	}
	c, probs, cached := f.loadCached(e, paths, opts)
	if !cached {
		c, probs = ingest.Load(srcs, opts)
	}
	stop()
	if !f.quiet {
		reportProblems(e.stderr, probs)
	}
	if c.Len() == 0 {
		return nil, probs, &exitError{code: exitFailure, err: fmt.Errorf("no article loaded from %s", describe(paths))}
	}
	return c, probs, nil
}

// describe names the paths for people, on one line.
func describe(paths []string) string {
	if len(paths) == 0 {
		return "the embedded seeds"
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = corpus.OneLine(p)
		if p == stdinPath {
			names[i] = "standard input"
		}
	}
	return strings.Join(names, ", ")
}

func newRoot(e env) *cobra.Command {
	var lf loadFlags
	var rf readerFlags
	var df dbFlags
	root := &cobra.Command{
		Use:   "gazette [PATH...]",
		Short: "Read a corpus of news articles in the terminal",
		Long: `gazette loads a corpus of news articles in memory and shows a timeline,
the article being read and a filter that narrows the timeline as you type.

With no PATH it opens its embedded corpus: five French articles on
international cyber-security cooperation (2014-2019). PATHs are files or
folders, read recursively; "-" reads one file from standard input. When
stdout is not a terminal, gazette prints the list instead of starting
the reader.

` + keysHelp() + "\n\n" + queryHelp(),
		Example: `  gazette                      # the embedded corpus
  gazette ~/news               # a folder of articles
  zcat dump.jsonl.gz | gazette -
  gazette list --json | jq .   # the timeline as JSON`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if s, err := df.openIfUsed(cmd, args); s != nil || err != nil {
				if err != nil {
					return err
				}
				defer s.Close()
				return rf.runDB(cmd.Context(), s, e)
			}
			if e.tty && len(args) > 0 && !slices.Contains(args, stdinPath) {
				return rf.runLoading(cmd.Context(), &lf, args, e)
			}
			lf.later = e.tty
			c, probs, err := lf.load(e, args)
			if err != nil {
				return err
			}
			defer lf.quit()
			if e.tty {
				return rf.run(cmd.Context(), lf.searchIndex(c), lf.copyFinder(c), args, probs, e.stdin, e)
			}
			if e.outTTY && slices.Contains(args, stdinPath) {
				// Standard input held the corpus: the keys come from
				// the terminal, which Bubble Tea opens.
				return rf.run(cmd.Context(), lf.searchIndex(c), lf.copyFinder(c), args, probs, nil, e)
			}
			return writeList(e.stdout, c, rf.state.marksOf(e, c, false), nil, listText)
		},
	}
	lf.add(root)
	rf.add(root)
	df.add(root)
	root.Flags().SortFlags = false
	root.AddCommand(newListCmd(e), newShowCmd(e), newSearchCmd(e), newCheckCmd(e), newMarkCmd(e), newExportCmd(e), newConfigCmd(e), newTrendCmd(e), newKWICCmd(e), newImportCmd(e), newCacheCmd(e))
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageErrFor(cmd, flagError(err)) })
	return root
}

// flagError says what is wrong with a flag's value in words: "--limit
// abc: not a whole number" rather than strconv's message.
func flagError(err error) error {
	var ive *pflag.InvalidValueError
	if !errors.As(err, &ive) {
		return err
	}
	name := "--" + ive.GetFlag().Name
	switch ive.GetFlag().Value.Type() {
	case "int", "int64", "uint":
		return fmt.Errorf("%s %s: not a whole number", name, ive.GetValue())
	case "bool":
		return fmt.Errorf("%s=%s: not true or false", name, ive.GetValue())
	}
	return err
}

// needs returns an argument check that asks for at least n arguments,
// naming what is missing: "show needs the ID of an article".
func needs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) < n {
			return usageErrFor(cmd, fmt.Errorf("%s needs %s: %s", cmd.Name(), what, cmd.UseLine()))
		}
		return nil
	}
}

// listFormat is how list and search print: lines for people, one JSON
// array, or JSON Lines (one object a line, streamed).
type listFormat int

const (
	listText listFormat = iota
	listJSON
	listJSONLines
)

// jsonFlags are --json and --jsonl, which exclude each other.
type jsonFlags struct{ json, jsonl bool }

func (f *jsonFlags) add(cmd *cobra.Command, what string) {
	cmd.Flags().BoolVar(&f.json, "json", false, "print a JSON array of "+what)
	cmd.Flags().BoolVar(&f.jsonl, "jsonl", false, "print JSON Lines: one object a line, as they come")
}

// format returns the format the flags ask for; both is a usage error.
func (f jsonFlags) format(cmd *cobra.Command) (listFormat, error) {
	switch {
	case f.json && f.jsonl:
		return listText, usageErrFor(cmd, errors.New("--json and --jsonl: one or the other"))
	case f.jsonl:
		return listJSONLines, nil
	case f.json:
		return listJSON, nil
	}
	return listText, nil
}

func newListCmd(e env) *cobra.Command {
	var lf loadFlags
	var df dbFlags
	var jf jsonFlags
	var sf stateFlags
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "Print the articles in timeline order",
		Long:  "Print one line per article, oldest first and undated last: the date as precise as it is known, the ID and the title.",
		Example: `  gazette list
  gazette list ~/news --json
  gazette list dump.jsonl --jsonl | jq -r .url`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := jf.format(cmd)
			if err != nil {
				return err
			}
			if s, err := df.openIfUsed(cmd, args); s != nil || err != nil {
				if err != nil {
					return err
				}
				defer s.Close()
				return listDB(cmd.Context(), e, s, &sf, format)
			}
			sf.startMarks()
			c, _, err := lf.load(e, args)
			if err != nil {
				return err
			}
			groups, err := groupsFor(cmd.Context(), c, format)
			if err != nil {
				return err
			}
			return writeList(e.stdout, c, sf.marksOf(e, c, false), groups, format)
		},
	}
	lf.add(cmd)
	jf.add(cmd, "articles")
	sf.add(cmd)
	df.add(cmd)
	return cmd
}

func newShowCmd(e env) *cobra.Command {
	var lf loadFlags
	var df dbFlags
	var sf stateFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID [PATH...]",
		Short: "Print one article as Markdown",
		Long: `Print the article with the given ID as Markdown: the title as a heading, a
metadata line, a list of its other metadata (ID, URL, authors, tags and the
source's other fields) and the paragraphs. gazette list prints the IDs.`,
		Example: `  gazette show 003_a617ba8cd3b3f892
  gazette show 2024/05/budget ~/news --json`,
		Args: needs(1, "the ID of an article (gazette list prints them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if s, err := df.openIfUsed(cmd, args[1:]); s != nil || err != nil {
				if err != nil {
					return err
				}
				defer s.Close()
				return showDB(cmd.Context(), e, s, &sf, args[0], asJSON)
			}
			sf.startMarks()
			c, _, err := lf.load(e, args[1:])
			if err != nil {
				return err
			}
			i, ok := c.Position(args[0])
			if !ok {
				return &exitError{code: exitFailure, err: fmt.Errorf("no article %q; closest: %s", args[0], strings.Join(c.Closest(args[0], 3), ", "))}
			}
			a, m := c.At(i), sf.lazyMarks(e, c)(i)
			if asJSON {
				groups, err := groupsFor(cmd.Context(), c, listJSON)
				if err != nil {
					return err
				}
				return writeJSON(e.stdout, withGroup(articleOf(a, m, true), groups, i))
			}
			_, err = io.WriteString(e.stdout, a.Markdown()+marksMarkdown(m))
			return err
		},
	}
	lf.add(cmd)
	sf.add(cmd)
	df.add(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the article as a JSON object, with its paragraphs")
	return cmd
}
