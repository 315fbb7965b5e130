package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/trend"
)

// chartLayout is how the periods of a base fit the chart's width: per
// periods summed in a column group of cells cells (a bar of bar cells
// a query, and a gap), groups of them.
type chartLayout struct {
	per, bar, cells, groups int
}

// maxBar is the widest a bar gets when there is room.
const maxBar = 4

// layoutChart fits n periods of queries bars each in width cells: bars
// as wide as the room allows, up to maxBar; without the gap for a single
// query when even one cell a period does not fit; periods summed when
// they still do not fit.
func layoutChart(n, queries, width int) chartLayout {
	n, width = max(n, 1), max(width, 1)
	bar := max(1, min(maxBar, (width/n-1)/queries))
	cells := queries*bar + 1
	if queries == 1 && n*cells > width {
		cells = bar
	}
	per := max(1, (n*cells+width-1)/width)
	return chartLayout{per: per, bar: bar, cells: cells, groups: (n + per - 1) / per}
}

// sums returns the hits of series s in each column group.
func (l chartLayout) sums(s trend.Series) []int {
	out := make([]int, l.groups)
	for k, v := range s.Hits {
		out[k/l.per] += v
	}
	return out
}

// maxPlotHeight is the tallest the bars get: more lines would not say
// more.
const maxPlotHeight = 16

// view draws the chart, h lines of w columns: a title with the legend,
// the bars over a scale, the axis, the periods under it, and the keys.
func (cv *chartView) view(s *Styles, w, h int) string {
	b := cv.shown
	if b == nil {
		return s.Year.Render(" Hits over time") + "\n" + s.Placeholder.Render(" counting…")
	}
	out := []string{ansi.Truncate(cv.titleView(s, b), w, "…")}
	plotH := min(h-4, maxPlotHeight)
	switch {
	case cv.err != "":
		out = append(out, s.Error.Render(ansi.Truncate(" "+cv.err, w, "…")))
	case b.Len() == 0:
		out = append(out, s.Placeholder.Render(" no article is dated to the "+b.By().String()))
	case plotH < 2:
	default:
		out = append(out, cv.plotView(s, b, w, plotH)...)
	}
	for len(out) < h-1 {
		out = append(out, "")
	}
	hint := " s: by month or year · a: compare a query · d: drop the last · esc: close"
	if b.Undated+b.Coarser > 0 {
		hint = fmt.Sprintf(" %d articles not dated to the %s ·", b.Undated+b.Coarser, b.By()) + hint
	}
	return strings.Join(append(out, s.Dim.Render(ansi.Truncate(hint, w, "…"))), "\n")
}

// titleView is the chart's first line: what it counts, then a key of
// each query's fill and its hits.
func (cv *chartView) titleView(s *Styles, b *trend.Base) string {
	t := s.Year.Render(" Hits over time") + s.Dim.Render(" · by "+b.By().String())
	names := cv.queries
	if len(names) == 0 {
		names = []string{"every article"}
	}
	for i, q := range names {
		total := ""
		if i < len(cv.series) {
			total = fmt.Sprintf(" (%d)", cv.series[i].Total)
		}
		t += "  " + s.Series[i].Render(seriesFill(i)) + " " + corpus.OneLine(q) + s.Dim.Render(total)
	}
	return t
}

// plotView draws the bars, plotH lines of them, the axis under them and
// the periods' labels.
func (cv *chartView) plotView(s *Styles, b *trend.Base, w, plotH int) []string {
	most := 1
	for _, se := range cv.series {
		for _, v := range se.Hits {
			most = max(most, v)
		}
	}
	labelW := len(fmt.Sprint(most))
	width := max(w-labelW-2, 1)
	nq := max(len(cv.series), 1)
	lay := layoutChart(b.Len(), nq, width)
	// The scale is of the sums shown, which per may make larger.
	sums := make([][]int, len(cv.series))
	most = 1
	for i, se := range cv.series {
		sums[i] = lay.sums(se)
		for _, v := range sums[i] {
			most = max(most, v)
		}
	}
	labelW = len(fmt.Sprint(most))
	var out []string
	for r := range plotH {
		label := strings.Repeat(" ", labelW)
		switch mid := most * (plotH - r) / plotH; {
		case r == 0:
			label = fmt.Sprintf("%*d", labelW, most)
		case r == plotH/2 && plotH >= 5 && mid > 0 && mid < most:
			label = fmt.Sprintf("%*d", labelW, mid)
		}
		var line strings.Builder
		line.WriteString(s.Dim.Render(label + " │"))
		level := plotH - r // the bars that reach this line
		for g := range lay.groups {
			for q := range sums {
				if v := sums[q][g]; v > 0 && (v*plotH+most-1)/most >= level {
					line.WriteString(s.Series[q].Render(strings.Repeat(seriesFill(q), lay.bar)))
				} else {
					line.WriteString(strings.Repeat(" ", lay.bar))
				}
			}
			line.WriteString(strings.Repeat(" ", max(lay.cells-len(sums)*lay.bar, 0)))
		}
		out = append(out, ansi.Truncate(line.String(), w, ""))
	}
	axis := fmt.Sprintf("%*d └", labelW, 0) + strings.Repeat("─", min(lay.groups*lay.cells, width))
	return append(out, s.Dim.Render(ansi.Truncate(axis, w, "")), s.StripLabel.Render(cv.labelsView(b, lay, labelW+2, w)))
}

// labelsView is the line of the periods under the axis: the label of a
// group's first period where it starts, when it fits after the last.
func (cv *chartView) labelsView(b *trend.Base, lay chartLayout, from, w int) string {
	line := []byte(strings.Repeat(" ", w))
	next := 0
	for g := range lay.groups {
		col := from + g*lay.cells
		label := b.Label(g * lay.per)
		if col >= next && col+len(label) <= w {
			copy(line[col:], label)
			next = col + len(label) + 1
		}
	}
	return strings.TrimRight(string(line), " ")
}
