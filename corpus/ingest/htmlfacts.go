package ingest

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// pageFacts is what one walk over a parsed web page gathers for its date,
// its title and the checks for error pages: the head's metadata, the
// structured data, the headings, and the places in the body where a date
// is written.
type pageFacts struct {
	lang      string    // the page's language tag ("fr", "en-US")
	title     string    // the <title>
	h1        string    // the first <h1> outside navigation and asides
	metas     []metaTag // every <meta> with a name and a content
	jsonLD    []string  // the text of every application/ld+json script
	urls      []string  // the page's own address: canonical link first, then a shortlink or <base>
	spots     []dateSpot
	headings  []heading // the first <h1> and <h2> outside navigation and asides
	challenge bool      // a captcha or a browser check stands in for the page
	elements  int       // how many elements the page has
}

// metaTag is a <meta>: one of the names of its property, name, itemprop
// or http-equiv attribute (see metaKey), and its content.
type metaTag struct {
	key, content string
	property     bool // named by a property attribute, which wins over a name
}

// metaKey is the form in which <meta> names are compared: lower case,
// without spaces, "." as ":" (DC.title is dc:title).
func metaKey(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), ".", ":")
}

// meta returns the content of the first <meta> named one of keys, in the
// order of keys, one named by a property attribute first.
func (f *pageFacts) meta(keys ...string) string {
	for _, k := range keys {
		k = metaKey(k)
		found := ""
		for _, m := range f.metas {
			if m.key == k && m.content != "" {
				if m.property {
					return m.content
				}
				if found == "" {
					found = m.content
				}
			}
		}
		if found != "" {
			return found
		}
	}
	return ""
}

// spotKind says where in the body a date was seen; the cascade trusts
// them in this order.
type spotKind uint8

const (
	spotItemprop spotKind = iota // itemprop="datePublished" (or modified)
	spotTime                     // <time datetime> or <time pubdate>
	spotByline                   // an element whose class or id says date, time, byline...
	spotCue                      // a short text that opens with "Published", "Publié le"...
	spotBare                     // a short text that is a date and little else
)

// dateSpot is a date written in the body of a page: an attribute meant
// for machines (value), or text meant for people.
type dateSpot struct {
	kind     spotKind
	value    string // datetime, content or title attribute
	text     string // the visible text, at most maxSpotText bytes
	modified bool   // it names the last update
	article  bool   // inside <article>, <main> or an element marked as the article
	pos      int    // the number of elements before it in the page
}

// heading is an <h1> or <h2> of the body, and where it is.
type heading struct {
	text string
	pos  int
}

const (
	maxSpots    = 64  // the first ones are enough, and a listing has many
	maxMetas    = 512 // a page has a few dozen
	maxHeadings = 16
	maxSpotText = 200 // a date line is short
	maxByline   = 120 // a byline (author, date, place) is shorter than a paragraph
	maxClassLen = 256 // class and id attributes past this are not read
)

// gatherFacts walks doc once, in document order.
func gatherFacts(doc *html.Node, b *pageBudget, classes classCache) *pageFacts {
	f := &pageFacts{}
	g := factWalker{f: f, b: b, classes: classes}
	g.walk(doc, walkContext{})
	f.urls = append(f.urls, g.other...)
	f.elements = g.pos
	return f
}

type factWalker struct {
	f       *pageFacts
	b       *pageBudget
	classes classCache
	seen    bool     // an <h1> was taken
	pos     int      // elements walked so far
	other   []string // addresses that are not the canonical one
}

// walkContext is what the ancestors of a node say about it.
type walkContext struct {
	aside   bool // inside navigation, a footer, an aside, comments or related links
	article bool // inside the article
	byline  bool // inside a byline already taken
	svg     bool // inside an SVG or MathML drawing
}

func (g *factWalker) walk(n *html.Node, ctx walkContext) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if g.b.spend() {
			return
		}
		switch c.Type {
		case html.ElementNode:
			g.element(c, ctx)
		case html.TextNode:
			if !ctx.aside && !ctx.byline && len(g.f.spots) < maxSpots {
				g.text(c, ctx)
			}
		}
	}
}

// text records a text that opens with a word that announces a date
// ("Publié le 24 août"), that is a date and little else ("August 06,
// 2019"), or that opens with a numeric date ("22/11/2020 - 04:30 -
// Fonte: …").
func (g *factWalker) text(n *html.Node, ctx walkContext) {
	s := strings.TrimSpace(n.Data)
	if len(s) < 6 || len(s) > maxSpotText || !strings.ContainsAny(s, "0123456789") {
		return
	}
	kind := spotCue
	switch {
	case opensWithCue(s):
		if !hasYear(s) && n.Parent != nil {
			s = nodeText(n.Parent, maxSpotText) // "Publié le" <time>…</time>
		}
	case len(s) <= 40 && hasYear(s):
		kind = spotBare
	case isDigit(s[0]) && hasYear(s[:min(len(s), 12)]):
		kind = spotBare // a byline that opens with its date: "22/11/2020 - 04:30 - Source: …"
	default:
		return
	}
	g.f.spots = append(g.f.spots, dateSpot{kind: kind, text: s, article: ctx.article, pos: g.pos})
}

