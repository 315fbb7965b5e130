package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wire is a wire story long enough to be told a copy of.
const wire = `Les ministres de la défense des pays membres se sont réunis mardi à Bruxelles pour examiner la coopération en matière de cyberdéfense et les moyens de protéger les réseaux critiques contre des attaques de plus en plus fréquentes.

Selon un responsable qui a requis l'anonymat, les discussions ont porté sur le partage du renseignement, la formation des équipes de réponse aux incidents et le financement de nouveaux centres d'excellence dans plusieurs capitales européennes.

La prochaine réunion doit se tenir au printemps, quand les experts présenteront un rapport détaillé sur les menaces observées au cours de l'année écoulée et sur les réponses apportées par chacun des pays.`

// copiesCorpus writes a folder of three articles: a wire story, the same
// story reprinted a day later under another title with a word changed,
// and an unrelated article.
func copiesCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"a.txt": "Les ministres parlent cyberdéfense\n\n date 2020-03-04 \n\n" + wire + "\n",
		"b.txt": "Cyberdéfense : réunion à Bruxelles\n\n date 2020-03-05 \n\n" + strings.Replace(wire, "mardi", "hier", 1) + "\n",
		"c.txt": "La pêche à la sardine reprend\n\n date 2020-03-06 \n\nLes pêcheurs de la côte ont repris la mer ce matin après trois semaines de tempête, et les premières sardines sont arrivées au port en fin de journée, au grand soulagement des mareyeurs et des conserveries de la région qui attendaient ce moment depuis des jours.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckReportsCopies(t *testing.T) {
	dir := copiesCorpus(t)
	out, _, code := gazette(t, "check", dir)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	want := "\nCopies          1 group of copies, 2 articles\n  a  Les ministres parlent cyberdéfense\n    +1: b\n"
	if !strings.Contains(out, want) {
		t.Errorf("check:\n%s\nwant it to hold:\n%s", out, want)
	}
	out, _, _ = gazette(t, "check", dir, "--json")
	var rep checkReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Copies) != 1 || rep.Copies[0].Group != "a" || strings.Join(rep.Copies[0].Articles, " ") != "a b" {
		t.Errorf("copies %+v, want one group: a b", rep.Copies)
	}
}

// TestJSONCarriesGroup: list, show and search --json give the articles
// with copies their group's ID, and no group to the others.
func TestJSONCarriesGroup(t *testing.T) {
	dir := copiesCorpus(t)
	out, _, _ := gazette(t, "list", dir, "--json")
	var list []articleObject
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	groups := map[string]string{}
	for _, a := range list {
		groups[a.ID] = a.Group
	}
	if groups["a"] != "a" || groups["b"] != "a" || groups["c"] != "" {
		t.Errorf("list groups %v, want a and b in a, c in none", groups)
	}
	if strings.Count(out, `"group"`) != 2 {
		t.Errorf("list --json names a group %d times, want 2", strings.Count(out, `"group"`))
	}
	out, _, _ = gazette(t, "show", "b", dir, "--json")
	var one articleObject
	if err := json.Unmarshal([]byte(out), &one); err != nil || one.Group != "a" {
		t.Errorf("show b: group %q (%v), want a", one.Group, err)
	}
	out, _, _ = gazette(t, "search", "bruxelles", dir, "--jsonl")
	if n := strings.Count(out, `"group":"a"`); n != 2 {
		t.Errorf("search --jsonl: %d hits with group a, want 2:\n%s", n, out)
	}
	if out, _, _ := gazette(t, "list", dir); strings.Contains(out, "group") {
		t.Errorf("list for people names groups:\n%s", out)
	}
}
