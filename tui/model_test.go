package tui

import (
	"fmt"
	"image/color"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/search"
)

// article builds an article dated y-m-d (year 0: undated).
func article(id, title string, y int, m time.Month, d int, paras ...string) *corpus.Article {
	a := &corpus.Article{ID: id, Title: title, Paragraphs: paras, Source: id + ".txt", Words: 10}
	if y > 0 {
		a.Date = corpus.NewDate(y, m, d, 0, 0, corpus.PrecisionDay)
	}
	return a
}

func TestTimelineRows(t *testing.T) {
	long := strings.Repeat("Un titre beaucoup trop long pour la colonne ", 4)
	derived := article("b", "Un titre dérivé de la première phrase…", 2020, 3, 1, "x")
	derived.TitleDerived = true
	c := corpus.New([]*corpus.Article{
		article("a", long, 2019, 1, 2, "x"),
		derived,
		article("u", "Sans date", 0, 0, 0, "x"),
	})
	m := newSized(t, c, 80, 24)
	view := m.View().Content
	checkFits(t, view, 80, 24)
	lines := strings.Split(ansi.Strip(view), "\n")
	want := []string{"2019 · 1 article", "2020 · 1 article", "undated · 1 article"}
	for _, w := range want {
		if !strings.Contains(ansi.Strip(view), w) {
			t.Errorf("no heading %q:\n%s", w, ansi.Strip(view))
		}
	}
	// Under the strip and its axis: the year, then the row, selected.
	row := lines[3]
	if !strings.HasPrefix(row, "▌2019-01-02 Un titre") || !strings.HasSuffix(strings.TrimRight(row, " "), "…") || ansi.StringWidth(row) != 80 {
		t.Errorf("long title row = %q: want it marked, cut to 80 columns with an ellipsis", row)
	}
	if !strings.HasPrefix(lines[5], " 2020-03-01 Un titre dérivé") || !strings.Contains(lines[7], "Sans date") || strings.TrimSpace(lines[6]) != "undated · 1 article" {
		t.Errorf("undated group last: %q %q %q", lines[5], lines[6], lines[7])
	}
	// The derived title is drawn in italic, the others are not.
	for _, l := range strings.Split(view, "\n") {
		plain := ansi.Strip(l)
		italic := strings.Contains(l, "\x1b[3m") || strings.Contains(l, "\x1b[3;") || strings.Contains(l, ";3m") || strings.Contains(l, ";3;")
		switch {
		case strings.Contains(plain, "dérivé") && !italic:
			t.Errorf("derived title not italic: %q", l)
		case strings.Contains(plain, "Sans date") && italic:
			t.Errorf("plain title italic: %q", l)
		}
	}
}

// manyIn2020 is a corpus of n articles in 2020, one a day, and one in 2021.
func manyIn2020(n int) *corpus.Corpus {
	var arts []*corpus.Article
	for i := range n {
		d := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*3)
		arts = append(arts, article(fmt.Sprintf("a%03d", i), fmt.Sprintf("Article %d", i), d.Year(), d.Month(), d.Day(), "texte"))
	}
	arts = append(arts, article("z", "L'année suivante", 2021, 6, 1, "texte"))
	return corpus.New(arts)
}

func TestMonthHeadingsAndYearJumps(t *testing.T) {
	m := newSized(t, manyIn2020(60), 80, 24)
	got := screen(m)
	for _, w := range []string{"2020 · 60 articles", "  January · 11", "  February · 9"} {
		if !strings.Contains(got, w) {
			t.Errorf("screen lacks %q:\n%s", w, got)
		}
	}
	m = steps(t, m, "}")
	if a, _ := m.timeline.selected(); m.c.At(a).ID != "z" || !strings.Contains(screen(m), "2021 · 1 article") {
		t.Errorf("} went to %s, want the first article of 2021", m.c.At(a).ID)
	}
	m = steps(t, m, "{")
	if a, _ := m.timeline.selected(); m.c.At(a).ID != "a000" {
		t.Errorf("{ went to %s, want the first article of 2020", m.c.At(a).ID)
	}
	m = steps(t, m, "G")
	if !strings.Contains(screen(m), "L'année suivante") {
		t.Error("G does not show the last article")
	}
	// A taller screen holds the whole year: no month headings.
	if got := screen(newSized(t, manyIn2020(60), 120, 70)); strings.Contains(got, "January") {
		t.Errorf("month headings in a year that fits the screen:\n%s", got)
	}
}