// hasYear reports whether s holds four digits that may be a year of news
// (18xx to 21xx).
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && (s[i+1] == '8' || s[i+1] == '9') || s[i] == '2' && (s[i+1] == '0' || s[i+1] == '1')) &&
			isDigit(s[i+2]) && isDigit(s[i+3]) && (i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// element gathers what n says and walks its children.
func (g *factWalker) element(n *html.Node, ctx walkContext) {
	g.pos++
	if !g.head(n, &ctx) {
		return
	}
	f := g.f
	cls := g.classes.of(n)
	if cls != 0 && n.DataAtom != htmlatom.Body && n.DataAtom != htmlatom.Html {
		switch {
		case cls.has(classAside) && !cls.has(classMaybe):
			ctx.aside = true
		case cls.has(classArticle):
			ctx.article = true
		}
		if cls.has(classChallenge) {
			f.challenge = true
		}
	}
	if ip := attr(n, "itemprop"); ip != "" {
		g.itemprop(n, ip, ctx)
	}
	if n.DataAtom == htmlatom.Time {
		g.timeElement(n, ctx)
	} else if cls.has(classByline) && !ctx.aside && !ctx.byline && len(f.spots) < maxSpots {
		if t := nodeText(n, maxByline+1); strings.ContainsAny(t, "0123456789") && len(t) <= maxByline {
			f.spots = append(f.spots, dateSpot{kind: spotByline, text: strings.TrimSpace(t), value: attr(n, "title"),
				modified: cls.has(classModified), article: ctx.article, pos: g.pos})
			ctx.byline = true
		}
	}
	g.walk(n, ctx)
}

// head gathers what n says by its tag (the page's language, <title>,
// <meta>, links, JSON-LD, headings) and updates ctx; it reports false when
// n's children hold nothing more to gather.
func (g *factWalker) head(n *html.Node, ctx *walkContext) bool {
	f := g.f
	switch n.DataAtom {
	case htmlatom.Html:
		if l := attr(n, "lang"); l != "" {
			f.lang = l
		} else if l := attr(n, "xml:lang"); l != "" {
			f.lang = l
		}
	case htmlatom.Title:
		if f.title == "" && !ctx.svg {
			f.title = strings.TrimSpace(nodeText(n, 1000))
		}
		return false
	case htmlatom.Meta:
		g.meta(n)
		return false
	case htmlatom.Link:
		switch strings.ToLower(attr(n, "rel")) {
		case "canonical":
			f.urls = append(f.urls, attr(n, "href"))
		case "shortlink":
			g.other = append(g.other, attr(n, "href"))
		}
		return false
	case htmlatom.Base:
		g.other = append(g.other, attr(n, "href"))
		return false
	case htmlatom.Script, htmlatom.Iframe:
		if hasAny(strings.ToLower(attr(n, "src")), challengeSources) {
			f.challenge = true
		}
		if n.DataAtom == htmlatom.Script && strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil && len(f.jsonLD) < 16 {
			f.jsonLD = append(f.jsonLD, n.FirstChild.Data)
		}
		return false
	case htmlatom.Style, htmlatom.Template, htmlatom.Noscript:
		return false
	case htmlatom.Svg, htmlatom.Math:
		ctx.svg = true
	case htmlatom.Nav, htmlatom.Footer, htmlatom.Aside, htmlatom.Form:
		if n.DataAtom != htmlatom.Form || isChallengeForm(n) {
			ctx.aside = true
		}
	case htmlatom.Article, htmlatom.Main:
		ctx.article = true
	case htmlatom.H1, htmlatom.H2:
		if !ctx.aside && len(f.headings) < maxHeadings {
			if t := strings.TrimSpace(nodeText(n, 1000)); t != "" {
				f.headings = append(f.headings, heading{text: t, pos: g.pos})
				if n.DataAtom == htmlatom.H1 && !g.seen {
					f.h1, g.seen = t, true
				}
			}
		}
	}
	return true
}

// meta records a <meta> tag under each of its names: a property
// attribute may hold several ("og:title twitter:title").
func (g *factWalker) meta(n *html.Node) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		content = strings.TrimSpace(attr(n, "value"))
	}
	if content == "" || len(g.f.metas) >= maxMetas {
		return
	}
	for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
		if key := attr(n, k); key != "" {
			for _, name := range strings.Fields(key) {
				g.f.metas = append(g.f.metas, metaTag{key: metaKey(name), content: content, property: k == "property"})
			}
			return
		}
	}
}

// itemprop records a microdata date or headline.
func (g *factWalker) itemprop(n *html.Node, prop string, ctx walkContext) {
	p := strings.ToLower(prop)
	switch p {
	case "datepublished", "datecreated", "uploaddate", "datemodified", "dateposted":
	default:
		return
	}
	if n.DataAtom == htmlatom.Meta || len(g.f.spots) >= maxSpots {
		return // read with the other <meta> tags
	}
	v := firstAttr(n, "content", "datetime", "title")
	t := ""
	if v == "" {
		t = strings.TrimSpace(nodeText(n, maxSpotText))
	}
	g.f.spots = append(g.f.spots, dateSpot{kind: spotItemprop, value: v, text: t, modified: p == "datemodified", article: true, pos: g.pos})
}

