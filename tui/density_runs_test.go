package tui

import (
	"maps"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// TestMonthKeysByRuns: the timeline's month keys and counts, worked out a
// run of one month at a time, are those of every article's own date
// (dated to the minute, the day, the month, the year only, and undated).
func TestMonthKeysByRuns(t *testing.T) {
	c := corpustest.Corpus(5000, 9)
	tl := newTimeline(c)
	perKey, perYear := map[int32]int{}, map[int]int{}
	coarse, undated := 0, 0
	for i := range c.Len() {
		d := c.DateAt(i)
		k := monthKey(d)
		if tl.keys[i] != k {
			t.Fatalf("article %d (%s): key %d, want %d", i, d, tl.keys[i], k)
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
	if !maps.Equal(tl.perKey, perKey) || !maps.Equal(tl.perYear, perYear) {
		t.Errorf("counts by month or year differ")
	}
	if coarse == 0 || undated == 0 {
		t.Errorf("the corpus has %d articles dated to the year only and %d undated: the test needs both", coarse, undated)
	}
}
