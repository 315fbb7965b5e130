package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"charm.land/glamour/v2"

	"github.com/gazette-reader/gazette/corpus/corpustest"
)

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
	dir := corpustest.HostileDir(t)
	list, errOut, code := gazette(t, "list", "--json", dir)
	if code != 0 {
		t.Fatalf("list: exit %d, %s", code, errOut)
	}
	var arts []articleObject
	if err := json.Unmarshal([]byte(list), &arts); err != nil {
		t.Fatal(err)
	}
	if len(arts) != corpustest.HostileArticles {
		t.Errorf("%d articles, want %d", len(arts), corpustest.HostileArticles)
	}
	runs := [][]string{
		{"list", dir}, {"list", "--json", dir},
		{"search", "corps", dir}, {"search", "corps", dir, "--json"}, {"search", "titre", dir},
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
			if r := corpustest.FirstUnsafe(s); r >= 0 {
				t.Errorf("%q: %s holds %U", args, what, r)
			}
		}
		if strings.Contains(strings.Join(args, " "), "--json") {
			for _, s := range jsonStrings(t, out) {
				if r := corpustest.FirstUnsafe(s); r >= 0 {
					t.Errorf("%q: decoded JSON holds %U in %q", args, r, s)
				}
			}
		}
		if args[0] == "show" && len(args) == 3 {
			rendered, err := glamour.Render(out, "dark")
			if err != nil {
				t.Fatal(err)
			}
			if r := corpustest.FirstUnsafe(sgr.ReplaceAllString(rendered, "")); r >= 0 {
				t.Errorf("show %s: Glamour output holds %U besides its colours", args[1], r)
			}
		}
	}
}
