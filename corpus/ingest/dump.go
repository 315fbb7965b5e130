package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// A text browser's dump of a web page (lynx -dump, w3m -dump, links) holds
// the whole page as text: skip links, menus, forms, the article, the
// related articles, the footer, and with lynx the numbered list of every
// link's address. Its first headline-like line is a menu item, and its
// date line comes after dozens of lines of menus. The article is found by
// where it is: a headline followed, within a few paragraphs, by a date
// line and by prose.

var (
	// linkRef is a link number of a lynx dump, "[12]" before the link's
	// text; imageRef a w3m or lynx image placeholder, "[logo.png]";
	// button a button as w3m draws it, "[Login]".
	linkRef  = lazyRegexp(`\[\d{1,5}\]`)
	button   = lazyRegexp(`\[[\p{Lu}][\pL ]{1,24}\]`)
	imageRef = lazyRegexp(`\[[\w.-]*\.(?:png|jpe?g|gif|svg|webp)\]|\[(?:IMG|INLINE|LINK|image|img)\]`)
	// formField is an input of a dump: "[____]", "[Search]", "____".
	formField = lazyRegexp(`\[[^\]\n]{0,40}\s{4,}\]|_{6,}|\[BUTTON[^\]]*\]|\(BUTTON\)|\(not implemented\)`)
	// referenceLine is an entry of lynx's closing list of addresses.
	referenceLine = lazyRegexp(`^\s*\d{1,5}\.\s+(?:https?|ftp|mailto|file|javascript|data):`)
	// bulletLine is an item of a list as a dump draws it, bulletMark its
	// mark.
	bulletLine = lazyRegexp(`^\s*(?:[*+•◦▪□■o-]|\d{1,3}\.)\s+\S`)
	bulletMark = lazyRegexp(`^(?:[*+•◦▪□■o-]|\d{1,3}\.)\s+`)
)

// creditWords mark the caption of a picture: its credit or its label.
var creditWords = lazyRegexp(`\b(?:getty|reuters/|afp|ap photo|photo|caption|image|illustration|credit)\b|©`)

// browserMarks are lines a text browser writes for parts of a page that
// are not text: frames, redirects, alternate versions.
var browserMarks = []string{"IFRAME:", "REFRESH(", "#alternate", "#RSS", "#Atom", "[INLINE]", "FRAME:"}

// isPageDump reports whether the lines are a text browser's dump of a
// whole page rather than an article: lynx's link numbers on many lines,
// its closing list of addresses, its marks for frames and redirects, or
// menus and forms as w3m draws them. It runs on every plain-text file, so
// it reads bytes, not patterns: isPageDumpRef is the same with the
// patterns the dump reader uses.
func isPageDump(lines []string) bool {
	refs, bullets, forms := 0, 0, 0
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if t[0] == '#' || t[0] == 'I' || t[0] == 'R' || t[0] == '[' || t[0] == 'F' {
			for _, m := range browserMarks {
				if strings.HasPrefix(t, m) {
					return true
				}
			}
		}
		if t == "References" && i+2 < len(lines) && referenceLine().MatchString(lines[i+2]) {
			return true
		}
		if hasLinkRef(t) {
			refs++
		}
		if isBulletLine(l) && len(strings.Fields(t)) <= 6 {
			bullets++
		}
		if hasFormField(t) {
			forms++
		}
	}
	return refs >= 8 || (forms >= 1 && bullets >= 8) || bullets >= 25
}

