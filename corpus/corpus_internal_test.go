package corpus

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestSortTimelineAgreesWithBefore checks the timeline sort, which compares
// keys read from the dates, against the order Date.Before defines
// (CompareTimeline: Date.Before, then the ID), on
// articles whose dates tie often: same instant at other precisions, other
// nanoseconds, undated, before 1970 and after 2262.
func TestSortTimelineAgreesWithBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	instants := []time.Time{
		time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2017, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(2016, 12, 31, 23, 59, 0, 0, time.UTC),
		time.Date(1901, 5, 6, 0, 0, 0, 0, time.UTC),
		time.Date(2500, 5, 6, 0, 0, 0, 0, time.UTC),
		time.Date(2017, 1, 1, 1, 0, 0, 0, time.FixedZone("", 3600)), // the first instant again
	}
	arts := make([]*Article, 500)
	for i := range arts {
		a := &Article{ID: fmt.Sprintf("a%03d", r.IntN(1000)*1000+i)}
		if p := Precision(r.IntN(int(PrecisionMinute) + 1)); p != PrecisionNone {
			a.Date = Date{Time: instants[r.IntN(len(instants))], Precision: p}
		}
		arts[i] = a
	}
	want := slices.Clone(arts)
	slices.SortStableFunc(want, CompareTimeline)
	got := slices.Clone(arts)
	sortTimeline(got)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("position %d: got %s (%v), want %s (%v)", i, got[i].ID, got[i].Date, want[i].ID, want[i].Date)
		}
	}
}
