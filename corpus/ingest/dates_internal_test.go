package ingest

import (
	"fmt"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
)

// TestISODateAgreesWithFind: the ISO shortcut of ParseDate gives what the
// general date finder gives, for every month and day number of the two
// shapes it takes, valid or not, and takes nothing else.
func TestISODateAgreesWithFind(t *testing.T) {
	f := NewDateFinder()
	var inputs []string
	for _, y := range []int{0, 999, 1799, 1800, 1999, 2016, 2024, 2200, 2201, 9999} {
		for mo := 0; mo <= 13; mo++ {
			inputs = append(inputs, fmt.Sprintf("%04d-%02d", y, mo))
			for day := 0; day <= 32; day++ {
				inputs = append(inputs, fmt.Sprintf("%04d-%02d-%02d", y, mo, day))
			}
		}
	}
	for _, hm := range []string{"00:00", "02:38", "09:05", "12:00", "23:59", "24:00", "23:60", "7:05", "0a:00"} {
		for _, sep := range []string{"T", " "} {
			inputs = append(inputs, "2022-08-11"+sep+hm, "2019-02-29"+sep+hm, "2020-02-29"+sep+hm, "1799-01-01"+sep+hm, "2022-13-01"+sep+hm)
		}
	}
	inputs = append(inputs, "2022-08-11t02:38", "2022-08-11T02-38", "2019-1-03", "2019-10-3", "2019/10/03", "20191003", "2019-10-03x", "２０１９-10-03", "-019-10-03", "2019-+1-03")
	took := 0
	for _, s := range inputs {
		got, ok := isoDate(s)
		if !ok {
			continue
		}
		took++
		want, _, _, wantOK := f.Find(s)
		if !wantOK || got != want {
			t.Errorf("isoDate(%q) = %v; Find gives %v, %v", s, got, want, wantOK)
		}
	}
	for _, s := range inputs {
		if _, ok := isoDate(s); ok {
			continue
		}
		// What isoDate refuses in its shapes, Find refuses too.
		if len(s) == 7 || len(s) == 10 || len(s) == 16 {
			if d, _, _, ok := f.Find(s); ok && (d.Precision == corpus.PrecisionDay || d.Precision == corpus.PrecisionMonth) && d.String() == s {
				t.Errorf("isoDate(%q) refused what Find reads as %v", s, d)
			}
		}
	}
	if took < 1000 {
		t.Errorf("isoDate took only %d inputs", took)
	}
}