func TestFilterResults(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 120, 35), append([]any{"/"}, typed("cyberdefense")...)...)
	if got := screen(m); !strings.Contains(got, "2 of 5 articles · filter cyberdefense") {
		t.Fatalf("cyberdefense: %s", got)
	}
	// A result for a query the filter no longer holds is dropped.
	m = send(t, m, searchResultMsg{query: "cyber", results: find(t, c, "cyber")})
	if n := m.timeline.order.Len(); n != 2 {
		t.Errorf("a stale result replaced the timeline: %d articles", n)
	}
	// A query that cannot be parsed shows why, inline, and keeps the
	// last valid results.
	m = send(t, m, searchResultMsg{query: "cyberdefense", err: &search.QueryError{Pos: 3, Msg: "unclosed quote"}})
	got := screen(m)
	if !strings.Contains(got, "/cyberdefense ") || !strings.Contains(got, "  query not valid: unclosed quote") || !strings.Contains(got, "2 of 5 articles · still filter cyberdefense") {
		t.Errorf("query error not shown under the filter, or results lost:\n%s", got)
	}
	// Accent-insensitive, all terms must match.
	m = steps(t, m, append([]any{"esc", "/"}, typed("SECURITE otan japon")...)...)
	if got := screen(m); !strings.Contains(got, "1 of 5 articles") {
		t.Errorf("SECURITE otan japon:\n%s", got)
	}
	// Nothing found: say so, in both panes.
	empty := steps(t, m, typed(" qqqq")...)
	for _, w := range []string{"0 of 5 articles · filter SECURITE otan japon qqqq", "no article matches", "no article"} {
		if !strings.Contains(screen(empty), w) {
			t.Errorf("no hits: screen lacks %q:\n%s", w, screen(empty))
		}
	}
	if back := steps(t, empty, "esc"); back.c.At(int(back.timeline.order.At(back.timeline.cursor))).ID != "002_3932c6dfc2111cbf" {
		t.Error("after an empty result the cursor lost its article")
	}
	// Esc clears the filter; the cursor stays on its article.
	m = steps(t, m, "esc")
	if a, _ := m.timeline.selected(); m.c.At(a).ID != "002_3932c6dfc2111cbf" || m.timeline.order.Len() != 5 || m.filter.shown() {
		t.Errorf("esc: %d articles, cursor on %s, filter active %v", m.timeline.order.Len(), m.c.At(a).ID, m.filter.shown())
	}
}

func TestReaderHighlightsAndSteps(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 120, 35), append(append([]any{"/"}, typed("otan")...), "enter", "tab")...)
	raw := m.reader.vp.GetContent()
	if !strings.Contains(raw, "OTAN") || !strings.Contains(m.View().Content, "\x1b[") {
		t.Fatal("reader empty")
	}
	// The highlight is Glamour's strong style, restyled: the match sits
	// between SGR sequences and the plain text around it does not.
	md := articleMarkdown(c.At(0), m.timeline.hitAt(0))
	if !strings.Contains(md, "l'**"+matchMark+"OTAN"+matchEnd+"**") {
		t.Errorf("matches not marked in the markdown: %.200s", md)
	}
	// With a filter, ] steps to the next article (n moves between
	// matches, see TestMatchJumps).
	m = steps(t, m, "]")
	if a, _ := m.timeline.selected(); c.At(a).ID != "002_3932c6dfc2111cbf" || !strings.Contains(screen(m), "2 of 2") {
		t.Errorf("] stepped to %s", c.At(a).ID)
	}
	m = steps(t, m, "[")
	if a, _ := m.timeline.selected(); c.At(a).ID != "004_a37cb0af5b3f89bb" {
		t.Errorf("[ stepped to %s", c.At(a).ID)
	}
	m = steps(t, m, "G")
	if !strings.Contains(screen(m), "100%") {
		t.Errorf("G in the reader: %s", screen(m))
	}
}

func TestStaleRenderDropped(t *testing.T) {
	m := newSized(t, seedCorpus(t), 120, 35)
	want := m.reader.want
	stale := want
	stale.width++
	m = send(t, m, renderedMsg{key: stale, rendered: rendering{content: "STALE"}})
	if strings.Contains(screen(m), "STALE") {
		t.Error("a rendering for another width was shown")
	}
	if _, ok := m.reader.cache.articles[stale]; !ok {
		t.Error("a stale rendering was not kept in the cache")
	}
}

