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
