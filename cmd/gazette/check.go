package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/similar"
)

// maxListed bounds the examples a check report lists one by one (derived
// titles, renamed IDs); problems are always all listed.
const maxListed = 10

// checkReport is what `gazette check` found, as --json prints it.
type checkReport struct {
	Articles      int            `json:"articles"`
	ByFormat      map[string]int `json:"by_format"`
	Dated         int            `json:"dated"`
	Undated       int            `json:"undated"`
	DerivedTitles []idTitle      `json:"derived_titles"`
	RenamedIDs    []renamedID    `json:"renamed_ids"`
	// Copies lists the groups of articles that are copies of one another
	// (a wire story reprinted, a page republished), largest first.
	Copies []copyGroup `json:"copies"`
	// Problems lists every problem, the most serious kinds first;
	// ByKind counts them by kind (failed, partial, duplicate).
	Problems []problemRow   `json:"problems"`
	ByKind   map[string]int `json:"by_kind"`
}

// copyGroup is a group of copies: its ID (its earliest article's) and
// its articles, in timeline order.
type copyGroup struct {
	Group    string   `json:"group"`
	Title    string   `json:"title"`
	Articles []string `json:"articles"`
}

type idTitle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// renamedID is an article whose ID another source already gave, and that
// was kept under a suffixed one.
type renamedID struct {
	ID     string `json:"id"`
	Was    string `json:"was"`
	Source string `json:"source"`
}

type problemRow struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// Kind is "failed" (nothing read from it), "partial" (read with a
	// loss), "duplicate" (skipped as a copy of Of) or "skipped" (files of a
	// folder that hold no article, listed in Files).
	Kind string `json:"kind"`
	Of   string `json:"of,omitempty"`
	// Files lists, for skipped files, each one with its reason.
	Files []string `json:"files,omitempty"`
	// line is the problem for people, on one line.
	line string
}

