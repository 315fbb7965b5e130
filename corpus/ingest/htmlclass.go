package ingest

import (
	"strings"
	"sync"

	"golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"
)

// classFlags says what the words of an element's class and id attributes
// mark it as, for the walks over a page.
type classFlags uint16

const (
	classAside     classFlags = 1 << iota // not the article: comments, related links, menus (asideWords)
	classArticle                          // the article itself (articleWords)
	classByline                           // where a page writes its date (bylineWords)
	classModified                         // the date of an update (modifiedWords)
	classChallenge                        // a browser check (challengeClasses)
	classUnlikely                         // Readability's unlikely candidates (unlikelyWords)
	classMaybe                            // ... unless these (maybeWords)
	classPositive                         // Readability's weights (positiveWords, negativeWords)
	classNegative
	classTeaser  // teasers, notices, share blocks inside the text (teaserClasses)
	classContent // the words of a block of content (article, content, body)
)

// classWords are the lists of words each flag stands for.
var classWords = []struct {
	flag  classFlags
	words []string
}{
	{classAside, asideWords}, {classArticle, articleWords}, {classByline, bylineWords}, {classModified, modifiedWords},
	{classChallenge, challengeClasses}, {classUnlikely, unlikelyWords}, {classMaybe, maybeWords},
	{classPositive, positiveWords}, {classNegative, negativeWords}, {classTeaser, teaserClasses},
	{classContent, []string{"article", "content", "body"}},
}

// classCache remembers the flags of each class and id of one page: pages
// repeat the same classes on hundreds of elements, and matching them
// against every list was a sixth of the time spent on a page.
type classCache map[string]classFlags

// of returns the flags of n's class and id (0 when it has neither).
func (c classCache) of(n *html.Node) classFlags {
	var f classFlags
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && a.Val != "" {
			f |= c.flags(a.Val)
		}
	}
	return f
}

// flags returns the flags of one class or id attribute.
func (c classCache) flags(v string) classFlags {
	if len(v) > maxClassLen {
		v = v[:maxClassLen]
	}
	f, ok := c[v]
	if !ok {
		f = flagsOf(v)
		c[v] = f
	}
	return f
}

// classIndex holds the words of classWords by their first three bytes.
var classIndex = sync.OnceValue(func() map[[3]byte][]classWord {
	m := map[[3]byte][]classWord{}
	for _, cw := range classWords {
		for _, w := range cw.words {
			k := [3]byte{w[0], w[1], w[2]}
			m[k] = append(m[k], classWord{w, cw.flag})
		}
	}
	return m
})

type classWord struct {
	word string
	flag classFlags
}

// flagsOf matches the words of every list against s, in any case, at
// once: at each byte, only the words that start with its three bytes are
// tried.
func flagsOf(s string) classFlags {
	var f classFlags
	for i := 0; i+3 <= len(s); i++ {
		for _, w := range classIndex()[[3]byte{lowerASCII(s[i]), lowerASCII(s[i+1]), lowerASCII(s[i+2])}] {
			if f&w.flag == 0 && len(s)-i >= len(w.word) && strings.EqualFold(s[i:i+len(w.word)], w.word) {
				f |= w.flag
			}
		}
	}
	return f
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// has reports whether every flag of want is set.
func (f classFlags) has(want classFlags) bool { return f&want == want }

// isChallengeForm reports whether a form is a captcha or browser check,
// which is not part of an article.
func isChallengeForm(n *html.Node) bool {
	return hasAny(classAndID(n)+" "+strings.ToLower(attr(n, "action")), challengeClasses)
}

// Words of class and id attributes, as Readability has them.
var (
	unlikelyWords = []string{"-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
		"footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper",
		"social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "cookie", "newsletter",
		"share", "outbrain", "taboola", "paywall", "subscri", "teaser", "recommend", "read-more", "readmore", "lire-aussi", "see-also"}
	maybeWords    = []string{"and", "article", "body", "column", "content", "main", "shadow"}
	positiveWords = []string{"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog", "story"}
	negativeWords = []string{"-ad-", "hidden", "hid", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media",
		"meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget"}
)

// classWeight is Readability's weight of a class and id: 25 for words of
// content, -25 for words of chrome.
func classWeight(cls classFlags) float64 {
	w := 0.0
	if cls.has(classNegative) {
		w -= 25
	}
	if cls.has(classPositive) {
		w += 25
	}
	return w
}

// tagWeight is the score an element starts from as a candidate.
func tagWeight(a htmlatom.Atom) float64 {
	switch a {
	case htmlatom.Div, htmlatom.Article:
		return 5
	case htmlatom.Pre, htmlatom.Td, htmlatom.Blockquote:
		return 3
	case htmlatom.Address, htmlatom.Ol, htmlatom.Ul, htmlatom.Dl, htmlatom.Dd, htmlatom.Dt, htmlatom.Li, htmlatom.Form:
		return -3
	case htmlatom.H1, htmlatom.H2, htmlatom.H3, htmlatom.H4, htmlatom.H5, htmlatom.H6, htmlatom.Th:
		return -5
	}
	return 0
}

// teaserClasses are words of the class or id of blocks that are not the
// article, wherever they are.
var teaserClasses = []string{"related", "teaser", "read-more", "readmore", "lire-aussi", "lireaussi", "see-also", "also-read",
	"recommend", "outbrain", "taboola", "paywall", "premium-banner", "subscribe", "subscription", "newsletter", "share", "social",
	"promo", "inline-ad", "advert", "sponsor", "tags", "more-stories", "most-read", "popular"}
