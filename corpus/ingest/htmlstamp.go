package ingest

import (
	"strconv"
	"strings"
	"time"

	"github.com/gazette-reader/gazette/corpus"
)

// stamp is a date read from a page, with what it says about its time
// zone: a wall clock with no zone is the page's own local time; one in
// UTC may be a day off the page's local day; one with an offset is a
// local time and tells the page's zone.
type stamp struct {
	date corpus.Date // the day or minute on the wall clock it was written in
	zone stampZone
	// offset is seconds east of UTC when zone is zoneOffset.
	offset int
}

type stampZone uint8

const (
	zoneNone   stampZone = iota // no zone: a local wall clock, or a day
	zoneUTC                     // Z, +00:00, GMT, UTC, or Unix time
	zoneOffset                  // another offset, or a zone abbreviation
)

// isoStamp matches the ISO 8601 shapes pages write, extended or basic:
// 2020-08-25T00:23:33.312Z, 20200516T14:51:53Z, 2020-12-05T23:15:0Z,
// 2020/10/04 15:05:21, 2020-08-25|00h23, 2020-09-25T16:02:50CDT.
var isoStamp = lazyRegexp(`^(\d{4})([-/.]?)(\d{1,2})[-/.]?(\d{1,2})` +
	`(?:(?:[Tt]|\s+|\s*\|\s*|,\s*)(\d{1,2})[:h]?(\d{2})(?::?(\d{1,2})(?:[.,]\d+)?)?)?` +
	`\s*(Z|z|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{3,4})?\b`)

// jsDate is the form of JavaScript's Date.toString, which some pages put
// in their datetime attributes.
const jsDate = "Mon Jan 02 2006 15:04:05 GMT-0700"

// parseStamp reads a date meant for machines (a <meta> content, a JSON-LD
// value, a datetime attribute): ISO 8601, RFC 1123, JavaScript's
// toString, Unix seconds or milliseconds; anything else is read as text
// by the DateFinder, numeric dates in the order the page writes them
// (asked of order only then).
func parseStamp(s string, order func() DateOrder, df *DateFinder) (stamp, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 120 {
		return stamp{}, false
	}
	if m := isoStamp().FindStringSubmatch(s); m != nil {
		return isoParts(m)
	}
	if i := strings.Index(s, " ("); i > 0 {
		if t, err := time.Parse(jsDate, s[:i]); err == nil {
			return zonedStamp(t, true)
		}
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"Mon, 02 Jan 2006 15:04 -0700", "02 Jan 2006 15:04:05 -0700", time.RFC850, jsDate} {
		if t, err := time.Parse(layout, s); err == nil {
			_, known := zoneAbbrev(t.Location().String())
			return zonedStamp(t, strings.Contains(layout, "-0700") || known)
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 && len(s) <= 13 {
		if len(s) >= 12 {
			n /= 1000
		}
		return zonedStamp(time.Unix(n, 0).UTC(), true)
	}
	if !mayHoldDate(s) {
		return stamp{}, false
	}
	if d, _, _, ok := df.FindOrder(s, order()); ok {
		return stamp{date: d}, true
	}
	if d, ok := findMoreMonths(s); ok {
		return stamp{date: d}, true
	}
	return stamp{}, false
}

// isoParts builds a stamp from the submatches of isoStamp.
func isoParts(m []string) (stamp, bool) {
	if m[2] == "" && (len(m[3]) != 2 || len(m[4]) != 2) {
		return stamp{}, false // basic form: two digits each
	}
	var d corpus.Date
	var ok bool
	if m[5] == "" {
		d, ok = dateOf(atoi(m[1]), time.Month(atoi(m[3])), atoi(m[4]), "", "", "")
		return stamp{date: d}, ok
	}
	if d, ok = dateOf(atoi(m[1]), time.Month(atoi(m[3])), atoi(m[4]), m[5], m[6], ""); !ok {
		return stamp{}, false
	}
	if d.Precision != corpus.PrecisionMinute {
		return stamp{date: d}, true // an impossible time: the day alone
	}
	z := m[8]
	switch {
	case z == "":
		return stamp{date: d}, true
	case z == "Z" || z == "z":
		return stamp{date: d, zone: zoneUTC}, true
	case z[0] == '+' || z[0] == '-':
		return offsetStamp(d, z)
	case strings.HasPrefix(z, "GMT") || strings.HasPrefix(z, "UTC"):
		if rest := strings.TrimSpace(z[3:]); rest != "" {
			return offsetStamp(d, rest)
		}
		return stamp{date: d, zone: zoneUTC}, true
	}
	if off, known := zoneAbbrev(z); known {
		return withOffset(d, off), true
	}
	return stamp{date: d}, true // letters that name no zone we know
}

// offsetStamp reads a numeric offset (+02:00, -0300, +05) after d.
func offsetStamp(d corpus.Date, z string) (stamp, bool) {
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	h, m := 0, 0
	switch len(digits) {
	case 1, 2:
		h = atoi(digits)
	case 3, 4:
		h, m = atoi(digits[:len(digits)-2]), atoi(digits[len(digits)-2:])
	default:
		return stamp{date: d}, true
	}
	if h > 14 || m > 59 {
		return stamp{date: d}, true
	}
	return withOffset(d, sign*(h*3600+m*60)), true
}

// withOffset is a stamp of wall clock d at offset seconds east of UTC.
func withOffset(d corpus.Date, offset int) stamp {
	if offset == 0 {
		return stamp{date: d, zone: zoneUTC}
	}
	return stamp{date: d, zone: zoneOffset, offset: offset}
}

// zonedStamp is a stamp of t, in the zone t carries when zoned.
func zonedStamp(t time.Time, zoned bool) (stamp, bool) {
	d, ok := minuteDate(t)
	if !ok {
		return stamp{}, false
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return stamp{date: corpus.NewDate(t.Year(), t.Month(), t.Day(), 0, 0, corpus.PrecisionDay)}, true
	}
	if !zoned {
		return stamp{date: d}, true
	}
	_, off := t.Zone()
	return withOffset(d, off), true
}

// zoneAbbrevs are the zone abbreviations news pages write after a time,
// with their offsets in minutes east of UTC. Ambiguous ones (IST, CST in
// China) take their most common sense on news sites.
var zoneAbbrevs = map[string]int{
	"UTC": 0, "GMT": 0, "UT": 0, "WET": 0, "BST": 60, "IST": 330, "WEST": 60, "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120,
	"EET": 120, "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
	"PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "AST": -240, "ADT": -180, "NST": -210, "NDT": -150,
	"BRT": -180, "ART": -180, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "PHT": 480, "WIB": 420, "ICT": 420,
	"AEST": 600, "AEDT": 660, "ACST": 570, "ACDT": 630, "AWST": 480, "NZST": 720, "NZDT": 780, "SAST": 120, "WAT": 60,
	"EAT": 180, "PKT": 300,
}

// zoneAbbrev returns the offset in seconds of a zone abbreviation.
func zoneAbbrev(s string) (int, bool) {
	m, ok := zoneAbbrevs[strings.ToUpper(s)]
	return m * 60, ok
}

// mayHoldDate is a quick check before the DateFinder's patterns: every
// date they read has a year of four digits, or two digits after a "/" or
// a "."; findMoreMonths also reads Arabic and Persian digits.
func mayHoldDate(s string) bool {
	if hasYear(s) || strings.ContainsAny(s, "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹") {
		return true
	}
	for i := 1; i+2 < len(s); i++ {
		if (s[i] == '/' || s[i] == '.') && isDigit(s[i-1]) && isDigit(s[i+1]) {
			return true
		}
	}
	return false
}
