package ingest

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// The budget of one web page. The parser of golang.org/x/net/html refuses
// markup nested deeper than 512 elements, and its tokenizer slows down on
// tags of hundreds of thousands of attributes; everything gazette does
// after parsing is linear in the number of nodes. So deep markup is
// flattened, long tags are shortened and huge markup is refused before
// parsing, and the walks of extraction count their steps against a
// budget: a count, not a clock, so that whether a page loads does not
// depend on how busy the machine is.
const (
	// maxPageDepth is the depth past which nested elements are flattened:
	// their tags dropped, their text kept in the deepest element left.
	maxPageDepth = 256
	// maxTagAttrs is the number of attributes kept on one tag.
	maxTagAttrs = 256
	// guardFrom is the size from which a page is scanned for tags too
	// long for the tokenizer: a smaller page cannot hold one.
	guardFrom = 256 << 10
	// maxPageMarkup is the most markup parsed for one page once scripts,
	// styles and comments are dropped (a real article page holds well
	// under 2 MiB); a page over it is refused. Parsing it takes about
	// a third of a second.
	maxPageMarkup = 8 << 20
	// maxPageSteps bounds the steps of extraction on one page: a node
	// visited by one of its walks, or 32 bytes of text read for a cue.
	// The largest page of the evaluation set takes about 70,000; this
	// many take about half a second.
	maxPageSteps = 1_000_000
)

// errPageTooLarge is returned when extracting a page would take more
// steps than its budget.
var errPageTooLarge = fmt.Errorf("too many elements to read as one page (over %d steps of extraction): skipped", maxPageSteps)

// pageBudget counts the steps of extracting one page. A nil budget never
// runs out.
type pageBudget struct {
	steps int
}

// spend counts one step and reports whether the budget is spent.
func (b *pageBudget) spend() bool { return b.spendN(1) }

// spendN counts n steps and reports whether the budget is spent.
func (b *pageBudget) spendN(n int) bool {
	if b == nil {
		return false
	}
	b.steps += n
	return b.steps > maxPageSteps
}

// over reports whether the budget is spent.
func (b *pageBudget) over() bool { return b != nil && b.steps > maxPageSteps }

// parsePage parses a web page within its budget: tags past maxTagAttrs
// attributes are shortened, markup over maxPageMarkup without its scripts,
// styles and comments is refused, and markup nested deeper than the parser
// takes is flattened at maxPageDepth, then at a quarter of it, and at
// last read as text.
func parsePage(page string) (*html.Node, error) {
	if len(page) > guardFrom {
		page = guardMarkup(page, len(page) > maxPageMarkup)
		if len(page) > maxPageMarkup {
			return nil, fmt.Errorf("too much markup for one page (%s without scripts and styles; the limit is %s): skipped",
				sizeString(int64(len(page))), sizeString(maxPageMarkup))
		}
	}
	doc, err := html.Parse(strings.NewReader(page))
	for _, depth := range []int{maxPageDepth, maxPageDepth / 4, 0} {
		if err == nil {
			return doc, nil
		}
		doc, err = html.Parse(strings.NewReader(flattenMarkup(page, depth)))
	}
	return doc, err
}

