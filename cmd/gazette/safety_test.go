package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/tui"
)

// hostile is every control character and escape sequence that must never
// reach the terminal from a corpus: C0 but newline and tab, DEL, C1, CSI
// (7- and 8-bit), OSC 8 hyperlinks, OSC 52 clipboard writes, title
// changes, DCS, and the bidi controls U+202A-U+202E and U+2066-U+2069.
const hostile = "\x1b[31mrouge\x1b[0m \x1b[2J\x1b[H \u009b2J " +
	"\x1b]8;;https://evil.example/\x1b\\lien\x1b]8;;\x1b\\ " +
	"\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07 \x1b]0;pwned\x07 \x1b]2;pwned\x1b\\ \u009d0;t\u009c \x1bP+q544e\x1b\\ " +
	"a\x7fb a\u0085b \x01\x02\x07\x08\r\x0b\x0c\x0e\x1f " +
	"\u202aa\u202bb\u202cc\u202dd\u202ee \u2066f\u2067g\u2068h\u2069"

// hostileRefs are the same controls as HTML character references.
const hostileRefs = "&#27;[31m &#x1b;]0;t&#7; &#x9b;2J &#155;1;1H &#x9d;0;t&#x9c; &#127; &#133; &#x202E;txet&#x202C; &#x2066;i&#x2069;"

// writeHostile writes the hostile sequences in every format, and in a
// file name, and returns the folder.
func writeHostile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rec, _ := json.Marshal(map[string]any{"id": "rec\x1b[2J", "title": "Titre json " + hostile, "text": "Texte " + hostile + " " + hostileRefs, "url": "https://x/\x1b]52;c;AA\x07", "tags": []string{hostile}})
	files := map[string]string{
		"texte.txt":                "Titre texte " + hostile + "\n\n2019-10-09\n\nTexte " + hostile + "\n\n" + hostileRefs + "\n",
		"front.md":                 "---\ntitle: \"Titre md \\e[31m \\x9b \\u202e \\e]52;c;AA\\a\"\ndate: 2020-01-01\n---\n\n# Texte " + hostile + "\n\n" + hostileRefs + " <span>" + hostileRefs + "</span> [lien](javascript:x) `code`\n",
		"page.html":                "<html><head><title>Titre html " + hostileRefs + "</title></head><body><article><p>Texte " + hostileRefs + " " + hostile + " assez long pour que la page soit prise pour un article par l’extracteur.</p><p>" + strings.Repeat("Encore du texte. ", 30) + "</p></article></body></html>",
		"dump.jsonl":               string(rec) + "\n",
		"dump.csv":                 "title,text\n\"Titre csv " + hostile + "\",\"Texte " + hostileRefs + "\"\n",
		"\x1b]0;nom\x07\u202e.txt": "Titre du nom hostile\n\n2019-10-09\n\nTexte.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// firstUnsafe returns the first character of s that must not reach a
// terminal, or -1.
func firstUnsafe(s string) rune {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r
		}
	}
	return -1
}

