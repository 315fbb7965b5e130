package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// titleSeparators part a headline from the site's name in a page's title:
// "Headline - Site", "Site | Headline", "标题_腾讯新闻". The spaced ones
// are tried first: "_" and "|" without spaces only in a title that has
// none of them, and a hyphen without spaces never (it is part of a word).
var (
	spacedSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " // ", " / ", " » ", " « ", " · ", " • ", " ~ ", " ｜ "}
	tightSeparators  = []string{"｜", "_", "|"}
)

// titleMetas are the <meta> names of a title, in the order Mozilla's
// Readability trusts them.
var titleMetas = []string{"dc.title", "dcterm.title", "dcterms.title", "og:title", "weibo:article:title", "weibo:webpage:title",
	"title", "twitter:title", "parsely-title"}

// pageTitle returns the headline of a page, from the first of its sources
// in the order Mozilla's Readability trusts them: the JSON-LD name or
// headline (see ldTitle), the title metadata, then the <title>, then the
// first <h1>; but the <h1> when it and the <title> agree on a headline
// that the metadata does not share (the site's generic title). It is
// cleaned of the site's name (see stripSiteName), and a <title> of the
// part after its last separator when no source tells whether that part
// is the site's name.
func pageTitle(f *pageFacts, ld linkedData) string {
	sources := []string{ldTitle(ld, stripLastPart(collapseSpace(f.title)))}
	for _, k := range titleMetas {
		sources = append(sources, f.meta(k))
	}
	sources = append(sources, f.title, f.h1)
	title, from := "", -1
	for i, s := range sources {
		if s = collapseSpace(s); s != "" {
			title, from = s, i
			break
		}
	}
	if title == "" {
		return ""
	}
	h1 := collapseSpace(f.h1)
	if from < len(sources)-2 && h1 != "" && similarity(h1, f.title) > 0.75 && similarity(title, f.title) < 0.25 && similarity(title, h1) < 0.25 {
		title, from = h1, len(sources)-1
	}
	others := make([]string, 0, len(sources))
	for _, s := range sources {
		if s = collapseSpace(s); s != "" && s != title {
			others = append(others, s)
		}
	}
	clean := stripSiteName(title, siteNames(f, ld), others)
	if clean == title && from == len(sources)-2 {
		clean = stripLastPart(title)
	}
	return clean
}

// ldTitle chooses between the JSON-LD name and headline of an article as
// Readability does: the name, unless only the headline is like the
// page's <title>.
func ldTitle(ld linkedData, title string) string {
	switch {
	case ld.name == "":
		return ld.headline
	case ld.headline == "" || ld.headline == ld.name:
		return ld.name
	}
	if similarity(ld.headline, title) > 0.75 && similarity(ld.name, title) <= 0.75 {
		return ld.headline
	}
	return ld.name
}

// stripLastPart removes what follows the last separator of a <title>, as
// Readability does, when at least three words are left: a site's name, a
// section, an author.
func stripLastPart(title string) string {
	head, _, sep := splitTitle(title, false)
	if sep != "" && (len(strings.Fields(head)) >= 3 || !isLatin(head) && isHeadline(head)) {
		return head
	}
	return title
}

// siteNameSet holds the names of a page's site, folded to letters and
// digits: own are those the page gives its site (og:site_name,
// application-name, the JSON-LD WebSite and publisher); all adds its
// Twitter account, publisher, author and the name in its address
// ("lemonde" of www.lemonde.fr).
type siteNameSet struct{ own, all []string }

func siteNames(f *pageFacts, ld linkedData) siteNameSet {
	var names siteNameSet
	for _, k := range []string{"og:site_name", "application-name", "apple-mobile-web-app-title", "al:android:app_name"} {
		names.add(f.meta(k), true)
	}
	for _, s := range ld.siteNames {
		names.add(s, true)
	}
	for _, k := range []string{"twitter:site", "dc.publisher", "publisher", "copyright", "author"} {
		names.add(strings.TrimPrefix(f.meta(k), "@"), false)
	}
	names.addHost(pageHost(f))
	return names
}