func TestResizeKeepsSelectionAndPosition(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 60, 20), "j enter j j j j j j")
	before := m.reader.fraction()
	id := m.reader.shown.id
	if before <= 0 || before >= 1 || m.focus != focusReader {
		t.Fatalf("reading position %.2f, focus %d: want the reader part way down", before, m.focus)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if _, rw := m.paneWidths(); m.reader.shown.id != id || m.reader.shown.width != rw-1 {
		t.Fatalf("after resize the reader shows %+v", m.reader.shown)
	}
	if after := m.reader.fraction(); after < before-0.15 || after > before+0.15 {
		t.Errorf("reading position %.2f became %.2f", before, after)
	}
	checkFits(t, m.View().Content, 120, 30)
	m = send(t, m, tea.WindowSizeMsg{Width: 250, Height: 30})
	if m.reader.shown.width != maxTextWidth {
		t.Errorf("text width %d on a wide screen, want %d", m.reader.shown.width, maxTextWidth)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if a, _ := m.timeline.selected(); m.c.At(a).ID != id || m.focus != focusReader {
		t.Errorf("narrow resize lost the selection or the focus: %s %d", m.c.At(a).ID, m.focus)
	}
	checkFits(t, m.View().Content, 80, 24)
	// Esc goes back to the timeline, one pane at a time.
	m = steps(t, m, "esc")
	if got := screen(m); m.focus != focusTimeline || !strings.Contains(got, "2015-04-21 Le Maroc") || strings.Contains(got, "100%") {
		t.Errorf("esc in the narrow reader:\n%s", got)
	}
}

func TestMouse(t *testing.T) {
	m := newSized(t, seedCorpus(t), 120, 35)
	// Row 5 of the rows (under the strip) is the third article, 2017.
	m = send(t, m, tea.MouseClickMsg{X: 5, Y: m.timelineTop() + 5, Button: tea.MouseLeft})
	if a, _ := m.timeline.selected(); m.c.At(a).ID != "000_4c5db0ae9efe47db" {
		t.Errorf("click selected %s", m.c.At(a).ID)
	}
	m = send(t, m, tea.MouseWheelMsg{X: 100, Y: 10, Button: tea.MouseWheelDown})
	if m.reader.vp.YOffset() != 3 {
		t.Errorf("wheel over the reader scrolled to %d, want 3", m.reader.vp.YOffset())
	}
}

func TestSortByRelevance(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 120, 35), append(append([]any{"/"}, typed("cyber")...), "enter", "s")...)
	got := screen(m)
	if !strings.Contains(got, "by relevance") || strings.Contains(got, "2014 · 1 of 1 article") {
		t.Errorf("relevance order keeps year headings:\n%s", got)
	}
	first := m.timeline.hitAt(0).Score
	for p := range m.timeline.order.Len() {
		if m.timeline.hitAt(p).Score > first {
			t.Errorf("hit %d scores above the first", p)
		}
	}
	// s again: back to the timeline, in date order, under year headings.
	m = steps(t, m, "s")
	if got := screen(m); strings.Contains(got, "by relevance") || !strings.Contains(got, "2014 · 1 of 1 article") {
		t.Errorf("s twice did not come back to date order:\n%s", got)
	}
	if !slices.IsSorted(m.timeline.order.slice()) {
		t.Errorf("date order is not chronological: %v", m.timeline.order.slice())
	}
}

func TestNoEscapeFromCorpusText(t *testing.T) {
	a := article("x", "Lien https://example.com/[x](javascript:1)", 2020, 1, 1,
		"Voir https://example.com et www.example.org, <b>gras</b>, `code`, # titre, &#27;[31m, *emph*")
	m := newSized(t, corpus.New([]*corpus.Article{a}), 120, 35)
	m = steps(t, m, "tab")
	view := m.View().Content
	if !strings.Contains(ansi.Strip(view), "https://example.com") || !strings.Contains(ansi.Strip(view), "<b>gras</b>") {
		t.Fatalf("text not shown as written:\n%s", ansi.Strip(view))
	}
	for _, bad := range []string{"\x1b]", "\x1bP", "\x1b_", "\x07", "\u009b", "\u009d"} {
		if strings.Contains(view, bad) {
			t.Errorf("the screen holds %q", bad)
		}
	}
	if got := keepSGR("a\x1b[1mb\x1b]8;;http://x\x1b\\c\x1b]8;;\x1b\\d\x1b[2Je"); got != "a\x1b[1mbcde" {
		t.Errorf("keepSGR = %q", got)
	}
}

func TestBackgroundColourPicksStyle(t *testing.T) {
	m := send(t, newModel(seedCorpus(t)), tea.WindowSizeMsg{Width: 120, Height: 35})
	if cmd := m.Init(); cmd == nil {
		t.Fatal("Init does not ask for the background colour")
	}
	if !m.reader.want.dark {
		t.Fatal("the style before the terminal answers is not dark")
	}
	m = send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.dark || m.reader.want.dark || !m.reader.ready() {
		t.Errorf("a light background kept the dark style: dark %v, want %+v", m.dark, m.reader.want)
	}
	// A fixed style ignores the terminal.
	f := send(t, newModel(seedCorpus(t), WithDarkBackground(true)), tea.BackgroundColorMsg{Color: color.White})
	if !f.dark || f.Init() != nil {
		t.Error("WithDarkBackground did not fix the style")
	}
}

func TestWheelOverTimeline(t *testing.T) {
	m := newSized(t, manyIn2020(60), 120, 20)
	m = send(t, m, tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelDown})
	if m.timeline.top != 3 || m.timeline.cursor != 0 {
		t.Errorf("wheel over the timeline: top %d cursor %d, want top 3 and the cursor kept", m.timeline.top, m.timeline.cursor)
	}
}

