package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// searchIDs returns the IDs of the hit lines of "gazette search" output
// (the lines that are not snippets), in the order printed.
func searchIDs(out string) []string {
	var ids []string
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if line == "" || strings.HasPrefix(line, " ") {
			continue
		}
		if f := strings.Fields(line); len(f) >= 3 {
			// The date takes one or two fields; the ID is the first that
			// holds an underscore.
			for _, w := range f {
				if strings.Contains(w, "_") {
					ids = append(ids, w)
					break
				}
			}
		}
	}
	return ids
}

func TestSearchSeedsCLI(t *testing.T) {
	tests := []struct {
		query string
		want  []string
	}{
		{"cyberdefense", []string{"002_3932c6dfc2111cbf", "004_a37cb0af5b3f89bb"}},
		{"otan japon", []string{"002_3932c6dfc2111cbf"}},
		{"title:maroc", []string{"003_a617ba8cd3b3f892"}},
		{"year:2017", []string{"000_4c5db0ae9efe47db"}},
	}
	for _, tt := range tests {
		out, errOut, code := gazette(t, "search", tt.query)
		if code != 0 || errOut != "" {
			t.Fatalf("search %q: exit %d, stderr %q", tt.query, code, errOut)
		}
		got := searchIDs(out)
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("search %q printed %v, want %v:\n%s", tt.query, got, tt.want, out)
		}
	}
}

func TestSearchPrintsSnippet(t *testing.T) {
	out, _, code := gazette(t, "search", "otan japon")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := `2019-10-09        002_3932c6dfc2111cbf  L’OTAN et le Japon intensifient leur dialogue dans le domaine de la cyberdéfense
                  Cette semaine, l’OTAN et le Japon ont eu des entretiens de travail sur la cyberdéfense, afin d’examiner l’évolution des politiques en la matière et les cybermenaces actuelles.
`
	if out != want {
		t.Errorf("gazette search 'otan japon':\n%s\nwant:\n%s", out, want)
	}
}

func TestSearchJSONAndLimit(t *testing.T) {
	out, errOut, code := gazette(t, "search", "cyberdefense", "--json", "--limit", "1")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var hits []map[string]any
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, out)
	}
	if len(hits) != 1 {
		t.Fatalf("--limit 1 printed %d hits", len(hits))
	}
	h := hits[0]
	if h["id"] != "002_3932c6dfc2111cbf" {
		t.Errorf("best hit for cyberdefense = %v, want 002 (the word is in its title)", h["id"])
	}
	if score, ok := h["score"].(float64); !ok || score <= 0 {
		t.Errorf("score = %v, want a positive number", h["score"])
	}
	if s, _ := h["snippet"].(string); !strings.Contains(s, "cyberdéfense") {
		t.Errorf("snippet %q does not hold the match", s)
	}
	for _, k := range []string{"title", "date", "precision", "words", "source"} {
		if _, ok := h[k]; !ok {
			t.Errorf("hit has no %q field", k)
		}
	}
	// Where it matched: byte offsets into the title and the snippet, and
	// the text there.
	for _, k := range []string{"title", "snippet"} {
		ms, _ := h[k+"_matches"].([]any)
		if len(ms) == 0 {
			t.Errorf("hit has no %s_matches: %v", k, h[k+"_matches"])
		}
		text := h[k].(string)
		for _, m := range ms {
			o := m.(map[string]any)
			start, end := int(o["start"].(float64)), int(o["end"].(float64))
			if text[start:end] != o["text"] || o["text"] != "cyberdéfense" {
				t.Errorf("%s match %v: the text there is %q", k, o, text[start:end])
			}
		}
	}
}

// TestSearchNoHit: as grep, a search that finds nothing prints nothing
// and exits 1.
func TestSearchNoHit(t *testing.T) {
	out, errOut, code := gazette(t, "search", "zzzqqq")
	if code != 1 || out != "" || errOut != "" {
		t.Errorf("no hit: exit %d, stdout %q, stderr %q; want 1 and nothing printed", code, out, errOut)
	}
	out, _, code = gazette(t, "search", "zzzqqq", "--json")
	if strings.TrimSpace(out) != "[]" || code != 1 {
		t.Errorf("no hit with --json printed %q, exit %d; want [] and 1", out, code)
	}
	if _, _, code = gazette(t, "search", "otan"); code != 0 {
		t.Errorf("hits: exit %d", code)
	}
}

func TestSearchBadQuery(t *testing.T) {
	for _, q := range []string{"date:2019-13", "title:", "tit:blair", "++"} {
		out, errOut, code := gazette(t, "search", q)
		if code != exitUsage || out != "" {
			t.Errorf("search %q: exit %d, stdout %q; want exit 2 and nothing on stdout", q, code, out)
		}
		if !strings.HasPrefix(errOut, "gazette: query ") {
			t.Errorf("search %q: stderr %q does not explain the query error", q, errOut)
		}
	}
}

func TestSearchExclusionAfterDoubleDash(t *testing.T) {
	out, errOut, code := gazette(t, "search", "--", "-otan cyberespace")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if got := searchIDs(out); strings.Join(got, " ") != "003_a617ba8cd3b3f892" {
		t.Errorf("-otan cyberespace printed %v, want 003 only", got)
	}
}
