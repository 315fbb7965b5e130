package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestViewsInTmux runs the built binary in a real terminal, without
// colour (NO_COLOR), on a corpus with a story and its two copies, and
// looks at each view as a person would: the copies folded into one row
// once found, shown by c; the concordance of a word, enter opening the
// article at the occurrence; the chart of two queries told apart by fill;
// the facets, enter adding a year to the filter.
func TestViewsInTmux(t *testing.T) {
	bin := buildGazette(t)
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.txt": "Les ministres parlent cyberdéfense\n\n date 2020-03-04 \n\n" + wire + "\n",
		"b.txt": "Cyberdéfense : réunion à Bruxelles\n\n date 2020-03-05 \n\n" + strings.Replace(wire, "mardi", "hier", 1) + "\n",
		"c.txt": "La pêche à la sardine reprend\n\n date 2019-03-06 \n\nLes pêcheurs de la côte ont repris la mer ce matin, et les premières sardines sont arrivées au port de Bruxelles.\n",
		"d.txt": "Le communiqué des ministres\n\n date 2020-03-09 \n\n" + strings.Replace(wire, "printemps", "été", 1) + "\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tm := tmux{t: t, socket: fmt.Sprintf("gazette-e2e-views-%d", os.Getpid())}
	tm.start(100, 30, []string{"NO_COLOR=1"}, bin, "--no-state", dir)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })

	tm.waitFor("2 copies folded")
	screen := tm.waitFor("+2 copies")
	if strings.Contains(screen, "Cyberdéfense : réunion") {
		t.Errorf("a copy shows while its group is folded:\n%s", screen)
	}
	tm.run("send-keys", "-t", "e2e", "j", "c")
	if s := tm.waitFor("▾ 2 copies"); strings.Count(s, "≈ copy") != 2 {
		t.Errorf("c shows the group but not its two copies:\n%s", s)
	}
	tm.run("send-keys", "-t", "e2e", "c")
	tm.waitFor("2 copies folded")

	tm.run("send-keys", "-t", "e2e", "/")
	tm.run("send-keys", "-t", "e2e", "-l", "ministres")
	tm.run("send-keys", "-t", "e2e", "Enter")
	tm.waitFor("filter ministres")
	tm.run("send-keys", "-t", "e2e", "K")
	screen = tm.waitFor("Keyword in context · ministres")
	col := -1
	for _, l := range strings.Split(screen, "\n")[1:] {
		if i := strings.Index(l, "ministres "); i >= 0 && strings.HasPrefix(strings.TrimLeft(l, " ▌"), "20") {
			if i = ansi.StringWidth(l[:i]); col >= 0 && i != col {
				t.Errorf("the match is not in one column:\n%s", screen)
			}
			col = i
		}
	}
	// The third line is in a copy folded away: enter shows its group and
	// opens it at its one match.
	tm.run("send-keys", "-t", "e2e", "j", "j", "Enter")
	tm.waitFor("match 1 of 1")
	if screen := tm.waitFor("Cyberdéfense : réunion à Bruxelles"); !strings.Contains(screen, "≈ copy") {
		t.Errorf("the copy opened is not shown on the timeline:\n%s", screen)
	}
	tm.run("send-keys", "-t", "e2e", "Escape")
	tm.waitFor("enter read") // the timeline's keys: an escape read alone

	tm.run("send-keys", "-t", "e2e", "C")
	tm.waitFor("Hits over time · by year  █ ministres")
	tm.run("send-keys", "-t", "e2e", "a")
	tm.waitFor("compare with:")
	tm.run("send-keys", "-t", "e2e", "-l", "sardines")
	tm.run("send-keys", "-t", "e2e", "Enter")
	screen = tm.waitFor("▓ sardines (1)")
	if !strings.Contains(screen, "████") || !strings.Contains(screen, "▓▓▓▓") {
		t.Errorf("the two queries' bars are not told apart by fill:\n%s", screen)
	}
	tm.run("send-keys", "-t", "e2e", "Escape")
	tm.waitFor("enter read")

	tm.run("send-keys", "-t", "e2e", "F")
	tm.waitFor("Facets · 3 articles shown") // the group opened by the concordance
	tm.run("send-keys", "-t", "e2e", "j", "Enter")
	tm.waitFor("filter ministres year:2020")
}
