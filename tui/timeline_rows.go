package tui

import (
	"fmt"
	"sort"
	"time"
)

// block is a run of the timeline's rows: a heading (head >= 0, an index
// of timeline.headings), then the lines of the positions [first,
// first+n), each a title line and, under a filter, a snippet line. The
// rows are laid out as blocks, a year's and a month's, so that their
// memory and the time to lay them out grow with the months shown, not
// the articles: the row of a position, and the position of a row, are a
// binary search of the blocks away.
type block struct {
	row      int
	head     int
	first, n int
}

// rowKind is what a row of the timeline shows.
type rowKind uint8

const (
	rowNone rowKind = iota
	rowHeading
	rowTitle
	rowSnippet
)

// rebuild lays out the rows: a heading per year (per month too in years
// that hold more than a screenful), an "undated" group last; in
// relevance order, the rows of the articles alone.
func (t *timeline) rebuild() {
	n := t.order.Len()
	t.blocks = t.blocks[:0]
	t.nrows = 0
	t.headings = t.headings[:0]
	t.groups = t.groups[:0]
	t.groupRows = t.groupRows[:0]
	t.density = t.measure()
	add := func(h *heading, first, n int) {
		b := block{row: t.nrows, head: -1, first: first, n: n}
		if h != nil {
			b.head = len(t.headings)
			t.headings = append(t.headings, *h)
			t.nrows++
		}
		t.blocks = append(t.blocks, b)
		t.nrows += n * t.lines()
	}
	if t.byScore {
		if n > 0 {
			add(nil, 0, n)
		}
		return
	}
	for p := 0; p < n; {
		k := t.keyAt(p)
		end := t.groupEnd(p, func(e int32) bool { return sameYear(k, e) })
		t.groups = append(t.groups, p)
		t.groupRows = append(t.groupRows, t.nrows)
		h := heading{label: fmt.Sprint(keyYear(k)), count: end - p, of: t.ofAll(t.months.perYear[keyYear(k)])}
		if k < 0 {
			h = heading{label: "undated", count: end - p, of: t.ofAll(t.months.perKey[-1])}
		}
		if k < 0 || (end-p)*t.lines() <= t.height {
			add(&h, p, end-p)
			p = end
			continue
		}
		add(&h, p, 0)
		for q := p; q < end; {
			kq := t.keyAt(q)
			mend := t.groupEnd(q, func(e int32) bool { return e == kq })
			label := "no month"
			if m := keyMonth(kq); m > 0 {
				label = time.Month(m).String()
				if t.monthNames[m-1] != "" {
					label = t.monthNames[m-1]
				}
			}
			add(&heading{label: label, count: mend - q, month: true, of: t.ofAll(t.months.perKey[kq])}, q, mend-q)
			q = mend
		}
		p = end
	}
}

// keyAt returns the month key of the article at position p.
func (t *timeline) keyAt(p int) int32 { return t.months.keyOf(t.order.At(p)) }

// ofAll returns n while a filter is on, for a heading's "of n"; 0
// otherwise.
func (t *timeline) ofAll(n int) int {
	if !t.filtered() {
		return 0
	}
	return n
}

// groupEnd returns the first position from p on whose key is not in the
// same group, by binary search: the order is chronological.
func (t *timeline) groupEnd(p int, same func(int32) bool) int {
	lo, hi := p+1, t.order.Len()
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if same(t.keyAt(mid)) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// row returns what row r shows: a heading (and its index), the title
// line or the snippet line of a position (and the position), or nothing
// past the last row.
func (t *timeline) row(r int) (rowKind, int) {
	if r < 0 || r >= t.nrows {
		return rowNone, 0
	}
	i := sort.Search(len(t.blocks), func(i int) bool { return t.blocks[i].row > r }) - 1
	b := t.blocks[i]
	off := r - b.row
	if b.head >= 0 {
		if off == 0 {
			return rowHeading, b.head
		}
		off--
	}
	p := b.first + off/t.lines()
	if off%t.lines() == 1 {
		return rowSnippet, p
	}
	return rowTitle, p
}

// rowOf returns the row of the title line of position p.
func (t *timeline) rowOf(p int) int {
	i := sort.Search(len(t.blocks), func(i int) bool { return t.blocks[i].first+t.blocks[i].n > p })
	if i == len(t.blocks) {
		return t.nrows
	}
	b := t.blocks[i]
	r := b.row + (p-b.first)*t.lines()
	if b.head >= 0 {
		r++
	}
	return r
}
