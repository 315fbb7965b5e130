package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// gazette runs the command line with args and returns what it printed and
// its exit status.
func gazette(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb})
	return out.String(), errb.String(), code
}

func TestListSeeds(t *testing.T) {
	out, errOut, code := gazette(t, "list")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := `2014-09-20 15:04  004_a37cb0af5b3f89bb  L'OTAN lance son cyberpartenariat avec l'industrie
2015-04-21        003_a617ba8cd3b3f892  Le Maroc présent à la prochaine conférence mondiale sur le cyberespace en 2017 au Mexique
2017-01           000_4c5db0ae9efe47db  Deux semaines avant sa prochaine rencontre avec le président Donald Trump…
2018-07           001_8c4fc2a06532ada3  L'UIT et Global Cyber Alliance ont signé le 9 juillet une déclaration commune…
2019-10-09        002_3932c6dfc2111cbf  L’OTAN et le Japon intensifient leur dialogue dans le domaine de la cyberdéfense
`
	if out != want {
		t.Errorf("gazette list:\n%s\nwant:\n%s", out, want)
	}
}

func TestRootPrintsListWhenNotATerminal(t *testing.T) {
	list, _, _ := gazette(t, "list")
	out, _, code := gazette(t)
	if code != 0 || out != list {
		t.Errorf("gazette (no tty) exit %d printed:\n%s\nwant the list", code, out)
	}
}

func TestListJSON(t *testing.T) {
	out, _, code := gazette(t, "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got) != 5 {
		t.Fatalf("%d objects", len(got))
	}
	first := got[0]
	for k, v := range map[string]any{"id": "004_a37cb0af5b3f89bb", "date": "2014-09-20T15:04", "precision": "minute", "title_derived": false, "source": "seeds/004_a37cb0af5b3f89bb.txt"} {
		if first[k] != v {
			t.Errorf("%s = %v, want %v", k, first[k], v)
		}
	}
	if w, ok := first["words"].(float64); !ok || w < 250 {
		t.Errorf("words = %v", first["words"])
	}
	if got[2]["precision"] != "month" || got[2]["date"] != "2017-01" || got[2]["title_derived"] != true {
		t.Errorf("000: %v", got[2])
	}
	if _, ok := first["paragraphs"]; ok {
		t.Error("list --json carries paragraphs; only show does")
	}
}

func TestShowStripsPageChrome(t *testing.T) {
	out, _, code := gazette(t, "show", "003_a617ba8cd3b3f892")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.HasPrefix(out, "# Le Maroc présent à la prochaine conférence mondiale sur le cyberespace en 2017 au Mexique\n\n*2015-04-21 · ") {
		t.Errorf("show 003 starts:\n%.300s", out)
	}
	if n := strings.Count(out, "Le Maroc présent à la prochaine"); n != 1 {
		t.Errorf("the title shows %d times", n)
	}
	for _, chrome := range []string{"Augmenter", "Partager", "Lu 310 fois", "commentaire", "courtoisie", "Dossiers du weekend"} {
		if strings.Contains(out, chrome) {
			t.Errorf("show 003 prints %q", chrome)
		}
	}
	if !strings.HasSuffix(out, "en matière de renforcement des capacités en cybersécurité.\n") {
		t.Errorf("show 003 ends:\n%s", out[len(out)-200:])
	}
}

func TestShowDerivedTitle(t *testing.T) {
	out, _, code := gazette(t, "show", "000_4c5db0ae9efe47db")
	if code != 0 || !strings.HasPrefix(out, "# Deux semaines avant sa prochaine rencontre avec le président Donald Trump…\n") {
		t.Errorf("exit %d, show 000 starts:\n%.200s", code, out)
	}
	if strings.Contains(out, "date 2017") {
		t.Error("the raw date header shows")
	}
}

