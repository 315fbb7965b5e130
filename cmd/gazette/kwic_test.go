package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// matchColumn returns the display column where word starts on line, -1
// when it is not there.
func matchColumn(line, word string) int {
	i := strings.Index(strings.ToLower(line), strings.ToLower(word))
	if i < 0 {
		return -1
	}
	return ansi.StringWidth(line[:i])
}

// TestKWICSeeds: every occurrence of cyberdéfense in the seeds (one in a
// title, eight in paragraphs), one a line, the word starting in one
// column, the date and title after it.
func TestKWICSeeds(t *testing.T) {
	out, errOut, code := gazette(t, "kwic", "cyberdéfense")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 9 {
		t.Fatalf("%d lines, want 9:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if col := matchColumn(l, "cyberdéfense"); col != 41 {
			t.Errorf("the word starts at column %d, want 41: %q", col, l)
		}
	}
	first := "s d'une conférence de deux jours sur la  cyberdéfense  tenue à Mons, en Belgique, où 1 500 res  2014-09-20  L'OTAN lance son cyberpartenariat avec l'industrie"
	if lines[0] != first {
		t.Errorf("first line:\n%q\nwant\n%q", lines[0], first)
	}
	if !strings.Contains(out, "Christian Liflander, chef de la Section  Cyberdéfense  au siège de l’OTAN.") {
		t.Errorf("the match in capitals is missing:\n%s", out)
	}
}

// TestKWICSortAndWidth: sorted by the word to the left, each line has
// the width asked for on either side of the match.
func TestKWICSortAndWidth(t *testing.T) {
	out, _, code := gazette(t, "kwic", "cyberdéfense", "--sort", "left", "--width", "20")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	var before []string
	for _, l := range lines {
		if col := matchColumn(l, "cyberdéfense"); col != 21 {
			t.Errorf("the word starts at column %d, want 21: %q", col, l)
		}
		f := strings.Fields(l[:strings.Index(strings.ToLower(l), "cyberdéfense")])
		before = append(before, f[len(f)-1])
	}
	if got := strings.Join(before, " "); got != "de de de la la la la la Section" {
		t.Errorf("words left of the match: %s", got)
	}
}

// TestKWICWideCharacters: a match among CJK characters starts in the
// same column on every line.
func TestKWICWideCharacters(t *testing.T) {
	dir := t.TempDir()
	text := "北约与日本加强网络防御对话\n\n 2019-10-09 \n\n北约与日本加强 网络 防御对话。Le 网络 est là, 网络 encore avec des mots et des mots.\n"
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644)
	out, errOut, code := gazette(t, "kwic", "网络", dir, "--width", "11")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if col := matchColumn(l, "网络"); col != 12 {
			t.Errorf("the match starts at column %d, want 12: %q", col, l)
		}
	}
}

func TestKWICJSON(t *testing.T) {
	out, _, code := gazette(t, "kwic", "japon", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got []kwicObject
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) < 3 || got[0].In != "title" || got[0].Paragraph != nil || got[0].Match != "Japon" || got[0].ID != "002_3932c6dfc2111cbf" {
		t.Fatalf("first occurrence %+v", got[0])
	}
	for _, o := range got[1:] {
		if o.In != "body" || o.Paragraph == nil || !strings.HasPrefix(strings.ToLower(o.Match), "japon") || o.End-o.Start != len(o.Match) {
			t.Errorf("occurrence %+v", o)
		}
	}
}

func TestKWICNoMatchAndBadInput(t *testing.T) {
	if out, errOut, code := gazette(t, "kwic", "zzyzx"); code != 1 || out != "" || errOut != "" {
		t.Errorf("no match: exit %d, %q %q; want 1 and nothing", code, out, errOut)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"kwic"}, "kwic needs a query"},
		{[]string{"kwic", "otan", "--sort", "middle"}, `--sort "middle": want left or right`},
		{[]string{"kwic", "otan", "--width", "0"}, "--width must be 1 or more"},
	} {
		_, errOut, code := gazette(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}

// TestKWICControlCharacters: nothing in the corpus's text reaches the
// terminal as a control character.
func TestKWICControlCharacters(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"id":"x","title":"T\u001b[31m otan","date":"2020-01-01","text":"avant\u001b]0;pwn\u0007 otan \u202eaprès\tfin"}`+"\n"), 0o644)
	out, _, code := gazette(t, "kwic", "otan", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, r := range out {
		if r != '\n' && (r < 0x20 || r == 0x7f || r == 0x202e || (r >= 0x80 && r < 0xa0)) {
			t.Errorf("output holds %U:\n%q", r, out)
		}
	}
}
