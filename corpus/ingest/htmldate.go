package ingest

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// The <meta> names of a publication date and of an update, most trusted
// first: Open Graph and article, schema.org microdata, Dublin Core,
// Parse.ly, Sailthru, Highwire (citation_*), and the common others.
var (
	publishedMetas = []string{"article:published_time", "article:published", "og:article:published_time", "og:published_time",
		"published_time", "article.published", "datepublished", "date-published", "publishdate", "publish-date", "publish_date",
		"pubdate", "pub_date", "publication_date", "publication-date", "dc.date.issued", "dcterms.issued", "dc.date.created",
		"dcterms.created", "dc.date", "dcterms.date", "dc.created", "citation_publication_date", "citation_online_date",
		"citation_date", "prism.publicationdate", "sailthru.date", "parsely-pub-date", "bt:pubdate", "originalpublicationdate",
		"article_date_original", "cxenseparse:recs:publishtime", "datecreated", "date.available", "og:pubdate",
		"rnews:datepublished", "displaydate", "article.created", "uploaddate", "date"}
	modifiedMetas = []string{"article:modified_time", "article:modified", "og:updated_time", "og:modified_time", "modified_time",
		"article:updated_time", "datemodified", "dc.date.modified", "dcterms.modified", "dc.modified", "last-modified", "lastmod",
		"lastmodified", "bt:moddate", "article.updated", "updated_time"}
)

// pageDates finds the publication date and the last update of a page, by
// a cascade over the whole page, as htmldate does: JSON-LD, then <meta>
// tags, then microdata and <time> elements, then bylines (in the article
// first), then the date in the page's own address. Published beats
// modified: an update is never taken for the publication. A time in UTC
// is moved to the page's own day (see localDay); numeric dates are read
// in the page's order (see pageOrder). The date line at the top of the
// text is the caller's last resort.
func (r *extractor) pageDates(f *pageFacts, ld linkedData, title string) (published, updated corpus.Date) {
	region := pageRegion(f)
	order := lazyOrder{f: f, ld: ld, region: region}
	var pub, mod []stamp
	add := func(list *[]stamp, values ...string) {
		for _, v := range values {
			if st, ok := parseStamp(v, order.get, r.dates); ok && notFuture(st.date) {
				*list = append(*list, st)
			}
		}
	}
	add(&pub, ld.published...)
	add(&mod, ld.modified...)
	votes := map[corpus.Date]int{}
	if len(pub) > 0 {
		votes[dayOnly(pub[0].date)]++ // the JSON-LD is one source
	}
	for _, k := range publishedMetas {
		n := len(pub)
		add(&pub, f.meta(k))
		if len(pub) > n {
			votes[dayOnly(pub[n].date)]++
		}
	}
	if p := f.meta("parsely-page"); p != "" {
		add(&pub, ldPairValue(p, "pub_date"))
	}
	byVote(pub, votes)
	for _, k := range modifiedMetas {
		add(&mod, f.meta(k))
	}
	// The body is read only when the head gave no publication, or one in
	// UTC whose local day its bylines may tell.
	var visible []visibleDate
	if len(pub) == 0 || pub[0].zone == zoneUTC && pub[0].date.Precision == corpus.PrecisionMinute {
		visible = r.spotDates(f, order.get(), headlineAt(f, title))
		for _, v := range visible {
			if v.modified {
				mod = append(mod, v.stamp)
			} else if v.trusted {
				pub = append(pub, v.stamp)
			}
		}
	}
	urlDay, hasURLDay := r.urlDate(f)
	if hasURLDay && urlDay.Precision == corpus.PrecisionDay {
		pub = append(pub, stamp{date: urlDay})
	}
	if len(pub) > 0 {
		published = r.localDay(pub[0], f, region, append(pub[1:], mod...), visible, urlDay)
	}
	if len(mod) > 0 {
		updated = r.localDay(mod[0], f, region, append(mod[1:], pub...), visible, urlDay)
	}
	if published.IsZero() && hasURLDay {
		published = urlDay // a month: /2020/08/
	}
	return published, updated
}

// lazyOrder is the page's order of numeric dates (see pageOrder), worked
// out the first time a date needs it: most pages write none.
type lazyOrder struct {
	f      *pageFacts
	ld     linkedData
	region string
	order  DateOrder
	known  bool
}

func (o *lazyOrder) get() DateOrder {
	if !o.known {
		o.order, o.known = pageOrder(o.f, o.ld, o.region), true
	}
	return o.order
}

