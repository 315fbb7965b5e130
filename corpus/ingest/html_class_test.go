package ingest

import (
	"os"
	"testing"
	"testing/fstest"
)

// TestHTMLClasses loads the small pages of testdata/html, one for each
// class of failure seen on real web pages, and checks the date the
// reader would see (to the minute when the page gives one).
func TestHTMLClasses(t *testing.T) {
	tests := []struct{ file, date string }{
		// A date outside the block the text comes from (a blog's date
		// heading above its post).
		{"byline-outside", "2020-07-05"},
		// Dates of the DateFinder's languages, in bylines.
		{"cjk-date", "2022-12-06T10:30"},
		{"russian-date", "2012-11-28T14:20"},
		{"dotted-date", "2022-12-14T09:15"},
		// A numeric JSON-LD date in the page's order: day first in French,
		// month first in American English.
		{"jsonld-day-first", "2023-01-05"},
		{"jsonld-month-first", "2023-05-01"},
		// A time in UTC, moved to the page's own day: by its language's
		// region, by its country's domain, by another of its times with an
		// offset, by the day its byline shows.
		{"utc-lang-region", "2023-11-08T20:09"},
		{"utc-tld", "2020-12-06T00:15"},
		{"utc-offset-elsewhere", "2021-03-01T19:30"},
		{"utc-visible-day", "2020-02-17"},
		// The date in the page's own address.
		{"url-date", "2020-08-24"},
		// Numbers, years and a copyright line are no publication date.
		{"undated", ""},
	}
	fsys := fstest.MapFS{}
	for _, tt := range tests {
		data, err := os.ReadFile("testdata/html/" + tt.file + ".html")
		if err != nil {
			t.Fatal(err)
		}
		fsys[tt.file+".html"] = &fstest.MapFile{Data: data}
	}
	c, probs := LoadFS("html", fsys)
	for _, p := range probs {
		t.Errorf("problem: %s", p)
	}
	for _, tt := range tests {
		a, _ := c.ByID(tt.file)
		if a == nil {
			t.Errorf("%s: not loaded", tt.file)
		} else if a.Date.String() != tt.date {
			t.Errorf("%s: date %q, want %q", tt.file, a.Date, tt.date)
		}
	}
}
