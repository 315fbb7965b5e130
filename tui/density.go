package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
)

// monthKey packs what the timeline groups by into one number: year*13 +
// month (0 when only the year is known), or -1 when undated. Keys are
// computed once per article, so that laying out 100 000 results reads a
// compact array instead of every article.
func monthKey(d corpus.Date) int32 {
	if d.IsZero() {
		return -1
	}
	m := 0
	if d.Precision >= corpus.PrecisionMonth {
		m = int(d.Time.Month())
	}
	return int32(d.Time.Year()*13 + m)
}

func keyYear(k int32) int  { return int(k / 13) }
func keyMonth(k int32) int { return int(k % 13) }

func sameYear(a, b int32) bool {
	if a < 0 || b < 0 {
		return (a < 0) == (b < 0)
	}
	return keyYear(a) == keyYear(b)
}

// density is the strip of articles over time: a count per month when the
// months spanned fit the strip's width, else per year.
type density struct {
	counts                []int
	firstYear, firstMonth int // start of the first bucket
	monthly               bool
	// all counts every article of each bucket while a filter is on (nil
	// otherwise): the bars then show the share of each bucket's articles
	// that are hits, over the span of the whole corpus.
	all []int
}

// axisMinHeight is the smallest timeline (strip and rows) that shows the
// strip's axis, a line of years under its bars.
const axisMinHeight = 14

// stripLines is the number of lines of the strip: its bars, and its axis
// when the pane is tall enough.
func (t *timeline) stripLines() int {
	if t.axis {
		return 2
	}
	return 1
}

// stripRoom is the number of cells the strip's bars take: the width but
// a margin each side, with the axis; without it, what the first and last
// labels leave.
func (t *timeline) stripRoom(left, right string) int {
	if t.axis {
		return t.width - 2
	}
	return t.width - len(left) - len(right) - 4
}

// measure counts the dated articles shown per month when the months they
// span fit the strip, else per year. While a filter is on, the buckets
// span every article's dates, and all counts every article of each. The
// articles shown are counted a run of the months at a time (see
// perRun), not one by one.
func (t *timeline) measure() density {
	ms := t.months
	shown := t.perRun()
	lo, hi := int32(-1), int32(-1)
	for i := range ms.Len() {
		// Filtered, the span is every article's.
		if k := ms.Key(i); k >= 0 && (shown[i] > 0 || t.filtered()) {
			if lo < 0 || k < lo {
				lo = k
			}
			hi = max(hi, k)
		}
	}
	if lo < 0 {
		return density{}
	}
	months := (keyYear(hi)-keyYear(lo))*12 + max(keyMonth(hi), 1) - max(keyMonth(lo), 1) + 1
	dn := density{firstYear: keyYear(lo), firstMonth: 1}
	if months > 1 && months <= t.stripRoom("0000-00", "0000-00") {
		dn.monthly, dn.firstMonth = true, max(keyMonth(lo), 1)
	}
	dn.counts = make([]int, dn.bucket(hi)+1)
	if t.filtered() {
		dn.all = make([]int, len(dn.counts))
	}
	for i := range ms.Len() {
		if k := ms.Key(i); k >= 0 {
			dn.counts[dn.bucket(k)] += shown[i]
			if dn.all != nil {
				dn.all[dn.bucket(k)] += ms.Size(i)
			}
		}
	}
	return dn
}

// perRun counts the articles shown in each run of the months: two
// binary searches a run when they are in timeline order (the hits of a
// filter in relevance order are counted in timeline order: the same
// articles), else one search an article.
func (t *timeline) perRun() []int {
	ms := t.months
	counts := make([]int, ms.Len())
	s := t.order
	if !s.sorted && s.ids == nil && t.res != nil {
		s = hitsOf(t.res, true)
	}
	if s.sorted {
		for i := range counts {
			counts[i] = s.within(ms.Start(i), ms.End(i))
		}
		return counts
	}
	r := 0
	for a := range s.All {
		r = ms.Of(int(a), r)
		counts[r]++
	}
	return counts
}

// bucket returns the strip bucket of a month key.
func (dn density) bucket(k int32) int {
	if dn.monthly {
		return (keyYear(k)-dn.firstYear)*12 + max(keyMonth(k), 1) - dn.firstMonth
	}
	return keyYear(k) - dn.firstYear
}

// year returns the year of bucket b, and whether it starts that year.
func (dn density) year(b int) (int, bool) {
	if dn.monthly {
		m := dn.firstMonth - 1 + b
		return dn.firstYear + m/12, m%12 == 0
	}
	return dn.firstYear + b, true
}

func (dn density) label(b int) string {
	if dn.monthly {
		m := dn.firstMonth - 1 + b
		return fmt.Sprintf("%04d-%02d", dn.firstYear+m/12, m%12+1)
	}
	return fmt.Sprint(dn.firstYear + b)
}

// cells sums the buckets into n cells of the strip (a bucket spans
// several cells, or a cell several buckets) and returns, for each cell,
// its count and its first bucket.
func (dn density) cells(n int) (sums, first []int) {
	return sumCells(dn.counts, n)
}

