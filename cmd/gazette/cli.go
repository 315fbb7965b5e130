package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/seeds"
)

// env is what a run of gazette talks to; tests give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// tty is set when stdin and stdout are a terminal, so the reader can run.
	tty bool
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
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(err error) error { return &exitError{code: exitUsage, err: err} }

// run executes gazette with args and returns its exit status.
func run(ctx context.Context, args []string, e env) int {
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version()),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			fmt.Fprintf(w, "gazette: %v\n", err)
			if exitCode(err) == exitUsage {
				fmt.Fprintln(w, "Try 'gazette --help' for usage.")
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
	format string
}

func (f *loadFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.format, "format", "", "read every file as `FORMAT` (text, markdown, json, jsonl, csv, tsv, html) instead of detecting it from its extension and content")
}

// load reads the corpus named by paths, or the embedded seeds when there
// are none, and reports problems on stderr as "gazette: PATH: reason". It
// fails when no article loaded.
func (f *loadFlags) load(e env, paths []string) (*corpus.Corpus, []ingest.Problem, error) {
	if err := f.validate(); err != nil {
		return nil, nil, err
	}
	var c *corpus.Corpus
	var probs []ingest.Problem
	if len(paths) == 0 {
		c, probs = ingest.Load([]ingest.Source{ingest.FromFS("seeds", seeds.FS)}, ingest.Options{Format: f.format})
	} else {
		// A large corpus takes seconds: say so on a terminal, then clear
		// the line (the path is the user's, but may hold anything).
		if e.tty {
			fmt.Fprintf(e.stderr, "gazette: loading %s…", ingest.Sanitize(describe(paths)))
		}
		c, probs = ingest.LoadPaths(paths, ingest.Options{Format: f.format})
		if e.tty {
			fmt.Fprint(e.stderr, "\r\x1b[K")
		}
	}
	for _, p := range probs {
		fmt.Fprintf(e.stderr, "gazette: %s\n", p.Error())
	}
	if c.Len() == 0 {
		return nil, probs, &exitError{code: exitFailure, err: fmt.Errorf("no article loaded from %s", describe(paths))}
	}
	return c, probs, nil
}

func describe(paths []string) string {
	if len(paths) == 0 {
		return "the embedded seeds"
	}
	return strings.Join(paths, ", ")
}

func newRoot(e env) *cobra.Command {
	var lf loadFlags
	root := &cobra.Command{
		Use:   "gazette [PATH...]",
		Short: "Read a corpus of news articles in the terminal",
		Long: `gazette loads a corpus of news articles in memory and shows a timeline,
the article being read and a filter that narrows the timeline as you type.

With no PATH it opens its embedded corpus: five French articles on
international cyber-security cooperation (2014-2019). PATHs are files or
folders, read recursively. When stdout is not a terminal, gazette prints
the list instead of starting the reader.`,
		Example: `  gazette                      # the embedded corpus
  gazette ~/news               # a folder of articles
  gazette list --json | jq .   # the timeline as JSON`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, probs, err := lf.load(e, args)
			if err != nil {
				return err
			}
			if e.tty {
				return runReader(cmd.Context(), c, len(probs), e)
			}
			return writeList(e.stdout, c, false)
		},
	}
	lf.add(root)
	root.Flags().SortFlags = false
	root.AddCommand(newListCmd(e), newShowCmd(e), newSearchCmd(e), newCheckCmd(e))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr(err) })
	return root
}

// args wraps a cobra argument check so that its error is a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageErr(err)
		}
		return nil
	}
}

func newListCmd(e env) *cobra.Command {
	var lf loadFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "Print the articles in timeline order",
		Long:  "Print one line per article, oldest first and undated last: the date as precise as it is known, the ID and the title.",
		Example: `  gazette list
  gazette list ~/news --json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			c, _, err := lf.load(e, args)
			if err != nil {
				return err
			}
			return writeList(e.stdout, c, asJSON)
		},
	}
	lf.add(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of articles")
	return cmd
}

func newShowCmd(e env) *cobra.Command {
	var lf loadFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID [PATH...]",
		Short: "Print one article as Markdown",
		Long:  "Print the article with the given ID as Markdown: the title as a heading, a metadata line and the paragraphs.",
		Example: `  gazette show 003_a617ba8cd3b3f892
  gazette show 2024/05/budget ~/news --json`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			c, _, err := lf.load(e, args[1:])
			if err != nil {
				return err
			}
			a, ok := c.ByID(args[0])
			if !ok {
				return &exitError{code: exitFailure, err: fmt.Errorf("no article %q; closest: %s", args[0], strings.Join(c.Closest(args[0], 3), ", "))}
			}
			if asJSON {
				return writeJSON(e.stdout, articleOf(a, true))
			}
			_, err = io.WriteString(e.stdout, a.Markdown())
			return err
		},
	}
	lf.add(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the article as a JSON object, with its paragraphs")
	return cmd
}

func newSearchCmd(e env) *cobra.Command {
	var lf loadFlags
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY [PATH...]",
		Short: "Print the articles that match a query, best first",
		Long: `Print the articles that match QUERY, most relevant first, with a snippet.
Terms separated by spaces must all match, in the title or the body, at the
start of a word, ignoring case and accents. A term that starts no word may
match its letters in order inside one (cybdef), or with one typo (five
letters or more). "exact phrase", -term or !term to exclude, a|b for
either, title:word, year:2017, date:2015..2018, date:>=2018-07.
Put "--" before a query that starts with "-".`,
		Example: `  gazette search cyberdefense
  gazette search 'otan japon' --json
  gazette search -- '-otan title:cyber date:>=2015'`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 0 {
				return usageErr(errors.New("--limit must be 0 or more"))
			}
			c, _, err := lf.load(e, args[1:])
			if err != nil {
				return err
			}
			r, err := search.New(c).Find(cmd.Context(), args[0], nil)
			if err != nil {
				var qe *search.QueryError
				if errors.As(err, &qe) {
					return usageErr(fmt.Errorf("query %q: %w", args[0], err))
				}
				return fmt.Errorf("search %q: %w", args[0], err)
			}
			r = r.ByScore()
			n := r.Len()
			if limit > 0 {
				n = min(n, limit)
			}
			hits := make([]search.Hit, n)
			for i := range hits {
				hits[i] = r.Hit(i)
				r.Explain(&hits[i])
			}
			return writeHits(e.stdout, c, hits, asJSON)
		},
	}
	lf.add(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of hits")
	cmd.Flags().IntVar(&limit, "limit", 0, "print at most `N` hits (0: all)")
	return cmd
}
