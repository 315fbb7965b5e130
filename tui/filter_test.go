package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
)

// TestFilterSelectsFirstHit: a new filter puts the selection on its first
// hit, in date order as in relevance order; ↓ and ↑ (ctrl+n) move
// through the results while typing; } brings the next year's heading to
// the top of the pane.
func TestFilterSelectsFirstHit(t *testing.T) {
	m := steps(t, newSized(t, manyIn2020(60), 120, 35), "j j j j j j j j j j")
	m = steps(t, m, append([]any{"/"}, typed("article")...)...)
	if m.timeline.cursor != 0 || !strings.Contains(screen(m), "1 of 60") {
		t.Errorf("after a filter the selection is at %d, want the first hit:\n%s", m.timeline.cursor, screen(m))
	}
	m = steps(t, m, "down", "down", "ctrl+n", "up")
	if a, _ := m.timeline.selected(); m.c.At(a).ID != "a002" || m.focus != focusFilter || m.filter.query() != "article" {
		t.Errorf("↓ ↓ ctrl+n ↑ in the filter: on %s, focus %d, query %q; want a002, the filter still typed in", m.c.At(a).ID, m.focus, m.filter.query())
	}
	if !strings.Contains(screen(m), "3 of 60") {
		t.Errorf("the reader did not follow:\n%s", screen(m))
	}
	// In relevance order, the best hit.
	m = steps(t, m, "enter", "G", "s", "/")
	m = steps(t, m, typed("|année")...)
	if m.timeline.cursor != 0 || !m.timeline.byScore {
		t.Errorf("relevance order: a new filter put the selection at %d", m.timeline.cursor)
	}
	if a, _ := m.timeline.selected(); m.c.At(a).ID != "z" {
		t.Errorf("relevance order: selected %s, want the best hit z", m.c.At(a).ID)
	}

	// } puts the year's heading at the top of the rows, under the strip.
	var arts []*corpus.Article
	for y := 2019; y <= 2021; y++ {
		for i := range 12 {
			arts = append(arts, article(fmt.Sprintf("%d-%d", y, i), fmt.Sprintf("Article %d de %d", i, y), y, time.Month(i+1), 1, "texte"))
		}
	}
	m = steps(t, newSized(t, corpus.New(arts), 80, 24), "}")
	rows := strings.Split(screen(m), "\n")[m.timelineTop():]
	if !strings.HasPrefix(rows[0], "2020 · 12 articles") || !strings.HasPrefix(rows[1], "▌2020-01-01 Article 0 de 2020") {
		t.Errorf("} put the heading of 2020 at row %q:\n%s", rows[0], screen(m))
	}
	m = steps(t, m, "} {")
	rows = strings.Split(screen(m), "\n")[m.timelineTop():]
	if !strings.HasPrefix(rows[0], "2020 · 12 articles") {
		t.Errorf("} { put the heading of 2020 at row %q:\n%s", rows[0], screen(m))
	}
}

// TestSnippetShowsMatch: a match late in a long sentence shows in the
// snippet under the title, with the words around it.
func TestSnippetShowsMatch(t *testing.T) {
	long := "Le gouvernement a présenté mardi devant les commissions réunies de l'Assemblée et du Sénat un projet de loi de programmation qui prévoit, entre autres mesures attendues depuis longtemps, la création d'une agence nationale chargée de la cybersécurité des hôpitaux."
	c := corpus.New([]*corpus.Article{article("a", "Un projet de loi", 2020, 1, 1, long)})
	for _, w := range []int{100, 200, 60} {
		m := steps(t, newSized(t, c, w, 30), append([]any{"/"}, typed("cybersécurité hôpitaux")...)...)
		snip := ""
		for i, l := range timelineLines(screen(m)) {
			if strings.Contains(l, "Un projet de loi") {
				snip = timelineLines(screen(m))[i+1]
			}
		}
		if !strings.Contains(snip, "cybersécurité") || !strings.Contains(snip, "…") {
			t.Errorf("%d columns: the snippet %q does not show the match", w, snip)
		}
		if w == 200 && !strings.Contains(snip, "cybersécurité des hôpitaux") {
			t.Errorf("%d columns: the snippet %q does not show both matches", w, snip)
		}
		checkFits(t, m.View().Content, w, 30)
	}
}

