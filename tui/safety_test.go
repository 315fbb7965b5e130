package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// TestTerminalSafetyReader opens the reader on a corpus that carries every
// hostile sequence in every format (corpustest.WriteHostile) and walks
// through every article, in the timeline and in the reader pane (rendered
// by Glamour), with and without a filter: once the reader's own colour
// sequences are taken out, no screen holds a control character.
func TestTerminalSafetyReader(t *testing.T) {
	c, _ := corpustest.LoadHostile(t)
	sgr := regexp.MustCompile("\x1b\\[[0-9;:]*m")
	m := newSized(t, c, 120, 35)
	screens, bodies := 0, 0
	check := func(what string) {
		t.Helper()
		screens++
		content := m.View().Content
		plain := ansi.Strip(content)
		if strings.Contains(plain, "Corps") || strings.Contains(plain, "JSON ") {
			bodies++ // the reader shows an article's text
		}
		if !strings.Contains(plain, "Titre") {
			t.Fatalf("%s: the screen shows no article:\n%s", what, plain)
		}
		if r := corpustest.FirstUnsafe(sgr.ReplaceAllString(content, "")); r >= 0 {
			t.Errorf("%s: the screen holds %U besides the reader's colours:\n%q", what, r, content)
		}
	}
	check("start")
	for i := range c.Len() {
		m = steps(t, m, "j")
		check(fmt.Sprintf("article %d", i+2))
	}
	m = steps(t, m, append(append([]any{"/"}, typed("corps")...), "enter")...)
	check("filtered")
	m = steps(t, m, "g tab G")
	check("reader scrolled")
	m = steps(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	check("narrow")
	if screens != c.Len()+4 || bodies == 0 {
		t.Errorf("checked %d screens, %d with an article's text", screens, bodies)
	}
}
