package ingest

import (
	"strings"

	"golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// Inside the main text, pages put what is not the article: teasers for
// other articles ("À lire aussi", "Read more"), lists of related links,
// share and newsletter blocks, notices for those who are not subscribed.
// They are found by their structure first (a block made mostly of links, a
// class that says related, teaser, paywall...), and by the words that
// open them in the languages of the date reader.

// teaserCues open a teaser for other articles, folded.
var teaserCues = []string{"a lire aussi", "a lire egalement", "lire aussi", "lire egalement", "voir aussi", "a voir aussi",
	"a voir egalement", "sur le meme sujet", "a decouvrir", "read more", "read also", "also read", "related", "see also",
	"more on this", "more from", "you may also like", "you might also like", "recommended", "further reading", "lesen sie auch",
	"mehr zum thema", "auch interessant", "leer mas", "lee tambien", "te puede interesar", "leggi anche", "potrebbe interessarti",
	"leia tambem", "leia mais", "veja tambem", "lees ook", "lees meer", "читайте также", "смотрите также", "по теме",
	"читать также", "相关阅读", "延伸阅读", "相关新闻", "推荐阅读", "相關閱讀", "延伸閱讀", "関連記事", "관련기사"}

// paywallCues are the words of notices to readers who are not subscribed,
// folded.
var paywallCues = []string{"reserve aux abonnes", "reservee aux abonnes", "article reserve", "il vous reste", "pour lire la suite",
	"abonnez-vous", "deja abonne", "offre d'abonnement", "subscribers only", "subscriber-only", "subscriber only",
	"subscribe to continue", "subscribe to read", "already a subscriber", "to continue reading", "create a free account",
	"sign in to continue", "nur fur abonnenten", "jetzt abonnieren", "exclusivo para suscriptores", "solo para suscriptores",
	"riservato agli abbonati", "exclusivo para assinantes", "только для подписчиков", "оформите подписку", "付费阅读", "订阅后"}

// Sizes, in characters, under which a block may be a teaser or a notice.
const (
	maxTeaser = 160
	maxNotice = 400
)

// boilerplate reports whether n, inside the main text, is not the
// article's.
func (m *mainText) boilerplate(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	s := m.stats[n]
	if s == nil || s.text == 0 {
		return false
	}
	ld := s.linkDensity()
	if s.class.has(classTeaser) && !s.class.has(classContent) && (s.text < 600 || ld > 0.3) {
		return true
	}
	switch n.DataAtom {
	case htmlatom.Ul, htmlatom.Ol, htmlatom.Dl, htmlatom.Table, htmlatom.Div, htmlatom.Section, htmlatom.Figure:
		// A list or block made mostly of links: related articles, tags.
		if ld > 0.5 || ld > 0.25 && s.text < 300 && s.commas < 3 {
			return true
		}
	case htmlatom.P, htmlatom.Li, htmlatom.Blockquote:
		if ld > 0.5 && s.text < 300 {
			return true
		}
	}
	if s.text > maxNotice || !isBlock(n.DataAtom) || !s.leaf {
		return false // the blocks inside a block are checked one by one
	}
	t := fold.String(nodeText(n, maxNotice))
	m.b.spendN(len(t) / 32)
	if s.text <= maxTeaser && opensWith(t, teaserCues) {
		return true
	}
	return hasAny(t, paywallCues)
}

// opensWith reports whether folded text opens with one of cues, after
// any punctuation or symbol ("» Lire aussi", "► Read more").
func opensWith(t string, cues []string) bool {
	t = strings.TrimLeftFunc(t, func(r rune) bool { return !fold.IsWordRune(r) })
	for _, c := range cues {
		if strings.HasPrefix(t, c) {
			return true
		}
	}
	return false
}

// nodeParagraphs collects the text of n as paragraphs, leaving out the
// elements skip reports (nil: none).
func nodeParagraphs(n *html.Node, skip func(*html.Node) bool) []string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if s := collapseSpace(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case htmlatom.Script, htmlatom.Style, htmlatom.Noscript, htmlatom.Template, htmlatom.Iframe, htmlatom.Object, htmlatom.Svg, htmlatom.Math, htmlatom.Head:
				return
			case htmlatom.Br:
				flush()
				return
			}
			if skip != nil && skip(n) {
				if isBlock(n.DataAtom) {
					flush()
				}
				return
			}
		}
		block := n.Type == html.ElementNode && isBlock(n.DataAtom)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return paras
}