func TestShowJSON(t *testing.T) {
	out, _, code := gazette(t, "show", "002_3932c6dfc2111cbf", "--json")
	var got struct {
		ID         string   `json:"id"`
		Date       string   `json:"date"`
		Updated    string   `json:"updated"`
		Paragraphs []string `json:"paragraphs"`
	}
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	if got.ID != "002_3932c6dfc2111cbf" || got.Date != "2019-10-09" || got.Updated != "2019-10-09T18:15" || len(got.Paragraphs) != 6 {
		t.Errorf("got %+v", got)
	}
}

func TestShowUnknownID(t *testing.T) {
	out, errOut, code := gazette(t, "show", "003_a617")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, `gazette: no article "003_a617"; closest: 003_a617ba8cd3b3f892`) {
		t.Errorf("stderr %q", errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--bogus"}, {"show"}, {"list", "--json=maybe"}, {"search"}, {"search", "x", "--limit", "-1"}} {
		_, errOut, code := gazette(t, args...)
		if code != 2 || !strings.HasPrefix(errOut, "gazette: ") {
			t.Errorf("gazette %v: exit %d, stderr %q; want 2 and a message", args, code, errOut)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	out, _, code := gazette(t, "--version")
	if code != 0 || !strings.Contains(out, "gazette version") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"list", "-h"}, {"show", "-h"}, {"search", "-h"}} {
		out, _, code := gazette(t, args...)
		if code != 0 || !strings.Contains(strings.ToLower(out), "usage") {
			t.Errorf("gazette %v: exit %d, %.200q", args, code, out)
		}
	}
}

func TestLoadProblemsGoToStderr(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", "Un bon titre d'article\n\n2019-10-09\n\nDu texte.\n")
	write("empty.txt", "")
	out, errOut, code := gazette(t, "list", dir)
	if code != 0 || !strings.Contains(out, "2019-10-09        good  Un bon titre d'article") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if want := "gazette: " + filepath.Join(dir, "empty.txt") + ": empty file\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}

	out, errOut, code = gazette(t, "list", filepath.Join(dir, "empty.txt"))
	if code != 1 || out != "" || !strings.Contains(errOut, "empty file") || !strings.Contains(errOut, "no article loaded") {
		t.Errorf("nothing loaded: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestListFolderOfThousands runs "gazette list DIR" on a folder of a few
// thousand generated scrapes in nested folders, with CRLF line endings, a
// BOM, an empty file and a binary file: the last two are reported on
// stderr, every article is listed, in timeline order.
func TestListFolderOfThousands(t *testing.T) {
	dir := t.TempDir()
	const n = 2500
	if _, err := corpustest.WriteDir(dir, n, 3); err != nil {
		t.Fatal(err)
	}
	extra := map[string]string{
		"crlf.txt":   "Titre en CRLF\r\n\r\n21/04/2015\r\n\r\nTexte.\r\n",
		"bom.txt":    "\ufeffTitre avec BOM\n\n2019-10-09\n\nTexte.\n",
		"empty.txt":  "",
		"binary.txt": "\x00\x01\x02 PNG\x00",
	}
	for name, text := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := gazette(t, "list", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != n+2 {
		t.Errorf("%d lines, want %d", len(lines), n+2)
	}
	if !strings.Contains(out, "2015-04-21        crlf  Titre en CRLF\n") || !strings.Contains(out, "2019-10-09        bom  Titre avec BOM\n") {
		t.Error("the CRLF or BOM article is missing or misread")
	}
	wantErr := []string{
		"gazette: " + filepath.Join(dir, "binary.txt") + ": not text (binary data)",
		"gazette: " + filepath.Join(dir, "empty.txt") + ": empty file",
	}
	if got := strings.Split(strings.TrimSpace(errOut), "\n"); !slices.Equal(got, wantErr) {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(wantErr, "\n"))
	}
	prev := ""
	for _, l := range lines {
		date := strings.TrimSpace(l[:16])
		if date == "undated" {
			prev = "~" // undated sorts last
			continue
		}
		if prev == "~" || date < prev[:min(len(prev), len(date))] {
			t.Fatalf("out of order: %q after %q", date, prev)
		}
		prev = date
	}
}
