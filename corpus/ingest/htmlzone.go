package ingest

import (
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"

	// The page's zone is looked up by name; a machine without zoneinfo
	// files must find it too.
	_ "time/tzdata"

	"golang.org/x/text/language"

	"github.com/gazette-reader/gazette/corpus"
)

// countryZones maps a country (ISO 3166 code, upper case) to the time zone
// where most of its people, and its newsrooms, are.
var countryZones = sync.OnceValue(func() map[string]string {
	const table = `AE Asia/Dubai AR America/Argentina/Buenos_Aires AT Europe/Vienna AU Australia/Sydney BD Asia/Dhaka
BE Europe/Brussels BG Europe/Sofia BR America/Sao_Paulo BY Europe/Minsk CA America/Toronto CH Europe/Zurich
CL America/Santiago CN Asia/Shanghai CO America/Bogota CZ Europe/Prague DE Europe/Berlin DK Europe/Copenhagen
DZ Africa/Algiers EC America/Guayaquil EE Europe/Tallinn EG Africa/Cairo ES Europe/Madrid FI Europe/Helsinki
FR Europe/Paris GB Europe/London GR Europe/Athens HK Asia/Hong_Kong HR Europe/Zagreb HU Europe/Budapest
ID Asia/Jakarta IE Europe/Dublin IL Asia/Jerusalem IN Asia/Kolkata IQ Asia/Baghdad IR Asia/Tehran IS Atlantic/Reykjavik
IT Europe/Rome JP Asia/Tokyo KE Africa/Nairobi KR Asia/Seoul KZ Asia/Almaty LB Asia/Beirut LT Europe/Vilnius
LU Europe/Luxembourg LV Europe/Riga MA Africa/Casablanca MD Europe/Chisinau MX America/Mexico_City MY Asia/Kuala_Lumpur
NG Africa/Lagos NL Europe/Amsterdam NO Europe/Oslo NZ Pacific/Auckland PE America/Lima PH Asia/Manila PK Asia/Karachi
PL Europe/Warsaw PT Europe/Lisbon RO Europe/Bucharest RS Europe/Belgrade RU Europe/Moscow SA Asia/Riyadh SE Europe/Stockholm
SG Asia/Singapore SI Europe/Ljubljana SK Europe/Bratislava SN Africa/Dakar TH Asia/Bangkok TN Africa/Tunis TR Europe/Istanbul
TW Asia/Taipei UA Europe/Kyiv US America/New_York UY America/Montevideo VE America/Caracas VN Asia/Ho_Chi_Minh
ZA Africa/Johannesburg CI Africa/Abidjan CM Africa/Douala GH Africa/Accra QA Asia/Qatar KW Asia/Kuwait JO Asia/Amman
CR America/Costa_Rica GT America/Guatemala DO America/Santo_Domingo PR America/Puerto_Rico CU America/Havana
BO America/La_Paz PY America/Asuncion PA America/Panama`
	f := strings.Fields(table)
	m := make(map[string]string, len(f)/2)
	for i := 0; i+1 < len(f); i += 2 {
		m[f[i]] = f[i+1]
	}
	return m
})

// genericTLDs are country codes sold to anyone, which say nothing of
// where a site is.
var genericTLDs = map[string]bool{"io": true, "co": true, "tv": true, "me": true, "fm": true, "ai": true, "ly": true, "gg": true,
	"to": true, "ws": true, "cc": true, "nu": true, "tk": true, "am": true, "la": true, "md": true, "sh": true, "so": true}

// pageRegion returns the country a page is from, in upper case, or "":
// the country code of its own address (.it, .com.au, .co.uk), else the
// region of its language tag (fr-CA), else the likeliest country of its
// language (fr: France; en: the United States), as the Unicode CLDR
// likely-subtags data says.
func pageRegion(f *pageFacts) string {
	for _, host := range pageHosts(f) {
		tld := host[strings.LastIndexByte(host, '.')+1:]
		if tld == "uk" {
			tld = "gb"
		}
		if len(tld) == 2 && !genericTLDs[tld] {
			return strings.ToUpper(tld)
		}
	}
	tag := pageLang(f)
	if tag == "" {
		return ""
	}
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	if r, conf := t.Region(); conf != language.No {
		return r.String()
	}
	return ""
}

// pageLang returns the page's language tag, with "-" between its parts:
// <html lang>, else the Content-Language or og:locale metadata.
func pageLang(f *pageFacts) string {
	l := f.lang
	if l == "" {
		l = f.meta("content-language", "language", "dc.language", "og:locale")
	}
	l = strings.TrimSpace(strings.ReplaceAll(l, "_", "-"))
	if i := strings.IndexAny(l, ",; "); i >= 0 {
		l = l[:i]
	}
	return l
}