// timeElement records a <time>.
func (g *factWalker) timeElement(n *html.Node, ctx walkContext) {
	if ctx.aside || len(g.f.spots) >= maxSpots {
		return
	}
	modified := g.classes.of(n).has(classModified) || strings.EqualFold(attr(n, "itemprop"), "datemodified")
	s := dateSpot{kind: spotTime, value: attr(n, "datetime"), text: strings.TrimSpace(nodeText(n, maxSpotText)),
		modified: modified, article: ctx.article || hasAttr(n, "pubdate"), pos: g.pos}
	if s.value != "" || s.text != "" {
		g.f.spots = append(g.f.spots, s)
	}
}

// Words of class and id attributes.
var (
	// asideWords mark blocks that are not the article: their dates are
	// other articles'.
	asideWords = []string{"comment", "related", "sidebar", "footer", "recommend", "popular", "trending", "most-read", "mostread",
		"more-stories", "morestories", "teaser", "breadcrumb", "newsletter", "share", "social", "promo", "outbrain", "taboola",
		"navbar", "menu", "masthead", "site-header", "cookie", "banner", "listing", "carousel", "slider", "thumb"}
	// articleWords mark the article itself.
	articleWords = []string{"article", "story", "entry", "post-content", "postcontent", "main-content", "maincontent"}
	// bylineWords mark the places where a page writes its date.
	bylineWords = []string{"date", "time", "publish", "posted", "byline", "dateline", "meta", "datum", "fecha", "data", "info", "author", "updated", "created", "heure", "zeit"}
	// modifiedWords mark the date of an update.
	modifiedWords = []string{"modif", "updated", "update", "lastmod", "mis-a-jour", "maj"}
	// challengeClasses mark the browser checks and captchas of the
	// services that stand in front of sites (Cloudflare, PerimeterX,
	// DataDome), and challengeSources their scripts (Incapsula too).
	challengeClasses = []string{"cf-challenge", "challenge-form", "challenge-platform", "cf-browser-verification", "cf-error-details",
		"cf-wrapper", "px-captcha", "captcha-delivery"}
	challengeSources = []string{"_incapsula_resource", "/cdn-cgi/challenge-platform", "captcha-delivery.com", "px-captcha", "perimeterx.net"}
)

// hasAny reports whether s holds one of words.
func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// classAndID returns the class and id of n in lower case, "" when it has
// neither.
func classAndID(n *html.Node) string {
	c, id := attr(n, "class"), attr(n, "id")
	if c == "" && id == "" {
		return ""
	}
	s := c + " " + id
	if len(s) > maxClassLen {
		s = s[:maxClassLen]
	}
	return strings.ToLower(s)
}

// attr returns the value of n's attribute key ("" when it has none).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// firstAttr returns the first non-empty value of the attributes keys.
func firstAttr(n *html.Node, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(attr(n, k)); v != "" {
			return v
		}
	}
	return ""
}

// nodeText returns the text of n and its descendants (scripts and styles
// left out), white space collapsed, cut at limit bytes (so a text longer
// than limit comes back with limit+1 or more), after visiting at most
// 4×limit nodes: callers want the start of a short text, and a subtree of
// many empty elements must not cost more.
func nodeText(n *html.Node, limit int) string {
	if n.Type == html.TextNode {
		return collapseSpace(n.Data)
	}
	var sb strings.Builder
	space := true // drop leading white space, and runs of it
	visits := 4 * limit
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && sb.Len() <= limit && visits > 0; c = c.NextSibling {
			visits--
			switch c.Type {
			case html.TextNode:
				for _, r := range c.Data {
					if fold.IsSpace(r) {
						if !space {
							sb.WriteByte(' ')
						}
						space = true
						continue
					}
					sb.WriteRune(r)
					space = false
					if sb.Len() > limit {
						return
					}
				}
				if !space {
					sb.WriteByte(' ')
					space = true
				}
			case html.ElementNode:
				switch c.DataAtom {
				case htmlatom.Script, htmlatom.Style, htmlatom.Template, htmlatom.Noscript:
				default:
					walk(c)
				}
			}
		}
	}
	walk(n)
	return strings.TrimRight(sb.String(), " ")
}

// similarity is the share of the text of b, in characters, made of words
// that a has too (Readability's textSimilarity).
func similarity(a, b string) float64 {
	wa, wb := strings.FieldsFunc(fold.String(a), notWord), strings.FieldsFunc(fold.String(b), notWord)
	all, missing := 0, 0
	for _, w := range wb {
		all += len(w)
		if !slices.Contains(wa, w) {
			missing += len(w)
		}
	}
	if all == 0 {
		return 0
	}
	return 1 - float64(missing)/float64(all)
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
