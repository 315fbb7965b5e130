package tui

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
)

// advisories is a corpus of undated articles whose titles all start the
// same way, as a feed of security advisories: only the product, past the
// twentieth column, tells them apart.
func advisories(n int) *corpus.Corpus {
	var arts []*corpus.Article
	for i := range n {
		arts = append(arts, article(fmt.Sprintf("avis-%02d", i), fmt.Sprintf("Vulnérabilité dans Produit%02d de l'éditeur permettant une élévation de privilèges", i), 0, 0, 0, "Texte de l'avis."))
	}
	return corpus.New(arts)
}

// timelineLines returns the left pane of each line of a side-by-side
// screen.
func timelineLines(screen string) []string {
	var out []string
	for _, l := range strings.Split(screen, "\n") {
		left, _, _ := strings.Cut(l, "│")
		out = append(out, left)
	}
	return out
}

// TestTimelineWidth: the timeline takes the width its titles need, with
// no date column in an undated corpus, so that titles that start alike
// can be told apart at 100 columns; at 200 the reader keeps its measure
// and the timeline the rest; < and > move the divider, z shows one pane.
func TestTimelineWidth(t *testing.T) {
	m := newSized(t, advisories(20), 100, 30)
	lines := timelineLines(screen(m))
	for i := range 5 {
		want := fmt.Sprintf("Vulnérabilité dans Produit%02d de l'éditeur", i)
		found := false
		for _, l := range lines {
			found = found || strings.HasPrefix(l, "▌"+want) || strings.HasPrefix(l, " "+want)
		}
		if !found {
			t.Errorf("100x30: no row starts %q (no date column, the product shown):\n%s", want, strings.Join(lines, "\n"))
		}
	}

	m = newSized(t, seedCorpus(t), 200, 50)
	tw, rw := m.paneWidths()
	if tw+1+rw != 200 || rw > (maxTextWidth+1) || rw < 90 || tw < 90 {
		t.Errorf("200 columns: timeline %d, reader %d; want the reader up to its measure (%d), the timeline the rest", tw, rw, (maxTextWidth + 1))
	}
	// The seeds' titles show whole.
	if got := screen(m); !strings.Contains(got, "▌2014-09-20 L'OTAN lance son cyberpartenariat avec l'industrie ") ||
		!strings.Contains(got, " 2015-04-21 Le Maroc présent à la prochaine conférence mondiale sur le cyberespace en 2017 au Mexique ") {
		t.Errorf("200x50: titles cut:\n%s", got)
	}

	m = newSized(t, seedCorpus(t), 100, 30)
	tw, _ = m.paneWidths()
	m = steps(t, m, "< < >")
	if w, _ := m.paneWidths(); w != tw-resizeStep {
		t.Errorf("< < > made the timeline %d wide, want %d", w, tw-resizeStep)
	}
	m = steps(t, m, strings.Repeat("< ", 40))
	if w, rw := m.paneWidths(); w != minTimeline || rw != 100-1-minTimeline {
		t.Errorf("< pressed often: timeline %d, reader %d, want %d and the rest", w, rw, minTimeline)
	}
	m = steps(t, m, "> z")
	checkFits(t, m.View().Content, 100, 30)
	if got := screen(m); strings.Contains(got, "│") || !strings.Contains(got, "▌2014-09-20 L'OTAN lance son cyberpartenariat avec l'industrie") {
		t.Errorf("z: want the timeline alone:\n%s", got)
	}
	m = steps(t, m, "enter")
	if got := screen(m); strings.Contains(got, "│") || !strings.Contains(got, "Le 17 septembre 2014, l'OTAN a lancé une initiative destinée à intensifier la") {
		t.Errorf("z then enter: want the reader alone:\n%s", got)
	}
	if m = steps(t, m, "z"); !strings.Contains(screen(m), "│") {
		t.Errorf("z again: want both panes:\n%s", screen(m))
	}
}

