package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// formatFeed is a news feed: RSS 0.9x, 1.0 (RDF) and 2.0, or Atom, one
// article an item or entry.
const formatFeed = "feed"

// feedMaxDepth bounds the elements read inside an item: deeper ones are
// skipped, their text kept, so that no nesting costs more than its bytes.
const feedMaxDepth = 32

// isFeed reports whether the first bytes of a file (lower case) open a
// feed: an <rss>, <feed> or <rdf:RDF> root, after an XML declaration and
// comments.
func isFeed(lower []byte) bool {
	for _, root := range []string{"<rss", "<feed", "<rdf:rdf"} {
		if i := bytes.Index(lower, []byte(root)); i >= 0 && !bytes.Contains(lower[:i], []byte("<html")) {
			return true
		}
	}
	return false
}

// readFeed reads the items of a feed as records, as JSON objects are read:
// each child element of an item is a field named by its local name
// (title, link, pubDate, dc:date, description, content:encoded, summary,
// dc:creator, category...), its text the value; several of one name make
// a list; an Atom link is its href, an author its name. The feed's own
// title is each item's site name (taken off their titles as a web page's
// is). The markup of a description is read as HTML, as in JSON.
//
// Costs: one pass of encoding/xml over the text, which expands no entity
// it does not know (no bomb), nothing kept but the items' fields.
func (r *extractor) readFeed(text string) ([]parsedRecord, error) {
	if strings.Contains(text, "&#") {
		// A reference to a control character is no XML: the decoder would
		// stop the whole feed at it. It goes, as the control itself would.
		text = controlRef().ReplaceAllStringFunc(text, func(ref string) string {
			if r, ok := charRef(ref); ok && !isControl(r) {
				return ref
			}
			return ""
		})
	}
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = false // unknown entities (&nbsp;) read as HTML's, as feeds mean them
	dec.Entity = xml.HTMLEntity
	// The text is UTF-8 already, whatever the declaration says.
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	var out []parsedRecord
	site := ""
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(out) > 0 { // the items before the damage are kept
				return append(out, feedDamage(len(out), err)), nil
			}
			return nil, fmt.Errorf("invalid feed: %s", firstLine(err.Error()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := strings.ToLower(t.Name.Local)
			switch {
			case name == "item" || name == "entry":
				rec, err := readFeedItem(dec)
				depth--
				if err != nil && len(out) == 0 {
					return nil, fmt.Errorf("invalid feed: %s", firstLine(err.Error()))
				}
				if site != "" {
					rec["feedtitle"] = site
				}
				out = append(out, r.jsonRecord(map[string]any(rec), len(out)+1, "item"))
				if err != nil {
					return append(out, feedDamage(len(out), err)), nil
				}
			case name == "title" && site == "" && depth <= 3:
				// The channel's (RSS) or the feed's (Atom) title.
				site, _ = feedText(dec, 0)
				site = strings.TrimSpace(site)
				depth--
			}
		case xml.EndElement:
			depth--
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no articles: a feed without items")
	}
	return out, nil
}

// feedDamage is the problem of a feed cut or broken after its n-th item,
// which was read up to the damage.
func feedDamage(n int, err error) parsedRecord {
	why := firstLine(err.Error())
	if errors.Is(err, io.EOF) || strings.Contains(why, "unexpected EOF") {
		why = "the file ends inside it"
	}
	return parsedRecord{n: n, problem: recordReason("item", n, "read up to where the feed breaks: "+why)}
}

// controlRef matches a numeric character reference.
var controlRef = lazyRegexp(`&#(?:[xX][0-9a-fA-F]{1,8}|[0-9]{1,10});`)

// charRef reads a numeric character reference.
func charRef(ref string) (rune, bool) {
	body := ref[2 : len(ref)-1]
	base := 10
	if body[0] == 'x' || body[0] == 'X' {
		body, base = body[1:], 16
	}
	n, err := strconv.ParseUint(body, base, 32)
	if err != nil || n > unicode.MaxRune {
		return 0, false
	}
	return rune(n), true
}

// isControl reports whether r may not stand in XML text: a control
// character but tab, line feed and carriage return, or U+FFFE, U+FFFF.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f || r == 0xfffe || r == 0xffff || r >= 0xd800 && r <= 0xdfff
}

// readFeedItem reads the fields of an item or entry whose start element
// was just read, up to its end.
func readFeedItem(dec *xml.Decoder) (record, error) {
	rec := record{}
	add := func(k string, v any) {
		switch old := rec[k].(type) {
		case nil:
			rec[k] = v
		case []any:
			rec[k] = append(old, v)
		default:
			rec[k] = []any{old, v}
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return rec, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return rec, nil
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			switch name {
			case "encoded":
				name = "content" // content:encoded holds the whole text
			case "category", "subject":
				name = "categories" // the item's tags
			}
			if name == "link" {
				if href := xmlAttr(t, "href"); href != "" {
					if rel := xmlAttr(t, "rel"); rel == "" || rel == "alternate" {
						add("link", href)
					}
				}
			}
			text, err := feedText(dec, 1)
			if err != nil {
				return rec, err
			}
			text = strings.TrimSpace(text)
			switch {
			case name == "categories" && text == "":
				text = xmlAttr(t, "term") // Atom's category
			case name == "author" || name == "contributor" || name == "creator":
				// An Atom person: its name comes first, then its address.
				text, _, _ = strings.Cut(text, "\n")
			}
			if text != "" {
				add(name, text)
			}
		}
	}
}

// feedText returns the text of the element whose start was just read, up
// to its end: its character data and that of the elements inside it (an
// Atom author's name, XHTML content), each element's on its own line.
func feedText(dec *xml.Decoder, depth int) (string, error) {
	var b strings.Builder
	for level := 1; level > 0; {
		tok, err := dec.Token()
		if err != nil {
			return b.String(), err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			level++
			if depth+level > feedMaxDepth {
				if err := dec.Skip(); err != nil {
					return b.String(), err
				}
				level--
				continue
			}
			if isBlockName(t.Name.Local) {
				b.WriteString("\n\n")
			}
		case xml.EndElement:
			level--
			if isBlockName(t.Name.Local) {
				b.WriteString("\n\n")
			}
		}
	}
	return b.String(), nil
}

// isBlockName reports whether an XHTML element inside a feed's content
// makes a paragraph of its own.
func isBlockName(name string) bool {
	switch strings.ToLower(name) {
	case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "name":
		return true
	}
	return false
}

// xmlAttr returns the value of an element's attribute, "" when it has
// none.
func xmlAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}
