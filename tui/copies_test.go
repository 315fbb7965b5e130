package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/similar"
)

// wireStory is a story long enough to be told a copy of.
const wireStory = `Les ministres de la défense des pays membres se sont réunis mardi à Bruxelles pour examiner la coopération en matière de cyberdéfense et les moyens de protéger les réseaux critiques contre des attaques de plus en plus fréquentes. Selon un responsable qui a requis l'anonymat, les discussions ont porté sur le partage du renseignement, la formation des équipes de réponse aux incidents et le financement de nouveaux centres d'excellence dans plusieurs capitales européennes.`

// copiesCorpus returns a wire story, two copies of it (another title, a
// word changed, later dates) and an unrelated article.
func copiesCorpus() *corpus.Corpus {
	day := func(d int) corpus.Date { return corpus.NewDate(2020, 3, d, 0, 0, corpus.PrecisionDay) }
	return corpus.New([]*corpus.Article{
		{ID: "a", Title: "Les ministres parlent cyberdéfense", Date: day(4), Paragraphs: []string{wireStory}},
		{ID: "b", Title: "Réunion à Bruxelles", Date: day(5), Paragraphs: []string{strings.Replace(wireStory, "mardi", "hier", 1)}},
		{ID: "c", Title: "La pêche à la sardine reprend", Date: day(6), Paragraphs: []string{"Les pêcheurs ont repris la mer ce matin à Bruxelles."}},
		{ID: "d", Title: "Cyberdéfense : le communiqué", Date: day(7), Paragraphs: []string{strings.Replace(wireStory, "fréquentes", "nombreuses", 1)}},
	})
}

func withCopies(c *corpus.Corpus) Option {
	return WithCopies(func(ctx context.Context) (*similar.Groups, error) { return similar.Find(ctx, c) })
}

// TestCopiesFolded: once the copies are found, a group shows as one row
// with its number of copies, counted once; c shows the copies, c again
// folds them.
func TestCopiesFolded(t *testing.T) {
	c := copiesCorpus()
	m := send(t, newModel(c, WithDarkBackground(true), withCopies(c)), tea.WindowSizeMsg{Width: 100, Height: 20})
	if got := screen(m); !strings.Contains(got, "4 of 4 articles") || strings.Contains(got, "copies") {
		t.Fatalf("before the copies are found:\n%s", got)
	}
	m = send(t, m, m.copiesCmd()())
	got := screen(m)
	for _, want := range []string{"2 of 4 articles · 2 copies folded", "▌2020-03-04 Les ministres parlent c… +2 copies", "La pêche"} {
		if !strings.Contains(got, want) {
			t.Errorf("folded: no %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Réunion à Bruxelles") {
		t.Errorf("a copy shows while its group is folded:\n%s", got)
	}
	m = steps(t, m, "c")
	got = screen(m)
	for _, want := range []string{"4 of 4 articles", "Les ministres parlent… ▾ 2 copies", "Réunion à Bruxelles ≈ copy", "Cyberdéfense : le communiq… ≈ copy"} {
		if !strings.Contains(got, want) {
			t.Errorf("expanded: no %q:\n%s", want, got)
		}
	}
	m = steps(t, m, "c")
	if got := screen(m); !strings.Contains(got, "2 of 4 articles") {
		t.Errorf("folded again:\n%s", got)
	}
}

// TestFilterCountsGroupOnce: a filter that finds a story and its copies
// counts it once, with the copies it found.
func TestFilterCountsGroupOnce(t *testing.T) {
	c := copiesCorpus()
	m := send(t, newModel(c, WithDarkBackground(true), withCopies(c)), tea.WindowSizeMsg{Width: 100, Height: 20})
	m = send(t, m, m.copiesCmd()())
	m = steps(t, m, append([]any{"/"}, typed("bruxelles")...)...)
	got := screen(m)
	for _, want := range []string{"2 of 4 articles", "+2 copies", "La pêche"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q:\n%s", want, got)
		}
	}
	m = steps(t, m, "esc")
	m = steps(t, m, append([]any{"/"}, typed("mardi")...)...)
	if got := screen(m); !strings.Contains(got, "1 of 4 articles") || !strings.Contains(got, "+1 copy") {
		t.Errorf("mardi is in a and d (b says hier): one story, one copy:\n%s", got)
	}
}

// TestStripShowsShareOfHits: while a filter is on, the strip spans the
// whole corpus, a period's bar the share of its articles that are hits,
// a dot for a period with articles but none; the headings say "of".
func TestStripShowsShareOfHits(t *testing.T) {
	m := steps(t, newSized(t, seedCorpus(t), 80, 24), append([]any{"/"}, typed("japon")...)...)
	lines := strings.Split(screen(m), "\n")
	strip := lines[1]
	bars := strings.TrimSpace(strip)
	if !strings.HasSuffix(bars, "█") || !strings.HasPrefix(bars, "·") || strings.Count(bars, "·") < 4 || strings.ContainsAny(bars, "▁▂▃▄▅▆▇") {
		t.Errorf("strip %q: want a full bar last (2019-10, its one article a hit) and dots for the months with articles but no hit", strip)
	}
	if !strings.Contains(lines[2], "2014") || !strings.Contains(lines[2], "2019") {
		t.Errorf("axis %q: want the corpus's years, not only the hits'", lines[2])
	}
	if !strings.Contains(screen(m), "2019 · 1 of 1 article") {
		t.Errorf("no heading with its hits of all:\n%s", screen(m))
	}
}

// TestCopiesScreens: the timeline with its copies folded, then shown.
func TestCopiesScreens(t *testing.T) {
	c := copiesCorpus()
	for _, sz := range []struct{ w, h int }{{120, 35}, {80, 24}} {
		for _, tc := range []struct {
			name string
			keys string
			want string
		}{
			{"folded", "", "+2 copies"},
			{"shown", "c", "≈ copy"},
		} {
			t.Run(fmt.Sprintf("%s_%dx%d", tc.name, sz.w, sz.h), func(t *testing.T) {
				m := send(t, newModel(c, WithDarkBackground(true), withCopies(c)), tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				m = send(t, m, m.copiesCmd()())
				m = steps(t, m, tc.keys)
				checkFits(t, m.View().Content, sz.w, sz.h)
				got := screen(m)
				if !strings.Contains(got, tc.want) {
					t.Errorf("screen lacks %q:\n%s", tc.want, got)
				}
				golden.RequireEqual(t, got)
			})
		}
	}
}
