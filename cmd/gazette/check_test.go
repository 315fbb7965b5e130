package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileDir is the test corpus of every format and broken input.
const hostileDir = "../../corpus/ingest/testdata/hostile"

func TestCheckSeeds(t *testing.T) {
	out, errOut, code := gazette(t, "check")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := `Checked the embedded seeds

Articles        5
  by format     text 5
  dated         5
  undated       0
  derived title 2
    000_4c5db0ae9efe47db  Deux semaines avant sa prochaine rencontre avec le président Donald Trump…
    001_8c4fc2a06532ada3  L'UIT et Global Cyber Alliance ont signé le 9 juillet une déclaration commune…

Same IDs        0 articles kept under a new ID (another source gave the same one)

Copies          0 groups of copies, 0 articles

Problems        0: 0 failed, 0 partial, 0 duplicate, 0 skipped
`
	if out != want {
		t.Errorf("gazette check:\n%s\nwant:\n%s", out, want)
	}
}

// TestCheckHostile runs check on the test corpus: every format counted,
// the renamed ID named, every problem listed with its kind, the
// duplicate among them, and exit status 1 because some sources failed.
func TestCheckHostile(t *testing.T) {
	out, errOut, code := gazette(t, "check", hostileDir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if errOut != "gazette: 9 sources failed, 49 articles loaded\n" {
		t.Errorf("stderr %q", errOut)
	}
	p := func(rel string) string { return filepath.Join(hostileDir, filepath.FromSlash(rel)) }
	for _, line := range []string{
		"Articles        49\n",
		"  by format     text 11, markdown 6, json 13, jsonl 10, csv 4, tsv 2, html 3\n",
		"  dated         44\n  undated       5\n  derived title 1\n",
		"    json/untitled  Un article sans titre dont le titre sera tiré de la première phrase\n",
		"Same IDs        1 article kept under a new ID (another source gave the same one)\n  sameid/note~2  (was sameid/note, from " + p("sameid/note.txt") + ")\n",
		"Problems        20: 9 failed, 9 partial, 1 duplicate, 1 skipped\n",
		"  skipped    ../../corpus/ingest/testdata/hostile: 1 file skipped, no articles: 1 not an article by its extension (.pdf)\n",
		"               ../../corpus/ingest/testdata/hostile/other/readme.pdf: not an article by its extension (.pdf)\n",
		"  partial    " + p("jsonl/dump.jsonl") + ":4: invalid JSON: unexpected end of data\n",
		"  partial    " + p("csv/articles.csv") + ":6: 6 fields, the header has 5: the extra ones are ignored\n",
		"  partial    " + p("text/damaged-utf8.txt") + ": read as UTF-8: 1 invalid UTF-8 byte replaced with U+FFFD\n",
		"  failed     " + p("text/binary.txt") + ": not text (binary data)\n",
		"  failed     " + p("text/empty.txt") + ": empty file\n",
		"  failed     " + p("json/broken.json") + ": invalid JSON: invalid character '}' looking for beginning of value (line 2, column 31)\n",
		"  failed     " + p("text/truncated.txt.gz") + ": not a valid gzip file: unexpected EOF\n",
		"  failed     " + p("html/empty-page.html") + ": no article found in the page\n",
		"  duplicate  " + p("dup/original.txt") + ": byte-identical to " + p("dup/copy.txt") + ": loaded once\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("report lacks %q", line)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestCheckJSON(t *testing.T) {
	dir := t.TempDir()
	text := "Titre en plusieurs mots\n\n2019-10-09\n\nTexte.\n"
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte("{\"title\":\"x\"}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := gazette(t, "check", dir, "--json")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d (copies and lost lines are no failure), stderr %q", code, errOut)
	}
	var rep checkReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Articles != 2 || rep.ByFormat["text"] != 1 || rep.ByFormat["jsonl"] != 1 || rep.Dated != 1 || rep.Undated != 1 ||
		len(rep.Problems) != 2 || rep.ByKind["partial"] != 1 || rep.ByKind["duplicate"] != 1 || rep.ByKind["failed"] != 0 ||
		rep.Problems[0].Path != filepath.Join(dir, "c.jsonl")+":2" || rep.Problems[0].Kind != "partial" ||
		rep.Problems[1].Kind != "duplicate" || rep.Problems[1].Of != filepath.Join(dir, "a.txt") {
		t.Errorf("report %+v", rep)
	}
}

func TestCheckNothingLoaded(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := gazette(t, "check", dir)
	if code != 1 || !strings.Contains(out, "failed     "+filepath.Join(dir, "empty.txt")+": empty file") || !strings.Contains(errOut, "1 source failed, 0 articles loaded") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, cmd := range []string{"list", "check"} {
		_, errOut, code := gazette(t, cmd, "--format", "xml", hostileDir)
		if code != 2 || !strings.Contains(errOut, `unknown format "xml" (known: text, markdown, json, jsonl, csv, tsv, html, feed)`) {
			t.Errorf("%s: exit %d, stderr %q", cmd, code, errOut)
		}
	}
	out, _, code := gazette(t, "list", "--format", "ndjson", filepath.Join(hostileDir, "jsonl", "dump.jsonl"))
	if code != 0 || strings.Count(out, "\n") != 5 {
		t.Errorf("--format ndjson: exit %d\n%s", code, out)
	}
}
