package ingest

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// maxFrontMatter bounds the YAML read at the top of a Markdown file.
const maxFrontMatter = 256 << 10

// readMarkdown parses a Markdown article: optional YAML front matter
// between "---" lines (title, date, source or url, tags, and the other
// record fields), then the body, read like plain text (a "# Heading" is
// the title when the front matter gives none). Front matter that is not
// valid YAML is reported and the file is read as if it had none.
func (r *extractor) readMarkdown(text string) (draft, string) {
	fm, body, found := cutFrontMatter(text)
	if !found {
		return r.read(text), ""
	}
	var meta map[string]any
	if err := yaml.Unmarshal([]byte(fm), &meta); err != nil {
		return r.read(body), fmt.Sprintf("front matter is not valid YAML (%s); read without it", firstLine(err.Error()))
	}
	d := r.read(body)
	if len(meta) == 0 {
		return d, ""
	}
	md, _ := r.recordDraft(meta)
	if md.title != "" {
		if d.title != "" && fold.String(d.title) != fold.String(md.title) {
			// The body's own headline is a heading of the text, not the
			// title: keep it.
			d.paragraphs = append([]string{d.title}, d.paragraphs...)
		}
		d.title = md.title
		d.paragraphs = dropRepeat(d.paragraphs, md.title)
	}
	if !md.date.IsZero() {
		d.date = md.date
	}
	if !md.updated.IsZero() {
		d.updated = md.updated
	}
	if md.url != "" {
		d.url = md.url
	}
	d.tags = append(d.tags, md.tags...)
	if len(d.paragraphs) == 0 {
		d.paragraphs = md.paragraphs // a summary or description
	}
	return d, ""
}

// cutFrontMatter splits "---\nYAML\n---\nbody" (also closed by "...").
func cutFrontMatter(text string) (fm, body string, ok bool) {
	text = strings.TrimPrefix(text, "\ufeff")
	rest, found := strings.CutPrefix(text, "---\n")
	if !found {
		rest, found = strings.CutPrefix(text, "---\r\n")
	}
	if !found {
		return "", text, false
	}
	for off := 0; off < len(rest) && off <= maxFrontMatter; {
		end := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end]
		}
		if l := strings.TrimRight(line, " \t\r"); l == "---" || l == "..." {
			after := ""
			if end >= 0 {
				after = rest[off+end+1:]
			}
			return rest[:off], after, true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return "", text, false
}

// dropRepeat removes a first paragraph that repeats the title (a "# Title"
// heading under front matter that already gives it).
func dropRepeat(paras []string, title string) []string {
	if len(paras) > 0 && fold.String(strings.TrimLeft(paras[0], "# ")) == fold.String(title) {
		return paras[1:]
	}
	return paras
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
