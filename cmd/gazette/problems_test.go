package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// TestProblemsGroupedByKind: many problems of a kind get one line on
// stderr, with the count and the first; a few are printed each; --quiet
// prints none; check lists every one with its kind, the same words.
func TestProblemsGroupedByKind(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text := "Un titre d'article\n\n2019-10-09\n\nDu texte.\n"
	write("a.txt", text)
	for _, n := range []string{"b", "c", "d", "e", "f"} {
		write(n+".txt", text)
	}
	write("empty.txt", "")
	out, errOut, code := gazette(t, "list", dir)
	if code != 0 || !strings.Contains(out, "Un titre d'article") {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	// The kinds come most serious first.
	want := "gazette: " + filepath.Join(dir, "empty.txt") + ": empty file\n" +
		"gazette: 5 duplicate (byte-identical copies, loaded once), the first " + filepath.Join(dir, "b.txt") + ": byte-identical to " + filepath.Join(dir, "a.txt") + ": loaded once; gazette check lists them\n"
	if errOut != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
	for _, q := range []string{"--quiet", "-q"} {
		if _, errOut, code := gazette(t, "list", q, dir); code != 0 || errOut != "" {
			t.Errorf("%s: exit %d, stderr %q", q, code, errOut)
		}
	}
	out, _, code = gazette(t, "check", dir)
	if code != 1 {
		t.Errorf("check: exit %d, want 1 (a source failed)", code)
	}
	for _, line := range []string{
		"Problems        6: 1 failed, 0 partial, 5 duplicate, 0 skipped\n",
		"  failed     " + filepath.Join(dir, "empty.txt") + ": empty file\n",
		"  duplicate  " + filepath.Join(dir, "f.txt") + ": byte-identical to " + filepath.Join(dir, "a.txt") + ": loaded once\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("check lacks %q:\n%s", line, out)
		}
	}
	if strings.Contains(out, "Duplicates") {
		t.Errorf("check calls duplicates by another name:\n%s", out)
	}
}

// TestFileNamesCannotForgeLines: a file name that holds a newline and an
// escape sequence prints on one line, escaped, on stderr and in check.
func TestFileNamesCannotForgeLines(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Un bon titre d'article\n\n2019-10-09\n\nDu texte.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	evil := "evil\ngazette: forged.txt: fake problem\x1b[31m\x1b]0;title\a.txt"
	if err := os.WriteFile(filepath.Join(dir, evil), nil, 0o644); err != nil {
		t.Skipf("the file system refuses the name: %v", err)
	}
	_, errOut, code := gazette(t, "list", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n"); len(lines) != 1 || !strings.Contains(lines[0], `evil\ngazette: forged.txt: fake problem`) || !strings.HasSuffix(lines[0], ": empty file") {
		t.Errorf("stderr is not one escaped line: %q", errOut)
	}
	out, _, _ := gazette(t, "check", dir)
	var problems []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  failed") || strings.HasPrefix(l, "gazette:") {
			problems = append(problems, l)
		}
	}
	if len(problems) != 1 || !strings.Contains(problems[0], `evil\ngazette: forged.txt`) {
		t.Errorf("check: problem lines %q:\n%s", problems, out)
	}
	for _, s := range []string{errOut, out} {
		if strings.ContainsAny(s, "\x1b\a") {
			t.Errorf("an escape sequence got through: %q", s)
		}
	}
}

// TestReaderProblemsOrder: the reader lists the most serious kinds first.
func TestReaderProblemsOrder(t *testing.T) {
	list := readerProblems([]ingest.Problem{
		{Path: "a", Reason: "copy", Duplicate: "b"}, {Path: "c", Reason: "bad line", Partial: true}, {Path: "d", Reason: "empty file"},
	})
	var got []string
	for _, p := range list {
		got = append(got, p.Kind()+" "+p.Line())
	}
	if want := "failed d: empty file|partial c: bad line|duplicate a: copy"; strings.Join(got, "|") != want {
		t.Errorf("order %q, want %q", strings.Join(got, "|"), want)
	}
}
