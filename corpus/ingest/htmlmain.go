package ingest

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"
)

// The main text of a page is found as Firefox's Reader View (Mozilla's
// Readability) finds it, in passes that are each linear in the nodes of
// the page:
//
//  1. measure: one walk, children before parents, counts each element's
//     text, the part of it in links, and its commas, leaving out what is
//     never the article (scripts, forms' controls, navigation, hidden
//     elements) and, on a first try, blocks whose class or id says
//     comment, sidebar, menu, share... (unlikelyWords);
//  2. score: each paragraph of 25 characters or more scores 1, plus its
//     commas, plus one per 100 characters (three at most), added to its
//     parent, half to its grandparent, and less to three more ancestors,
//     each of which starts from a weight for its tag and its class;
//  3. choose: the ancestor of the best score once its share of link text
//     is taken off; a parent whose score grows is taken instead;
//  4. gather: the chosen block and those of its siblings that score near
//     it or read as prose;
//  5. write: their paragraphs, without the teasers, link lists and
//     subscriber notices inside them (see boilerplate).
//
// When a try finds little text, the next one keeps the blocks of unlikely
// class, and the last one also scores without the weights of classes;
// the longest text found is kept.
type mainText struct {
	classes classCache
	stats   map[*html.Node]*nodeStat
	seen    int          // elements measured so far
	paras   []*html.Node // the elements scored as paragraphs, in document order
	b       *pageBudget
	strict  bool // leave out blocks of unlikely class
	weights bool // weigh candidates by their class and id
}

// nodeStat is what the passes learn of one element.
type nodeStat struct {
	text, links int // runes of text, and of text in links
	commas      int
	own         float64    // the score of the paragraph it is, or of its runs of text
	score       float64    // its score as a candidate
	final       float64    // its score less its share of link text
	candidate   bool       // its score was started
	dropped     bool       // never part of the article
	runs        bool       // its score is that of its own runs of text, not a <p>'s
	order       int        // its place in the page, to break ties the same way every time
	class       classFlags // what its class and id say
	leaf        bool       // it holds no block element
}

// minMainText is the text (in runes) under which a first try is taken
// again without leaving out the blocks of unlikely class.
const minMainText = 250

// extractMain returns the paragraphs of the main text of a page of about
// that many elements.
func extractMain(doc *html.Node, b *pageBudget, classes classCache, elements int) []string {
	body := findBody(doc)
	if body == nil {
		return nil
	}
	var best []string
	bestLen := -1
	for _, try := range [][2]bool{{true, true}, {false, true}, {false, false}} {
		m := &mainText{classes: classes, stats: make(map[*html.Node]*nodeStat, elements), b: b, strict: try[0], weights: try[1]}
		m.measure(body)
		if b.over() {
			return nil
		}
		paras := m.write(m.gather(m.choose(body)))
		n := 0
		for _, p := range paras {
			n += utf8.RuneCountInString(p)
		}
		if n > bestLen {
			best, bestLen = paras, n
		}
		if n >= minMainText {
			break
		}
	}
	return best
}

// findBody returns the <body> of a parsed page.
func findBody(doc *html.Node) *html.Node {
	for c := doc.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == htmlatom.Html {
			for b := c.FirstChild; b != nil; b = b.NextSibling {
				if b.Type == html.ElementNode && (b.DataAtom == htmlatom.Body || b.DataAtom == htmlatom.Frameset) {
					return b
				}
			}
		}
	}
	return nil
}

// stat returns the stat of n, made on first use.
func (m *mainText) stat(n *html.Node) *nodeStat {
	s := m.stats[n]
	if s == nil {
		s = &nodeStat{}
		m.stats[n] = s
	}
	return s
}