// TestQueryErrorWhole: a query that cannot run shows its whole reason
// under the filter line, however narrow the pane, and the status line
// says which query the results still are of.
func TestQueryErrorWhole(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 100, 30), append([]any{"/"}, typed("otan date:2019-1x")...)...)
	got := screen(m)
	joined := strings.Join(strings.Fields(strings.Join(timelineLines(got), " ")), " ")
	if !strings.Contains(joined, `query not valid: "2019-1x" is not a date: want YYYY, YYYY-MM or YYYY-MM-DD`) {
		t.Errorf("the reason is not shown whole:\n%s", got)
	}
	if !strings.Contains(got, "1 of 5 articles · still filter otan date:2019 ") {
		t.Errorf("the status does not say which query the results are of:\n%s", got)
	}
	checkFits(t, m.View().Content, 100, 30)
	// Mended: the reason goes, the rows come back up.
	m = steps(t, m, "backspace")
	m = steps(t, m, typed("0")...)
	if got := screen(m); strings.Contains(got, "not valid") || strings.Contains(got, "still") || !strings.Contains(got, "1 of 5 articles · filter otan date:2019-10") {
		t.Errorf("after mending the query:\n%s", got)
	}
	// No valid query yet.
	m = steps(t, newSized(t, seedCorpus(t), 100, 30), append([]any{"/"}, typed(`)otan`)...)...)
	if got := screen(m); !strings.Contains(got, "5 of 5 articles · no filter yet") || !strings.Contains(got, "query not valid: unmatched )") {
		t.Errorf("an invalid first query:\n%s", got)
	}
}

// TestRelevanceOrder: s needs a filter and says so; the order goes back to
// dates when the filter is cleared; switching keeps the article and its
// row on screen, the reader on it.
func TestRelevanceOrder(t *testing.T) {
	c := seedCorpus(t)
	m := steps(t, newSized(t, c, 120, 35), "s")
	if got := screen(m); strings.Contains(got, "by relevance") || !strings.Contains(got, "relevance order needs a filter") || m.timeline.byScore {
		t.Errorf("s without a filter:\n%s", got)
	}
	m = steps(t, m, append(append([]any{"/"}, typed("cyber")...), "enter", "G", "s")...)
	if !strings.Contains(screen(m), "by relevance") {
		t.Fatalf("s with a filter:\n%s", screen(m))
	}
	a, _ := m.timeline.selected()
	rows := timelineLines(screen(m))[m.timelineTop():]
	if strings.TrimSpace(rows[0]) == "" || m.reader.article != a {
		t.Errorf("after s: first row %q, reader on %d, selection %d", rows[0], m.reader.article, a)
	}
	if got := screen(m); !strings.Contains(got, "▌"+c.At(a).Date.String()[:10]) {
		t.Errorf("after s the selected row is not on screen:\n%s", got)
	}
	m = steps(t, m, "esc")
	if got := screen(m); m.timeline.byScore || strings.Contains(got, "by relevance") || !strings.Contains(got, "2014 · 1 article") {
		t.Errorf("clearing the filter kept the relevance order:\n%s", got)
	}
	m = steps(t, m, append([]any{"/"}, typed("otan")...)...)
	if m.timeline.byScore {
		t.Error("the next filter is in relevance order")
	}
}

// TestStripUsesWidth: the density strip's bars take the width, show the
// ups and downs of a corpus spread almost evenly, and have an axis of
// years from the first to the last.
func TestStripUsesWidth(t *testing.T) {
	var arts []*corpus.Article
	for y := 2000; y < 2020; y++ {
		// 100 to 119 articles a year: a near flat corpus.
		for i := range 100 + (y*7)%20 {
			arts = append(arts, article(fmt.Sprintf("%d-%d", y, i), "Titre", y, time.Month(1+i%12), 1, "x"))
		}
	}
	c := corpus.New(arts)
	for _, w := range []int{80, 120, 200} {
		m := newSized(t, c, w, 40)
		lines := timelineLines(screen(m))
		if w < sideBySideWidth {
			lines = strings.Split(screen(m), "\n")
		}
		tw := ansi.StringWidth(lines[0])
		bars, levels := 0, map[rune]bool{}
		for _, r := range lines[0] {
			if strings.ContainsRune("▁▂▃▄▅▆▇█", r) {
				bars++
				levels[r] = true
			}
		}
		if bars < tw-3 {
			t.Errorf("%d columns: %d bars in a strip %d wide: %q", w, bars, tw, lines[0])
		}
		if len(levels) < 4 {
			t.Errorf("%d columns: the strip shows %d levels, flat: %q", w, len(levels), lines[0])
		}
		if axis := lines[1]; !strings.HasPrefix(axis, " 2000") || !strings.Contains(axis, "2019") || strings.Count(axis, "20") < 3 {
			t.Errorf("%d columns: axis %q, want the years from 2000 to 2019", w, axis)
		}
	}
}