// byVote puts first the structured date whose day most sources give (the
// JSON-LD counting as one, each <meta> as one), when more give it than the
// day of the first: sources that agree outweigh the order of the cascade.
func byVote(pub []stamp, votes map[corpus.Date]int) {
	if len(pub) < 2 {
		return
	}
	first := dayOnly(pub[0].date)
	best := first
	for i := range pub {
		if d := dayOnly(pub[i].date); votes[d] > votes[best] {
			best = d
		}
	}
	for i := range pub {
		if best != first && dayOnly(pub[i].date) == best {
			pub[0], pub[i] = pub[i], pub[0]
			return
		}
	}
}

// notFuture reports whether d is not after tomorrow: a page is not
// published in the future, but an event it announces is.
func notFuture(d corpus.Date) bool {
	return !d.Time.After(time.Now().Add(48 * time.Hour))
}

// visibleDate is a date written in the body of a page.
type visibleDate struct {
	stamp
	modified bool
	// trusted is set for dates a page marks as its own: microdata,
	// <time>, bylines and cues in the article, or anywhere on a page that
	// shows few dates (a listing shows many: they are other articles').
	trusted bool
	text    bool        // read from text meant for people
	shown   corpus.Date // the date of the text beside a machine's time
	near    bool        // near the headline, or on a page without one
	rank    int         // 0 for microdata, 1 for the rest
}

// spotDates reads the dates of the body's date spots: microdata first,
// then the others in document order. Those in the article, and microdata,
// are the page's own. Those outside it are when they are near the
// headline (at, where the heading that gives the page's title is; -1 for
// none) and show one or two days: a page that shows many is a listing,
// and a site's header that shows today's date is far from the headline.
func (r *extractor) spotDates(f *pageFacts, order DateOrder, at int) []visibleDate {
	var out []visibleDate
	days := map[corpus.Date]bool{}
	for _, s := range f.spots {
		v, ok := r.spotDate(s, order)
		if !ok {
			continue
		}
		v.trusted = s.article || s.kind == spotItemprop
		if at >= 0 {
			v.near = s.pos >= at-nearBefore && s.pos <= at+nearAfter
		} else {
			v.near = s.kind != spotBare // a date alone, with no headline to be near, may be today's
		}
		if !v.trusted && v.near {
			days[dayOnly(v.date)] = true
		}
		out = append(out, v)
	}
	for i := range out {
		if !out[i].trusted && out[i].near && len(days) <= 2 {
			out[i].trusted = true
		}
	}
	slices.SortStableFunc(out, func(a, b visibleDate) int { return cmp.Compare(a.rank, b.rank) })
	return out
}

// How near the headline, in elements, a byline outside the article is.
const (
	nearBefore = 40
	nearAfter  = 400
)

// spotDate reads the date of one date spot.
func (r *extractor) spotDate(s dateSpot, order DateOrder) (visibleDate, bool) {
	v := visibleDate{modified: s.modified, rank: 1}
	if s.kind == spotItemprop {
		v.rank = 0
	}
	ok := false
	if s.value != "" {
		v.stamp, ok = parseStamp(s.value, func() DateOrder { return order }, r.dates)
		if ok && s.text != "" && v.zone != zoneNone {
			// What the readers see beside a machine's time: its day.
			v.shown, _, _ = r.textDates(s.text, order)
		}
	}
	if !ok && s.text != "" {
		var d, upd corpus.Date
		d, upd, ok = r.textDates(s.text, order)
		if !d.IsZero() {
			v.stamp = stamp{date: d}
		} else if ok {
			v.stamp, v.modified = stamp{date: upd}, true
		}
		v.text = true
		ok = ok && v.date.Precision >= corpus.PrecisionDay
	}
	return v, ok && notFuture(v.date)
}

// headlineAt returns where the heading that gives the page's title is
// (the first <h1> or <h2> that holds half of it), or -1.
func headlineAt(f *pageFacts, title string) int {
	if title == "" {
		return -1
	}
	for _, h := range f.headings {
		if similarity(h.text, title) >= 0.5 {
			return h.pos
		}
	}
	return -1
}

// textDates reads the dates of a byline: the publication, and an update
// when a word says so ("Mis à jour le", "Updated", "Actualizado").
func (r *extractor) textDates(text string, order DateOrder) (published, updated corpus.Date, ok bool) {
	if !mayHoldDate(text) {
		return published, updated, false
	}
	folded := fold.String(text)
	for i := 0; i < 4 && folded != ""; i++ {
		d, s, e, found := r.dates.FindOrder(folded, order)
		if !found {
			break
		}
		if isUpdateCue(folded[:s]) {
			if updated.IsZero() {
				updated = d
			}
		} else if published.IsZero() {
			published = d
		}
		folded = folded[e:]
	}
	if published.IsZero() && updated.IsZero() {
		if d, ok := findMoreMonths(text); ok {
			published = d
		}
	}
	return published, updated, !published.IsZero() || !updated.IsZero()
}