// hasLinkRef reports whether s holds a link number of a lynx dump, as
// linkRef matches it: "[", one to five digits, "]".
func hasLinkRef(s string) bool {
	for i := strings.IndexByte(s, '['); i >= 0; {
		j := i + 1
		for j < len(s) && j-i <= 5 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j > i+1 && j < len(s) && s[j] == ']' {
			return true
		}
		next := strings.IndexByte(s[i+1:], '[')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// isBulletLine reports whether l is an item of a list, as bulletLine
// matches it: a bullet or a number and a dot, a space, then text.
func isBulletLine(l string) bool {
	t := strings.TrimLeft(l, " \t")
	var rest string
	switch {
	case t == "":
		return false
	case strings.ContainsRune("*+o-", rune(t[0])):
		rest = t[1:]
	case t[0] >= '0' && t[0] <= '9':
		i := 1
		for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		if i >= len(t) || t[i] != '.' {
			return false
		}
		rest = t[i+1:]
	default:
		r, size := utf8.DecodeRuneInString(t)
		if !strings.ContainsRune("•◦▪□■", r) {
			return false
		}
		rest = t[size:]
	}
	trimmed := strings.TrimLeft(rest, " \t")
	return len(trimmed) < len(rest) && trimmed != ""
}

// hasFormField reports whether s holds an input of a dump, as formField
// matches it: a run of underscores, a button, a bracketed field.
func hasFormField(s string) bool {
	if strings.Contains(s, "______") || strings.Contains(s, "[BUTTON") || strings.Contains(s, "(BUTTON)") || strings.Contains(s, "(not implemented)") {
		return true
	}
	for i := strings.IndexByte(s, '['); i >= 0; {
		end := strings.IndexByte(s[i:], ']')
		if end < 0 {
			return false
		}
		if inner := s[i+1 : i+end]; end <= 41+4 && strings.HasSuffix(inner, "    ") && !strings.ContainsRune(inner, '\n') {
			return true
		}
		next := strings.IndexByte(s[i+1:], '[')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// dumpBlock is a paragraph or a list item of a dump, and what the dump
// says of it beside its text.
type dumpBlock struct {
	text string
	// heading is set for a block the browser set apart as a heading: lynx
	// indents text and leaves headings flush left.
	heading bool
	// link is set when the block is mostly the text of links: a menu
	// entry, a teaser, a button.
	link bool
	// item is set for an item of a list.
	item bool
	// lines are the block's lines, which a dump may run together (a
	// section name above a date line).
	lines []string
}

// blockDate reports whether the block, or one of its lines, gives a date
// and little else, recording the date in d (see extractor.dateLine).
func (r *extractor) blockDate(d *draft, b dumpBlock) bool {
	if r.dateLine(d, b.text) {
		return true
	}
	for _, l := range b.lines {
		if len(b.lines) > 1 && r.dateLine(d, l) {
			return true
		}
	}
	return false
}

// dumpBlocks cuts a dump into blocks, a paragraph or a list item each,
// without the browser's marks: link numbers, images, form fields, the
// closing list of addresses. A dump separates paragraphs with blank
// lines and wraps them at a fixed width: the lines of a block are joined,
// but where the indentation changes (a heading above indented text).
func dumpBlocks(lines []string) []dumpBlock {
	indented, text := 0, 0
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			text++
			if strings.HasPrefix(l, "   ") {
				indented++
			}
		}
	}
	headings := indented*2 > text // lynx: text indented, headings not
	var out []dumpBlock
	var cur []string
	var b dumpBlock
	linkWords, words := 0, 0
	flush := func() {
		if t := collapseSpace(strings.Join(cur, " ")); t != "" && !isFiller(t) {
			b.text = t
			b.lines = append([]string(nil), cur...)
			b.link = linkWords*2 > words
			out = append(out, b)
		}
		cur, b, linkWords, words = cur[:0], dumpBlock{}, 0, 0
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "References" && i+2 < len(lines) && referenceLine().MatchString(lines[i+2]) {
			break // the addresses of the links, to the end
		}
		marked := false
		for _, m := range browserMarks {
			marked = marked || strings.HasPrefix(t, m)
		}
		if marked || t == "" {
			flush()
			continue
		}
		heading := headings && !strings.HasPrefix(l, " ")
		item := isBulletLine(l)
		if item || (len(cur) > 0 && heading != b.heading) {
			flush()
		}
		if item {
			t = strings.TrimSpace(bulletMark().ReplaceAllString(t, ""))
		}
		b.heading, b.item = heading, b.item || item
		// Words after a link number, up to the line's next one, are the
		// link's text.
		for _, part := range linkRef().Split(t, -1)[1:] {
			linkWords += len(strings.Fields(part))
		}
		t = linkRef().ReplaceAllString(t, "")
		t = imageRef().ReplaceAllString(t, "")
		t = formField().ReplaceAllString(t, " ")
		words += len(strings.Fields(t))
		cur = append(cur, t)
	}
	flush()
	return out
}

// texts returns the text of each block.
func texts(blocks []dumpBlock) []string {
	out := make([]string, len(blocks))
	for i, b := range blocks {
		out[i] = b.text
	}
	return out
}

// readDump reads the article out of the blocks of a page dump into d and
// returns its body: the title is the headline-like block that best opens
// an article (a date line near it, prose after it), the date the date
// line nearest the title, the body what follows, cut at the page's tail.
func (r *extractor) readDump(d *draft, blocks []dumpBlock) []string {
	best, bestScore := -1, 0
	for i, b := range blocks {
		if b.link || b.item || !r.isHeadline(b.text) || isChromeLine(b.text) || button().MatchString(b.text) {
			continue
		}
		if s := r.headlineScore(blocks, i); s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return r.readHead(d, texts(blocks)) // no headline stands out: read it as a scrape
	}
	d.title = blocks[best].text
	titleKey := fold.String(d.title)
	// The date: the nearest date line after the title, else before it,
	// else the nearest one anywhere (a byline may sit past a photo, a
	// standfirst and share buttons).
	for _, i := range append(nearby(best, len(blocks), 6, 3), nearby(best, len(blocks), len(blocks), len(blocks))...) {
		var dd draft
		if !blocks[i].link && r.blockDate(&dd, blocks[i]) {
			d.date, d.updated = dd.date, dd.updated
			break
		}
	}
	var body []string
	for i, b := range blocks[best+1:] {
		var dd draft
		if sameText(b.text, d.title, titleKey) || isChromeLine(b.text) || (len(body) == 0 && (b.link || r.blockDate(&dd, b) || isByline(b.text))) {
			continue
		}
		if b.item && menuFrom(blocks[best+1+i:]) {
			break // the page's menus and footer, after the article
		}
		body = append(body, b.text)
	}
	return body
}

// menuFrom reports whether blocks start with a menu: three items or more
// in a row, each of a few words.
func menuFrom(blocks []dumpBlock) bool {
	n := 0
	for _, b := range blocks {
		if !b.item || len(strings.Fields(b.text)) > 6 {
			break
		}
		n++
	}
	return n >= 3
}

// byline is a line that credits the article's author: "Par Claire
// Dupont", "By Jon Sopel, North America editor".
var byline = lazyRegexp(`^(?i:par|by|von|por|di|door|de|av|od|от|автор)\s+\p{Lu}`)

// isByline reports whether p is a byline, and not a sentence that starts
// with one of its words.
func isByline(p string) bool {
	return byline().MatchString(p) && len(strings.Fields(p)) <= 12 && !strings.HasSuffix(p, ".")
}

// headlineScore says how well block i opens an article: set apart as a
// heading, a date line close after it (or just before), prose in the
// blocks that follow. A caption, long and dated itself, scores less.
func (r *extractor) headlineScore(blocks []dumpBlock, i int) int {
	score := 1
	if blocks[i].heading {
		score += 3
	}
	text := blocks[i].text
	switch n := len(strings.Fields(text)); {
	case n > 20, n < 4:
		score -= 2 // a caption, a button, a section name
	}
	if strings.Count(text, "|")+strings.Count(text, "»")+strings.Count(text, " > ")+strings.Count(text, "•") >= 1 {
		score -= 2 // a breadcrumb, a menu, a site's name after the title
	}
	if creditWords().MatchString(fold.String(text)) {
		score -= 2 // a caption with its photo credit
	}
	var own draft
	if _, _, _, ok := r.dates.Find(blocks[i].text); ok || r.dateLine(&own, blocks[i].text) {
		score -= 2
	}
	for _, j := range nearby(i, len(blocks), 4, 2) {
		var dd draft
		if r.blockDate(&dd, blocks[j]) {
			score += 4
			break
		}
	}
	prose := 0
	for j := i + 1; j < len(blocks) && j <= i+8; j++ {
		if !blocks[j].link && isProseBlock(blocks[j].text) {
			prose += len(strings.Fields(blocks[j].text))
		}
	}
	score += min(prose/25, 6)
	key := fold.String(blocks[i].text)
	for j := i + 1; j < len(blocks) && j <= i+6; j++ {
		if sameText(blocks[j].text, blocks[i].text, key) {
			score++ // a page often repeats its headline
			break
		}
	}
	return score
}

// nearby returns the indexes after i (up to after of them) then before it
// (up to before), nearest first, within [0, n).
func nearby(i, n, after, before int) []int {
	var out []int
	for j := i + 1; j < n && j <= i+after; j++ {
		out = append(out, j)
	}
	for j := i - 1; j >= 0 && j >= i-before; j-- {
		out = append(out, j)
	}
	return out
}

// isProseBlock reports whether a block of a dump reads as the text of an
// article: sentences, not a menu item or a caption.
func isProseBlock(b string) bool {
	words := len(strings.Fields(b))
	if words < 15 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(b)
	return words >= 40 || strings.ContainsRune(".!?»\"”…)", last)
}