// measure is pass 1. It also scores the paragraphs: a <p>, <pre>, <td> or
// <blockquote> is one, whose score goes to its parent and further up;
// in other blocks, each run of text between block children or <br><br>
// is one, whose score goes to the block and further up (Readability
// makes a <p> of each run).
func (m *mainText) measure(n *html.Node) *nodeStat {
	s := m.stat(n)
	m.seen++
	s.order = m.seen
	s.class = m.classes.of(n)
	if m.b.spend() || m.isDropped(n, s.class) {
		s.dropped = true
		return s
	}
	var run paragraph // the text since the last block child or <br><br>
	br := false       // the last child that was not white space was a <br>
	s.leaf = true
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t, k := textRunes(c.Data), countCommas(c.Data)
			s.text += t
			s.commas += k
			run.add(t, k)
			if strings.TrimSpace(c.Data) != "" {
				br = false
			}
		case html.ElementNode:
			cs := m.measure(c)
			if cs.dropped {
				continue
			}
			s.text += cs.text
			s.links += cs.links
			s.commas += cs.commas
			switch {
			case c.DataAtom == htmlatom.Br && br: // "<br><br>" ends a run
				s.own += run.score()
				run, br = paragraph{}, false
			case c.DataAtom == htmlatom.Br:
				br = true
			case isBlock(c.DataAtom):
				s.own += run.score()
				run, br = paragraph{}, false
				s.leaf = false
			default:
				run.add(cs.text, cs.commas)
				br = false
			}
		}
	}
	if n.DataAtom == htmlatom.A {
		s.links = s.text
	}
	switch {
	case n.DataAtom == htmlatom.P || n.DataAtom == htmlatom.Pre || n.DataAtom == htmlatom.Td || n.DataAtom == htmlatom.Blockquote:
		s.own = paragraph{s.text, s.commas}.score()
		s.runs = false
	case isBlock(n.DataAtom):
		s.own += run.score()
		s.runs = true
	default:
		s.own = 0 // inline: its text is in its block's runs
	}
	if s.own > 0 {
		m.paras = append(m.paras, n)
	}
	return s
}

// paragraph adds up the text and commas of a paragraph.
type paragraph struct{ text, commas int }

func (p *paragraph) add(text, commas int) { p.text += text; p.commas += commas }

// score is what a paragraph gives its ancestors: nothing under 25
// characters, else 1, plus its commas, plus one per 100 characters
// (three at most).
func (p paragraph) score() float64 {
	if p.text < 25 {
		return 0
	}
	return 1 + float64(p.commas) + min(float64(p.text/100), 3)
}

// isDropped reports whether n is never part of an article.
func (m *mainText) isDropped(n *html.Node, cls classFlags) bool {
	switch n.DataAtom {
	case htmlatom.Script, htmlatom.Style, htmlatom.Noscript, htmlatom.Template, htmlatom.Iframe, htmlatom.Svg, htmlatom.Math,
		htmlatom.Object, htmlatom.Embed, htmlatom.Canvas, htmlatom.Button, htmlatom.Select, htmlatom.Input, htmlatom.Textarea,
		htmlatom.Nav, htmlatom.Aside, htmlatom.Footer, htmlatom.Head, htmlatom.Title, htmlatom.Meta, htmlatom.Link, htmlatom.Dialog:
		return true
	}
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" || attr(n, "role") == "navigation" || attr(n, "role") == "complementary" {
		return true
	}
	if st := attr(n, "style"); st != "" && isHiddenStyle(st) {
		return true
	}
	if !m.strict || n.DataAtom == htmlatom.Body || n.DataAtom == htmlatom.Article || n.DataAtom == htmlatom.Main {
		return false
	}
	return cls.has(classUnlikely) && !cls.has(classMaybe)
}

func isHiddenStyle(st string) bool {
	st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// linkDensity is the share of an element's text that is in links.
func (s *nodeStat) linkDensity() float64 {
	if s.text == 0 {
		return 0
	}
	return float64(s.links) / float64(s.text)
}

// choose is passes 2 and 3: it scores the paragraphs' ancestors and
// returns the best.
func (m *mainText) choose(body *html.Node) *html.Node {
	for _, p := range m.paras {
		// A paragraph's score moves to its ancestors (from the block
		// itself for its runs of text), which start as candidates.
		ps := m.stats[p]
		score := ps.own
		first := p.Parent
		if ps.runs {
			first = p
		}
		level := 0
		for a := first; a != nil && level < 5; a, level = a.Parent, level+1 {
			if a.Type != html.ElementNode || a.DataAtom == htmlatom.Html {
				break
			}
			as := m.stat(a)
			if !as.candidate {
				as.candidate = true
				as.score += tagWeight(a.DataAtom)
				if m.weights {
					as.score += classWeight(as.class)
				}
			}
			switch level {
			case 0:
				as.score += score
			case 1:
				as.score += score / 2
			default:
				as.score += score / float64(level*3)
			}
		}
	}
	top := m.topCandidates()
	if len(top) == 0 {
		return body
	}
	return m.climb(m.shared(top, body), body)
}

// topCandidates returns the five best candidates, best first, by their
// score less their share of link text (halved for an item of a list:
// teasers for other articles).
func (m *mainText) topCandidates() []*html.Node {
	var top []*html.Node
	var scores []float64
	for n, s := range m.stats {
		if !s.candidate || s.dropped {
			continue
		}
		sc := s.score * (1 - s.linkDensity())
		if isRepeated(n) || n.Parent != nil && isRepeated(n.Parent) {
			sc /= 2
		}
		s.final = sc
		i := len(top)
		for i > 0 && (sc > scores[i-1] || sc == scores[i-1] && s.order < m.stats[top[i-1]].order) {
			i--
		}
		if i < 5 {
			top = slices.Insert(top, i, n)
			scores = slices.Insert(scores, i, sc)
			if len(top) > 5 {
				top, scores = top[:5], scores[:5]
			}
		}
	}
	return top
}

// shared is Readability's check for an article split into blocks of like
// scores (steps, sections): when three of the candidates that score at
// least three quarters of the best are inside one ancestor of the best,
// that ancestor is taken.
func (m *mainText) shared(top []*html.Node, body *html.Node) *html.Node {
	best := top[0]
	var alternatives []map[*html.Node]bool
	for _, n := range top[1:] {
		if m.stats[n].final >= 0.75*m.stats[best].final {
			anc := map[*html.Node]bool{}
			for a := n.Parent; a != nil && a != body; a = a.Parent {
				anc[a] = true
			}
			alternatives = append(alternatives, anc)
		}
	}
	if len(alternatives) < 3 {
		return best
	}
	for p := best.Parent; p != nil && p != body; p = p.Parent {
		n := 0
		for _, anc := range alternatives {
			if anc[p] {
				n++
			}
		}
		if n >= 3 {
			return p
		}
	}
	return best
}

// isRepeated reports whether n is one of three or more siblings of the
// same tag and class: an item of a list, which an article is not.
func isRepeated(n *html.Node) bool {
	if n.Type != html.ElementNode || n.Parent == nil {
		return false
	}
	cls := attr(n, "class")
	if cls == "" && n.DataAtom != htmlatom.Li && n.DataAtom != htmlatom.Article {
		return false
	}
	like := 0
	for c := n.Parent.FirstChild; c != nil && like < 2; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode && c.DataAtom == n.DataAtom && attr(c, "class") == cls {
			like++
		}
	}
	return like >= 2
}

