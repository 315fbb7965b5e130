package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
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
	Tags         []string `json:"tags,omitempty"`
	Paragraphs   []string `json:"paragraphs,omitempty"`
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

func articleOf(a *corpus.Article, withBody bool) articleObject {
	o := articleObject{
		ID: a.ID, Title: a.Title, TitleDerived: a.TitleDerived,
		Date: a.Date.String(), Precision: a.Date.Precision.String(), Updated: a.Updated.String(),
		Words: a.Words, Source: a.Source, URL: a.URL, Tags: a.Tags,
	}
	if withBody {
		o.Paragraphs = a.Paragraphs
	}
	return o
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

// writeList prints the corpus in timeline order, one line an article.
func writeList(w io.Writer, c *corpus.Corpus, asJSON bool) error {
	if asJSON {
		objs := make([]articleObject, c.Len())
		for i := range objs {
			objs[i] = articleOf(c.At(i), false)
		}
		return writeJSON(w, objs)
	}
	bw := bufio.NewWriter(w)
	for i := range c.Len() {
		a := c.At(i)
		date := a.Date.Display()
		if date == "" {
			date = "undated"
		}
		fmt.Fprintf(bw, "%-*s  %s  %s\n", dateColumn, date, a.ID, a.Title)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write list: %w", err)
	}
	return nil
}

// writeHits prints search hits, best first.
func writeHits(w io.Writer, c *corpus.Corpus, hits []search.Hit, asJSON bool) error {
	if asJSON {
		objs := make([]hitObject, len(hits))
		for i, h := range hits {
			a := c.At(h.Index)
			objs[i] = hitObject{
				articleObject: articleOf(a, false), Score: h.Score, Snippet: h.Snippet,
				TitleMatches: spansOf(a.Title, h.Title), SnippetMatches: spansOf(h.Snippet, h.SnippetSpans),
			}
		}
		return writeJSON(w, objs)
	}
	bw := bufio.NewWriter(w)
	for _, h := range hits {
		a := c.At(h.Index)
		date := a.Date.Display()
		if date == "" {
			date = "undated"
		}
		fmt.Fprintf(bw, "%-*s  %s  %s\n", dateColumn, date, a.ID, a.Title)
		if h.Snippet != "" {
			fmt.Fprintf(bw, "%*s  %s\n", dateColumn, "", h.Snippet)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write hits: %w", err)
	}
	return nil
}

// version is the module version when built by "go install", else "devel".
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}