func TestSearchingIndicator(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 120, 35), "/")
	next, _ := m.Update(press("o"))
	if got := screen(next.(Model)); !strings.Contains(got, "indexing 0%, the filter waits for it") {
		t.Errorf("a search waiting for the index does not say so:\n%s", got)
	}
	m.finder.(*search.Index).Build()
	next, cmd := m.Update(press("o"))
	m = next.(Model)
	if !strings.Contains(screen(m), "searching…") || cmd == nil {
		t.Fatalf("no search under way after a keystroke:\n%s", screen(m))
	}
	next, _ = m.Update(searchResultMsg{query: "o", results: find(t, m.c.(*corpus.Corpus), "otan japon")})
	if got := screen(next.(Model)); strings.Contains(got, "searching…") || !strings.Contains(got, "1 of 5 articles") {
		t.Errorf("the result did not end the search:\n%s", got)
	}
}

// problem is a load problem for tests.
type problem struct{ kind, line string }

func (p problem) Kind() string { return p.kind }
func (p problem) Line() string { return p.line }

// TestProblemsView checks that the status line counts the load problems,
// that ! lists them by kind over the panes and scrolls through them, and
// that esc closes the list; with no problem, none of it shows.
func TestProblemsView(t *testing.T) {
	c := seedCorpus(t)
	m := newSized(t, c, 120, 35)
	if got := screen(m); strings.Contains(got, "problem") || strings.Contains(got, "! load") {
		t.Errorf("no problems, yet:\n%s", got)
	}
	if m = steps(t, m, "!"); m.showProblems {
		t.Error("! opened an empty list")
	}
	var list []Problem
	list = append(list, problem{"failed", "a/empty.txt: empty file"}, problem{"partial", "dump.jsonl:4: invalid JSON"})
	for i := range 98 {
		list = append(list, problem{"duplicate", fmt.Sprintf("copies/%02d.txt: byte-identical to a.txt: loaded once", i)})
	}
	list = append(list, problem{"failed", "evil\x1b[31m\nname: forged"})
	m = send(t, newModel(c, WithDarkBackground(true), WithProblems(list)), tea.WindowSizeMsg{Width: 120, Height: 35})
	lines := strings.Split(screen(m), "\n")
	if status := lines[len(lines)-1]; !strings.Contains(status, "5 of 5 articles · 101 load problems") || !strings.Contains(status, "! load problems") {
		t.Errorf("status %q", status)
	}
	m = steps(t, m, "!")
	got := screen(m)
	for _, want := range []string{"101 load problems: 2 failed, 1 partial, 98 duplicate", "failed     a/empty.txt: empty file", "partial    dump.jsonl:4: invalid JSON", "duplicate  copies/00.txt", "1-32 of 101"} {
		if !strings.Contains(got, want) {
			t.Errorf("the list lacks %q:\n%s", want, got)
		}
	}
	checkFits(t, m.View().Content, 120, 35)
	// The wheel scrolls the list, a problem a notch.
	if m = send(t, m, tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelDown}); !strings.Contains(screen(m), "2-33 of 101") {
		t.Errorf("the wheel did not scroll the list:\n%s", screen(m))
	}
	m = steps(t, m, "G")
	got = screen(m)
	if !strings.Contains(got, `failed     evil\x1b[31m\nname: forged`) || strings.Contains(got, "a/empty.txt") || !strings.Contains(got, "70-101 of 101") {
		t.Errorf("the end of the list:\n%s", got)
	}
	if r := corpustest.FirstUnsafe(regexp.MustCompile("\x1b\\[[0-9;:]*m").ReplaceAllString(m.View().Content, "")); r >= 0 {
		t.Errorf("the list holds %U", r)
	}
	if m = steps(t, m, "esc"); m.showProblems || !strings.Contains(screen(m), "L'OTAN lance") {
		t.Errorf("esc did not close the list:\n%s", screen(m))
	}
	if m = steps(t, m, "! q"); m.showProblems {
		t.Error("q did not close the list")
	}
	// A long reason wraps: it reads whole on a narrow screen.
	long := "corpus/pages/une-page-au-nom-assez-long.html: no article found in the page: the main text is shorter than a sentence"
	m = send(t, newModel(c, WithDarkBackground(true), WithProblems([]Problem{problem{"failed", long}})), tea.WindowSizeMsg{Width: 60, Height: 20})
	m = steps(t, m, "!")
	checkFits(t, m.View().Content, 60, 20)
	if got := strings.Join(strings.Fields(screen(m)), " "); !strings.Contains(got, "failed "+long) {
		t.Errorf("60 columns: the problem does not read whole:\n%s", screen(m))
	}
}
