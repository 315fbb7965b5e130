package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestHelpText: --help lines end without padding, and the top-level help
// shows the reader's keys and the query language.
func TestHelpText(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"search", "--help"}, {"check", "-h"}} {
		out, _, code := gazette(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		for i, l := range strings.Split(out, "\n") {
			if strings.HasSuffix(l, " ") {
				t.Errorf("%v: line %d ends with spaces: %q", args, i+1, l)
				break
			}
		}
	}
	out, _, _ := gazette(t, "--help")
	for _, want := range []string{"Keys in the reader", "next/previous match", "wider/narrower timeline", "load problems", `"a b"`, "date:2015..2018", `"-" reads one file from standard input`} {
		if !strings.Contains(out, want) {
			t.Errorf("--help lacks %q:\n%s", want, out)
		}
	}
	if out, _, _ := gazette(t, "search", "--help"); !strings.Contains(out, "date:>=2018-07") || !strings.Contains(out, "Exits with status 1 when nothing matches") {
		t.Errorf("search --help lacks the query language or the exit status:\n%s", out)
	}
}

// TestUsageMessages: a missing argument, a bad flag value and a query
// that cannot be read say what is wrong in words, and which --help
// explains it.
func TestUsageMessages(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"show"}, "gazette: show needs the ID of an article (gazette list prints them): gazette show ID [PATH...] [flags]\nTry 'gazette show --help' for usage.\n"},
		{[]string{"search"}, "gazette: search needs a query: gazette search QUERY [PATH...] [flags]\nTry 'gazette search --help' for usage.\n"},
		{[]string{"search", "x", "--limit", "abc"}, "gazette: --limit abc: not a whole number\nTry 'gazette search --help' for usage.\n"},
		{[]string{"list", "--json=maybe"}, "gazette: --json=maybe: not true or false\nTry 'gazette list --help' for usage.\n"},
		{[]string{"search", "date:2019-13"}, "gazette: query \"date:2019-13\": \"2019-13\": no month 13\nTry 'gazette search --help' for usage.\n"},
		{[]string{"list", "--json", "--jsonl"}, "gazette: --json and --jsonl: one or the other\nTry 'gazette list --help' for usage.\n"},
		{[]string{"list", "-", "-"}, `"-" (standard input) given twice`},
	} {
		_, errOut, code := gazette(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("gazette %q: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
		if strings.Contains(errOut, "strconv") || strings.Contains(errOut, "arg(s)") {
			t.Errorf("gazette %q: %q speaks Go", tt.args, errOut)
		}
	}
}

// TestJSONLines: --jsonl prints one JSON object a line, for list and
// search, the same objects as --json.
func TestJSONLines(t *testing.T) {
	for _, args := range [][]string{{"list"}, {"search", "otan"}} {
		arr, _, code := gazette(t, append(args, "--json")...)
		lines, _, code2 := gazette(t, append(args, "--jsonl")...)
		if code != 0 || code2 != 0 {
			t.Fatalf("%v: exit %d, %d", args, code, code2)
		}
		var want []map[string]any
		if err := json.Unmarshal([]byte(arr), &want); err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSuffix(lines, "\n"), "\n")
		if len(got) != len(want) || len(got) < 2 {
			t.Fatalf("%v --jsonl: %d lines, --json %d objects", args, len(got), len(want))
		}
		for i, l := range got {
			var o map[string]any
			if err := json.Unmarshal([]byte(l), &o); err != nil || o["id"] != want[i]["id"] || o["title"] != want[i]["title"] {
				t.Errorf("%v --jsonl line %d: %q (%v), want %v", args, i+1, l, err, want[i]["id"])
			}
		}
	}
}
