package ingest_test

import (
	"testing"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// TestParseDateFeedForms covers the forms dumps and feeds write dates
// in, beside the French and English forms of the text heuristics.
func TestParseDateFeedForms(t *testing.T) {
	f := ingest.NewDateFinder()
	tests := []struct{ in, want string }{
		{"Sat, 31 May 2025 06:30:16 +0200", "2025-05-31T06:30"},
		{"Sat, 31 May 2025 06:30:16 GMT", "2025-05-31T06:30"},
		{"Mon, 2 Jun 2025 06:30:16 +0000", "2025-06-02T06:30"},
		{"2019-10-09T18:15:00+02:00", "2019-10-09T18:15"},
		{"2019-10-09T18:15:00Z", "2019-10-09T18:15"},
		{"2019-10-09T18:15:00.123456789-05:00", "2019-10-09T18:15"},
		{"2024-06-17T00:00:00.000000", "2024-06-17T00:00"},
		{"2024-06-17T09:05:00.000000", "2024-06-17T09:05"},
		{"2024-06-17 09:05:00", "2024-06-17T09:05"},
		{"1700000000", "2023-11-14T22:13"},
		{"  1700000000 ", "2023-11-14T22:13"},
		{"2017", "2017"},
		{"2019-10-09", "2019-10-09"},
		{"20/09/2014 15:04", "2014-09-20T15:04"},
		{"Publié le 27/12/22 à 08h02", "2022-12-27T08:02"},
		{"Mardi 21 Avril 2015", "2015-04-21"},
		{"1er janvier 2020", "2020-01-01"},
		{"May 31, 2025", "2025-05-31"},
		{"09 Oct. 2019", "2019-10-09"},
		{"janvier 2017", "2017-01"},
		{"", ""},
		{"pas une date", ""},
		{"99999999999999999999", ""},
		{"12", ""},
	}
	for _, tt := range tests {
		d, ok := f.ParseDate(tt.in)
		if d.String() != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, d, ok, tt.want)
		}
	}
}
