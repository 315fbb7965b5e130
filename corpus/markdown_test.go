package corpus_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"

	"github.com/gazette-reader/gazette/corpus"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, l’OTAN", "plain text, l’OTAN"},
		{"# not a heading", "\\# not a heading"},
		{"#alternate is a hashtag", "#alternate is a hashtag"},
		{"- not a list", "\\- not a list"},
		{"1. not a list", "1\\. not a list"},
		{"2019. Then", "2019\\. Then"},
		{"in 2019. Then", "in 2019. Then"},
		{"1.5 million", "1.5 million"},
		{"*not* emphasis", "\\*not\\* emphasis"},
		{"5 * 3 * 2", "5 * 3 * 2"},
		{"id_with_underscores and _this_", "id_with_underscores and \\_this\\_"},
		{"_Tous_les_gens", "_Tous_les_gens"},
		{"[link](http://x) <b>html</b>", "\\[link\\](http://x) \\<b>html\\</b>"},
		{"[1] and [2]", "[1] and [2]"},
		{"a < b > c", "a < b > c"},
		{"R&D &amp; &#27;", "R&D &amp;amp; &amp;#27;"},
		{"`code`", "\\`code\\`"},
		{"it`s", "it`s"},
		{": a definition", "\\: a definition"},
		{"note: not one", "note: not one"},
		{"> quoted", "\\> quoted"},
		{"a | b", "a | b"},
		{"~~struck~~", "\\~\\~struck\\~\\~"},
		{"C:\\Windows and \\*", "C:\\Windows and \\\\*"},
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

// TestEscapeMarkdownRendersAsWritten renders escaped text after another
// paragraph, as an article's Markdown has it, with the extensions Glamour
// uses: every text reads back as written, in a paragraph of its own.
func TestEscapeMarkdownRendersAsWritten(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))
	for _, s := range []string{
		": glued to the paragraph before", "# heading", "###### six", "####### seven", "- item", "+ item", "* item",
		"1) item", "123456789. item", "---", "***", "___", "> quote", "```", "~~~ fence", "*a* _b_ ~c~ **d** __e__",
		"snake_case_name", "_Tous_les_gens", "x*y*z", "«*mot*»", "[x](y)", "[x][y]", "[x]: /path",
		"![img](src)", "<b>bold</b>", "<http://example.com>", "a\\*b", "trailing \\", "`a` and ``b``",
		"| a | b |\n|---|---|\n| c | d |", "line\n===", "line\n---", "&copy; &#27;",
		"#alternate", "a - b + c = d", "1.5 * 2 = 3", "2019. Then", "Mr. Smith (1) said 2)",
	} {
		var out bytes.Buffer
		doc := "Paragraph before.\n\n" + corpus.EscapeMarkdown(s) + "\n"
		if err := md.Convert([]byte(doc), &out); err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(&out)
		if err != nil {
			t.Fatal(err)
		}
		var paras []string
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data != "p" && n.Data != "html" && n.Data != "head" && n.Data != "body" {
				t.Errorf("%q became <%s>", s, n.Data)
			}
			if n.Type == html.ElementNode && n.Data == "p" {
				var b strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode {
						b.WriteString(c.Data)
					}
				}
				paras = append(paras, b.String())
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
		if len(paras) != 2 || paras[1] != s {
			t.Errorf("%q renders as paragraphs %q", s, paras)
		}
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain/path.txt":               "plain/path.txt",
		"a\nb":                         `a\nb`,
		"tab\there":                    `tab\there`,
		"esc\x1b[31mred":               `esc\x1b[31mred`,
		"c1\u009b":                     `c1\u009b`,
		"zero\u200bwidth\u202eRLO":     `zero\u200bwidth\u202eRLO`,
		"tag\U000E0041":                `tag\U000e0041`,
		"bad\xffbyte":                  `bad\xffbyte`,
		"emoji 👩\u200d💻 and accents é": "emoji 👩\u200d💻 and accents é",
	} {
		if got := corpus.OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownMetadata(t *testing.T) {
	a := &corpus.Article{
		ID: "dump/42", Title: "Un titre", Source: "dump.jsonl", URL: "https://example.com/a_b", Words: 3,
		Authors: []string{"Jeanne Dupont", "AFP"}, Tags: []string{"cyber", "otan"},
		Fields:     []corpus.Field{{Name: "cves", Values: []string{"CVE-2024-1", "CVE-2024-2"}}, {Name: "empty"}},
		Paragraphs: []string{"Du texte."},
	}
	want := "# Un titre\n\n*undated · dump.jsonl · 3 words · 1 min*\n\n" +
		"- ID: dump/42\n- URL: https://example.com/a_b\n- Authors: Jeanne Dupont, AFP\n- Tags: cyber, otan\n- cves: CVE-2024-1, CVE-2024-2\n" +
		"\nDu texte.\n"
	if got := a.Markdown(); got != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", got, want)
	}
}
