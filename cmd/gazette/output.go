package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/similar"
	"github.com/gazette-reader/gazette/corpus/state"
)

// articleObject is an article as the JSON output shows it.
type articleObject struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	TitleDerived bool     `json:"title_derived"`
	Date         string   `json:"date"`
	Precision    string   `json:"precision"`
	Updated      string   `json:"updated,omitempty"`
	Words        int      `json:"words"`
	Source       string   `json:"source"`
	URL          string   `json:"url,omitempty"`
	Authors      []string `json:"authors,omitempty"`
	// Tags are the source's tags and the reader's, merged: what tag:
	// finds; OwnTags are the reader's alone.
	Tags       []string      `json:"tags,omitempty"`
	Fields     []fieldObject `json:"fields,omitempty"`
	Read       bool          `json:"read"`
	Starred    bool          `json:"starred"`
	OwnTags    []string      `json:"own_tags"`
	Note       string        `json:"note"`
	Paragraphs []string      `json:"paragraphs,omitempty"`
	// Group is the ID of the article's group of copies (its earliest
	// article's ID), when other articles of the corpus are copies of it.
	Group string `json:"group,omitempty"`
}

// fieldObject is one of the source's other metadata fields.
type fieldObject struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// hitObject is a search hit as the JSON output shows it, with where it
// matched in the title and in the snippet.
type hitObject struct {
	articleObject
	Score          float64      `json:"score"`
	Snippet        string       `json:"snippet"`
	TitleMatches   []spanObject `json:"title_matches"`
	SnippetMatches []spanObject `json:"snippet_matches"`
}

// spanObject is a match in a string: its byte offsets in the UTF-8 text,
// and the text matched.
type spanObject struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// spansOf returns the spans of text as JSON objects, never nil.
func spansOf(text string, spans []search.Span) []spanObject {
	out := make([]spanObject, 0, len(spans))
	for _, s := range spans {
		out = append(out, spanObject{Start: s.Start, End: s.End, Text: text[s.Start:s.End]})
	}
	return out
}

func articleOf(a *corpus.Article, m state.Mark, withBody bool) articleObject {
	o := articleObject{
		ID: a.ID, Title: a.Title, TitleDerived: a.TitleDerived,
		Date: a.Date.String(), Precision: a.Date.Precision.String(), Updated: a.Updated.String(),
		Words: a.Words, Source: a.Source, URL: a.URL, Authors: a.Authors, Tags: allTags(a, m),
		Read: m.Read, Starred: m.Starred, OwnTags: m.Tags, Note: m.Note,
	}
	if o.OwnTags == nil {
		o.OwnTags = []string{}
	}
	for _, f := range a.Fields {
		o.Fields = append(o.Fields, fieldObject{Name: f.Name, Values: f.Values})
	}
	if withBody {
		o.Paragraphs = a.Paragraphs
	}
	return o
}

// withGroup returns o with the ID of the group of copies of article i,
// when it is in one.
func withGroup(o articleObject, groups *similar.Groups, i int) articleObject {
	if k, ok := groups.Of(i); ok {
		o.Group = groups.ID(k)
	}
	return o
}

