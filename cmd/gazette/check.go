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
	"github.com/gazette-reader/gazette/seeds"
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
	Duplicates    []problemRow   `json:"duplicates"`
	Skipped       []problemRow   `json:"skipped"`
	RenamedIDs    []renamedID    `json:"renamed_ids"`
	Problems      []problemRow   `json:"problems"`
	Failed        int            `json:"failed"`
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
	// Status is "failed" (nothing read from it), "partial" (read with a
	// loss), "duplicate" (skipped as a copy of Of) or "skipped" (no
	// article: a picture, a binary file).
	Status string `json:"status"`
	Of     string `json:"of,omitempty"`
}

func newCheckCmd(e env) *cobra.Command {
	var lf loadFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Report what a corpus holds and everything that could not be read",
		Long: `Load the corpus and print a report: articles by format, dated and undated
counts, derived titles, duplicates, and every problem with its reason.
Exits with status 1 if any source failed (nothing could be read from it);
files read with a loss and byte-identical copies do not count as failures.`,
		Example: `  gazette check ~/news
  gazette check dump.jsonl --json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			if err := lf.validate(); err != nil {
				return err
			}
			var c *corpus.Corpus
			var probs []ingest.Problem
			opts := ingest.Options{Format: lf.format}
			if len(args) == 0 {
				c, probs = ingest.Load([]ingest.Source{ingest.FromFS("seeds", seeds.FS)}, opts)
			} else {
				c, probs = ingest.LoadPaths(args, opts)
			}
			rep := buildReport(c, probs)
			var err error
			if asJSON {
				err = writeJSON(e.stdout, rep)
			} else {
				err = writeReport(e.stdout, rep, describe(args))
			}
			if err != nil {
				return err
			}
			if rep.Failed > 0 || rep.Articles == 0 {
				return &exitError{code: exitFailure, err: fmt.Errorf("%d source%s failed, %d article%s loaded", rep.Failed, plural(rep.Failed), rep.Articles, plural(rep.Articles))}
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
		DerivedTitles: []idTitle{}, Duplicates: []problemRow{}, Skipped: []problemRow{}, RenamedIDs: []renamedID{}, Problems: []problemRow{}}
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
	for _, p := range probs {
		row := problemRow{Path: p.Path, Reason: p.Reason, Status: "failed"}
		switch {
		case p.Duplicate != "":
			row.Status, row.Of = "duplicate", p.Duplicate
			rep.Duplicates = append(rep.Duplicates, row)
			continue
		case len(p.Skipped) > 0:
			for _, s := range p.Skipped {
				path, why, _ := strings.Cut(s, ": ")
				rep.Skipped = append(rep.Skipped, problemRow{Path: path, Reason: why, Status: "skipped"})
			}
			continue
		case p.Partial:
			row.Status = "partial"
		default:
			rep.Failed++
		}
		rep.Problems = append(rep.Problems, row)
	}
	return rep
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
	copies := "copies"
	if len(rep.Duplicates) == 1 {
		copies = "copy"
	}
	fmt.Fprintf(bw, "\nDuplicates      %d byte-identical %s skipped\n", len(rep.Duplicates), copies)
	for _, d := range rep.Duplicates {
		fmt.Fprintf(bw, "  %s  same bytes as %s\n", d.Path, d.Of)
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(bw, "Skipped         %d file%s that hold no article\n", len(rep.Skipped), plural(len(rep.Skipped)))
		for i, s := range rep.Skipped {
			if i == maxListed {
				fmt.Fprintf(bw, "    … and %d more\n", len(rep.Skipped)-maxListed)
				break
			}
			fmt.Fprintf(bw, "  %s  %s\n", s.Path, s.Reason)
		}
	}
	fmt.Fprintf(bw, "Same IDs        %d article%s kept under a new ID (another source gave the same one)\n", len(rep.RenamedIDs), plural(len(rep.RenamedIDs)))
	for i, r := range rep.RenamedIDs {
		if i == maxListed {
			fmt.Fprintf(bw, "    … and %d more\n", len(rep.RenamedIDs)-maxListed)
			break
		}
		fmt.Fprintf(bw, "  %s  (was %s, from %s)\n", r.ID, r.Was, r.Source)
	}
	partial := len(rep.Problems) - rep.Failed
	fmt.Fprintf(bw, "\nProblems        %d: %d failed, %d read with a loss\n", len(rep.Problems), rep.Failed, partial)
	for _, p := range rep.Problems {
		fmt.Fprintf(bw, "  %-7s  %s: %s\n", p.Status, p.Path, p.Reason)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
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
