package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// gazetteIn runs the command line with stdin as standard input.
func gazetteIn(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	return out.String(), errb.String(), code
}

// TestCorpusFromStdin: "-" reads a corpus from standard input, its
// format from its content, in every command, with other paths too.
func TestCorpusFromStdin(t *testing.T) {
	dump := `{"id":"a","title":"Premier titre du flux","date":"2019-10-09","text":"Un texte sur l'OTAN."}` + "\n" +
		`{"id":"b","title":"Second titre du flux","date":"2020-01-02","text":"Un autre texte."}` + "\n" +
		"pas du JSON\n"
	out, errOut, code := gazetteIn(t, dump, "list", "-")
	want := "2019-10-09        stdin/a  Premier titre du flux\n2020-01-02        stdin/b  Second titre du flux\n"
	if code != 0 || out != want {
		t.Errorf("list -: exit %d\n%s\nwant:\n%s", code, out, want)
	}
	if !strings.HasPrefix(errOut, "gazette: stdin:3: invalid JSON") {
		t.Errorf("list -: stderr %q", errOut)
	}
	if out, _, code := gazetteIn(t, dump, "show", "stdin/b", "-"); code != 0 || !strings.HasPrefix(out, "# Second titre du flux\n") {
		t.Errorf("show stdin/b -: exit %d\n%s", code, out)
	}
	if out, _, code := gazetteIn(t, dump, "search", "otan", "-", "--json"); code != 0 || !strings.Contains(out, `"id": "stdin/a"`) {
		t.Errorf("search otan -: exit %d\n%s", code, out)
	}
	out, _, code = gazetteIn(t, dump, "check", "-")
	if code != 0 || !strings.Contains(out, "Checked standard input\n") || !strings.Contains(out, "Articles        2\n") || !strings.Contains(out, "  partial    stdin:3: invalid JSON") {
		t.Errorf("check -: exit %d\n%s", code, out)
	}
	// Beside a folder.
	if out, _, code := gazetteIn(t, "Un titre de scrape\n\n2019-10-09\n\nLe texte.\n", "list", "-", hostileDir+"/dup"); code != 0 || !strings.Contains(out, "stdin  Un titre de scrape") {
		t.Errorf("list - DIR: exit %d\n%s", code, out)
	}
	if _, errOut, code := gazetteIn(t, "", "list", "-"); code != 1 || !strings.Contains(errOut, "gazette: stdin: empty file") {
		t.Errorf("empty stdin: exit %d, stderr %q", code, errOut)
	}
}

// TestJSONMetadata: the JSON of an article carries its authors and the
// source's other fields, when it has them.
func TestJSONMetadata(t *testing.T) {
	a := &corpus.Article{ID: "x", Title: "T", Authors: []string{"Jeanne Dupont"}, Fields: []corpus.Field{{Name: "cves", Values: []string{"CVE-2024-1"}}}}
	b, err := json.Marshal(articleOf(a, state.Mark{}, false))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); !strings.Contains(got, `"authors":["Jeanne Dupont"]`) || !strings.Contains(got, `"fields":[{"name":"cves","values":["CVE-2024-1"]}]`) {
		t.Errorf("JSON %s", got)
	}
	if b, _ := json.Marshal(articleOf(&corpus.Article{ID: "y"}, state.Mark{}, false)); strings.Contains(string(b), "authors") || strings.Contains(string(b), "fields") {
		t.Errorf("empty metadata shows: %s", b)
	}
}
