package corpustest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// HostileSequence is one thing a corpus may carry to attack a terminal.
type HostileSequence struct {
	Name string
	Raw  string // as the bytes arrive in a text file
}

// HostileSequences lists every control character and escape sequence the
// terminal-safety tests feed through gazette: C0 controls, DEL, C1
// controls, CSI (7- and 8-bit), OSC 8 hyperlinks, OSC 52 clipboard writes,
// window title changes, DCS, the bidi embedding, override and isolate
// controls, and the invisible characters that hide text: tags, zero-width
// space, word joiner, bidi marks, a joiner outside emoji, soft hyphens.
func HostileSequences() []HostileSequence {
	seqs := []HostileSequence{
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
		seqs = append(seqs, HostileSequence{fmt.Sprintf("bidi %U", r), "droite " + string(r) + "txet" + "\u202c"})
	}
	for r := rune(0x2066); r <= 0x2069; r++ {
		seqs = append(seqs, HostileSequence{fmt.Sprintf("bidi %U", r), "isolé " + string(r) + "x"})
	}
	// One word, so that titles that hold every sequence stay headlines.
	seqs = append(seqs, HostileSequence{"invisible format characters: tags, zero-width space, word joiner, LRM, RLM, ALM, joiner between letters, soft hyphen",
		"vi\U000E0069\U000E0067\U000E006Esi\u200bble\u2060mot\u200ea\u200fb\u061cc\u200dd\u00ade"})
	return seqs
}

// HostileReferences are HTML character references that decode to the same
// controls.
func HostileReferences() []string {
	return []string{
		"&#27;[31m", "&#x1b;[2J", "&#X1B;]0;t&#7;", "&#x9b;2J", "&#155;1;1H", "&#x9d;0;t&#x9c;",
		"&#127;", "&#x7f;", "&#133;", "&#x202E;txet&#x202C;", "&#8238;x", "&#x2066;i&#x2069;", "&#0;", "&#x0d;",
	}
}

// FirstUnsafe returns the first character of s that must not reach a
// terminal (C0 but newline and tab, DEL, C1, bidi controls and marks,
// invisible format characters: zero-width space and joiner but inside an
// emoji, word joiner, soft hyphen, tag characters), or -1. Tests keep it
// apart from the loader's Sanitize on purpose: it is the specification
// that Sanitize is checked against.
func FirstUnsafe(s string) rune {
	prev := rune(-1)
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r
		case r == 0x200d:
			next := []rune(s[i+len("\u200d"):])
			if len(next) == 0 || !emoji(prev) || !emoji(next[0]) {
				return r
			}
		case r == 0x200b, r == 0x200e, r == 0x200f, r == 0x061c, r == 0x00ad, r == 0xfeff,
			r >= 0x2060 && r <= 0x2064, r >= 0xe0000 && r <= 0xe007f:
			return r
		}
		prev = r
	}
	return -1
}

// emoji reports whether r is a pictograph of an emoji sequence.
func emoji(r rune) bool {
	return r >= 0x1f000 && r <= 0x1faff || r >= 0x2600 && r <= 0x27bf || r == 0xfe0f
}

// HostileArticles is how many articles WriteHostile's corpus holds.
const HostileArticles = 9

// WriteHostile writes every hostile sequence, raw and as character
// references, in every format gazette reads (text, Markdown with and
// without front matter, HTML, CSV, JSON Lines, JSON) and in a file name,
// into dir: HostileArticles articles. Every title but the CSV one, the
// JSON ones and the file-name one starts with "Titre", "FM" or the
// references; every body holds "Corps" or "JSON".
func WriteHostile(dir string) error {
	var all strings.Builder
	for _, s := range HostileSequences() {
		all.WriteString(s.Raw + " ")
	}
	refs := strings.Join(HostileReferences(), " ")
	seq := all.String()
	files := map[string]string{
		"text.txt":                         "Titre " + seq + "\n\n2019-10-09\n\nCorps " + seq + "\n\nRéférences " + refs + "\n",
		"front.md":                         "---\ntitle: \"FM \\e[31m \\x9b \\u202e \\x1b]52;c;AA\\x07\"\ndate: 2020-01-01\ntags: [\"\\e]0;t\\a\"]\n---\n\n# Corps " + seq + "\n\n" + refs + " <span>" + refs + "</span> `" + seq + "` [lien](javascript:" + seq + ")\n",
		"plain.md":                         "# Titre " + seq + "\n\n" + refs + "\n",
		"page.html":                        "<html><head><title>" + refs + " " + seq + "</title></head><body><article><h1>" + refs + "</h1><p>" + refs + " " + seq + " un texte assez long pour être pris pour un article par l’extracteur de contenu de la page.</p><p>" + strings.Repeat("Encore du texte pour la page. ", 20) + "</p></article></body></html>",
		"dump.csv":                         "title,date,text,url\n\"" + strings.ReplaceAll(seq, "\"", "") + "\",2019-10-09,\"" + refs + "\",https://x/\x1b]8;;y\n",
		"names/\x1b]0;pwned\x07\u202e.txt": "Un fichier au nom hostile\n\n2019-10-09\n\nTexte.\n",
	}
	rec, err := json.Marshal(map[string]any{"id": "\x1b[2J" + "x", "title": "JSON " + seq, "text": "JSON " + seq + " " + refs, "url": "https://x/\x1b]52;c;AA\x07", "tags": []string{seq}})
	if err != nil {
		return fmt.Errorf("hostile corpus: %w", err)
	}
	files["dump.jsonl"] = string(rec) + "\n" + `{"title":"escaped \u001b[31m \u009b \u202e \u0007","content":"<p>` + refs + `</p>"}` + "\n"
	files["one.json"] = string(rec)
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("hostile corpus: %w", err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return fmt.Errorf("hostile corpus: %w", err)
		}
	}
	return nil
}

// HostileDir writes the hostile corpus (WriteHostile) into a temporary
// folder of tb and returns the folder.
func HostileDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := WriteHostile(dir); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// LoadHostile loads the hostile corpus of HostileDir and stops tb unless
// all HostileArticles of its articles loaded. It returns the problems the
// load reported too.
func LoadHostile(tb testing.TB) (*corpus.Corpus, []ingest.Problem) {
	tb.Helper()
	c, probs := ingest.LoadPaths([]string{HostileDir(tb)}, ingest.Options{})
	if c.Len() != HostileArticles {
		tb.Fatalf("hostile corpus: %d articles, want %d (problems %q)", c.Len(), HostileArticles, probs)
	}
	return c, probs
}