// add adds the name s, one the site gives itself when own.
func (names *siteNameSet) add(s string, own bool) {
	if k := titleKey(s); len(k) >= 2 {
		names.all = append(names.all, k)
		if own {
			names.own = append(names.own, k)
		}
	}
}

// addHost adds the name in a host: the label before the public suffix
// (lemonde of lemonde.fr, bbc of bbc.co.uk, and the first of news.bbc...).
func (names *siteNameSet) addHost(host string) {
	if host == "" {
		return
	}
	labels := strings.Split(strings.TrimPrefix(host, "www."), ".")
	for i, l := range labels {
		if i == len(labels)-1 || len(l) <= 3 && i > 0 {
			break
		}
		names.add(l, false)
	}
}

// titleKey folds s to its letters and digits, to compare names and
// headlines whatever their case, accents, spaces and punctuation.
func titleKey(s string) string {
	f := fold.String(s)
	var b strings.Builder
	b.Grow(len(f))
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripSiteName removes the site's name from a title: what follows a
// separator when another source of the page's title (its <h1>, og:title,
// JSON-LD headline) confirms what precedes it as the headline; the part
// after its last separator when it is one of the site's names (or holds
// it: "Le Monde.fr"); the part before its first separator when it is the
// name the site gives itself (og:site_name, JSON-LD).
func stripSiteName(title string, sites siteNameSet, others []string) string {
	if head, ok := confirmedHead(title, others); ok {
		return head
	}
	for range 3 {
		head, tail, sep := splitTitle(title, false)
		if sep == "" {
			break
		}
		if isHeadline(head) && isSiteName(tail, sites.all) {
			title = head
			continue
		}
		first, rest, _ := splitTitle(title, true)
		if isHeadline(rest) && isSiteName(first, sites.own) {
			title = rest
			continue
		}
		break
	}
	return title
}

// confirmedHead returns the longest start of title, up to one of its
// separators, that another source gives as the title.
func confirmedHead(title string, others []string) (string, bool) {
	for t := title; ; {
		head, _, sep := splitTitle(t, false)
		if sep == "" {
			return "", false
		}
		if isHeadline(head) && confirmed(head, others) {
			return head, true
		}
		t = head
	}
}

// splitTitle splits title at its last separator (at its first with
// first), both sides trimmed; sep is "" when it has none.
func splitTitle(title string, first bool) (a, b, sep string) {
	for _, seps := range [][]string{spacedSeparators, tightSeparators} {
		at := -1
		for _, s := range seps {
			var i int
			if first {
				i = strings.Index(title, s)
			} else {
				i = strings.LastIndex(title, s)
			}
			if i <= 0 || i+len(s) >= len(title) {
				continue
			}
			if at < 0 || first && i < at || !first && i > at {
				at, sep = i, s
			}
		}
		if at >= 0 {
			return strings.TrimSpace(title[:at]), strings.TrimSpace(title[at+len(sep):]), sep
		}
	}
	return title, "", ""
}

// isSiteName reports whether part names the site: it is one of its names,
// or holds one with little more ("Le Monde.fr", "BBC News - Home").
func isSiteName(part string, sites []string) bool {
	k := titleKey(part)
	if k == "" {
		return false
	}
	for _, s := range sites {
		if k == s || len(s) >= 4 && strings.Contains(k, s) && len(k) <= 2*len(s)+8 {
			return true
		}
	}
	return false
}

// confirmed reports whether another source gives part as the title.
func confirmed(part string, others []string) bool {
	k := titleKey(part)
	for _, o := range others {
		if titleKey(o) == k {
			return true
		}
	}
	return false
}

// isHeadline reports whether s is long enough to stand as a headline once
// the site's name is gone: two words, or four characters of a language
// written without spaces.
func isHeadline(s string) bool {
	if len(strings.Fields(s)) >= 2 {
		return true
	}
	return utf8.RuneCountInString(s) >= 4 && !isLatin(s)
}

func isLatin(s string) bool {
	for _, r := range s {
		if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) && unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// pageHost returns the host of the page's own address, or "".
func pageHost(f *pageFacts) string {
	if h := pageHosts(f); len(h) > 0 {
		return h[0]
	}
	return ""
}
