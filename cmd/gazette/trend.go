package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/trend"
)

// queriesAndPaths splits the arguments of a command that takes QUERY...
// [PATH...]: the first is a query; so is each after it up to the first
// that names a file or folder that exists, or "-" (see splitPaths). A
// "--" after the first argument ends the queries whatever follows.
func queriesAndPaths(cmd *cobra.Command, args []string) (queries, paths []string) {
	if dash := cmd.ArgsLenAtDash(); dash > 0 {
		return args[:dash], args[dash:]
	}
	before, rest := splitPaths(args[1:])
	return append([]string{args[0]}, before...), rest
}

// trendTable is what gazette trend prints: the hits of each query per
// period, against the articles of the period.
type trendTable struct {
	base    *trend.Base
	queries []string
	series  []trend.Series
}

func newTrendCmd(e env) *cobra.Command {
	var lf loadFlags
	var sf stateFlags
	var df dbFlags
	var by string
	var asJSON, asCSV bool
	cmd := &cobra.Command{
		Use:   "trend QUERY... [PATH...]",
		Short: "Print the hits of queries per year, month or day",
		Long: `Print, for each period from the earliest dated article to the latest, the
number of articles of the period and how many of them each QUERY finds,
with their share. Articles without a date, and those dated less precisely
than the period (only a month when counting days), are counted on lines
of their own. The arguments are queries up to the first that names a file
or folder that exists (or "-"); "--" after the queries ends them.

` + queryHelp(),
		Example: `  gazette trend otan
  gazette trend otan japon ~/news --by month
  gazette trend 'title:cyber' dump.jsonl --csv > cyber.csv
  gazette trend otan nato -- otan.jsonl`,
		Args: needs(1, "a query"),
		RunE: func(cmd *cobra.Command, args []string) error {
			period, err := trend.ParsePeriod(by)
			if err != nil {
				return usageErrFor(cmd, fmt.Errorf("--by %w", err))
			}
			if asJSON && asCSV {
				return usageErrFor(cmd, errors.New("--json and --csv: one or the other"))
			}
			queries, paths := queriesAndPaths(cmd, args)
			src, err := openSource(cmd, e, &lf, &sf, &df, paths)
			if err != nil {
				return err
			}
			defer src.done()
			if period == trend.Day && src.fetch != nil {
				// A database's timeline dates its articles to the month.
				return usageErrFor(cmd, errors.New("--by day: a corpus in a database is counted by year or month"))
			}
			t := trendTable{base: trend.NewBase(src.articles, period), queries: queries}
			for _, q := range queries {
				r, err := src.find(q)
				if err != nil {
					return err
				}
				t.series = append(t.series, t.base.Count(r.Indexes()))
			}
			if err := src.done(); err != nil {
				return err
			}
			switch {
			case asJSON:
				return writeJSON(e.stdout, t.object())
			case asCSV:
				return t.writeCSV(e.stdout)
			}
			return t.writeText(e.stdout)
		},
	}
	lf.add(cmd)
	sf.add(cmd)
	df.add(cmd)
	cmd.Flags().StringVar(&by, "by", "year", "count per `PERIOD`: year, month or day")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object: the periods, each with its articles and hits")
	cmd.Flags().BoolVar(&asCSV, "csv", false, "print CSV: a row a period, a column of hits a query")
	return cmd
}

// trendRow is one line of the table: a period, or the articles that fall
// in none.
type trendRow struct {
	label    string
	articles int
	hits     []int
}

// rows returns the table's lines: every period, then the undated articles
// and those dated less precisely than the period when there are some.
func (t trendTable) rows() []trendRow {
	b := t.base
	var out []trendRow
	for k := range b.Len() {
		r := trendRow{label: b.Label(k), articles: b.Articles(k)}
		for _, s := range t.series {
			r.hits = append(r.hits, s.Hits[k])
		}
		out = append(out, r)
	}
	extra := func(label string, articles int, hits func(trend.Series) int) {
		if articles == 0 {
			return
		}
		r := trendRow{label: label, articles: articles}
		for _, s := range t.series {
			r.hits = append(r.hits, hits(s))
		}
		out = append(out, r)
	}
	extra("no "+b.By().String(), b.Coarser, func(s trend.Series) int { return s.Coarser })
	extra("undated", b.Undated, func(s trend.Series) int { return s.Undated })
	return out
}

