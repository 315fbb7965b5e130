package search

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// dateRange is the half-open interval [from, to); a zero bound is open.
type dateRange struct{ from, to time.Time }

// parseDateRange reads "2017", "2017-01", "2019-10-09", "A..B" (either end
// may be left out), ">=A", ">A", "<=A", "<A" and "=A". With yearOnly, every
// date must be a bare year.
func parseDateRange(s string, yearOnly bool) (dateRange, error) {
	one := func(s string) (time.Time, time.Time, error) {
		from, to, err := parseDateSpan(s)
		if err == nil && yearOnly && len(s) != 4 {
			err = fmt.Errorf("%q is not a year", s)
		}
		return from, to, err
	}
	if a, b, ok := strings.Cut(s, ".."); ok {
		var r dateRange
		if a != "" {
			from, _, err := one(a)
			if err != nil {
				return r, err
			}
			r.from = from
		}
		if b != "" {
			_, to, err := one(b)
			if err != nil {
				return r, err
			}
			r.to = to
		}
		if a == "" && b == "" {
			return r, fmt.Errorf("a range needs at least one date")
		}
		if !r.from.IsZero() && !r.to.IsZero() && !r.from.Before(r.to) {
			return r, fmt.Errorf("the range ends before it starts")
		}
		return r, nil
	}
	for _, op := range []string{">=", "<=", ">", "<", "="} {
		rest, ok := strings.CutPrefix(s, op)
		if !ok {
			continue
		}
		from, to, err := one(rest)
		if err != nil {
			return dateRange{}, err
		}
		switch op {
		case ">=":
			return dateRange{from: from}, nil
		case ">":
			return dateRange{from: to}, nil
		case "<=":
			return dateRange{to: to}, nil
		case "<":
			return dateRange{to: from}, nil
		}
		return dateRange{from: from, to: to}, nil
	}
	from, to, err := one(s)
	return dateRange{from: from, to: to}, err
}

// parseDateSpan reads YYYY, YYYY-MM or YYYY-MM-DD and returns the interval
// it covers.
func parseDateSpan(s string) (from, to time.Time, err error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return from, to, fmt.Errorf("%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var n [3]int
	for i, part := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		v, err := strconv.Atoi(part)
		if err != nil || len(part) != want || v < 0 {
			return from, to, fmt.Errorf("%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n[i] = v
	}
	year, month, day := n[0], 1, 1
	if len(parts) > 1 {
		month = n[1]
		if month < 1 || month > 12 {
			return from, to, fmt.Errorf("%q: no month %d", s, month)
		}
	}
	from = time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	switch len(parts) {
	case 1:
		return from, from.AddDate(1, 0, 0), nil
	case 2:
		return from, from.AddDate(0, 1, 0), nil
	}
	day = n[2]
	if day < 1 || day > from.AddDate(0, 1, -1).Day() {
		return from, to, fmt.Errorf("%q: no day %d in that month", s, day)
	}
	from = from.AddDate(0, 0, day-1)
	return from, from.AddDate(0, 0, 1), nil
}

// unix returns the range's bounds in Unix seconds, open ends as the
// extreme values.
func (r *dateRange) unix() (from, to int64) {
	from, to = math.MinInt64, math.MaxInt64
	if !r.from.IsZero() {
		from = r.from.Unix()
	}
	if !r.to.IsZero() {
		to = r.to.Unix()
	}
	return from, to
}
