package corpus_test

import (
	"testing"

	"github.com/gazette-reader/gazette/corpus"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, l’OTAN", "plain text, l’OTAN"},
		{"# not a heading", "\\# not a heading"},
		{"- not a list", "\\- not a list"},
		{"1. not a list", "1\\. not a list"},
		{"in 2019. Then", "in 2019. Then"},
		{"*not* emphasis", "\\*not\\* emphasis"},
		{"id_with_underscores and _this_", "id_with_underscores and \\_this\\_"},
		{"[link](http://x) <b>html</b>", "\\[link\\](http://x) \\<b\\>html\\</b\\>"},
		{"R&D &amp; &#27;", "R&D &amp;amp; &amp;#27;"},
		{"`code`", "\\`code\\`"},
	}
	for _, tt := range tests {
		if got := corpus.EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSafeMarkdown: Markdown from a source keeps its markup but for HTML
// and character references.
func TestSafeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"## Titre\n\n- **un** point": "## Titre\n\n- **un** point",
		"a <script>x</script> b":     "a \\<script>x\\</script> b",
		"1 < 2 & 3":                  "1 < 2 & 3",
		"fin&#27;[31m":               "fin&amp;#27;[31m",
		"[lien](https://x.org)":      "[lien](https://x.org)",
	} {
		if got := corpus.SafeMarkdown(in); got != want {
			t.Errorf("SafeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}
