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

// density is the one-line strip of articles per year, or per month when
// the results span under three years.
type density struct {
	counts                []int
	max                   int
	firstYear, firstMonth int // start of the first bucket
	monthly               bool
}

// measure counts the dated articles shown per year, or per month when
// they span under three years.
func (t *timeline) measure() density {
	lo, hi := int32(-1), int32(-1)
	if t.byScore {
		for _, a := range t.order {
			if k := t.keys[a]; k >= 0 {
				if lo < 0 || k < lo {
					lo = k
				}
				hi = max(hi, k)
			}
		}
	} else {
		// Chronological: the first dated is the earliest, the last the latest.
		for _, a := range t.order {
			if k := t.keys[a]; k >= 0 {
				lo = k
				break
			}
		}
		for i := len(t.order) - 1; i >= 0 && lo >= 0; i-- {
			if k := t.keys[t.order[i]]; k >= 0 {
				hi = k
				break
			}
		}
	}
	if lo < 0 {
		return density{}
	}
	dn := density{monthly: keyYear(hi)-keyYear(lo) < 3, firstYear: keyYear(lo), firstMonth: 1}
	if dn.monthly {
		dn.firstMonth = max(keyMonth(lo), 1)
	}
	dn.counts = make([]int, dn.bucket(hi)+1)
	for _, a := range t.order {
		if k := t.keys[a]; k >= 0 {
			b := dn.bucket(k)
			dn.counts[b]++
			dn.max = max(dn.max, dn.counts[b])
		}
	}
	return dn
}

// bucket returns the strip bucket of a month key.
func (dn density) bucket(k int32) int {
	if dn.monthly {
		return (keyYear(k)-dn.firstYear)*12 + max(keyMonth(k), 1) - dn.firstMonth
	}
	return keyYear(k) - dn.firstYear
}

func (dn density) label(b int) string {
	if dn.monthly {
		m := dn.firstMonth - 1 + b
		return fmt.Sprintf("%04d-%02d", dn.firstYear+m/12, m%12+1)
	}
	return fmt.Sprint(dn.firstYear + b)
}

// stripView draws the density strip: a bar per bucket, scaled to the
// fullest, the cursor's bucket marked, the first and last labels around.
func (t *timeline) stripView(s *Styles) string {
	dn := t.density
	switch {
	case len(t.order) == 0:
		return s.Dim.Render(ansi.Truncate(" no article matches", t.width, "…"))
	case len(dn.counts) == 0:
		return s.Dim.Render(ansi.Truncate(" no dated article", t.width, "…"))
	}
	left, right := dn.label(0), dn.label(len(dn.counts)-1)
	room := t.width - len(left) - len(right) - 4
	if room < len(dn.counts) && room < 8 {
		return ""
	}
	cur := -1
	if a, ok := t.selected(); ok {
		if k := t.keys[a]; k >= 0 {
			cur = dn.bucket(k)
		}
	}
	per := max(1, (len(dn.counts)+room-1)/room) // buckets merged into a cell
	cells := (len(dn.counts) + per - 1) / per
	each := max(1, min(room/cells, 4)) // cells drawn per merged bucket
	levels := []rune(" ▁▂▃▄▅▆▇█")
	var b strings.Builder
	b.WriteString(" " + s.StripLabel.Render(left) + " ")
	for c := range cells {
		sum, mark := 0, false
		for i := c * per; i < min((c+1)*per, len(dn.counts)); i++ {
			sum += dn.counts[i]
			mark = mark || i == cur
		}
		lvl := 0
		if sum > 0 {
			lvl = max(1, (sum*8+per*dn.max-1)/(per*dn.max))
		}
		bar := strings.Repeat(string(levels[min(lvl, 8)]), each)
		if mark {
			if lvl == 0 {
				bar = strings.Repeat("▁", each)
			}
			b.WriteString(s.StripCursor.Render(bar))
		} else {
			b.WriteString(s.Strip.Render(bar))
		}
	}
	if len(dn.counts) > 1 {
		b.WriteString(" " + s.StripLabel.Render(right))
	}
	return ansi.Truncate(b.String(), t.width, "")
}
