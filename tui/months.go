package tui

import (
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/runs"
)

// months are the timeline's runs of one month key (runs.Runs): what it
// knows of the articles' dates, a month key a binary search away
// (keyOf), the articles of a run counted at once, a few bytes a month
// whatever the corpus's size.
type months struct {
	*runs.Runs
	// perKey counts every article of each month key, perYear of each
	// year: the headings' "of n" while a filter is on.
	perKey  map[int32]int
	perYear map[int]int
	// prec is the finest precision of the dates.
	prec corpus.Precision
}

// readMonths reads the months of c: from its runs when it has them
// (MonthRuns), else from every article's date, a month key worked out
// once a run.
func readMonths(c Articles) *months {
	ms := &months{Runs: runs.New(c.Len()), perKey: map[int32]int{}, perYear: map[int]int{}}
	if mr, ok := c.(MonthRuns); ok {
		for first, d := range mr.MonthRuns() {
			ms.Add(first, monthKey(d))
			ms.prec = max(ms.prec, d.Precision)
		}
	} else {
		var run monthRun
		for i := range c.Len() {
			d := c.DateAt(i)
			if !run.holds(d) {
				run = newMonthRun(d)
				ms.Add(i, run.key)
			}
			run.n++
			ms.prec = max(ms.prec, d.Precision)
		}
	}
	for i := range ms.Len() {
		k := ms.Key(i)
		ms.perKey[k] += ms.Size(i)
		if k >= 0 {
			ms.perYear[keyYear(k)] += ms.Size(i)
		}
	}
	return ms
}

// keyOf returns the month key of the article at position a (-1, as
// undated, when there is no article).
func (ms *months) keyOf(a int32) int32 { return ms.KeyOf(int(a), -1) }

// monthRun is a run of articles of one month key: those dated within
// [lo, hi) (Unix seconds) at a precision of the month or finer, or to the
// year only (coarse), or undated.
type monthRun struct {
	key    int32
	lo, hi int64
	coarse bool
	n      int
}

// newMonthRun starts a run at an article dated d.
func newMonthRun(d corpus.Date) monthRun {
	r := monthRun{key: monthKey(d)}
	if d.IsZero() {
		return r
	}
	y, m, _ := d.Time.Date()
	r.coarse = d.Precision < corpus.PrecisionMonth
	if r.coarse {
		r.lo, r.hi = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	} else {
		r.lo, r.hi = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).Unix()
	}
	return r
}

// holds reports whether an article dated d has the run's key.
func (r monthRun) holds(d corpus.Date) bool {
	if r.n == 0 {
		return false
	}
	if d.IsZero() || r.key < 0 {
		return d.IsZero() && r.key < 0
	}
	if (d.Precision < corpus.PrecisionMonth) != r.coarse || d.Time.Location() != time.UTC {
		return false
	}
	s := d.Time.Unix()
	return s >= r.lo && s < r.hi
}
