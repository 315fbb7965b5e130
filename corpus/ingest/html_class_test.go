package ingest

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestHTMLClasses loads the small pages of testdata/html, one for each
// class of failure seen on real web pages, and checks what the reader
// would see: the title, the date (to the minute when the page gives
// one), words the body must hold and words it must not, or the problem
// the page is reported as. Most of its length is the table of cases.
func TestHTMLClasses(t *testing.T) {
	tests := []struct {
		file, title, date string
		has, hasNot       []string
		problem           string
	}{
		// A date outside the block the text comes from (a blog's date
		// heading above its post).
		{file: "byline-outside", title: "The lighthouse keeper's last winter", date: "2020-07-05",
			has: []string{"thirty-one winters", "holiday visitors"}, hasNot: []string{"Sunday", "Stories of a small port town"}},
		// Dates of the DateFinder's languages, in bylines.
		{file: "cjk-date", title: "城市地铁新线路今日开通运营", date: "2022-12-06T10:30", has: []string{"经过四年建设"}},
		{file: "russian-date", title: "В городе открылся новый детский парк", date: "2012-11-28T14:20", has: []string{"торжественно открылся"}},
		{file: "dotted-date", title: "Stadtwerke senken die Preise für Fernwärme", date: "2022-12-14T09:15", has: []string{"acht Prozent"}},
		// A byline that opens with its date, then the source and the
		// photo's credit; the site's clock in the header is another day.
		{file: "byline-opens-with-date", title: "Chuva forte alaga ruas do centro da cidade", date: "2020-11-22T04:30", has: []string{"Defesa Civil"}},
		// A numeric JSON-LD date in the page's order: day first in French,
		// month first in American English.
		{file: "jsonld-day-first", title: "Les soldes d’hiver commencent ce mercredi", date: "2023-01-05"},
		{file: "jsonld-month-first", title: "County fair returns after a three-year break", date: "2023-05-01"},
		// A time in UTC, moved to the page's own day: by its language's
		// region, by its country's domain, by another of its times with an
		// offset, by the day its byline shows.
		{file: "utc-lang-region", title: "Council approves new bike lanes downtown", date: "2023-11-08T20:09"},
		{file: "utc-tld", title: "Il consiglio regionale approva il bilancio", date: "2020-12-06T00:15"},
		{file: "utc-offset-elsewhere", title: "Storm knocks out power to thousands", date: "2021-03-01T19:30"},
		{file: "utc-visible-day", title: "La biblioteca amplía su horario durante los exámenes", date: "2020-02-17"},
		// The site's name after a separator, named by og:site_name, or
		// confirmed by the <h1>.
		{file: "site-name", title: "Harbour bridge to close for repairs next month", has: []string{"expansion joints"}},
		{file: "site-name-cjk", title: "新能源汽车销量连续三个月增长", has: []string{"行业协会"}},
		// Teasers, related links and a subscriber notice inside the text.
		{file: "teasers", title: "La ville plante mille arbres dans ses cours d’école", date: "2021-04-12T08:00",
			has:    []string{"mille arbres dans les cours", "sols perméables", "deux millions d’euros"},
			hasNot: []string{"À lire aussi", "Canicule", "Lire aussi", "budget participatif", "réservé aux abonnés", "Sur le même sujet", "cantines passent", "Read more"}},
		// Pages that stand in for an article.
		{file: "cloudflare", problem: "not an article: a captcha or browser check"},
		{file: "not-found", problem: "not an article: page not found"},
		{file: "access-denied", problem: "not an article: access denied"},
		// The date in the page's own address.
		{file: "url-date", title: "Village fete raises record sum for the hospice", date: "2020-08-24"},
		// Numbers, years and a copyright line are no publication date.
		{file: "undated", title: "Comment bien choisir son vélo de ville", date: "", has: []string{"vélo de ville se choisit"}},
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
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			for _, p := range probs {
				if strings.HasSuffix(p.Path, tt.file+".html") {
					if tt.problem == "" || !strings.HasPrefix(p.Reason, tt.problem) {
						t.Fatalf("problem %q, want %q", p.Reason, tt.problem)
					}
					return
				}
			}
			if tt.problem != "" {
				t.Fatalf("loaded, want the problem %q", tt.problem)
			}
			a, _ := c.ByID(tt.file)
			if a == nil {
				t.Fatal("not loaded")
			}
			if a.Title != tt.title || a.Date.String() != tt.date {
				t.Errorf("got (%q, %q), want (%q, %q)", a.Title, a.Date, tt.title, tt.date)
			}
			body := strings.Join(a.Paragraphs, "\n")
			for _, s := range tt.has {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q:\n%s", s, body)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(body, s) {
					t.Errorf("body holds %q:\n%s", s, body)
				}
			}
		})
	}
}
