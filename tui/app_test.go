package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

// TestScreens compares whole screens, colours stripped, with the golden
// files in testdata/TestScreens (go test ./tui -run TestScreens -update).
func TestScreens(t *testing.T) {
	c := seedCorpus(t)
	sizes := []struct{ w, h, rw, rh int }{{120, 35, 100, 30}, {80, 24, 60, 20}}
	for _, sz := range sizes {
		cases := []struct {
			name  string
			steps []any
			want  []string // lines a person must see
		}{
			{"start", nil, []string{"5 of 5 articles", "2014", "L'OTAN lance son cyberpartenariat"}},
			{"jj", []any{"j j"}, []string{"5 of 5 articles"}},
			{"filter_otan", append([]any{"/"}, typed("otan")...), []string{"/otan", "2 of 5 articles · filter otan", "L'OTAN lance", "L’OTAN et le Japon"}},
			{"reader_scrolled", []any{"j enter space j j"}, []string{"2 of 5"}},
			{"resize", []any{"j enter space", tea.WindowSizeMsg{Width: sz.rw, Height: sz.rh}}, []string{"2 of 5"}},
			{"help", []any{"?"}, []string{"gazette keys", "next article", "clear filter"}},
			{"too_small", []any{tea.WindowSizeMsg{Width: 20, Height: 6}}, []string{"terminal too small"}},
			{"kwic", append(append([]any{"/"}, typed("cyberdéfense")...), "enter K"), []string{"Keyword in context · cyberdéfense · 9 occurrences", "de la  cyberdéfense"}},
			{"kwic_sorted", append(append([]any{"/"}, typed("cyberdéfense")...), "enter K s"), []string{"sorted by the words left", "capacités de  cyberdéfense"}},
			{"kwic_opened", append(append([]any{"/"}, typed("cyberdéfense")...), "enter K s j j j j enter"), []string{"match 4 of 5", "approches communes"}},
			{"chart", append(append(append([]any{"/"}, typed("otan")...), "enter C a"), append(typed("japon"), "enter")...), []string{"Hits over time · by year", "█ otan (2)", "▓ japon (1)", "2014", "2019"}},
			{"chart_months", append(append([]any{"/"}, typed("otan")...), "enter C s"), []string{"by month", "2014-09"}},
			{"facets", []any{"F"}, []string{"Facets · 5 articles shown", "source", "seeds", "2017"}},
			{"facets_added", []any{"F j enter"}, []string{"1 of 5 articles · filter year:2014"}},
		}
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s_%dx%d", tc.name, sz.w, sz.h), func(t *testing.T) {
				m := steps(t, newSized(t, c, sz.w, sz.h), tc.steps...)
				view := m.View().Content
				w, h := m.width, m.height
				checkFits(t, view, w, h)
				got := screen(m)
				for _, s := range tc.want {
					if !strings.Contains(got, s) {
						t.Errorf("screen lacks %q:\n%s", s, got)
					}
				}
				golden.RequireEqual(t, got)
			})
		}
	}
}
