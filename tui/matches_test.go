package tui

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// lineWith returns the first line of the raw view that holds s once
// colours are stripped.
func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(ansi.Strip(l), s) {
			return l
		}
	}
	return ""
}

func TestSnippetUnderTitle(t *testing.T) {
	c := seedCorpus(t)
	for _, size := range [][2]int{{120, 35}, {80, 24}, {60, 20}} {
		m := steps(t, newSized(t, c, size[0], size[1]), append([]any{"/"}, typed("otan")...)...)
		view := m.View().Content
		checkFits(t, view, size[0], size[1])
		got := screen(m)
		lines := strings.Split(got, "\n")
		// The snippet is on the line under the title, under the title.
		i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "L’OTAN et le Japon") })
		if i < 0 || i+1 >= len(lines) || !strings.HasPrefix(strings.TrimLeft(lines[i+1], " "), "Cette semaine, l’OTAN") {
			t.Fatalf("%v: no snippet under the title:\n%s", size, got)
		}
		snip, _, _ := strings.Cut(lines[i+1], "│")
		if !strings.HasSuffix(strings.TrimRight(snip, " "), "…") {
			t.Errorf("%v: the snippet is not cut with an ellipsis: %q", size, lines[i+1])
		}
		// The match in the snippet is highlighted.
		if l := lineWith(view, "Cette semaine"); !regexp.MustCompile(`\x1b\[[0-9;:]*mO`).MatchString(l) {
			t.Errorf("%v: the match in the snippet is not highlighted: %q", size, l)
		}
	}
	// Without a filter, no snippet.
	m := steps(t, newSized(t, c, 120, 35), append(append([]any{"/"}, typed("otan")...), "esc")...)
	if strings.Contains(screen(m), "Cette semaine, l’OTAN et le") && strings.Count(screen(m), "Cette semaine") > 1 {
		t.Errorf("snippets stay after the filter is cleared:\n%s", screen(m))
	}
}

func TestMatchJumps(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 80, 24), append(append([]any{"/"}, typed("otan")...), "enter", "enter")...)
	k := len(m.reader.marks)
	if k < 3 || !strings.Contains(screen(m), "1 of 2 · "+strconv.Itoa(k)+" matches") {
		t.Fatalf("the reader does not count the matches (%d):\n%s", k, screen(m))
	}
	visible := func(m Model) bool {
		line := m.reader.marks[m.reader.match].line
		return line >= m.reader.vp.YOffset() && line < m.reader.vp.YOffset()+m.reader.vp.Height()
	}
	for i := 1; i <= k; i++ {
		m = steps(t, m, "n")
		if !strings.Contains(screen(m), "match "+strconv.Itoa(i)+" of "+strconv.Itoa(k)) || !visible(m) {
			t.Fatalf("after %d n: match %d, offset %d, marks %v:\n%s", i, m.reader.match, m.reader.vp.YOffset(), m.reader.marks, screen(m))
		}
	}
	// Round the end, and back.
	m = steps(t, m, "n")
	if !strings.Contains(screen(m), "match 1 of "+strconv.Itoa(k)) || m.reader.vp.YOffset() != 0 && !visible(m) {
		t.Errorf("n past the last match:\n%s", screen(m))
	}
	m = steps(t, m, "N")
	if !strings.Contains(screen(m), "match "+strconv.Itoa(k)+" of "+strconv.Itoa(k)) || !visible(m) {
		t.Errorf("N before the first match:\n%s", screen(m))
	}
	// ] steps articles while filtering; p and [ step back.
	m = steps(t, m, "]")
	if a, _ := m.timeline.selected(); c.At(a).ID != "002_3932c6dfc2111cbf" || !strings.Contains(screen(m), "2 of 2 · ") {
		t.Errorf("] stepped to %s:\n%s", c.At(a).ID, screen(m))
	}
	if regexp.MustCompile(`match \d+ of`).MatchString(screen(m)) {
		t.Errorf("the match position stayed on another article:\n%s", screen(m))
	}
	m = steps(t, m, "p")
	if a, _ := m.timeline.selected(); c.At(a).ID != "004_a37cb0af5b3f89bb" {
		t.Errorf("p stepped to %s", c.At(a).ID)
	}
	// Without a filter, n steps articles again.
	m = steps(t, newSized(t, c, 120, 35), "tab n")
	if a, _ := m.timeline.selected(); c.At(a).ID != "003_a617ba8cd3b3f892" || strings.Contains(screen(m), "match") {
		t.Errorf("n without a filter went to %s:\n%s", c.At(a).ID, screen(m))
	}
}

func TestHelpLinesByMode(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 120, 35), append([]any{"/"}, typed("otan")...)...)
	if got := screen(m); !strings.Contains(got, `"a b" phrase`) && !strings.Contains(got, `"a b"`) {
		t.Errorf("the filter's help line lacks the query language:\n%s", got)
	}
	m = steps(t, m, "enter tab")
	status := lineWith(screen(m), "articles · filter otan")
	for _, want := range []string{"n/N next/prev match", "] next article"} {
		if !strings.Contains(status, want) {
			t.Errorf("reader with a filter: help line lacks %q: %q", want, status)
		}
	}
	m = steps(t, newSized(t, c, 120, 35), "tab")
	if status := lineWith(screen(m), "5 of 5 articles"); !strings.Contains(status, "n/] next article") || strings.Contains(status, "match") {
		t.Errorf("reader without a filter: %q", status)
	}
}

func TestHelpSmall(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 120, 35), "?")
	if got := screen(m); !strings.Contains(got, "next/previous match") || !strings.Contains(got, "date:2015..2018") || strings.Contains(got, "scroll") {
		t.Errorf("120x35: the help does not fit:\n%s", got)
	}
	// At 80x24 it scrolls, from the moving keys to the query language.
	m = steps(t, newSized(t, c, 80, 24), "?")
	checkFits(t, m.View().Content, 80, 24)
	if got := screen(m); !strings.Contains(got, "next/previous match") || !strings.Contains(got, "j/k to scroll") {
		t.Errorf("80x24 help:\n%s", got)
	}
	if got := screen(steps(t, m, "G")); !strings.Contains(got, "date:2015..2018") || !strings.Contains(got, "read/unread, star") {
		t.Errorf("80x24 help scrolled to the end:\n%s", got)
	}
	m = steps(t, newSized(t, c, 60, 20), "?")
	checkFits(t, m.View().Content, 60, 20)
	if got := screen(m); !strings.Contains(got, "j/k to scroll") || !strings.Contains(got, "Move") || strings.Contains(got, "date:2015..2018") {
		t.Fatalf("60x20 help:\n%s", got)
	}
	m = steps(t, m, "G")
	checkFits(t, m.View().Content, 60, 20)
	if got := screen(m); !strings.Contains(got, "Filter") || !strings.Contains(got, "date:2015..2018") {
		t.Errorf("60x20 help scrolled to the end:\n%s", got)
	}
	if m = steps(t, m, "esc"); m.showHelp {
		t.Error("esc did not close the help")
	}
	// q closes the help, as the help says, and does not quit.
	m = steps(t, m, "?")
	next, cmd := m.Update(press("q"))
	if next.(Model).showHelp || cmd != nil {
		t.Error("q in the help did not close it, or quit")
	}
}