// jsonStrings returns every string of a JSON document, decoded: what jq
// -r would print.
func jsonStrings(t *testing.T, doc string) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%v in %q", err, doc)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for k, e := range v {
				out = append(out, k)
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// sgr matches the colour and style sequences Glamour itself writes.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// TestTerminalSafetyCommands runs list, show, search and check, in text
// and JSON, on a corpus that carries every hostile sequence in every
// format: no output holds one, nor does the JSON once decoded, nor does
// Glamour's rendering of `show` once its own colours are taken out.
func TestTerminalSafetyCommands(t *testing.T) {
	dir := writeHostile(t)
	list, errOut, code := gazette(t, "list", "--json", dir)
	if code != 0 {
		t.Fatalf("list: exit %d, %s", code, errOut)
	}
	var arts []articleObject
	if err := json.Unmarshal([]byte(list), &arts); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 6 {
		t.Errorf("%d articles, want 6", len(arts))
	}
	runs := [][]string{
		{"list", dir}, {"list", "--json", dir},
		{"search", "texte", dir}, {"search", "texte", dir, "--json"}, {"search", "titre", dir},
		{"check", dir}, {"check", "--json", dir},
	}
	for _, a := range arts {
		runs = append(runs, []string{"show", a.ID, dir}, []string{"show", a.ID, dir, "--json"})
	}
	for _, args := range runs {
		out, errOut, code := gazette(t, args...)
		if code != 0 {
			t.Errorf("%q: exit %d, %s", args, code, errOut)
		}
		for what, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if r := firstUnsafe(s); r >= 0 {
				t.Errorf("%q: %s holds %U", args, what, r)
			}
		}
		if strings.Contains(strings.Join(args, " "), "--json") {
			for _, s := range jsonStrings(t, out) {
				if r := firstUnsafe(s); r >= 0 {
					t.Errorf("%q: decoded JSON holds %U in %q", args, r, s)
				}
			}
		}
		if args[0] == "show" && len(args) == 3 {
			rendered, err := glamour.Render(out, "dark")
			if err != nil {
				t.Fatal(err)
			}
			if r := firstUnsafe(sgr.ReplaceAllString(rendered, "")); r >= 0 {
				t.Errorf("show %s: Glamour output holds %U besides its colours", args[1], r)
			}
		}
	}
}

// drive delivers msg to m and runs the commands it returns, feeding their
// messages back as a program would, synchronously. A command that does
// not answer within a second (a tick, a terminal query) is dropped.
func drive(t *testing.T, m tea.Model, msg tea.Msg) tea.Model {
	t.Helper()
	m, cmd := m.Update(msg)
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 1000; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		out := make(chan tea.Msg, 1)
		go func() { out <- c() }()
		select {
		case msg := <-out:
			switch msg := msg.(type) {
			case nil:
			case tea.BatchMsg:
				queue = append(queue, msg...)
			case tea.QuitMsg:
			default:
				var next tea.Cmd
				m, next = m.Update(msg)
				queue = append(queue, next)
			}
		case <-time.After(time.Second):
		}
	}
	return m
}

func key(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

// TestTerminalSafetyReader opens the reader on the hostile corpus and
// walks through every article, in the timeline and in the reader pane
// (rendered by Glamour), with and without a filter: once the reader's own
// colour sequences are taken out, no screen holds a control character.
func TestTerminalSafetyReader(t *testing.T) {
	c, _ := corpus.LoadPaths([]string{writeHostile(t)}, corpus.Options{})
	var m tea.Model = tui.New(c, tui.WithDarkBackground(true))
	screens, bodies := 0, 0
	check := func(what string) {
		t.Helper()
		screens++
		content := m.View().Content
		if strings.Contains(ansi.Strip(content), "Texte ") {
			bodies++ // the reader shows an article's text
		}
		if !strings.Contains(ansi.Strip(content), "Titre") {
			t.Fatalf("%s: the screen shows no article:\n%s", what, ansi.Strip(content))
		}
		if r := firstUnsafe(sgr.ReplaceAllString(content, "")); r >= 0 {
			t.Errorf("%s: the screen holds %U besides the reader's colours:\n%q", what, r, content)
		}
	}
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 35})
	check("start")
	for i := range c.Len() {
		m = drive(t, m, key("j"))
		check(fmt.Sprintf("article %d", i+2))
	}
	for _, k := range []string{"/", "t", "e", "x", "t", "e", "enter"} {
		m = drive(t, m, key(k))
	}
	check("filtered")
	for _, k := range []string{"g", "tab", "G"} {
		m = drive(t, m, key(k))
	}
	check("reader scrolled")
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	check("narrow")
	if screens != c.Len()+4 || bodies == 0 {
		t.Errorf("checked %d screens, %d with an article's text", screens, bodies)
	}
}
