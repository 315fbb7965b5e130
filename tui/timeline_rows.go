package tui

import (
	"fmt"
	"time"
)

// rebuild lays out the rows: a heading per year (per month too in years
// that hold more than a screenful), an "undated" group last.
func (t *timeline) rebuild() {
	n := len(t.order)
	if need := n * t.lines(); cap(t.rows) < need {
		// Every article's rows, and room for the headings.
		t.rows = make([]int32, 0, need+need/64+64)
	}
	t.rows = t.rows[:0]
	t.headings = t.headings[:0]
	t.groups = t.groups[:0]
	t.groupRows = t.groupRows[:0]
	if cap(t.posRow) < n {
		t.posRow = make([]int32, n)
	}
	t.posRow = t.posRow[:n]
	t.density = t.measure()
	article := func(p int) {
		t.posRow[p] = int32(len(t.rows))
		t.rows = append(t.rows, int32(p))
		if t.filtered() {
			t.rows = append(t.rows, snippetRow+int32(p))
		}
	}
	if t.byScore {
		for p := range n {
			article(p)
		}
		return
	}
	addHeading := func(h heading) {
		t.headings = append(t.headings, h)
		t.rows = append(t.rows, -int32(len(t.headings)))
	}
	for p := 0; p < n; {
		k := t.keys[t.order[p]]
		end := t.groupEnd(p, func(e int32) bool { return sameYear(k, e) })
		t.groups = append(t.groups, p)
		t.groupRows = append(t.groupRows, len(t.rows))
		switch {
		case k < 0:
			addHeading(heading{label: "undated", count: end - p, of: t.ofAll(t.perKey[-1])})
		default:
			addHeading(heading{label: fmt.Sprint(keyYear(k)), count: end - p, of: t.ofAll(t.perYear[keyYear(k)])})
		}
		months := k >= 0 && (end-p)*t.lines() > t.height
		for q := p; q < end; {
			if months {
				kq := t.keys[t.order[q]]
				mend := t.groupEnd(q, func(e int32) bool { return e == kq })
				label := "no month"
				if m := keyMonth(kq); m > 0 {
					label = time.Month(m).String()
					if t.months[m-1] != "" {
						label = t.months[m-1]
					}
				}
				addHeading(heading{label: label, count: mend - q, month: true, of: t.ofAll(t.perKey[kq])})
				for ; q < mend; q++ {
					article(q)
				}
				continue
			}
			article(q)
			q++
		}
		p = end
	}
}

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
	lo, hi := p+1, len(t.order)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if same(t.keys[t.order[mid]]) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
