package tui

import (
	"fmt"
	"iter"
	"maps"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// TestMonthKeysByRuns: the timeline's month keys and counts, worked out a
// run of one month at a time, are those of every article's own date
// (dated to the minute, the day, the month, the year only, and undated);
// a corpus that gives its runs (MonthRuns, as a database does) makes the
// same months.
func TestMonthKeysByRuns(t *testing.T) {
	c := corpustest.Corpus(5000, 9)
	tl := newTimeline(c)
	perKey, perYear := map[int32]int{}, map[int]int{}
	coarse, undated := 0, 0
	for i := range c.Len() {
		d := c.DateAt(i)
		k := monthKey(d)
		if got := tl.months.keyOf(int32(i)); got != k {
			t.Fatalf("article %d (%s): key %d, want %d", i, d, got, k)
		}
		perKey[k]++
		if k >= 0 {
			perYear[keyYear(k)]++
		}
		if d.IsZero() {
			undated++
		} else if keyMonth(k) == 0 {
			coarse++
		}
	}
	if !maps.Equal(tl.months.perKey, perKey) || !maps.Equal(tl.months.perYear, perYear) {
		t.Errorf("counts by month or year differ")
	}
	if coarse == 0 || undated == 0 {
		t.Errorf("the corpus has %d articles dated to the year only and %d undated: the test needs both", coarse, undated)
	}
	runs := readMonths(withRuns{c})
	same := runs.Len() == tl.months.Len()
	for i := 0; same && i < runs.Len(); i++ {
		same = runs.Start(i) == tl.months.Start(i) && runs.Key(i) == tl.months.Key(i)
	}
	if !same || runs.prec != tl.months.prec || !maps.Equal(runs.perKey, perKey) || !maps.Equal(runs.perYear, perYear) {
		t.Errorf("the months read from the runs differ from those read from the dates: %d runs, want %d", runs.Len(), tl.months.Len())
	}
}

// withRuns is a corpus that gives the runs of its months, as a database
// does: the first position of each and its first article's date.
type withRuns struct{ *corpus.Corpus }

func (w withRuns) MonthRuns() iter.Seq2[int, corpus.Date] {
	return func(yield func(int, corpus.Date) bool) {
		last := int32(-2)
		for i := range w.Len() {
			if d := w.DateAt(i); monthKey(d) != last {
				last = monthKey(d)
				if !yield(i, d) {
					return
				}
			}
		}
	}
}

// TestRowsByBlocks: the rows laid out as blocks hold every article shown
// once, in order, under the heading of its own date's year (and month,
// when its year holds more than a screen), each heading counting the
// articles under it, a snippet line under each article while a filter
// is on, and rowOf finds each article's row; at several heights,
// filtered and not, in both orders.
func TestRowsByBlocks(t *testing.T) {
	c := corpustest.Corpus(3000, 4)
	res := find(t, c, "sécurité")
	if res.Len() == 0 {
		t.Fatal("no hits")
	}
	for _, height := range []int{5, 40, 5000} {
		for _, tc := range []struct {
			name    string
			res     bool
			byScore bool
		}{{"every article", false, false}, {"filtered", true, false}, {"by relevance", true, true}} {
			tl := newTimeline(c)
			tl.setSize(80, height+2)
			if tc.res {
				tl.setResults(res)
				if tl.byScore != tc.byScore {
					tl.toggleSort()
				}
			}
			next, headings := 0, 0
			// The labels of the year (or undated) and month headings
			// the rows are under, and the articles counted under each.
			var year, month *heading
			yearN, monthN := 0, 0
			counted := func() {
				if year != nil && yearN != year.count || month != nil && monthN != month.count {
					t.Fatalf("%s, height %d: heading %q (%v) counts %d articles, %d under it", tc.name, height, year.label, month, year.count, yearN)
				}
			}
			for r := range tl.nrows {
				kind, i := tl.row(r)
				switch kind {
				case rowHeading:
					headings++
					if h := &tl.headings[i]; h.month {
						if month != nil && monthN != month.count {
							t.Fatalf("%s, height %d: month %q counts %d articles, %d under it", tc.name, height, month.label, month.count, monthN)
						}
						month, monthN = h, 0
					} else {
						counted()
						year, yearN, month, monthN = h, 0, nil, 0
					}
				case rowTitle:
					if i != next {
						t.Fatalf("%s, height %d: row %d shows position %d, want %d", tc.name, height, r, i, next)
					}
					if tl.rowOf(i) != r {
						t.Fatalf("%s, height %d: position %d on row %d, rowOf says %d", tc.name, height, i, r, tl.rowOf(i))
					}
					d := c.DateAt(int(tl.order.At(i)))
					wantYear, wantMonth := "undated", "no month"
					if !d.IsZero() {
						wantYear = fmt.Sprint(d.Time.Year())
						if d.Precision >= corpus.PrecisionMonth {
							wantMonth = d.Time.Month().String()
						}
					}
					// A year taller than the pane has its months' headings.
					months := year != nil && year.label != "undated" && year.count*tl.lines() > tl.height
					if !tl.byScore && (year == nil || year.label != wantYear || months != (month != nil) || month != nil && month.label != wantMonth) {
						t.Fatalf("%s, height %d: position %d, dated %s, under the headings %v %v", tc.name, height, i, d, year, month)
					}
					yearN++
					monthN++
					next++
				case rowSnippet:
					if !tl.filtered() || i != next-1 {
						t.Fatalf("%s, height %d: a snippet line for position %d at row %d", tc.name, height, i, r)
					}
				default:
					t.Fatalf("%s, height %d: row %d of %d shows nothing", tc.name, height, r, tl.nrows)
				}
			}
			counted()
			if next != tl.order.Len() || headings != len(tl.headings) || tl.byScore != (headings == 0) {
				t.Errorf("%s, height %d: %d articles of %d, %d headings of %d", tc.name, height, next, tl.order.Len(), headings, len(tl.headings))
			}
			if kind, _ := tl.row(tl.nrows); kind != rowNone {
				t.Errorf("%s: a row past the last", tc.name)
			}
		}
	}
}