// sumCells sums counts into n cells, as cells does.
func sumCells(counts []int, n int) (sums, first []int) {
	sums, first = make([]int, n), make([]int, n)
	k := len(counts)
	for c := range n {
		lo, hi := c*k/n, max((c+1)*k/n, c*k/n+1)
		first[c] = lo
		for b := lo; b < min(hi, k); b++ {
			sums[c] += counts[b]
		}
	}
	return sums, first
}

// shareLevel is the bar of a cell while a filter is on: its hits as a
// share of its articles, in eighths, at least one eighth for a hit;
// noHit for a cell with articles but no hit (the bar's absence then
// says "none of these", a blank "no article at all").
func shareLevel(hits, all int) rune {
	switch {
	case all == 0:
		return ' '
	case hits == 0:
		return noHit
	}
	return levels[max(1, min(8, (hits*8+all-1)/all))]
}

// noHit marks, in the strip, a period with articles but no hit.
const noHit = '·'

// levels are the strip's bars, from empty to full.
var levels = []rune(" ▁▂▃▄▅▆▇█")

// level scales a cell's count to a bar: nothing for none, else from the
// lowest count shown to the highest, on a base below the lowest by half
// their difference, so that a corpus spread evenly still shows its ups
// and downs without making them look larger than they are.
func level(v, lo, hi int) int {
	if v == 0 {
		return 0
	}
	if hi == lo {
		return 4
	}
	base := max(0, lo-(hi-lo)/2)
	return max(1, min(8, ((v-base)*8+hi-base-1)/(hi-base)))
}

// stripView draws the density strip, its bars over the width, the
// cursor's bucket marked; under them the axis, the years where they
// start, when the pane is tall enough, else the first and last labels
// beside the bars.
func (t *timeline) stripView(s *Styles) string {
	dn := t.density
	switch {
	case t.order.Len() == 0:
		return s.Dim.Render(ansi.Truncate(" no article matches", t.width, "…")) + strings.Repeat("\n", t.stripLines()-1)
	case len(dn.counts) == 0:
		return s.Dim.Render(ansi.Truncate(" no dated article", t.width, "…")) + strings.Repeat("\n", t.stripLines()-1)
	}
	left, right := dn.label(0), dn.label(len(dn.counts)-1)
	room := t.stripRoom(left, right)
	if room < 8 {
		return strings.Repeat("\n", t.stripLines()-1)
	}
	cur := -1
	if a, ok := t.selected(); ok {
		if k := t.months.keyOf(int32(a)); k >= 0 {
			cur = dn.bucket(k)
		}
	}
	sums, first := dn.cells(room)
	var all []int
	if dn.all != nil {
		all, _ = sumCells(dn.all, room)
	}
	lo, hi := 0, 0
	for _, v := range sums {
		if v > 0 && (lo == 0 || v < lo) {
			lo = v
		}
		hi = max(hi, v)
	}
	var b strings.Builder
	b.WriteString(" ")
	if !t.axis {
		b.WriteString(s.StripLabel.Render(left) + " ")
	}
	for c, v := range sums {
		bar := levels[level(v, lo, hi)]
		if all != nil {
			bar = shareLevel(v, all[c])
		}
		last := len(dn.counts)
		if c+1 < len(first) {
			last = max(first[c+1], first[c]+1)
		}
		if cur >= first[c] && cur < last {
			if bar == ' ' || bar == noHit {
				bar = levels[1]
			}
			b.WriteString(s.StripCursor.Render(string(bar)))
			continue
		}
		b.WriteString(s.Strip.Render(string(bar)))
	}
	if !t.axis {
		if len(dn.counts) > 1 {
			b.WriteString(" " + s.StripLabel.Render(right))
		}
		return ansi.Truncate(b.String(), t.width, "")
	}
	return ansi.Truncate(b.String(), t.width, "") + "\n" + s.StripLabel.Render(t.axisView(dn, first))
}

// axisView is the line under the strip's bars: the first and the last
// year, and between them each year where its cells start, when it fits
// between its neighbours.
func (t *timeline) axisView(dn density, first []int) string {
	type label struct {
		col  int
		text string
	}
	var labels []label
	prev := -1
	for c, b := range first {
		if y, starts := dn.year(b); y != prev && (starts || c == 0) {
			labels = append(labels, label{1 + c, fmt.Sprint(y)})
			prev = y
		}
	}
	if lastYear, _ := dn.year(len(dn.counts) - 1); len(labels) == 0 || labels[len(labels)-1].text != fmt.Sprint(lastYear) {
		// Its cells hold the end of the year before too.
		labels = append(labels, label{t.width, fmt.Sprint(lastYear)})
	}
	line := []byte(strings.Repeat(" ", t.width))
	// The last year at its start when it fits there, else against the end.
	last := labels[len(labels)-1]
	last.col = min(last.col, t.width-1-len(last.text))
	next := 0 // the first column free for a label
	for _, l := range labels[:len(labels)-1] {
		if l.col >= next && l.col+len(l.text)+2 <= last.col {
			copy(line[l.col:], l.text)
			next = l.col + len(l.text) + 2
		}
	}
	if last.col >= next && last.col >= 0 {
		copy(line[last.col:], last.text)
	}
	return strings.TrimRight(string(line), " ")
}
