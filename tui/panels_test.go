package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
)

// TestPanelsFitSmallScreens: every view draws within the screen, down to
// the smallest one drawn.
func TestPanelsFitSmallScreens(t *testing.T) {
	c := seedCorpus(t)
	for _, size := range []tea.WindowSizeMsg{{Width: 40, Height: 8}, {Width: 44, Height: 12}, {Width: 60, Height: 20}} {
		for _, keys := range []string{"K", "C", "C s", "F", "F j"} {
			m := steps(t, newSized(t, c, size.Width, size.Height), append(append([]any{"/"}, typed("otan")...), "enter "+keys)...)
			checkFits(t, m.View().Content, size.Width, size.Height)
		}
	}
}

// TestChartReadsWithoutColour: the queries' bars differ by their fill,
// so that the chart reads with NO_COLOR.
func TestChartReadsWithoutColour(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 100, 30), append(append([]any{"/"}, typed("cyber")...), "enter C a")...)
	m = steps(t, m, append(typed("otan"), "enter a")...)
	m = steps(t, m, append(typed("maroc"), "enter")...)
	got := screen(m)
	for _, want := range []string{"█ cyber (5)", "▓ otan (2)", "░ maroc (1)"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in the legend:\n%s", want, got)
		}
	}
	// 2015 holds a cyber hit and the maroc one, not otan: its bars are
	// the first and the third fill.
	if !strings.Contains(got, "████    ░░░░") {
		t.Errorf("2015's bars are not told apart by their fill:\n%s", got)
	}
	m = steps(t, m, "d")
	if got := screen(m); strings.Contains(got, "maroc") {
		t.Errorf("d did not drop the last query:\n%s", got)
	}
}

// TestKWICOpensTitleAtTop: a match in the title opens the article at its
// top; esc closes the view without moving.
func TestKWICOpensTitleAtTop(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 100, 30), append(append([]any{"/"}, typed("japon")...), "enter K")...)
	if l, ok := m.kwic.current(); !ok || l.Para != -1 {
		t.Fatalf("first line %+v, want the title's match", l)
	}
	m = steps(t, m, "enter")
	if m.panel != panelNone || m.focus != focusReader || m.reader.vp.YOffset() != 0 {
		t.Errorf("panel %d, focus %d, offset %d: want the reader at the top", m.panel, m.focus, m.reader.vp.YOffset())
	}
	m = steps(t, m, "tab K esc")
	if m.panel != panelNone {
		t.Errorf("esc left the view open")
	}
}

// TestKWICNeedsFilter: without a filter the key says what it needs.
func TestKWICNeedsFilter(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 100, 30), "K")
	if m.panel != panelNone || !strings.Contains(screen(m), "keyword in context needs a filter (/)") {
		t.Errorf("K without a filter:\n%s", screen(m))
	}
}

// TestKWICHostileText: the concordance of a text holding escapes and
// wide characters shows none of the escapes, and its match column holds.
func TestKWICHostileText(t *testing.T) {
	c := corpus.New([]*corpus.Article{
		{ID: "a", Title: "网络 title", Date: corpus.NewDate(2020, 1, 1, 0, 0, corpus.PrecisionDay),
			Paragraphs: []string{"北约与日本加强网络防御对话 网络 est là", "avant\x1b[31m rouge\u202e網 网络 après\x07 fin"}},
	})
	m := steps(t, newSized(t, c, 80, 20), append(append([]any{"/"}, typed("网络")...), "enter K")...)
	view := m.View().Content
	for _, bad := range []string{"\x07", "\u202e", "\x1b[31m rouge"} {
		if strings.Contains(view, bad) {
			t.Errorf("the view holds %q", bad)
		}
	}
	col := -1
	for _, line := range strings.Split(screen(m), "\n")[1:] {
		i := strings.Index(line, "网络 ")
		if i < 0 || !strings.HasPrefix(line, "▌") && !strings.HasPrefix(line, " 2020") {
			continue
		}
		w := ansi.StringWidth(line[:i])
		if col >= 0 && w != col {
			t.Errorf("match at column %d, want %d: %q", w, col, line)
		}
		col = w
	}
	if col < 0 {
		t.Errorf("no occurrence shown:\n%s", screen(m))
	}
}

// TestKWICMoves: the moving keys move the cursor over the lines, G to
// the last, g back to the first.
func TestKWICMoves(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 100, 30), append(append([]any{"/"}, typed("cyberdéfense")...), "enter K G")...)
	if m.kwic.cursor != 8 {
		t.Errorf("G: cursor on line %d, want 8 (the last of 9)", m.kwic.cursor)
	}
	if l, _ := m.kwic.current(); !strings.Contains(l.Left, "acteurs de la") {
		t.Errorf("last line %q", l.Left)
	}
	m = steps(t, m, "g j")
	if m.kwic.cursor != 1 {
		t.Errorf("g j: cursor on line %d, want 1", m.kwic.cursor)
	}
}

// TestKWICSortBounded: on articles read from elsewhere the concordance
// sorts the lines of its first hits only, and says so; in timeline order
// again, every occurrence comes back.
func TestKWICSortBounded(t *testing.T) {
	m := newSized(t, seedCorpus(t), 120, 30)
	m = steps(t, m, append(append([]any{"/"}, typed("cyber")...), "enter K")...)
	all := m.kwic.count
	m.kwic.bound = 3
	m = steps(t, m, "s")
	got := screen(m)
	if !strings.Contains(got, "the first ") || !strings.Contains(got, "sorted by the words left") || m.kwic.count >= all || m.kwic.count < 3 {
		t.Errorf("a bounded sort of %d occurrences: %d sorted\n%s", all, m.kwic.count, got)
	}
	m = steps(t, m, "s", "s")
	if got := screen(m); strings.Contains(got, "the first ") || !strings.Contains(got, "in timeline order") {
		t.Errorf("back in timeline order:\n%s", got)
	}
}