// groupsFor returns the groups of copies of c when the output shows them
// (JSON), nil otherwise: finding them reads every article's text.
func groupsFor(ctx context.Context, c *corpus.Corpus, format listFormat) (*similar.Groups, error) {
	if format == listText {
		return nil, nil
	}
	g, err := similar.Find(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("find copies: %w", err)
	}
	return g, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// dateColumn is wide enough for "2014-09-20 15:04".
const dateColumn = 16

// writeObjects prints n objects made by obj: lines for people (obj is not
// called), one JSON array, or JSON Lines written as they are made.
func writeObjects(w io.Writer, n int, format listFormat, obj func(i int) any, line func(bw *bufio.Writer, i int)) error {
	if format == listJSON {
		objs := make([]any, n)
		for i := range objs {
			objs[i] = obj(i)
		}
		return writeJSON(w, objs)
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range n {
		if format == listJSONLines {
			if err := enc.Encode(obj(i)); err != nil {
				return fmt.Errorf("write JSON: %w", err)
			}
			continue
		}
		line(bw, i)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// allTags returns the source's tags and the reader's, each once (the
// reader's are in lower case; the source's are compared folded).
func allTags(a *corpus.Article, m state.Mark) []string {
	if len(m.Tags) == 0 {
		return a.Tags
	}
	out := slices.Clone(a.Tags)
	for _, t := range m.Tags {
		if !slices.ContainsFunc(a.Tags, func(s string) bool { return strings.EqualFold(s, t) }) {
			out = append(out, t)
		}
	}
	return out
}

// writeList prints the corpus in timeline order, one line an article, its
// marks after the title.
func writeList(w io.Writer, c *corpus.Corpus, marks *state.Table, groups *similar.Groups, format listFormat) error {
	// Every article once, in order: each read without being kept, the
	// text of those coming read ahead.
	read := func(i int) *corpus.Article {
		if i%corpus.ReleaseStep == 0 {
			c.Prefetch(i, min(i+corpus.ReleaseStep, c.Len()))
		}
		return c.Read(i)
	}
	return writeObjects(w, c.Len(), format,
		func(i int) any { return withGroup(articleOf(read(i), markOf(marks, i), false), groups, i) },
		func(bw *bufio.Writer, i int) { listLine(bw, read(i), markOf(marks, i)) })
}

// listLine writes an article's line of the list: date, ID, title, marks.
func listLine(bw *bufio.Writer, a *corpus.Article, m state.Mark) {
	fmt.Fprintf(bw, "%-*s  %s  %s%s\n", dateColumn, displayDate(a), a.ID, a.Title, marksText(m))
}

// hitLine writes a hit's lines: its line of the list, then the snippet
// under its title.
func hitLine(bw *bufio.Writer, a *corpus.Article, m state.Mark, snippet string) {
	listLine(bw, a, m)
	if snippet != "" {
		fmt.Fprintf(bw, "%*s  %s\n", dateColumn, "", snippet)
	}
}

// marksText is an article's marks at the end of a line of the list, for
// people: "  (read, starred, tags a b, note)", "" when it has none.
func marksText(m state.Mark) string {
	var parts []string
	if m.Read {
		parts = append(parts, "read")
	}
	if m.Starred {
		parts = append(parts, "starred")
	}
	if len(m.Tags) > 0 {
		parts = append(parts, "tags "+strings.Join(m.Tags, " "))
	}
	if m.Note != "" {
		parts = append(parts, "note")
	}
	if len(parts) == 0 {
		return ""
	}
	return "  (" + strings.Join(parts, ", ") + ")"
}

// writeHits prints the first n hits of r, best first, each explained as
// it is printed, with its marks.
func writeHits(w io.Writer, c *corpus.Corpus, marks func(i int) state.Mark, groups *similar.Groups, r *search.Results, n int, format listFormat) error {
	hit := func(i int) search.Hit {
		h := r.Hit(i)
		r.Explain(&h)
		return h
	}
	return writeObjects(w, n, format,
		func(i int) any {
			h := hit(i)
			a := c.At(h.Index)
			return hitObject{
				articleObject: withGroup(articleOf(a, marks(h.Index), false), groups, h.Index), Score: h.Score, Snippet: h.Snippet,
				TitleMatches: spansOf(a.Title, h.Title), SnippetMatches: spansOf(h.Snippet, h.SnippetSpans),
			}
		},
		func(bw *bufio.Writer, i int) {
			h := hit(i)
			hitLine(bw, c.At(h.Index), marks(h.Index), h.Snippet)
		})
}

// displayDate is an article's date for a line of the list: "undated"
// when unknown.
func displayDate(a *corpus.Article) string {
	if d := a.Date.Display(); d != "" {
		return d
	}
	return "undated"
}

// version is the module version when built by "go install", else "devel".
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// marksMarkdown is an article's marks as Markdown, to follow the article's
// own (corpus.Article.Markdown): a list of the marks, then the note as a
// quote; "" when it has none.
func marksMarkdown(m state.Mark) string {
	if m.IsZero() {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n")
	if m.Read {
		b.WriteString("- Read\n")
	}
	if m.Starred {
		b.WriteString("- Starred\n")
	}
	if len(m.Tags) > 0 {
		b.WriteString("- My tags: " + corpus.EscapeMarkdown(strings.Join(m.Tags, ", ")) + "\n")
	}
	if m.Note != "" {
		b.WriteString("\n> " + strings.ReplaceAll(corpus.EscapeMarkdown(m.Note), "\n", "\n> ") + "\n")
	}
	return b.String()
}
