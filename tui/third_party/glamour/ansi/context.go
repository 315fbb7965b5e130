package ansi

import (
	"html"
	"strings"

	xhtml "golang.org/x/net/html"
)

// RenderContext holds the current rendering options and state.
type RenderContext struct {
	options Options

	blockStack *BlockStack
	table      *TableElement
}

// NewRenderContext returns a new RenderContext.
func NewRenderContext(options Options) RenderContext {
	return RenderContext{
		options:    options,
		blockStack: &BlockStack{},
		table:      &TableElement{},
	}
}

// SanitizeHTML sanitizes HTML content.
func (ctx RenderContext) SanitizeHTML(s string, trimSpaces bool) string {
	s = stripTags(s)
	if trimSpaces {
		s = strings.TrimSpace(s)
	}

	return html.UnescapeString(s)
}

// skipContent are the elements whose content is dropped with them.
var skipContent = map[string]bool{
	"frameset": true, "iframe": true, "noembed": true, "noframes": true, "noscript": true,
	"nostyle": true, "object": true, "script": true, "style": true, "title": true,
}

// stripTags returns the text of an HTML fragment, escaped, without its
// tags, comments and the content of the elements in skipContent.
//
// Patched for gazette: upstream uses bluemonday's StrictPolicy, which
// does the same; bluemonday's package initializers (its CSS handlers'
// regular expressions) cost about 4 ms at every start of a program that
// links glamour, more than a third of what is left of its start.
func stripTags(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if skip == 0 {
				b.WriteString(html.EscapeString(string(z.Text())))
			}
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); skipContent[string(name)] {
				skip++
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); skipContent[string(name)] && skip > 0 {
				skip--
			}
		}
	}
}