// updateCues open the date of an update, folded, in the languages of the
// date reader.
var updateCues = []string{"mis a jour", "mise a jour", "maj ", "modifie", "actualise", "updated", "update", "last modified", "revised",
	"aktualisiert", "geandert", "actualizado", "modificado", "aggiornato", "atualizado", "bijgewerkt", "обновлено", "изменено", "更新"}

// isUpdateCue reports whether the text before a date, folded, ends with
// words that say it is an update; the words must follow the last date.
func isUpdateCue(before string) bool {
	tail := before
	if len(tail) > 40 {
		tail = tail[len(tail)-40:]
	}
	return hasAny(tail, updateCues)
}

// publishCues open a line that gives the publication date, folded.
var publishCues = []string{"publie", "published", "posted", "mis a jour", "updated", "veroffentlicht", "publicado", "pubblicato",
	"gepubliceerd", "опубликовано", "発行", "发布", "發布", "发表", "تم نشر", "نشر", "date", "fecha", "datum", "le "}

// opensWithCue reports whether a short text opens with a word that
// announces a date ("Publié le", "Posted on", "Опубликовано") and holds a
// digit, as bylines do.
func opensWithCue(s string) bool {
	if !strings.ContainsAny(s, "0123456789") {
		return false
	}
	head := s
	if len(head) > 24 {
		head = head[:24]
	}
	head = fold.String(head)
	for _, c := range publishCues {
		if strings.HasPrefix(head, c) {
			return true
		}
	}
	return false
}

// urlDatePatterns find a date in the path of an address: /2020/08/24/,
// /2020-08-24-, _20200824, /2020/08/ (a month).
var urlDatePatterns = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`[/_-]((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)`),
		regexp.MustCompile(`[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)`),
		regexp.MustCompile(`/((?:19|20)\d{2})/(\d{1,2})/()`),
	}
})

// urlDate reads the date in the page's own address (canonical link,
// og:url), a day or a month.
func (r *extractor) urlDate(f *pageFacts) (corpus.Date, bool) {
	for _, u := range append(f.urls, f.meta("og:url", "twitter:url")) {
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			u = u[:i]
		}
		if len(u) > 1000 {
			continue
		}
		for _, re := range urlDatePatterns() {
			if m := re.FindStringSubmatch(u); m != nil {
				if d, ok := dateOf(atoi(m[1]), time.Month(atoi(m[2])), atoi(m[3]), "", "", ""); ok && notFuture(d) {
					return d, true
				}
			}
		}
	}
	return corpus.Date{}, false
}

// ldPairValue reads the string value of key in a small JSON object that
// may not parse (the parsely-page <meta>).
func ldPairValue(s, key string) string {
	i := strings.Index(s, `"`+key+`"`)
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(s[i+len(key)+2:], " :")
	if !strings.HasPrefix(rest, `"`) {
		return ""
	}
	rest = rest[1:]
	if j := strings.IndexByte(rest, '"'); j >= 0 {
		return rest[:j]
	}
	return ""
}

// numericDate matches a numeric date whose order is a question: 05/01/2023.
var numericDate = lazyRegexp(`\b(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})\b`)

// pageOrder returns how the page writes numeric dates: as its other
// numeric dates show (a 25/12/2020 is day first, a 12/25/2020 month
// first), else as its country does (see pageRegion; month first in the
// United States).
func pageOrder(f *pageFacts, ld linkedData, region string) DateOrder {
	dayFirst, monthFirst := 0, 0
	count := func(s string) {
		if !strings.ContainsAny(s, "/.-") {
			return
		}
		for _, m := range numericDate().FindAllStringSubmatch(s, 8) {
			a, b := atoi(m[1]), atoi(m[2])
			switch {
			case a > 12 && a <= 31 && b >= 1 && b <= 12:
				dayFirst++
			case b > 12 && b <= 31 && a >= 1 && a <= 12:
				monthFirst++
			}
		}
	}
	for _, s := range f.spots {
		count(s.text)
		count(s.value)
	}
	for _, v := range ld.published {
		count(v)
	}
	for _, m := range f.metas {
		if strings.Contains(m.key, "date") || strings.Contains(m.key, "time") {
			count(m.content)
		}
	}
	switch {
	case dayFirst > monthFirst:
		return DayFirst
	case monthFirst > dayFirst:
		return MonthFirst
	}
	return OrderOf(region)
}
