package corpus

import (
	"fmt"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

// The precisions a publication date can have, from none to the minute.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
	PrecisionMinute
)

// String returns the precision's name as used in JSON output: "year",
// "month", "day", "minute", or "" when there is no date.
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	case PrecisionMinute:
		return "minute"
	}
	return ""
}

// Date is a publication date known to some precision. Fields finer than the
// precision are zero (month and day are 1) in Time, which is always UTC:
// the wall clock of the source is kept as written.
type Date struct {
	Time      time.Time
	Precision Precision
}

// NewDate builds a Date at precision p, zeroing the fields finer than p.
func NewDate(year int, month time.Month, day, hour, minute int, p Precision) Date {
	switch p {
	case PrecisionNone:
		return Date{}
	case PrecisionYear:
		month, day, hour, minute = 1, 1, 0, 0
	case PrecisionMonth:
		day, hour, minute = 1, 0, 0
	case PrecisionDay:
		hour, minute = 0, 0
	}
	return Date{Time: time.Date(year, month, day, hour, minute, 0, 0, time.UTC), Precision: p}
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// String returns the date in ISO 8601 cut to its precision: "2017",
// "2017-01", "2019-10-09", "2014-09-20T15:04", or "" when unknown.
func (d Date) String() string {
	t := d.Time
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", t.Year())
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", t.Year(), t.Month())
	case PrecisionDay:
		return t.Format("2006-01-02")
	case PrecisionMinute:
		return t.Format("2006-01-02T15:04")
	}
	return ""
}

// Display returns the date for people: like String, with a space instead of
// the "T" before the time.
func (d Date) Display() string {
	if d.Precision == PrecisionMinute {
		return d.Time.Format("2006-01-02 15:04")
	}
	return d.String()
}

// Before orders dates on the timeline: earlier instants first; at the same
// instant the coarser precision first; unknown dates after every known one.
func (d Date) Before(e Date) bool {
	if d.IsZero() || e.IsZero() {
		return !d.IsZero() && e.IsZero()
	}
	if !d.Time.Equal(e.Time) {
		return d.Time.Before(e.Time)
	}
	return d.Precision < e.Precision
}

// Article is one document of a corpus. Its text has been normalised and
// sanitised at load: it holds no control character but newline and tab, and
// is in Unicode NFC.
type Article struct {
	// ID is stable across runs: the source path relative to the root it was
	// found under, without extension (plus a record key for multi-article
	// files).
	ID string
	// Title is the headline; when the source has none it is derived from the
	// first sentence and TitleDerived is set.
	Title        string
	TitleDerived bool
	// Date is the publication date; Updated is a later revision date when
	// the source gives one.
	Date    Date
	Updated Date
	// Paragraphs is the body, one entry per paragraph, without the title.
	Paragraphs []string
	// Words counts the words of the body.
	Words int
	// Source is the file the article came from, as given to Load.
	Source string
	// Format names the parser that read it ("text", "markdown", "jsonl"...).
	Format string
	// URL is the article's address when the source gives one.
	URL string
	// Tags are the source's keywords, if any.
	Tags []string
	// Authors are the people (or desks) the source credits, if any.
	Authors []string
	// Fields are the source's other short fields, kept as metadata:
	// identifiers, affected products, categories... in source order.
	Fields []Field
	// BodyMarkdown is set when the paragraphs are Markdown written by the
	// source (headings, emphasis, lists), to be rendered rather than shown
	// as typed; plain text is escaped.
	BodyMarkdown bool
}

// Field is one named piece of an article's metadata, with its values.
type Field struct {
	// Name is the field's name as the source spells it ("cves",
	// "affected_systems").
	Name   string
	Values []string
}

// Site returns the host of the article's URL ("www.lemonde.fr"), or ""
// when it has none.
func (a *Article) Site() string {
	rest, ok := strings.CutPrefix(a.URL, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(a.URL, "http://"); !ok {
			return ""
		}
	}
	host, _, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, "?")
	host, _, _ = strings.Cut(host, "#")
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	return strings.ToLower(host)
}

// ReadingMinutes estimates the minutes needed to read the body at 230 words
// a minute, at least 1.
func (a *Article) ReadingMinutes() int {
	m := (a.Words + 229) / 230
	if m < 1 {
		m = 1
	}
	return m
}
