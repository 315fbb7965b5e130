package tui

import (
	"strings"
	"testing"
)

// TestFilterSaysWhatTheQueryWasWidenedTo: a misspelt term finds the word
// it stands for, and the filter line says so, as a search engine's
// "showing results for"; a query found as typed says nothing.
func TestFilterSaysWhatTheQueryWasWidenedTo(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 120, 35), append([]any{"/"}, typed("cyberdefnse")...)...)
	got := screen(m)
	if !strings.Contains(got, "/cyberdefnse  + cyberdéfense") || !strings.Contains(got, "2 of 5 articles") {
		t.Fatalf("a misspelt term does not say what it found:\n%s", got)
	}
	m = steps(t, m, append([]any{"esc", "/"}, typed("cyberdefense")...)...)
	if got := screen(m); strings.Contains(got, "+ cyber") || !strings.Contains(got, "2 of 5 articles") {
		t.Errorf("a term found as typed still has a note:\n%s", got)
	}
}
