package corpus_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"golang.org/x/net/html"

	"github.com/gazette-reader/gazette/corpus"
)

// hostileSequence is one thing a corpus may carry to attack a terminal.
type hostileSequence struct {
	name string
	raw  string // as the bytes arrive in a text file
}

// HostileSequences lists every control character and escape sequence the
// terminal-safety tests feed through gazette: C0 controls, DEL, C1
// controls, CSI (7- and 8-bit), OSC 8 hyperlinks, OSC 52 clipboard writes,
// window title changes, DCS, and the bidi embedding, override and isolate
// controls.
func hostileSequences() []hostileSequence {
	seqs := []hostileSequence{
		{"CSI colour", "\x1b[31mrouge\x1b[0m"},
		{"CSI clear screen", "\x1b[2J\x1b[H"},
		{"CSI 8-bit", "\u009b2J"},
		{"CSI 8-bit raw byte", "\x9b2J"},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example/\x1b\\cliquez\x1b]8;;\x1b\\"},
		{"OSC 52 clipboard", "\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07"},
		{"OSC 0 title", "\x1b]0;pwned\x07"},
		{"OSC 2 title with ST", "\x1b]2;pwned\x1b\\"},
		{"OSC 8-bit", "\u009d0;pwned\u009c"},
		{"DCS", "\x1bP+q544e\x1b\\"},
		{"DEL", "a\x7fb"},
		{"C1 NEL", "a\u0085b"},
		{"BEL BS CR VT FF", "a\x07\x08\r\x0b\x0cb"},
		{"NUL-free C0", "\x01\x02\x03\x04\x05\x06\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1c\x1d\x1e\x1f"},
	}
	for r := rune(0x202a); r <= 0x202e; r++ {
		seqs = append(seqs, hostileSequence{fmt.Sprintf("bidi %U", r), "droite " + string(r) + "txet" + "\u202c"})
	}
	for r := rune(0x2066); r <= 0x2069; r++ {
		seqs = append(seqs, hostileSequence{fmt.Sprintf("bidi %U", r), "isolé " + string(r) + "x"})
	}
	return seqs
}

// HTML character references that decode to the same controls.
var hostileReferences = []string{
	"&#27;[31m", "&#x1b;[2J", "&#X1B;]0;t&#7;", "&#x9b;2J", "&#155;1;1H", "&#x9d;0;t&#x9c;",
	"&#127;", "&#x7f;", "&#133;", "&#x202E;txet&#x202C;", "&#8238;x", "&#x2066;i&#x2069;", "&#0;", "&#x0d;",
}

// unsafeIn returns the first character of s that must not reach a
// terminal, or -1.
func unsafeIn(s string) rune {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r
		}
	}
	return -1
}

// writeHostileCorpus writes every hostile sequence in every format gazette
// reads, and in file names, into dir.
func writeHostileCorpus(t *testing.T, dir string) {
	t.Helper()
	var all strings.Builder
	for _, s := range hostileSequences() {
		all.WriteString(s.raw + " ")
	}
	refs := strings.Join(hostileReferences, " ")
	seq := all.String()
	files := map[string]string{
		"text.txt":                         "Titre " + seq + "\n\n2019-10-09\n\nCorps " + seq + "\n\nRéférences " + refs + "\n",
		"front.md":                         "---\ntitle: \"FM \\e[31m \\x9b \\u202e \\x1b]52;c;AA\\x07\"\ndate: 2020-01-01\ntags: [\"\\e]0;t\\a\"]\n---\n\n# Corps " + seq + "\n\n" + refs + " <span>" + refs + "</span> `" + seq + "` [lien](javascript:" + seq + ")\n",
		"plain.md":                         "# Titre " + seq + "\n\n" + refs + "\n",
		"page.html":                        "<html><head><title>" + refs + " " + seq + "</title></head><body><article><h1>" + refs + "</h1><p>" + refs + " " + seq + " un texte assez long pour être pris pour un article par l’extracteur de contenu de la page.</p><p>" + strings.Repeat("Encore du texte pour la page. ", 20) + "</p></article></body></html>",
		"dump.csv":                         "title,date,text,url\n\"" + strings.ReplaceAll(seq, "\"", "") + "\",2019-10-09,\"" + refs + "\",https://x/\x1b]8;;y\n",
		"names/\x1b]0;pwned\x07\u202e.txt": "Un fichier au nom hostile\n\n2019-10-09\n\nTexte.\n",
	}
	rec, _ := json.Marshal(map[string]any{"id": "\x1b[2J" + "x", "title": "JSON " + seq, "text": "JSON " + seq + " " + refs, "url": "https://x/\x1b]52;c;AA\x07", "tags": []string{seq}})
	files["dump.jsonl"] = string(rec) + "\n" + `{"title":"escaped \u001b[31m \u009b \u202e \u0007","content":"<p>` + refs + `</p>"}` + "\n"
	files["one.json"] = string(rec)
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTerminalSafetyLoad feeds every hostile sequence, raw and as HTML
// character references, in every format and in a file name, through Load:
// no field of any article, and no problem line, keeps one.
func TestTerminalSafetyLoad(t *testing.T) {
	dir := t.TempDir()
	writeHostileCorpus(t, dir)
	c, probs := corpus.LoadPaths([]string{dir}, corpus.Options{})
	if c.Len() != 9 {
		t.Errorf("%d articles, want 9 (problems %q)", c.Len(), probs)
	}
	check := func(what, s string) {
		t.Helper()
		if r := unsafeIn(s); r >= 0 {
			t.Errorf("%s keeps %U: %q", what, r, s)
		}
	}
	for _, a := range c.Articles() {
		check(a.ID+" ID", a.ID)
		check(a.ID+" title", a.Title)
		check(a.ID+" source", a.Source)
		check(a.ID+" url", a.URL)
		check(a.ID+" meta", a.Meta())
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
	if r := unsafeIn(md); r >= 0 {
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
			if r := unsafeIn(n.Data); r >= 0 {
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
