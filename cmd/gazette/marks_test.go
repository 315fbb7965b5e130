package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// listed returns the objects of list --json, by ID.
func listed(t *testing.T, args ...string) map[string]map[string]any {
	t.Helper()
	out, errOut, code := gazette(t, append([]string{"list", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("list --json: exit %d: %s", code, errOut)
	}
	var objs []map[string]any
	if err := json.Unmarshal([]byte(out), &objs); err != nil {
		t.Fatalf("list --json: %v", err)
	}
	byID := map[string]map[string]any{}
	for _, o := range objs {
		byID[o["id"].(string)] = o
	}
	return byID
}

// TestMarkThenList: gazette mark, then list --json shows the marks; a
// second change adds to the first; an unknown ID changes nothing.
func TestMarkThenList(t *testing.T) {
	st := "--state=" + filepath.Join(t.TempDir(), "state.db")
	if _, errOut, code := gazette(t, "mark", seed004, "004_a37cb0af5b3f89bb", "--star", "--tag", "OTAN", "--tag", "à-lire", st); code != 0 {
		t.Fatalf("mark: exit %d: %s", code, errOut)
	}
	if _, errOut, code := gazette(t, "mark", seed002, "--read", "--note", "relire la fin\nsur l'OTAN", st); code != 0 {
		t.Fatalf("mark: exit %d: %s", code, errOut)
	}
	if _, _, code := gazette(t, "mark", seed004, "--read", "--untag", "à-lire", st); code != 0 {
		t.Fatalf("mark: exit %d", code)
	}
	got := listed(t, st)
	a, b, c := got[seed004], got[seed002], got[seed003]
	if a["read"] != true || a["starred"] != true || strings.Join(str(a["own_tags"]), ",") != "otan" || a["note"] != "" {
		t.Errorf("%s: %v", seed004, a)
	}
	if b["read"] != true || b["starred"] != false || b["note"] != "relire la fin\nsur l'OTAN" {
		t.Errorf("%s: %v", seed002, b)
	}
	if c["read"] != false || c["starred"] != false || len(str(c["own_tags"])) != 0 {
		t.Errorf("%s has marks: %v", seed003, c)
	}
	out, _, _ := gazette(t, "list", st)
	if !strings.Contains(out, "L'OTAN lance son cyberpartenariat avec l'industrie  (read, starred, tags otan)") {
		t.Errorf("list does not show the marks:\n%s", out)
	}
	if _, errOut, code := gazette(t, "mark", seed003, "nosuch", "--star", st); code != 1 || !strings.Contains(errOut, `no article "nosuch"`) {
		t.Errorf("an unknown ID: exit %d, %q", code, errOut)
	}
	if listed(t, st)[seed003]["starred"] != false {
		t.Error("a mark with an unknown ID changed the known one")
	}
	for _, bad := range [][]string{{"mark", seed003}, {"mark", seed003, "--read", "--unread"}, {"mark", seed003, "--tag", "two words"}, {"mark", seed003, "--star", "--no-state"}} {
		if _, _, code := gazette(t, append(bad, st)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func str(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

const (
	seed004 = "004_a37cb0af5b3f89bb"
	seed003 = "003_a617ba8cd3b3f892"
	seed002 = "002_3932c6dfc2111cbf"
)

// TestExportCSVWithMarks: gazette export 'otan' --format csv on the seeds
// gives two rows with their marks.
func TestExportCSVWithMarks(t *testing.T) {
	st := "--state=" + filepath.Join(t.TempDir(), "state.db")
	gazette(t, "mark", seed002, "--star", "--tag", "x", "--note", "=cmd|' /C calc'!A0", st)
	out, errOut, code := gazette(t, "export", "otan", "--format", "csv", st)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want a header and two:\n%s", len(rows), out)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if rows[1][col["id"]] != seed004 || rows[2][col["id"]] != seed002 {
		t.Errorf("rows %q, %q", rows[1][col["id"]], rows[2][col["id"]])
	}
	if r := rows[2]; r[col["starred"]] != "true" || r[col["read"]] != "false" || r[col["own_tags"]] != "x" || r[col["note"]] != "'=cmd|' /C calc'!A0" {
		t.Errorf("the marked row: %q", r)
	}
	if r := rows[1]; r[col["starred"]] != "false" || r[col["own_tags"]] != "" {
		t.Errorf("the other row: %q", r)
	}
	// The other formats, to a file.
	dir := t.TempDir()
	for _, f := range []string{"out.jsonl", "out.md", "out.txt"} {
		if _, errOut, code := gazette(t, "export", "is:starred", "-o", filepath.Join(dir, f), st); code != 0 {
			t.Fatalf("export -o %s: exit %d: %s", f, code, errOut)
		}
		b, _ := os.ReadFile(filepath.Join(dir, f))
		if !strings.Contains(string(b), "Japon") || strings.Contains(string(b), "cyberpartenariat") {
			t.Errorf("%s: not the one starred article:\n%.300s", f, b)
		}
	}
}

// TestMarksSurviveMovingTheCorpus: marks made on a folder are there when
// the folder is moved and renamed, its files renamed too; search finds
// them with the terms about marks.
func TestMarksSurviveMovingTheCorpus(t *testing.T) {
	st := "--state=" + filepath.Join(t.TempDir(), "state.db")
	dir := filepath.Join(t.TempDir(), "news")
	arts, err := corpustest.WriteDir(dir, 20, 7)
	if err != nil {
		t.Fatal(err)
	}
	first := listed(t, dir, st)
	var id string
	for k := range first {
		id = k
		break
	}
	title := first[id]["title"]
	if _, errOut, code := gazette(t, "mark", id, dir, "--star", "--tag", "suivi", "--note", "à voir", st); code != 0 {
		t.Fatalf("mark: exit %d: %s", code, errOut)
	}
	moved := filepath.Join(t.TempDir(), "archive", "old-news")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	// Every file renamed: the IDs change, the articles do not.
	filepath.WalkDir(moved, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Rename(p, filepath.Join(filepath.Dir(p), "renamed-"+filepath.Base(p)))
		}
		return nil
	})
	var found map[string]any
	for _, o := range listed(t, moved, st) {
		if o["title"] == title {
			found = o
		}
	}
	if found == nil || found["starred"] != true || found["note"] != "à voir" || strings.Join(str(found["own_tags"]), ",") != "suivi" {
		t.Fatalf("after the move, %q has %v (of %d articles)", title, found, len(arts))
	}
	out, errOut, code := gazette(t, "search", "is:starred tag:suivi", moved, "--json", st)
	if code != 0 || !strings.Contains(out, `"starred": true`) || strings.Count(out, `"id"`) != 1 {
		t.Errorf("search is:starred tag:suivi: exit %d, %s\n%s", code, errOut, out)
	}
}

// TestBrokenStore: a store that is not one, or of a newer gazette, is one
// line on stderr naming the file and the reason; the command goes on
// without marks.
func TestBrokenStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	os.WriteFile(path, []byte(strings.Repeat("garbage\x1b[31m\n", 500)), 0o600)
	out, errOut, code := gazette(t, "list", "--state", path)
	if code != 0 || strings.Count(out, "\n") != 5 {
		t.Errorf("list with a broken store: exit %d\n%s", code, out)
	}
	want := "gazette: " + path + ": not a gazette state store (not an SQLite database); marks not shown\n"
	if errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	if _, errOut, code := gazette(t, "mark", seed003, "--star", "--state", path); code != 1 || !strings.Contains(errOut, path+": not a gazette state store") {
		t.Errorf("mark with a broken store: exit %d, %q", code, errOut)
	}
}
