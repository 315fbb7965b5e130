package ingest

import (
	"errors"
	"strings"
	"time"

	"golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"

	"github.com/gazette-reader/gazette/corpus"
)

// minUntitledWords is the least text a page without a title must have to
// be taken for an article rather than a bare menu or an error page.
const minUntitledWords = 20

func countParagraphWords(paras []string) int {
	n := 0
	for _, p := range paras {
		n += CountWords(p)
	}
	return n
}

// readHTMLPage extracts the article of a web page, on one parse of it
// (see parsePage for its budget): the facts of the page in one walk
// (gatherFacts), its JSON-LD, its main text (extractMain: menus,
// sidebars, teasers and subscriber notices left out), its title cleaned
// of the site's name (pageTitle), and its dates by a cascade over the
// whole page (pageDates), then a date line at the top of the text. A
// captcha, a block page or an error page is no article (blockReason).
func (r *extractor) readHTMLPage(page string) (draft, error) {
	doc, err := parsePage(page)
	if err != nil {
		return draft{}, err
	}
	b := &pageBudget{}
	classes := classCache{}
	f := gatherFacts(doc, b, classes)
	ld := readLinkedData(f.jsonLD)
	d := draft{title: pageTitle(f, ld), paragraphs: extractMain(doc, b, classes, f.elements), url: pageURL(f)}
	if b.over() {
		return draft{}, errPageTooLarge
	}
	words := countParagraphWords(d.paragraphs)
	if why := blockReason(f, d.title, words); why != "" {
		return draft{}, errors.New("not an article: " + why)
	}
	if d.title == "" && words < minUntitledWords {
		return draft{}, errNoArticle
	}
	d.date, d.updated = r.pageDates(f, ld, d.title)
	// A date line near the top ("Publié le 27/12/22 à 08h02"), as in
	// plain-text scrapes: the publication when the page gave none, and
	// not text in any case.
	for i := 0; i < len(d.paragraphs) && i < 3; i++ {
		p := d.paragraphs[i]
		had := d.date
		if r.dateLine(&d, p) {
			if !had.IsZero() && d.date != had {
				d.date = had // the page's metadata stands
			}
			d.paragraphs = append(d.paragraphs[:i:i], d.paragraphs[i+1:]...)
			break
		}
	}
	// The headline may come first in the text, once or twice.
	for len(d.paragraphs) > 0 && (titleKey(d.paragraphs[0]) == titleKey(d.title) || f.h1 != "" && titleKey(d.paragraphs[0]) == titleKey(f.h1)) {
		d.paragraphs = d.paragraphs[1:]
	}
	return d, nil
}

// pageURL returns the page's own address, when it gives one.
func pageURL(f *pageFacts) string {
	for _, u := range append(f.urls[:len(f.urls):len(f.urls)], f.meta("og:url")) {
		if u = strings.TrimSpace(u); strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			return u
		}
	}
	return ""
}

// structuredDate turns a time read from metadata into a Date, or no date
// when its year is implausible. A time of exactly midnight is how most APIs and pages write a day without a time,
// so it gives a day, not a minute.
func structuredDate(t time.Time) corpus.Date {
	if !plausibleYear(t.Year()) {
		// A date parser's guess at garbage ("1:" read as year 0).
		return corpus.Date{}
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return corpus.NewDate(t.Year(), t.Month(), t.Day(), 0, 0, corpus.PrecisionDay)
	}
	return corpus.NewDate(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), corpus.PrecisionMinute)
}

// htmlParagraphs turns an HTML fragment (a JSON "content" field, an RSS
// description) into paragraphs of plain text: block elements and <br>
// break paragraphs, scripts, styles and embedded objects are dropped, and
// character references are decoded (Sanitize then removes any control
// character they stood for). Markup nested too deep is flattened first.
func htmlParagraphs(fragment string) []string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: htmlatom.Body}
	if err := parseFragment(fragment, body); err != nil {
		return textParagraphs(fragment)
	}
	return nodeParagraphs(body, nil)
}

// isBlock reports whether elements of kind a start and end a paragraph.
func isBlock(a htmlatom.Atom) bool {
	switch a {
	case htmlatom.P, htmlatom.Div, htmlatom.H1, htmlatom.H2, htmlatom.H3, htmlatom.H4, htmlatom.H5, htmlatom.H6,
		htmlatom.Li, htmlatom.Ul, htmlatom.Ol, htmlatom.Dl, htmlatom.Dt, htmlatom.Dd, htmlatom.Blockquote, htmlatom.Pre,
		htmlatom.Article, htmlatom.Section, htmlatom.Header, htmlatom.Footer, htmlatom.Aside, htmlatom.Nav,
		htmlatom.Figure, htmlatom.Figcaption, htmlatom.Table, htmlatom.Tr, htmlatom.Td, htmlatom.Th, htmlatom.Caption,
		htmlatom.Hr, htmlatom.Address, htmlatom.Main, htmlatom.Details, htmlatom.Summary, htmlatom.Body, htmlatom.Html:
		return true
	}
	return false
}

// textParagraphs splits plain text into paragraphs: a blank line ends one,
// and so does a line that ends a sentence; hard-wrapped lines are joined.
// White space inside a paragraph is left for finish to collapse.
func textParagraphs(s string) []string {
	var r extractor
	return r.paragraphs(strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n"), false)
}