// share is a count out of a total for people: "100 %", "12 %", "0.4 %",
// "" when the total is 0.
func share(n, total int) string {
	if total == 0 {
		return ""
	}
	p := 100 * float64(n) / float64(total)
	if p != 0 && p < 10 {
		return strconv.FormatFloat(p, 'f', 1, 64) + " %"
	}
	return strconv.FormatFloat(p, 'f', 0, 64) + " %"
}

// writeText prints the table for people: a column of articles, then for
// each query its hits and their share, headed by the query.
func (t trendTable) writeText(w io.Writer) error {
	rows := t.rows()
	labelW := len(t.base.By().String())
	for _, r := range rows {
		labelW = max(labelW, len(r.label))
	}
	names := make([]string, len(t.queries))
	widths := make([]int, len(t.queries))
	for i, q := range t.queries {
		names[i] = corpus.OneLine(q)
		widths[i] = max(ansi.StringWidth(names[i]), 4)
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%-*s  %8s", labelW, t.base.By().String(), "articles")
	for i, n := range names {
		fmt.Fprintf(bw, "  %s%s  %7s", strings.Repeat(" ", widths[i]-ansi.StringWidth(n)), n, "share")
	}
	bw.WriteString("\n")
	for _, r := range rows {
		line := fmt.Sprintf("%-*s  %8d", labelW, r.label, r.articles)
		for i, h := range r.hits {
			line += fmt.Sprintf("  %*d  %7s", widths[i], h, share(h, r.articles))
		}
		bw.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// writeCSV prints the table as CSV: period, articles, then the hits of
// each query under the query as its header (made safe for spreadsheets).
func (t trendTable) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"period", "articles"}
	for _, q := range t.queries {
		head = append(head, safeCell(corpus.OneLine(q)))
	}
	cw.Write(head)
	for _, r := range t.rows() {
		row := []string{r.label, strconv.Itoa(r.articles)}
		for _, h := range r.hits {
			row = append(row, strconv.Itoa(h))
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// trendObject is gazette trend's JSON output.
type trendObject struct {
	By      string        `json:"by"`
	Queries []queryTotal  `json:"queries"`
	Periods []periodCount `json:"periods"`
	// LessPrecise counts the articles dated less precisely than the
	// period; Undated those without a date.
	LessPrecise periodCount `json:"less_precise"`
	Undated     periodCount `json:"undated"`
}

// queryTotal is a query and the number of articles it finds.
type queryTotal struct {
	Query string `json:"query"`
	Hits  int    `json:"hits"`
}

// periodCount is the articles of a period, and the hits of each query in
// it, in the order of the queries.
type periodCount struct {
	Period   string `json:"period,omitempty"`
	Articles int    `json:"articles"`
	Hits     []int  `json:"hits"`
}

func (t trendTable) object() trendObject {
	b := t.base
	o := trendObject{By: b.By().String(), Periods: []periodCount{},
		LessPrecise: periodCount{Articles: b.Coarser, Hits: []int{}},
		Undated:     periodCount{Articles: b.Undated, Hits: []int{}}}
	for i, q := range t.queries {
		s := t.series[i]
		o.Queries = append(o.Queries, queryTotal{Query: q, Hits: s.Total})
		o.LessPrecise.Hits = append(o.LessPrecise.Hits, s.Coarser)
		o.Undated.Hits = append(o.Undated.Hits, s.Undated)
	}
	for k := range b.Len() {
		p := periodCount{Period: b.Label(k), Articles: b.Articles(k), Hits: make([]int, len(t.series))}
		for i, s := range t.series {
			p.Hits[i] = s.Hits[k]
		}
		o.Periods = append(o.Periods, p)
	}
	return o
}
