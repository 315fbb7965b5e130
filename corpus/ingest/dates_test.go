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
		// Other European languages, Russian, CJK, dotted and year-first forms.
		{"28. November 2012", "2012-11-28"},
		{"Veröffentlicht am 3. März 2021 um 15:04", "2021-03-03T15:04"},
		{"5 de enero de 2023", "2023-01-05"},
		{"Publicado el 12 de septiembre de 2019", "2019-09-12"},
		{"28 novembre 2012 alle 10:30", "2012-11-28T10:30"},
		{"5 de janeiro de 2023 às 09:15", "2023-01-05T09:15"},
		{"3 maart 2021", "2021-03-03"},
		{"28 ноября 2012", "2012-11-28"},
		{"28 ноября 2012 г. в 14:05", "2012-11-28T14:05"},
		{"2022年12月06日", "2022-12-06"},
		{"2022年12月6日 10:05", "2022-12-06T10:05"},
		{"2022년 12월 6일", "2022-12-06"},
		{"2020年07月", "2020-07"},
		{"14.12.2022", "2022-12-14"},
		{"2020/10/04 15:05:21", "2020-10-04T15:05"},
		{"2020.10.04", "2020-10-04"},
		{"diciembre 2019", "2019-12"},
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

// TestFindOrder: a numeric date is read month first where the page says
// it is American, day first elsewhere; a date that is impossible one way
// is not read the other way instead.
func TestFindOrder(t *testing.T) {
	f := ingest.NewDateFinder()
	for _, tt := range []struct {
		in, lang, want string
	}{
		{"05/01/2023", "fr", "2023-01-05"},
		{"05/01/2023", "en-US", "2023-05-01"},
		{"05/01/2023", "en_us", "2023-05-01"},
		{"05/01/2023", "en-GB", "2023-01-05"},
		{"05/01/2023", "", "2023-01-05"},
		{"25/12/2023", "en-US", ""},
		{"12/25/2023", "en-US", "2023-12-25"},
	} {
		d, _, _, ok := f.FindOrder(tt.in, ingest.OrderOf(tt.lang))
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("FindOrder(%q, %q) = %q, want %q", tt.in, tt.lang, got, tt.want)
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
		{"0000-01-01T00:00:00Z", ""},
		{"9999-12-31T23:59:00Z", ""},
		{"Mon, 01 Jan 0001 00:00:00 GMT", ""},
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
