package tui

import (
	"sort"
	"time"

	"github.com/gazette-reader/gazette/corpus"
)

// months are the timeline's runs of one month key, in timeline order:
// run i holds the articles first[i] to first[i+1]-1 (the last run to n).
// They are what the timeline knows of the articles' dates: a month key
// is a binary search away (keyOf), the articles of a run are counted
// at once, and their memory is a few bytes a month, whatever the
// corpus's size. Dates come in timeline order, so a month's articles
// follow one another; a month split in several runs (dates in another
// zone, articles dated to the year between) costs a run more, no more.
type months struct {
	first, key []int32
	n          int
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
	ms := &months{n: c.Len(), perKey: map[int32]int{}, perYear: map[int]int{}}
	if mr, ok := c.(MonthRuns); ok {
		for first, d := range mr.MonthRuns() {
			ms.add(first, monthKey(d), d.Precision)
		}
		ms.count()
		return ms
	}
	var run monthRun
	for i := range ms.n {
		d := c.DateAt(i)
		if !run.holds(d) {
			run = newMonthRun(d)
			ms.add(i, run.key, d.Precision)
		}
		run.n++
		ms.prec = max(ms.prec, d.Precision)
	}
	ms.count()
	return ms
}

// add starts a run of key at position first, or goes on with the last
// run when it has the same key.
func (ms *months) add(first int, key int32, prec corpus.Precision) {
	if first >= ms.n {
		return
	}
	ms.prec = max(ms.prec, prec)
	if l := len(ms.key); l > 0 && ms.key[l-1] == key {
		return
	}
	ms.first = append(ms.first, int32(first))
	ms.key = append(ms.key, key)
}

// count counts the articles of every month and year.
func (ms *months) count() {
	for i, k := range ms.key {
		n := ms.end(i) - int(ms.first[i])
		ms.perKey[k] += n
		if k >= 0 {
			ms.perYear[keyYear(k)] += n
		}
	}
}

// runs returns the number of runs.
func (ms *months) runs() int { return len(ms.first) }

// end returns the position after run i.
func (ms *months) end(i int) int {
	if i+1 < len(ms.first) {
		return int(ms.first[i+1])
	}
	return ms.n
}

// runOf returns the run of the article at position a.
func (ms *months) runOf(a int32) int {
	return max(sort.Search(len(ms.first), func(i int) bool { return ms.first[i] > a })-1, 0)
}

// keyOf returns the month key of the article at position a.
func (ms *months) keyOf(a int32) int32 {
	if len(ms.key) == 0 {
		return -1
	}
	return ms.key[ms.runOf(a)]
}

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
