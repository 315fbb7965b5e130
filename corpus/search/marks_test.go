package search_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/gazette-reader/gazette/corpus/search"
)

// readerMarks are marks made by hand for the tests: the state store's
// table is the real one (corpus/state), tested with the command line.
type readerMarks struct {
	read, starred map[int]bool
	tags          map[int][]string
	notes         map[int]string
}

func (m readerMarks) Read(i int) bool     { return m.read[i] }
func (m readerMarks) Starred(i int) bool  { return m.starred[i] }
func (m readerMarks) Tags(i int) []string { return m.tags[i] }
func (m readerMarks) Note(i int) string   { return m.notes[i] }
func (m readerMarks) Noted(fn func(i int32, note string) bool) {
	for i, n := range m.notes {
		if !fn(int32(i), n) {
			return
		}
	}
}

// TestMarkTerms: each term about marks, alone, negated, with words and
// with the source's tags; they need marks, and say what they take.
func TestMarkTerms(t *testing.T) {
	c := made(
		art("a", 2014, "OTAN et cyberdéfense", "Un accord sur la cyberdéfense."),
		art("b", 2015, "Le Maroc et le cyberespace", "Une conférence mondiale."),
		art("c", 2016, "Le Japon et l'OTAN", "Un dialogue."),
		art("d", 2017, "Rien à voir", "Autre chose."),
	)
	c.At(3).Tags = []string{"Suivi"} // the source's own tag
	idx := func(id string) int {
		for i := range c.Len() {
			if c.At(i).ID == id {
				return i
			}
		}
		t.Fatalf("no %s", id)
		return -1
	}
	m := readerMarks{
		read:    map[int]bool{idx("a"): true, idx("c"): true},
		starred: map[int]bool{idx("c"): true},
		tags:    map[int][]string{idx("b"): {"suivi", "à-lire"}, idx("c"): {"x"}},
		notes:   map[int]string{idx("a"): "Relire le passage sur l'accord", idx("b"): "conférence de Mexico"},
	}
	for q, want := range map[string][]string{
		"is:read":                {"a", "c"},
		"is:unread":              {"b", "d"},
		"-is:read":               {"b", "d"},
		"is:starred":             {"c"},
		"is:starred otan":        {"c"},
		"is:unread cyber":        {"b"},
		"is:read OR is:starred":  {"a", "c"},
		"tag:x":                  {"c"},
		"tag:suivi":              {"b", "d"}, // the reader's and the source's
		"tag:à-lire":             {"b"},
		"tag:a-lire":             {"b"},
		"tag:su":                 {"b", "d"},
		"has:note":               {"a", "b"},
		"has:tag":                {"b", "c"},
		"note:relire":            {"a"},
		"note:accor":             {"a"},
		`note:"conférence de"`:   {"b"},
		"note:mexico otan":       nil,
		"is:starred tag:x otan":  {"c"},
		"-tag:suivi -is:starred": {"a"},
	} {
		r, err := c.FindMarked(context.Background(), q, nil, m)
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		got := hitIDs(c, r.Hits())
		slices.Sort(got)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: found %v, want %v", q, got, want)
		}
	}
	for q, want := range map[string]string{
		"is:closed": "want is:read, is:unread or is:starred",
		"has:pdf":   "want has:note or has:tag",
	} {
		_, err := c.FindMarked(context.Background(), q, nil, m)
		var qe *search.QueryError
		if !errors.As(err, &qe) || qe.Msg != q+": "+want {
			t.Errorf("%s: error %v, want %q", q, err, want)
		}
	}
	// Without marks (no store), a term about them says so; tag: still
	// finds the source's tags.
	if _, err := c.Find(context.Background(), "is:starred", nil); err == nil {
		t.Error("is:starred without marks: no error")
	}
	if got := found(t, c, "tag:suivi"); fmt.Sprint(got) != "[d]" {
		t.Errorf("tag:suivi without marks: %v", got)
	}
	for q, want := range map[string]bool{"otan": false, "is:read": true, "otan (x OR tag:y)": true, "title:x": false, "-note:x": true} {
		if p, err := search.Parse(q); err != nil || p.UsesMarks() != want {
			t.Errorf("Parse(%q).UsesMarks() = %v, %v", q, !want, err)
		}
	}
}

// TestMarkTermsDoNotNarrowOtherMarks: results found with other marks are
// not narrowed: a star given since counts.
func TestMarkTermsDoNotNarrowOtherMarks(t *testing.T) {
	c := made(art("a", 2014, "otan un"), art("b", 2015, "otan deux"))
	before := readerMarks{starred: map[int]bool{0: true}}
	after := readerMarks{starred: map[int]bool{0: true, 1: true}}
	r, err := c.FindMarked(context.Background(), "is:starred", nil, before)
	if err != nil || r.Len() != 1 {
		t.Fatalf("is:starred: %v, %v", r, err)
	}
	r, err = c.FindMarked(context.Background(), "is:starred otan", r, after)
	if err != nil || r.Len() != 2 {
		t.Fatalf("is:starred otan with a new star: %d hits, %v; want 2", r.Len(), err)
	}
}
