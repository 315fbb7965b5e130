package ingest

import (
	"strings"

	"github.com/gazette-reader/gazette/corpus"
)

// finish turns a draft into an Article: every field sanitised and its white
// space collapsed, empty paragraphs dropped, the words counted, and a title
// derived when the source gave none. It returns nil when nothing is left.
func (l *loader) finish(d draft, j fileJob, format string) *corpus.Article {
	if len(d.paragraphs) == 0 && d.title == "" {
		return nil
	}
	a := &corpus.Article{
		ID:      d.id,
		Title:   cleanLine(d.title),
		Date:    d.date,
		Updated: d.updated,
		Source:  j.display,
		Format:  format,
		URL:     cleanLine(d.url),
	}
	if a.ID == "" {
		a.ID = j.id
	}
	// IDs and sources come from file names, which are untrusted too.
	a.ID = cleanLine(a.ID)
	a.Source = Sanitize(a.Source)
	a.Paragraphs = make([]string, 0, len(d.paragraphs))
	for _, p := range d.paragraphs {
		var n int
		if d.markdown {
			p, n = cleanBlock(p)
		} else {
			p, n = cleanWords(p)
		}
		if p != "" {
			a.Paragraphs = append(a.Paragraphs, p)
			a.Words += n
		}
	}
	a.BodyMarkdown = d.markdown && len(a.Paragraphs) > 0
	a.Tags = cleanList(d.tags)
	a.Authors = cleanList(d.authors)
	for _, f := range d.fields {
		if name, values := cleanLine(f.Name), cleanList(f.Values); name != "" && len(values) > 0 {
			a.Fields = append(a.Fields, corpus.Field{Name: name, Values: values})
		}
	}
	if a.Title == "" {
		a.Title = l.text.deriveTitle(a.Paragraphs)
		a.TitleDerived = true
	}
	if a.Title == "" && len(a.Paragraphs) == 0 {
		return nil
	}
	if !l.budget.keep(a, j.display) {
		return nil
	}
	return a
}

// cleanWords sanitises s and collapses its white space, without a copy
// when there is nothing to do (most text), and counts its words.
func cleanWords(s string) (string, int) {
	if n, ok := scanClean(s); ok {
		return s, n
	}
	s = collapseSpace(Sanitize(s))
	return s, CountWords(s)
}

// cleanBlock is cleanWords for a Markdown block: its lines are kept, each
// sanitised and its white space collapsed.
func cleanBlock(s string) (string, int) {
	lines := strings.Split(Sanitize(s), "\n")
	kept := lines[:0]
	for _, l := range lines {
		// Indentation is Markdown (a nested list, code): kept as it is.
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if l = collapseSpace(l); l != "" {
			kept = append(kept, strings.Repeat(" ", indent)+l)
		}
	}
	s = strings.Join(kept, "\n")
	return s, CountWords(s)
}

// cleanList cleans the lines of a list (tags, authors, values), dropping
// the empty ones.
func cleanList(list []string) []string {
	var out []string
	for _, s := range list {
		if s = cleanLine(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cleanLine is cleanWords for a title, an ID, a URL or a tag.
func cleanLine(s string) string {
	s, _ = cleanWords(s)
	return s
}
