package ingest

import (
	"strings"
	"testing"
)

func TestReadMarkdown(t *testing.T) {
	tests := []struct {
		name, in                string
		title, date, body, tags string
		warn                    bool
	}{
		{"front matter", "---\ntitle: Titre\ndate: 2024-06-17\ntags: [a, b]\n---\nCorps.\n", "Titre", "2024-06-17", "Corps.", "a|b", false},
		{"closed by dots", "---\ntitle: Titre\n...\nCorps.\n", "Titre", "", "Corps.", "", false},
		{"repeated heading dropped", "---\ntitle: Titre long ici\n---\n# Titre long ici\n\nCorps.\n", "Titre long ici", "", "Corps.", "", false},
		{"other heading kept", "---\ntitle: Le vrai titre\n---\n# Une section du texte\n\nCorps.\n", "Le vrai titre", "", "Une section du texte|Corps.", "", false},
		{"datetime and comma tags", "---\ntitle: T\ndate: 2019-10-09 18:15\nkeywords: cyber, otan\n---\nCorps.\n", "T", "2019-10-09T18:15", "Corps.", "cyber|otan", false},
		{"unclosed front matter is text", "---\ntitle: T\n\n# Un titre Markdown\n\nCorps.\n", "", "", "", "", false},
		{"bad yaml", "---\n: [\n---\n# Un titre Markdown\n\nCorps.\n", "Un titre Markdown", "", "Corps.", "", true},
		{"no front matter", "# Un titre Markdown\n\n09 Oct. 2019\n\nCorps.\n", "Un titre Markdown", "2019-10-09", "Corps.", "", false},
		{"summary as body", "---\ntitle: T\nsummary: Le résumé.\n---\n", "T", "", "Le résumé.", "", false},
	}
	r := newExtractor(NewDateFinder())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, warn := r.readMarkdown(Sanitize(tt.in))
			if tt.name == "unclosed front matter is text" {
				// Read as plain text: the "---" line is text, not a title.
				if strings.Contains(d.title, "title:") {
					t.Errorf("front matter taken as title: %q", d.title)
				}
				return
			}
			body := strings.Join(d.paragraphs, "|")
			if d.title != tt.title || d.date.String() != tt.date || body != tt.body || strings.Join(d.tags, "|") != tt.tags || (warn != "") != tt.warn {
				t.Errorf("got (%q, %q, %q, %q, %q)", d.title, d.date, body, d.tags, warn)
			}
		})
	}
}
