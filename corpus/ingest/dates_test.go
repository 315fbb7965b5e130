package ingest_test

import (
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

func TestDateFinderForms(t *testing.T) {
	f := ingest.NewDateFinder()
	tests := []struct {
		in, want string // want is Date.String(); "" when no date
	}{
		{"Mardi 21 Avril 2015", "2015-04-21"},
		{"09 Oct. 2019 -", "2019-10-09"},
		{"Mis à jour le: 09 Oct. 2019 18:15", "2019-10-09T18:15"},
		{"20/09/2014 15:04", "2014-09-20T15:04"},
		{"1er janvier 2020", "2020-01-01"},
		{"2019-10-09", "2019-10-09"},
		{"May 31, 2025", "2025-05-31"},
		{"Publié le 27/12/22 à 08h02", "2022-12-27T08:02"},
		{"Publié le 27/12/98", "1998-12-27"},
		{"le 3 février 2016 à 14h30", "2016-02-03T14:30"},
		{"15 août 2018", "2018-08-15"},
		{"5 déc. 2011", "2011-12-05"},
		{"Sept. 4, 2012", "2012-09-04"},
		{"4 September 2012, 6:30 pm", "2012-09-04T18:30"},
		{"2024-06-17T00:00:00.000000", "2024-06-17T00:00"},
		{"2019-10-09T18:15:00+02:00", "2019-10-09T18:15"},
		{"2017-01", "2017-01"},
		{"janvier 2017", "2017-01"},
		{"March 2021", "2021-03"},
		{"le 31/02/2019", ""},      // no such day
		{"version 1.2.3", ""},      // not a date
		{"13/13/2013", ""},         // no such month
		{"en 2017 au Mexique", ""}, // a year alone is no date line
	}
	for _, tt := range tests {
		d, _, _, ok := f.Find(tt.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDateMachineForms(t *testing.T) {
	f := ingest.NewDateFinder()
	tests := []struct{ in, want string }{
		{"Sat, 31 May 2025 06:30:16 +0200", "2025-05-31T06:30"},
		{"Mon, 2 Jan 2006 15:04:05 GMT", "2006-01-02T15:04"},
		{"2025-05-31T06:30:16Z", "2025-05-31T06:30"},
		{"2024-06-17T00:00:00.000000", "2024-06-17T00:00"},
		{"1700000000", "2023-11-14T22:13"},
		{"2017", "2017"},
		{"", ""},
		{"soon", ""},
	}
	for _, tt := range tests {
		d, ok := f.ParseDate(tt.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDateOrder(t *testing.T) {
	month := corpus.NewDate(2017, 1, 1, 0, 0, corpus.PrecisionMonth)
	day := corpus.NewDate(2017, 1, 1, 0, 0, corpus.PrecisionDay)
	later := corpus.NewDate(2017, 1, 2, 0, 0, corpus.PrecisionDay)
	var none corpus.Date
	if !month.Before(day) || day.Before(month) {
		t.Error("at the same instant the coarser date comes first")
	}
	if !day.Before(later) || later.Before(day) {
		t.Error("earlier dates come first")
	}
	if !later.Before(none) || none.Before(later) || none.Before(none) {
		t.Error("undated comes last")
	}
}