// parseFragment is parsePage for a fragment of HTML (a JSON "content"
// field), whose nodes it appends to body.
func parseFragment(fragment string, body *html.Node) error {
	if len(fragment) > guardFrom {
		fragment = guardMarkup(fragment, false)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	for _, depth := range []int{maxPageDepth, maxPageDepth / 4, 0} {
		if err == nil {
			break
		}
		nodes, err = html.ParseFragment(strings.NewReader(flattenMarkup(fragment, depth)), body)
	}
	if err != nil {
		return err
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return nil
}

// rawTextElements hold text up to their end tag, never markup.
var rawTextElements = [...]string{"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}

// guardMarkup shortens every tag of more than maxTagAttrs attributes to
// its first maxTagAttrs, in one pass over the bytes that follows the
// tokenizer's rules for tags, attributes, comments and raw text; with
// strip, it also drops comments and the content of scripts (but JSON-LD)
// and styles. It returns page itself when it has nothing to change.
func guardMarkup(page string, strip bool) string {
	var out strings.Builder
	copied := 0 // page[:copied] is in out, or unchanged while out is empty
	changed := false
	keep := func(upTo, resume int) {
		if !changed {
			out.Grow(len(page))
			changed = true
		}
		out.WriteString(page[copied:upTo])
		copied = resume
	}
	for i := 0; i < len(page); {
		lt := strings.IndexByte(page[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		nameAt, isEnd := i+1, i+1 < len(page) && page[i+1] == '/'
		if isEnd {
			nameAt++
		}
		switch {
		case strings.HasPrefix(page[i:], "<!--"):
			next := len(page)
			if end := strings.Index(page[i+4:], "-->"); end >= 0 {
				next = i + 4 + end + 3
			}
			if strip {
				keep(i, next)
			}
			i = next
		case nameAt < len(page) && isASCIILetter(page[nameAt]):
			start := i
			name, end, cut := scanTag(page, nameAt)
			if cut > 0 {
				keep(cut, end)
				out.WriteByte('>')
			}
			i = end
			if isEnd {
				continue
			}
			if raw := rawTextEnd(page, i, name); raw > i {
				if strip && (strings.EqualFold(name, "script") || strings.EqualFold(name, "style")) && !containsFold(page[start:end], "ld+json") {
					keep(i, raw)
				}
				i = raw
			}
		default:
			i++
		}
	}
	if !changed {
		return page
	}
	keep(len(page), len(page))
	return out.String()
}

// containsFold reports whether s holds the lower-case ASCII word sub in
// any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// scanTag reads the tag whose name starts at page[at]: its name, where it ends (after its '>'), and, when it has more than
// maxTagAttrs attributes, where to cut it (before the first attribute too
// many), else 0.
func scanTag(page string, at int) (name string, end, cut int) {
	j := at
	for j < len(page) && !isTagSpace(page[j]) && page[j] != '/' && page[j] != '>' {
		j++
	}
	name = page[at:j]
	attrs := 0
	for j < len(page) {
		for j < len(page) && (isTagSpace(page[j]) || page[j] == '/') {
			j++
		}
		if j >= len(page) || page[j] == '>' {
			break
		}
		if attrs == maxTagAttrs && cut == 0 {
			cut = j
		}
		attrs++
		// The name runs to a space, '/', '>' or '=' (not first).
		k := j + 1
		for k < len(page) && !isTagSpace(page[k]) && page[k] != '/' && page[k] != '>' && page[k] != '=' {
			k++
		}
		for k < len(page) && isTagSpace(page[k]) {
			k++
		}
		if k < len(page) && page[k] == '=' {
			k++
			for k < len(page) && isTagSpace(page[k]) {
				k++
			}
			switch {
			case k < len(page) && (page[k] == '"' || page[k] == '\''):
				q := strings.IndexByte(page[k+1:], page[k])
				if q < 0 {
					return name, len(page), cut
				}
				k += q + 2
			default:
				for k < len(page) && !isTagSpace(page[k]) && page[k] != '>' {
					k++
				}
			}
		}
		j = k
	}
	if j < len(page) {
		j++ // the '>'
	}
	return name, j, cut
}

// rawTextEnd returns where the raw text of element name, whose start tag
// ends at i, ends (at its end tag), or i when name holds markup.
func rawTextEnd(page string, i int, name string) int {
	for _, r := range rawTextElements {
		if !strings.EqualFold(name, r) {
			continue
		}
		for j := i; j < len(page); {
			k := strings.Index(page[j:], "</")
			if k < 0 {
				return len(page)
			}
			j += k
			if len(page)-j-2 >= len(name) && strings.EqualFold(page[j+2:j+2+len(name)], name) {
				return j
			}
			j += 2
		}
		return len(page)
	}
	return i
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// voidElements have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true,
	"link": true, "meta": true, "source": true, "track": true, "wbr": true, "param": true, "keygen": true,
}

// closedBySibling are the elements a start tag of the same kind closes
// (<li> after <li>): a page of unclosed ones is not deep.
var closedBySibling = map[string]bool{"p": true, "li": true, "dt": true, "dd": true, "option": true, "tr": true, "td": true, "th": true}

// flattenMarkup rewrites page so that no element is nested deeper than
// depth: the tags past it are dropped and their text kept in place (but
// the text of a script or style whose tag went). With depth 0 every tag
// goes and the page is read as text. Depth is counted as the tokenizer
// sees tags, an unclosed <p> or <li> closed at its next sibling; an end
// tag matched by none of the 16 innermost open elements is dropped, so
// the pass stays linear.
func flattenMarkup(page string, depth int) string {
	var out strings.Builder
	out.Grow(len(page))
	z := html.NewTokenizer(strings.NewReader(page))
	var open []string // names of the elements open, kept or not
	dropText := false // the text that follows is a dropped script's
	for {
		tt := z.Next()
		drop := dropText
		dropText = false
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken:
			n, _ := z.TagName()
			name := string(n)
			if closedBySibling[name] && len(open) > 0 && open[len(open)-1] == name {
				open = open[:len(open)-1]
			}
			void := voidElements[name]
			if !void {
				open = append(open, name)
			}
			kept := len(open) <= depth || (void && len(open) < depth)
			if kept {
				out.Write(z.Raw())
			}
			dropText = !kept && isRawText(name)
		case html.EndTagToken:
			n, _ := z.TagName()
			for k := len(open) - 1; k >= 0 && k >= len(open)-16; k-- {
				if open[k] == string(n) {
					if k < depth {
						out.Write(z.Raw())
					}
					open = open[:k]
					break
				}
			}
		case html.SelfClosingTagToken:
			if len(open) < depth {
				out.Write(z.Raw())
			}
		case html.TextToken:
			if !drop {
				out.Write(z.Raw())
			}
		}
		// Comments and doctypes are not needed to read the page.
	}
}

func isRawText(name string) bool {
	for _, r := range rawTextElements {
		if name == r {
			return true
		}
	}
	return false
}

// errNoArticle is the reason a page with no article text is not loaded.
var errNoArticle = errors.New("no article found in the page")
