package tui

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/trend"
)

// maxSeries is how many queries the chart compares.
const maxSeries = 3

// seriesFill are the bars' fills, one a query: told apart by their
// pattern without colour (NO_COLOR), and by their colour with it.
func seriesFill(i int) string { return [maxSeries]string{"█", "▓", "░"}[i] }

// chartView draws the hits of up to three queries per month or year as
// bars, side by side in each period, with a scale and the periods under
// them. The filter's query comes first; a prompt adds others.
type chartView struct {
	c      Articles
	finder Finder
	// bases count every article per year and per month, each made once,
	// in the command that first needs it; shown is the one the series
	// are of (nil until counted).
	bases [2]*trend.Base
	shown *trend.Base
	// queries are the queries compared, series their hits, when counted
	// (pending while a command counts them); byMonth counts per month.
	queries []string
	series  []trend.Series
	pending bool
	byMonth bool
	err     string
}

// chartCountedMsg carries the hits of queries per period of base.
type chartCountedMsg struct {
	queries []string
	base    *trend.Base
	series  []trend.Series
	err     error
}

// period returns the chart's period, and its place in bases.
func (cv *chartView) period() (trend.Period, int) {
	if cv.byMonth {
		return trend.Month, 1
	}
	return trend.Year, 0
}

// open shows the chart of the filter's results (every article without a
// filter), by year.
func (cv *chartView) open(res *search.Results) {
	cv.queries, cv.series, cv.err, cv.shown = nil, nil, "", nil
	if res != nil {
		cv.queries = []string{res.Query.String()}
	}
}

// add compares one more query, up to maxSeries.
func (cv *chartView) add(q string) {
	if q = strings.TrimSpace(q); q != "" && len(cv.queries) < maxSeries {
		cv.queries = append(cv.queries, q)
	}
}

// countCmd counts, in a command, the hits of the chart's queries per
// period (every article when there is none).
func (cv *chartView) countCmd(marks search.Marks) tea.Cmd {
	by, i := cv.period()
	base, queries, f, c := cv.bases[i], cv.queries, cv.finder, cv.c
	cv.pending = true
	return func() tea.Msg {
		if base == nil {
			base = trend.NewBase(c, by)
		}
		msg := chartCountedMsg{queries: queries, base: base}
		if len(queries) == 0 {
			msg.series = []trend.Series{base.Count(every(c.Len()))}
			return msg
		}
		for _, q := range queries {
			r, err := f.FindMarked(context.Background(), q, nil, marks)
			if err != nil {
				msg.err = fmt.Errorf("%s: %w", corpus.OneLine(q), err)
				return msg
			}
			msg.series = append(msg.series, base.Count(r.Indexes()))
		}
		return msg
	}
}

// every yields the positions of n articles.
func every(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// counted takes the counts back, unless the chart moved on.
func (cv *chartView) counted(msg chartCountedMsg) {
	by, i := cv.period()
	if msg.base.By() != by || strings.Join(msg.queries, "\x00") != strings.Join(cv.queries, "\x00") {
		return
	}
	cv.bases[i], cv.shown = msg.base, msg.base
	cv.pending, cv.series, cv.err = false, msg.series, ""
	if msg.err != nil {
		cv.err, cv.series = errorLine(msg.err), nil
	}
}

// update handles a key while the chart is shown: s counts per month or
// per year, a asks for a query to compare, d drops the last one, esc, q
// or the chart's key close it.
func (cv *chartView) update(msg tea.KeyPressMsg, k KeyMap, marks search.Marks) (request, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Chart, k.Back, k.Quit):
		return requestClose, nil
	case key.Matches(msg, k.Sort):
		cv.byMonth = !cv.byMonth
		return requestNone, cv.countCmd(marks)
	case key.Matches(msg, k.ChartAdd) && len(cv.queries) < maxSeries:
		return requestCompare, nil
	case key.Matches(msg, k.DeleteSearch) && len(cv.queries) > 0:
		cv.queries = cv.queries[:len(cv.queries)-1]
		return requestNone, cv.countCmd(marks)
	}
	return requestNone, nil
}