func newCheckCmd(e env) *cobra.Command {
	var lf loadFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Report what a corpus holds and everything that could not be read",
		Long: `Load the corpus and print a report: articles by format, dated and undated
counts, derived titles, and every problem with its kind and reason: failed
(nothing could be read from it), partial (read with a loss) or duplicate
(a byte-identical copy, loaded once). Exits with status 1 if a source
failed or nothing loaded; partial sources and duplicates are no failure.`,
		Example: `  gazette check ~/news
  gazette check dump.jsonl --json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := lf.validate(); err != nil {
				return err
			}
			srcs, err := sources(e, args)
			if err != nil {
				return err
			}
			opts, err := lf.options()
			if err != nil {
				return err
			}
			c, probs := ingest.Load(srcs, opts)
			rep := buildReport(c, probs)
			groups, err := similar.Find(cmd.Context(), c)
			if err != nil {
				return fmt.Errorf("find copies: %w", err)
			}
			rep.Copies = copiesOf(c, groups)
			if asJSON {
				err = writeJSON(e.stdout, rep)
			} else {
				err = writeReport(e.stdout, rep, describe(args))
			}
			if err != nil {
				return err
			}
			if failed := rep.ByKind[ingest.KindFailed]; failed > 0 || rep.Articles == 0 {
				return &exitError{code: exitFailure, err: fmt.Errorf("%d source%s failed, %d article%s loaded", failed, plural(failed), rep.Articles, plural(rep.Articles))}
			}
			return nil
		},
	}
	lf.add(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as a JSON object")
	return cmd
}

// buildReport sums up a load.
func buildReport(c *corpus.Corpus, probs []ingest.Problem) checkReport {
	rep := checkReport{Articles: c.Len(), ByFormat: map[string]int{},
		DerivedTitles: []idTitle{}, RenamedIDs: []renamedID{}, Copies: []copyGroup{}, Problems: []problemRow{}, ByKind: map[string]int{}}
	for i := range c.Len() {
		a := c.At(i)
		rep.ByFormat[a.Format]++
		if a.Date.IsZero() {
			rep.Undated++
		} else {
			rep.Dated++
		}
		if a.TitleDerived {
			rep.DerivedTitles = append(rep.DerivedTitles, idTitle{a.ID, a.Title})
		}
		if base, ok := renamedFrom(c, a.ID); ok {
			rep.RenamedIDs = append(rep.RenamedIDs, renamedID{ID: a.ID, Was: base, Source: a.Source})
		}
	}
	slices.SortFunc(rep.DerivedTitles, func(a, b idTitle) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(rep.RenamedIDs, func(a, b renamedID) int { return cmp.Compare(a.ID, b.ID) })
	groups := byKind(probs)
	for _, kind := range ingest.Kinds() {
		rep.ByKind[kind] = len(groups[kind])
		for _, p := range groups[kind] {
			rep.Problems = append(rep.Problems, problemRow{Path: p.Path, Reason: p.Reason, Kind: kind, Of: p.Duplicate, Files: p.Skipped, line: p.Line()})
		}
	}
	return rep
}

// copiesOf lists the groups of copies, the largest first, then in the
// order of their earliest articles.
func copiesOf(c *corpus.Corpus, g *similar.Groups) []copyGroup {
	out := make([]copyGroup, 0, g.Len())
	for k := range g.Len() {
		cg := copyGroup{Group: g.ID(k), Title: c.At(int(g.Members(k)[0])).Title}
		for _, i := range g.Members(k) {
			cg.Articles = append(cg.Articles, c.At(int(i)).ID)
		}
		out = append(out, cg)
	}
	slices.SortStableFunc(out, func(a, b copyGroup) int { return cmp.Compare(len(b.Articles), len(a.Articles)) })
	return out
}

// renamedFrom reports whether id is "BASE~N", made unique by the corpus
// because another article already had BASE.
func renamedFrom(c *corpus.Corpus, id string) (string, bool) {
	i := strings.LastIndexByte(id, '~')
	if i <= 0 {
		return "", false
	}
	if n, err := strconv.Atoi(id[i+1:]); err != nil || n < 2 {
		return "", false
	}
	_, ok := c.ByID(id[:i])
	return id[:i], ok
}

// writeReport prints the report for people.
func writeReport(w io.Writer, rep checkReport, what string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Checked %s\n\n", what)
	fmt.Fprintf(bw, "Articles        %d\n", rep.Articles)
	formats := make([]string, 0, len(rep.ByFormat))
	for _, f := range ingest.Formats() {
		if n := rep.ByFormat[f]; n > 0 {
			formats = append(formats, fmt.Sprintf("%s %d", f, n))
		}
	}
	if len(formats) > 0 {
		fmt.Fprintf(bw, "  by format     %s\n", strings.Join(formats, ", "))
	}
	fmt.Fprintf(bw, "  dated         %d\n", rep.Dated)
	fmt.Fprintf(bw, "  undated       %d\n", rep.Undated)
	fmt.Fprintf(bw, "  derived title %d\n", len(rep.DerivedTitles))
	for i, d := range rep.DerivedTitles {
		if i == maxListed {
			fmt.Fprintf(bw, "    … and %d more\n", len(rep.DerivedTitles)-maxListed)
			break
		}
		fmt.Fprintf(bw, "    %s  %s\n", d.ID, d.Title)
	}
	fmt.Fprintf(bw, "\nSame IDs        %d article%s kept under a new ID (another source gave the same one)\n", len(rep.RenamedIDs), plural(len(rep.RenamedIDs)))
	for i, r := range rep.RenamedIDs {
		if i == maxListed {
			fmt.Fprintf(bw, "    … and %d more\n", len(rep.RenamedIDs)-maxListed)
			break
		}
		fmt.Fprintf(bw, "  %s  (was %s, from %s)\n", r.ID, r.Was, corpus.OneLine(r.Source))
	}
	writeCopies(bw, rep.Copies)
	counts := make([]string, 0, 3)
	for _, kind := range ingest.Kinds() {
		counts = append(counts, fmt.Sprintf("%d %s", rep.ByKind[kind], kind))
	}
	fmt.Fprintf(bw, "\nProblems        %d: %s\n", len(rep.Problems), strings.Join(counts, ", "))
	for _, p := range rep.Problems {
		fmt.Fprintf(bw, "  %-9s  %s\n", p.Kind, p.line)
		for _, f := range p.Files {
			fmt.Fprintf(bw, "  %-9s    %s\n", "", corpus.OneLine(f))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// writeCopies prints the groups of copies: how many, then the largest,
// each with its ID, its title and the IDs of the copies.
func writeCopies(bw *bufio.Writer, copies []copyGroup) {
	n := 0
	for _, g := range copies {
		n += len(g.Articles)
	}
	fmt.Fprintf(bw, "\nCopies          %d group%s of copies, %d articles\n", len(copies), plural(len(copies)), n)
	for i, g := range copies {
		if i == maxListed {
			fmt.Fprintf(bw, "    … and %d more\n", len(copies)-maxListed)
			break
		}
		fmt.Fprintf(bw, "  %s  %s\n", g.Group, corpus.OneLine(g.Title))
		fmt.Fprintf(bw, "    +%d: %s\n", len(g.Articles)-1, strings.Join(g.Articles[1:], ", "))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// validate rejects an unknown --format as bad usage.
func (f *loadFlags) validate() error {
	if f.format == "" {
		return nil
	}
	if _, err := ingest.ParseFormat(f.format); err != nil {
		return usageErr(err)
	}
	return nil
}
