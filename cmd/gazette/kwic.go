package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/concord"
)

func newKWICCmd(e env) *cobra.Command {
	var lf loadFlags
	var sf stateFlags
	var df dbFlags
	var width int
	var sortBy string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "kwic QUERY [PATH...]",
		Short: "Print every occurrence of a query's matches in its context",
		Long: `Print a concordance (keyword in context): every place the articles that
match QUERY hold one of its terms, one line each, the match in one column
between the text before it and the text after it, then the date and the
title of the article. Lines are in timeline order, or sorted by the words
left or right of the match (nearest first). Exits with status 1 when
nothing matches, as grep does. Put "--" before a query that starts with
"-".

` + queryHelp(),
		Example: `  gazette kwic cyberdéfense
  gazette kwic 'otan' ~/news --sort right --width 30
  gazette kwic '"secteur privé"' dump.jsonl --json | jq -r .right`,
		Args: needs(1, "a query"),
		RunE: func(cmd *cobra.Command, args []string) error {
			order, ok := concord.ParseOrder(sortBy)
			if !ok {
				return usageErrFor(cmd, fmt.Errorf("--sort %q: want left or right", sortBy))
			}
			if width < 1 {
				return usageErrFor(cmd, errors.New("--width must be 1 or more"))
			}
			src, err := openSource(cmd, e, &lf, &sf, &df, args[1:])
			if err != nil {
				return err
			}
			defer src.done()
			r, err := src.find(args[0])
			if err != nil {
				return err
			}
			lines, err := concord.New(r).Fetching(src.fetch).All(cmd.Context())
			if err != nil {
				return fmt.Errorf("kwic %q: %w", args[0], err)
			}
			c := src.articles
			concord.Sort(lines, order)
			if asJSON {
				err = writeJSON(e.stdout, kwicObjects(c, lines))
			} else {
				err = writeKWIC(e.stdout, c, lines, width)
			}
			if err == nil {
				err = src.done()
			}
			if err == nil && len(lines) == 0 {
				return &exitError{code: exitFailure, err: errors.New("no match"), silent: true}
			}
			return err
		},
	}
	lf.add(cmd)
	sf.add(cmd)
	df.add(cmd)
	cmd.Flags().IntVar(&width, "width", 40, "show `N` columns of context on each side of the match")
	cmd.Flags().StringVar(&sortBy, "sort", "", "sort by the words `left` or `right` of the match (default: timeline order)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of the occurrences")
	return cmd
}

// kwicDate is an article's date on a concordance line, to the day at
// most: "2014-09-20", "2017-01", "undated".
// articleAt gives the article at a position of the timeline: a corpus
// in memory, or the timeline of one in a database.
type articleAt interface {
	At(i int) *corpus.Article
}

func kwicDate(a *corpus.Article) string {
	if a.Date.IsZero() {
		return "undated"
	}
	s := a.Date.String()
	return s[:min(len(s), len("2006-01-02"))]
}

// writeKWIC prints the lines for people: the left context in width
// cells, the match padded to the widest, the right context in width
// cells, the date and the title. Every match starts in the same column,
// whatever the script (wide characters count two cells).
func writeKWIC(w io.Writer, c articleAt, lines []concord.Line, width int) error {
	matchW := 0
	for i := range lines {
		lines[i].Left, lines[i].Match, lines[i].Right = corpus.OneLine(lines[i].Left), corpus.OneLine(lines[i].Match), corpus.OneLine(lines[i].Right)
		matchW = max(matchW, ansi.StringWidth(lines[i].Match))
	}
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		a := c.At(l.Index)
		line := fmt.Sprintf("%s %s %s  %-10s  %s", l.LeftCells(width), concord.Cells(l.Match, matchW), l.RightCells(width), kwicDate(a), corpus.OneLine(a.Title))
		bw.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// kwicObject is a line of the concordance as the JSON output shows it.
type kwicObject struct {
	ID    string `json:"id"`
	Date  string `json:"date"`
	Title string `json:"title"`
	// In is "title" or "body"; Paragraph is the paragraph's number, from
	// 0, for a match in the body. Start and End are the match's byte
	// offsets in that text.
	In        string `json:"in"`
	Paragraph *int   `json:"paragraph,omitempty"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Left      string `json:"left"`
	Match     string `json:"match"`
	Right     string `json:"right"`
}

func kwicObjects(c articleAt, lines []concord.Line) []kwicObject {
	out := make([]kwicObject, 0, len(lines))
	for _, l := range lines {
		a := c.At(l.Index)
		o := kwicObject{ID: a.ID, Date: a.Date.String(), Title: a.Title, In: "title",
			Start: l.Span.Start, End: l.Span.End, Left: l.Left, Match: l.Match, Right: l.Right}
		if l.Para >= 0 {
			o.In, o.Paragraph = "body", &l.Para
		}
		out = append(out, o)
	}
	return out
}