// climb moves up from the best candidate while its parent's score grows,
// or while it is its parent's only element.
func (m *mainText) climb(top, body *html.Node) *html.Node {
	last := m.stats[top].score
	threshold := last / 3
	for p := top.Parent; p != nil && p != body; p = p.Parent {
		ps := m.stats[p]
		if ps == nil || !ps.candidate {
			continue
		}
		if ps.score < threshold {
			break
		}
		if ps.score > last {
			top = p
			break
		}
		last = ps.score
	}
	for top.Parent != nil && top.Parent != body && onlyElement(top) {
		top = top.Parent
	}
	return top
}

// onlyElement reports whether n is the only element among its siblings.
func onlyElement(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode {
			return false
		}
	}
	return true
}

// gather is pass 4: the chosen block and those of its siblings that go
// with it.
func (m *mainText) gather(top *html.Node) []*html.Node {
	if top.Parent == nil || top.DataAtom == htmlatom.Body {
		return []*html.Node{top}
	}
	ts := m.stat(top)
	threshold := max(10, ts.score*0.2)
	topClass := attr(top, "class")
	var out []*html.Node
	for s := top.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode {
			continue
		}
		if s == top {
			out = append(out, s)
			continue
		}
		ss := m.stats[s]
		if ss == nil || ss.dropped {
			continue
		}
		bonus := 0.0
		if topClass != "" && attr(s, "class") == topClass {
			bonus = ts.score * 0.2
		}
		switch {
		case ss.candidate && ss.score+bonus >= threshold:
			out = append(out, s)
		case s.DataAtom == htmlatom.P:
			ld := ss.linkDensity()
			if ss.text > 80 && ld < 0.25 || ss.text > 0 && ss.text <= 80 && ld == 0 && endsSentence(nodeText(s, 400)) {
				out = append(out, s)
			}
		}
	}
	return out
}

// endsSentence reports whether s ends as a sentence does.
func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.ContainsAny(s[len(s)-1:], ".!?")
}

// write is pass 5: the paragraphs of the gathered blocks.
func (m *mainText) write(blocks []*html.Node) []string {
	var out []string
	for _, b := range blocks {
		out = append(out, nodeParagraphs(b, func(n *html.Node) bool {
			s := m.stats[n]
			return m.b.spend() || s != nil && s.dropped || m.boilerplate(n)
		})...)
	}
	return out
}

// textRunes counts the characters of s, a run of white space as one.
func textRunes(s string) int {
	n, space := 0, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f':
			if !space {
				n++
			}
			space = true
		case c&0xc0 != 0x80: // the first byte of a character
			n++
			space = false
		}
	}
	return n
}

// countCommas counts the commas of s, those of Chinese and Japanese text
// too.
func countCommas(s string) int {
	return strings.Count(s, ",") + strings.Count(s, "，") + strings.Count(s, "、") + strings.Count(s, "،")
}