// TestSelectionMarks: the selected row and the focused pane are marked
// with characters, so that they read without colour, side by side and
// one pane at a time.
func TestSelectionMarks(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 120, 35), "j")
	lines := strings.Split(screen(m), "\n")
	rowWith := func(s string) string {
		for _, l := range timelineLines(screen(m)) {
			if strings.Contains(l, s) {
				return l
			}
		}
		return ""
	}
	if !strings.HasPrefix(rowWith("Le Maroc présent"), "▌2015-04-21") || !strings.HasPrefix(rowWith("L'OTAN lance"), " 2014-09-20") {
		t.Errorf("the timeline has the focus: want its selected row marked ▌, and only it:\n%s", screen(m))
	}
	if strings.Contains(lines[len(lines)-2], "▌") {
		t.Errorf("the reader's bottom line is marked though it has no focus: %q", lines[len(lines)-2])
	}
	m = steps(t, m, "tab")
	lines = strings.Split(screen(m), "\n")
	if !strings.HasPrefix(rowWith("Le Maroc présent"), "▏2015-04-21") {
		t.Errorf("the reader has the focus: want the timeline's selection marked ▏:\n%s", screen(m))
	}
	if _, reader, _ := strings.Cut(lines[len(lines)-2], "│"); !strings.HasPrefix(reader, "▌ 2 of 5") {
		t.Errorf("the reader has the focus: its bottom line = %q, want it marked ▌", reader)
	}
	// One pane at a time: the selection still shows.
	m = steps(t, newSized(t, c, 80, 24), "j j")
	if got := screen(m); !strings.Contains(got, "\n▌2017-01    Deux semaines") {
		t.Errorf("80x24: the selected row is not marked:\n%s", got)
	}
}

// TestEdges: stepping past the last or first article says so; keys do
// nothing while the terminal is too small but quit.
func TestEdges(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 120, 35), "G tab n")
	if got := screen(m); !strings.Contains(got, "· last article") {
		t.Errorf("n on the last article:\n%s", got)
	}
	if m = steps(t, m, "j"); strings.Contains(screen(m), "last article") {
		t.Error("the message stays after the next key")
	}
	m = steps(t, m, "g esc g tab p")
	if got := screen(m); !strings.Contains(got, "· first article") {
		t.Errorf("p on the first article:\n%s", got)
	}
	m = steps(t, newSized(t, c, 120, 35), tea.WindowSizeMsg{Width: 30, Height: 6}, "? j / x")
	m = steps(t, m, tea.WindowSizeMsg{Width: 120, Height: 35})
	if m.showHelp || m.focus != focusTimeline || m.timeline.cursor != 0 || m.filter.query() != "" {
		t.Errorf("keys acted while the terminal was too small: help %v, focus %d, cursor %d, filter %q", m.showHelp, m.focus, m.timeline.cursor, m.filter.query())
	}
	if _, cmd := steps(t, m, tea.WindowSizeMsg{Width: 30, Height: 6}).Update(press("q")); cmd == nil {
		t.Error("q does not quit while the terminal is too small")
	}
}

// TestHelpLineContrast: the help line's keys and descriptions, and dim
// text, keep a contrast ratio of 4.5 or more (WCAG AA) with a black or a
// white background.
func TestHelpLineContrast(t *testing.T) {
	// The relative luminance of WCAG 2.
	luminance := func(c color.Color) float64 {
		lin := func(v uint32) float64 {
			f := float64(v) / 0xffff
			if f <= 0.04045 {
				return f / 12.92
			}
			return math.Pow((f+0.055)/1.055, 2.4)
		}
		r, g, b, _ := c.RGBA()
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	for _, dark := range []bool{true, false} {
		s := NewStyles(dark)
		var bg color.Color = color.White
		if dark {
			bg = color.Black
		}
		for name, fg := range map[string]color.Color{"key": s.Help.ShortKey.GetForeground(), "description": s.Help.ShortDesc.GetForeground(), "dim": s.Dim.GetForeground(), "status": s.Status.GetForeground()} {
			if fg == nil {
				t.Fatalf("%s: no colour", name)
			}
			l1, l2 := luminance(fg), luminance(bg)
			if ratio := (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05); ratio < 4.5 {
				t.Errorf("dark %v: %s text %v has a contrast of %.1f, want 4.5 or more", dark, name, fg, ratio)
			}
		}
	}
	// And the help line is drawn with them.
	m := newSized(t, seedCorpus(t), 120, 35)
	lines := strings.Split(m.View().Content, "\n")
	if status := lines[len(lines)-1]; !strings.Contains(status, m.styles.Help.ShortDesc.Render("down")) || ansi.Strip(status) == status {
		t.Errorf("the help line is not drawn in the help styles: %q", status)
	}
}
