package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
)

// reverse matches an SGR sequence that turns reverse video on, and the
// text after it up to the next sequence.
var reverse = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m((?:\x1b\[[0-9;]*m)*)([^\x1b]*)`)

// TestCurrentMatchStyle: the match n moved to is drawn apart from the
// others (reversed, which reads without colour) and is on screen; the
// others are not reversed.
func TestCurrentMatchStyle(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 100, 30), append(append([]any{"/"}, typed("otan")...), "enter", "tab")...)
	if reverse.MatchString(m.View().Content) {
		t.Fatal("a match is reversed before n")
	}
	for i := range len(m.reader.marks) {
		m = steps(t, m, "n")
		view := m.View().Content
		var current []string
		for _, l := range strings.Split(view, "\n") {
			// Underlined text comes a character at a time.
			text := ""
			for _, sm := range reverse.FindAllStringSubmatch(l, -1) {
				text += sm[2]
			}
			if text != "" {
				current = append(current, text)
			}
		}
		// A compound holding the term matches whole ("OTAN‑industrie").
		if len(current) != 1 || !strings.HasPrefix(strings.ToUpper(current[0]), "OTAN") {
			t.Fatalf("after %d n: the reversed text is %q, want one OTAN:\n%s", i+1, current, ansi.Strip(view))
		}
	}
}

// TestHeaderDetails: the reader's header shows the article's ID with its
// URL, its authors, its tags and the source's other fields, each list
// cut to the line with a count of the rest.
func TestHeaderDetails(t *testing.T) {
	a := article("dump/42", "Un titre", 2020, 1, 2, "Le texte de l'article.")
	a.URL = "https://www.example.com/2020/01/un-titre"
	a.Authors = []string{"Jeanne Dupont", "Jean Martin"}
	a.Tags = []string{"cybersécurité", "otan", "japon", "défense", "alliance", "coopération", "industrie", "innovation"}
	a.Fields = []corpus.Field{{Name: "cves", Values: []string{"CVE-2020-0001", "CVE-2020-0002"}}}
	a.Source = "dump.jsonl"
	m := steps(t, newSized(t, corpus.New([]*corpus.Article{a}), 100, 30), "tab")
	_, reader, _ := strings.Cut(screen(m), "│")
	got := screen(m)
	for _, want := range []string{"by Jeanne Dupont, Jean Martin", "id dump/42 · https://www.example.com/2020/01/un-titre", "tags cybersécurité, otan, japon"} {
		if !strings.Contains(got, want) {
			t.Errorf("the header lacks %q:\n%s", want, reader)
		}
	}
	if !regexp.MustCompile(`tags cybersécurité, otan, japon(, [a-zé]+)* \+\d+`).MatchString(got) {
		t.Errorf("the tags are not cut with a count:\n%s", got)
	}
	// Wide enough, the fields show beside the tags.
	m = steps(t, newSized(t, corpus.New([]*corpus.Article{a}), 200, 30), "tab")
	if got := screen(m); !strings.Contains(got, "tags cybersécurité, otan, japon, défense, alliance, coopération, industrie, innovation · cves CVE") {
		t.Errorf("200 columns: the tags and fields:\n%s", got)
	}
	checkFits(t, m.View().Content, 200, 30)
	// Narrow, the URL gets a line of its own.
	m = steps(t, newSized(t, corpus.New([]*corpus.Article{a}), 45, 30), "tab")
	if got := screen(m); !regexp.MustCompile(`\n  id dump/42 *\n  https://www.example.com/2020/01/un-titre`).MatchString(got) {
		t.Errorf("45 columns: the URL is not on its own line:\n%s", got)
	}
}

// TestReaderTextAsWritten: text that looks like Markdown shows as typed
// in the reader: a paragraph that starts with ": " is no definition (no
// glyph, not glued to the one before), and nothing prints a backslash.
func TestReaderTextAsWritten(t *testing.T) {
	paras := []string{
		"Le premier paragraphe.",
		": une ligne qui commence par deux-points",
		"~tilde~ a = b, 1. c, # d, *e*, _f_, [g](h), <i>, `j`, \\k, C:\\l, www.example.org",
	}
	a := article("x", "Titre", 2020, 1, 1, paras...)
	m := steps(t, newSized(t, corpus.New([]*corpus.Article{a}), 200, 30), "tab")
	got := screen(m)
	lines := strings.Split(got, "\n")
	for i, p := range paras {
		found := -1
		for j, l := range lines {
			if strings.Contains(l, p) {
				found = j
			}
		}
		if found < 0 {
			t.Errorf("paragraph %d does not show as typed: %q\n%s", i, p, got)
			continue
		}
		if i > 0 && strings.TrimSpace(strings.SplitN(lines[found-1], "│", 2)[1]) != "" {
			t.Errorf("paragraph %d is glued to the line before: %q", i, lines[found-1])
		}
	}
	if strings.Contains(got, "🠶") {
		t.Errorf("a definition list glyph shows:\n%s", got)
	}
}
