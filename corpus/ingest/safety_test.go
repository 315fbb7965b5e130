package ingest_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"golang.org/x/net/html"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// TestTerminalSafetyLoad feeds every hostile sequence, raw and as HTML
// character references, in every format and in a file name, through Load:
// no field of any article, and no problem line, keeps one.
func TestTerminalSafetyLoad(t *testing.T) {
	c, probs := corpustest.LoadHostile(t)
	check := func(what, s string) {
		t.Helper()
		if r := corpustest.FirstUnsafe(s); r >= 0 {
			t.Errorf("%s keeps %U: %q", what, r, s)
		}
	}
	for _, a := range c.Articles() {
		check(a.ID+" ID", a.ID)
		check(a.ID+" title", a.Title)
		check(a.ID+" source", a.Source)
		check(a.ID+" url", a.URL)
		check(a.ID+" meta", strings.Join(a.MetaParts(), corpus.MetaSeparator))
		for _, p := range a.Paragraphs {
			check(a.ID+" paragraph", p)
			if strings.ContainsAny(p, "\n\t") {
				t.Errorf("%s: paragraph not on one line: %q", a.ID, p)
			}
		}
		for _, tag := range a.Tags {
			check(a.ID+" tag", tag)
		}
		checkMarkdown(t, a)
	}
	for _, p := range probs {
		check("problem", p.Error())
	}
}

// checkMarkdown renders the article's Markdown the way Glamour parses it
// (goldmark, CommonMark): the text it would print, with every character
// reference decoded, must hold no control either, and no link or HTML may
// come out of the corpus text.
func checkMarkdown(t *testing.T, a *corpus.Article) {
	t.Helper()
	md := a.Markdown()
	if r := corpustest.FirstUnsafe(md); r >= 0 {
		t.Errorf("%s: Markdown keeps %U", a.ID, r)
	}
	var out bytes.Buffer
	if err := goldmark.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			if r := corpustest.FirstUnsafe(n.Data); r >= 0 {
				t.Errorf("%s: rendered Markdown decodes to %U in %q", a.ID, r, n.Data)
			}
		case n.Type == html.ElementNode && (n.Data == "a" || n.Data == "span" || n.Data == "code" || n.Data == "img"):
			t.Errorf("%s: corpus text became <%s> in Markdown", a.ID, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}
