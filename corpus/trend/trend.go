// Package trend counts the articles of a corpus and the hits of a query
// per period of time (year, month or day), so that a reader sees when a
// topic rose: hits in a period against all the articles of that period.
//
// # The algorithm
//
// NewBase reads each article's date once, in timeline order (or each
// run's, for a corpus that gives its runs of one date, as a database
// gives its months), and keeps the runs of articles of one period, each
// as its first position and its period as a small integer (the year;
// twelve a year for months; the day since 1970 for days), counting every
// article of each period. The
// periods run without a gap from the earliest dated article to the
// latest, so that empty periods show as zero. An article dated less
// precisely than the period (a month-only date when counting days) is
// counted apart, as is an undated one: neither is put in a period it may
// not belong to.
//
// # Costs
//
// NewBase is O(n) in the articles (O(r) in the runs of a corpus that
// gives them) and holds eight bytes a run of one period and a count a
// period: a timeline is in date order, so a period's articles follow one
// another and the runs are about as many as the periods, whatever the
// number of articles. Count is O(h) in the hits plus O(p) in the
// periods: hits in timeline order move along the runs, one comparison a
// hit; others take a binary search of the runs each. No article is read.
package trend

import (
	"fmt"
	"iter"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/runs"
)

// Period is the length of time hits are counted over.
type Period uint8

// The periods hits can be counted by.
const (
	Year Period = iota
	Month
	Day
)

// String returns the period's name: "year", "month" or "day".
func (p Period) String() string {
	switch p {
	case Month:
		return "month"
	case Day:
		return "day"
	}
	return "year"
}

// ParsePeriod reads a period's name: "year", "month" or "day".
func ParsePeriod(s string) (Period, error) {
	switch s {
	case "year":
		return Year, nil
	case "month":
		return Month, nil
	case "day":
		return Day, nil
	}
	return Year, fmt.Errorf("%q: want year, month or day", s)
}

// precision is the least precision a date needs to fall in one period.
func (p Period) precision() corpus.Precision {
	switch p {
	case Month:
		return corpus.PrecisionMonth
	case Day:
		return corpus.PrecisionDay
	}
	return corpus.PrecisionYear
}

// Keys an article gets when it falls in no period.
const (
	undatedKey = -1
	coarserKey = -2
)

// key returns the period of a date precise enough for p.
func (p Period) key(d corpus.Date) int32 {
	t := d.Time
	switch p {
	case Month:
		return int32(t.Year()*12 + int(t.Month()) - 1)
	case Day:
		return int32(t.Unix() / 86400)
	}
	return int32(t.Year())
}

// label names the period of key k: "2014", "2014-09", "2014-09-20".
func (p Period) label(k int32) string {
	switch p {
	case Month:
		return fmt.Sprintf("%04d-%02d", k/12, k%12+1)
	case Day:
		return time.Unix(int64(k)*86400, 0).UTC().Format("2006-01-02")
	}
	return fmt.Sprintf("%04d", k)
}

// Base holds the period of every article of a corpus and the number of
// articles in each period: what hits are counted against. It is made
// once per corpus and period and is read-only afterwards, safe for any
// number of goroutines.
type Base struct {
	by    Period
	first int32 // the key of the first period
	// runs are the runs of articles of one period key, or undatedKey /
	// coarserKey.
	runs *runs.Runs
	all  []int // the articles of each period
	// Undated counts the articles with no date; Coarser those dated less
	// precisely than the period.
	Undated, Coarser int
}

// Articles are the articles a Base counts, in timeline order:
// *corpus.Corpus is one.
type Articles interface {
	Len() int
	// DateAt is the date of the article at position i; only its year,
	// its month and its precision are read.
	DateAt(i int) corpus.Date
}

// MonthRuns is what Articles may also offer: the runs of positions
// DateAt gives one date, each as its first position and that date, as
// the months of a database corpus. NewBase then reads a date a run.
type MonthRuns interface {
	MonthRuns() iter.Seq2[int, corpus.Date]
}

// NewBase reads the period of each article of c.
func NewBase(c Articles, by Period) *Base {
	b := &Base{by: by, runs: runs.New(c.Len())}
	if r, ok := c.(MonthRuns); ok {
		for first, d := range r.MonthRuns() {
			b.runs.Add(first, b.keyOf(d))
		}
	} else {
		for i := range c.Len() {
			b.runs.Add(i, b.keyOf(c.DateAt(i)))
		}
	}
	lo, hi := int32(0), int32(-1)
	for i := range b.runs.Len() {
		switch k := b.runs.Key(i); k {
		case undatedKey:
			b.Undated += b.runs.Size(i)
		case coarserKey:
			b.Coarser += b.runs.Size(i)
		default:
			if hi < lo {
				lo, hi = k, k
			}
			lo, hi = min(lo, k), max(hi, k)
		}
	}
	if hi < lo {
		return b
	}
	b.first = lo
	b.all = make([]int, hi-lo+1)
	for i := range b.runs.Len() {
		if k := b.runs.Key(i); k >= 0 {
			b.all[k-lo] += b.runs.Size(i)
		}
	}
	return b
}

// keyOf returns the period key of an article dated d, or undatedKey or
// coarserKey.
func (b *Base) keyOf(d corpus.Date) int32 {
	switch {
	case d.IsZero():
		return undatedKey
	case d.Precision < b.by.precision():
		return coarserKey
	}
	return b.by.key(d)
}

// By returns the period the base counts by.
func (b *Base) By() Period { return b.by }

// Len returns the number of periods, from the earliest dated article's to
// the latest's; 0 when no article is dated precisely enough.
func (b *Base) Len() int { return len(b.all) }

// Label names the k-th period: "2014", "2014-09" or "2014-09-20".
func (b *Base) Label(k int) string { return b.by.label(b.first + int32(k)) }

// Articles returns the number of articles of the k-th period.
func (b *Base) Articles(k int) int { return b.all[k] }

// Series is the hits of one query per period of a Base.
type Series struct {
	// Hits holds the hits of each period of the base.
	Hits []int
	// Total counts every hit; Undated and Coarser those with no date and
	// those dated less precisely than the period.
	Total, Undated, Coarser int
}

// Count returns the hits per period of the articles given by their
// positions on the timeline (an article given twice counts twice).
func (b *Base) Count(hits iter.Seq[int]) Series {
	s := Series{Hits: make([]int, len(b.all))}
	r := 0
	for i := range hits {
		if i < 0 || i >= b.runs.Positions() || b.runs.Len() == 0 {
			continue
		}
		s.Total++
		r = b.runs.Of(i, r)
		switch k := b.runs.Key(r); k {
		case undatedKey:
			s.Undated++
		case coarserKey:
			s.Coarser++
		default:
			s.Hits[k-b.first]++
		}
	}
	return s
}

// Share returns the hits of period k as a fraction of its articles, 0 for
// a period without any.
func (b *Base) Share(s Series, k int) float64 {
	if b.all[k] == 0 {
		return 0
	}
	return float64(s.Hits[k]) / float64(b.all[k])
}