// pageHosts returns the hosts of the page's own addresses, lower case,
// its canonical link and og:url first.
func pageHosts(f *pageFacts) []string {
	var hosts []string
	urls := append([]string{}, f.urls[:min(len(f.urls), 1)]...)
	urls = append(urls, f.meta("og:url", "twitter:url", "al:web:url", "parsely-link"))
	urls = append(urls, f.urls[min(len(f.urls), 1):]...)
	for _, raw := range urls {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err == nil && strings.Contains(u.Host, ".") && len(hosts) < 4 {
			hosts = append(hosts, strings.TrimSuffix(strings.ToLower(u.Hostname()), "."))
		}
	}
	return hosts
}

// regionZone returns the time zone of a country, or nil.
func regionZone(region string) *time.Location {
	name, ok := countryZones()[region]
	if !ok {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// localDay returns the day of st as the page's own readers saw it. A time
// in UTC ("Z", "+00:00") is moved to the page's zone when the page tells
// it: another of its times with an offset; else a date its readers see
// (a byline, its address) that is the day in the zone of its country
// (see pageRegion), or the UTC day, or a day off it within the offsets of
// the world's zones; else a zone written next to a time in its bylines
// ("8:23 PM EDT"); else the zone of its country. Without any, the UTC
// day stands.
func (r *extractor) localDay(st stamp, f *pageFacts, region string, others []stamp, visible []visibleDate, urlDay corpus.Date) corpus.Date {
	if st.zone != zoneUTC || st.date.Precision != corpus.PrecisionMinute {
		return st.date
	}
	t := st.date.Time
	for _, o := range others {
		if o.zone == zoneOffset {
			return inZone(t, time.FixedZone("", o.offset))
		}
	}
	for _, v := range visible {
		if v.zone == zoneOffset && v.trusted {
			return inZone(t, time.FixedZone("", v.offset))
		}
	}
	zoned := corpus.Date{}
	if loc := regionZone(region); loc != nil {
		zoned = inZone(t, loc)
	}
	seen := r.seenDays(f, visible, urlDay)
	for _, want := range []corpus.Date{zoned, st.date} {
		for _, d := range seen {
			if !want.IsZero() && dayDiff(d, want) == 0 {
				return want
			}
		}
	}
	minutes := t.Hour()*60 + t.Minute()
	for _, d := range seen {
		if diff := dayDiff(d, st.date); diff == -1 && minutes <= 12*60 || diff == 1 && minutes >= 10*60 {
			return dayOnly(d) // within 12 hours west, or 14 east, of UTC
		}
	}
	if off, ok := spotZone(f); ok {
		return inZone(t, time.FixedZone("", off))
	}
	if !zoned.IsZero() {
		return zoned
	}
	return st.date
}

// seenDays returns the days a page shows its readers: the dates written
// in its trusted bylines and <time> elements, and the day in its address.
func (r *extractor) seenDays(f *pageFacts, visible []visibleDate, urlDay corpus.Date) []corpus.Date {
	var seen []corpus.Date
	for _, v := range visible {
		if !v.trusted || v.modified {
			continue
		}
		if v.text && v.date.Precision >= corpus.PrecisionDay {
			seen = append(seen, v.date)
		} else if v.shown.Precision >= corpus.PrecisionDay {
			seen = append(seen, v.shown)
		}
	}
	if urlDay.Precision == corpus.PrecisionDay {
		seen = append(seen, urlDay)
	}
	return seen
}

// inZone is the wall clock t (in UTC) shows in loc, to the minute.
func inZone(t time.Time, loc *time.Location) corpus.Date {
	u := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, time.UTC).In(loc)
	return corpus.NewDate(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), corpus.PrecisionMinute)
}

// dayDiff returns how many days d is after e, comparing their days only.
func dayDiff(d, e corpus.Date) int {
	a := time.Date(d.Time.Year(), d.Time.Month(), d.Time.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(e.Time.Year(), e.Time.Month(), e.Time.Day(), 0, 0, 0, 0, time.UTC)
	return int(a.Sub(b).Hours() / 24)
}

// dayOnly is d to the day.
func dayOnly(d corpus.Date) corpus.Date {
	return corpus.NewDate(d.Time.Year(), d.Time.Month(), d.Time.Day(), 0, 0, corpus.PrecisionDay)
}

// spotZone finds a zone abbreviation written right after a time in the
// page's bylines ("8:23 PM EDT", "14h05 CET").
func spotZone(f *pageFacts) (int, bool) {
	for _, s := range f.spots {
		if s.text == "" || !s.article && s.kind != spotItemprop {
			continue
		}
		words := strings.FieldsFunc(s.text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ':' })
		for i := 1; i < len(words); i++ {
			w := words[i]
			if len(w) < 3 || len(w) > 4 || strings.ToUpper(w) != w {
				continue
			}
			prev := strings.ToLower(words[i-1])
			if !strings.ContainsAny(prev, "0123456789") && prev != "am" && prev != "pm" {
				continue
			}
			if off, ok := zoneAbbrev(w); ok {
				return off, true
			}
		}
	}
	return 0, false
}
