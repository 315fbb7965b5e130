package search_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// The tests of this file each show one rule of the query language on a
// corpus made for it: what a reader types, and which articles come back.

// art makes an article dated year, with a title and paragraphs.
func art(id string, year int, title string, body ...string) *corpus.Article {
	return &corpus.Article{ID: id, Title: title, Paragraphs: body, Date: corpus.NewDate(year, 1, 1, 0, 0, corpus.PrecisionYear)}
}

// made returns the corpus of arts with its index.
func made(arts ...*corpus.Article) indexed { return withIndex(corpus.New(arts)) }

// found returns the IDs of the hits of q, sorted.
func found(t *testing.T, c indexed, q string) []string {
	t.Helper()
	r, err := c.Find(context.Background(), q, nil)
	if err != nil {
		t.Fatalf("Find(%q): %v", q, err)
	}
	ids := hitIDs(c, r.Hits())
	slices.Sort(ids)
	return ids
}

// ranked returns the IDs of the hits of q, best first.
func ranked(t *testing.T, c indexed, q string) []string {
	t.Helper()
	r, err := c.Find(context.Background(), q, nil)
	if err != nil {
		t.Fatalf("Find(%q): %v", q, err)
	}
	return hitIDs(c, r.ByScore().Hits())
}

// notes returns what Find says it widened q to.
func notes(t *testing.T, c indexed, q string) []string {
	t.Helper()
	r, err := c.Find(context.Background(), q, nil)
	if err != nil {
		t.Fatalf("Find(%q): %v", q, err)
	}
	return r.Notes()
}

// findCase is a query and the IDs it finds, sorted.
type findCase struct {
	q    string
	want []string
}

// checkFinds checks what each query finds.
func checkFinds(t *testing.T, c indexed, cases []findCase) {
	t.Helper()
	for _, tt := range cases {
		if got := found(t, c, tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.q, got, tt.want)
		}
	}
}

// ids lists IDs, sorted.
func ids(s ...string) []string {
	slices.Sort(s)
	return s
}

// filler is text that matches none of the terms the tests look for.
const filler = "Le texte parle longuement de tout autre chose que le sujet."

// TestTermsInsideWords (point 1): a term of three letters or more finds
// the words it sits inside, as fzf does; shorter ones only word starts.
func TestTermsInsideWords(t *testing.T) {
	c := made(
		art("software", 2010, "Rien", "Un nouveau software. "+filler),
		art("vmware", 2010, "Rien", "Chez VMware aujourd'hui. "+filler),
		art("mysql", 2010, "Rien", "La base MySQL et PostgreSQL. "+filler),
		art("cyber", 2010, "Rien", "La cybersécurité des réseaux. "+filler),
		art("internet", 2010, "Rien", "Sur internet. "+filler),
		art("network", 2010, "Rien", "Un network. "+filler),
	)
	checkFinds(t, c, []findCase{
		{"ware", ids("software", "vmware")},
		{"sql", ids("mysql")},
		{"sécurité", ids("cyber")},
		{"securite", ids("cyber")},
		{"net", ids("internet", "network")},
		{"ne", ids("network")}, // two letters: the start of a word only
		{"=net", nil},          // the whole word only
		{`"net"`, nil},
	})
}

// TestRankingTiers (point 1): the whole word ranks above a word it
// starts, which ranks above a word it sits inside; within each, the
// title above the body, then the rarer term, then the newest.
func TestRankingTiers(t *testing.T) {
	c := made(
		art("inside-title", 2010, "Le software", filler),
		art("start-body", 2010, "Rien", "Les warehouses. "+filler),
		art("whole-body-old", 2001, "Rien", "La ware du jour. "+filler),
		art("whole-body", 2010, "Rien", "La ware du jour. "+filler),
		art("start-title", 2010, "Les warehouses", filler),
		art("whole-title", 2010, "La ware", filler),
		art("inside-body", 2010, "Rien", "Le software. "+filler),
	)
	want := []string{"whole-title", "whole-body", "whole-body-old", "start-title", "start-body", "inside-title", "inside-body"}
	if got := ranked(t, c, "ware"); !slices.Equal(got, want) {
		t.Errorf("ware ranks %v\nwant %v", got, want)
	}
}

// typoCorpus has a common word, a rare misspelling of it, and a rare word
// that is right but one letter from the common word.
func typoCorpus() indexed {
	var arts []*corpus.Article
	for i := range 120 {
		arts = append(arts, art(fmt.Sprintf("vuln%03d", i), 2010, "Rien", "Une vulnérabilité de Microsoft. "+filler))
	}
	for i := range 30 {
		arts = append(arts, art(fmt.Sprintf("ministre%02d", i), 2011, "Rien", "Le ministre parle. "+filler))
	}
	arts = append(arts,
		art("misspelt", 2012, "Rien", "Une vulnerabilté. "+filler),
		art("minister", 2012, "Rien", "The minister spoke. "+filler),
		art("cyber", 2012, "Rien", "La cyberdéfense. "+filler),
	)
	return made(arts...)
}

// TestTyposWhenMisspelt (point 2): a term a typo from a much more common
// word finds it, and says so, even when the corpus holds the typo itself;
// its own matches rank first. A right word never drags in its rare
// neighbours, a typo reaches only words of five letters or more, and a
// term of eight or more gets two.
func TestTyposWhenMisspelt(t *testing.T) {
	c := typoCorpus()
	vuln := found(t, c, "vulnérabilité")
	if len(vuln) != 120 {
		t.Fatalf("vulnérabilité: %d articles, want 120", len(vuln))
	}
	got := found(t, c, "vulnerabilté")
	if len(got) != 121 || !slices.Contains(got, "misspelt") {
		t.Errorf("vulnerabilté finds %d articles, want the 120 of vulnérabilité and the misspelt one", len(got))
	}
	if r := ranked(t, c, "vulnerabilté"); r[0] != "misspelt" {
		t.Errorf("vulnerabilté: the article that holds it as typed is not first: %v", r[:3])
	}
	if n := notes(t, c, "vulnerabilté"); !slices.Equal(n, []string{"+ vulnérabilité"}) {
		t.Errorf("vulnerabilté: notes %q, want + vulnérabilité", n)
	}
	if got := found(t, c, "microsfot"); len(got) != 120 {
		t.Errorf("microsfot (two letters swapped): %d articles, want 120", len(got))
	}
	if got := found(t, c, "micrsft"); len(got) != 120 {
		t.Errorf("micrsft (letters in order): %d articles, want 120", len(got))
	}
	if got := found(t, c, "minister"); len(got) != 1 {
		t.Errorf("minister, right but thirty times rarer than ministre: %d articles, want itself only", len(got))
	}
	if got := found(t, c, "ministre"); len(got) != 30 || slices.Contains(got, "minister") {
		t.Errorf("ministre, a common word, drags in its rare neighbour: %d articles", len(got))
	}
	if n := notes(t, c, "ministre"); n != nil {
		t.Errorf("ministre: notes %q, want none", n)
	}
	if got := found(t, c, "minstre"); len(got) != 30 {
		t.Errorf("minstre: %d articles, want the 30 of ministre", len(got))
	}
	if got := found(t, c, "minxstrx"); len(got) != 0 {
		t.Errorf("minxstrx, two typos in eight letters: %v, want nothing", got)
	}
	if got := found(t, c, "cybredefnse"); !slices.Equal(got, []string{"cyber"}) {
		t.Errorf("cybredefnse, two typos in twelve letters: %v, want cyber", got)
	}
	if got := found(t, c, "mnstr"); len(got) != 31 || !slices.Contains(got, "minister") {
		t.Errorf("mnstr (letters in order): %d articles, want the 30 of ministre and minister", len(got))
	}
	if got := found(t, c, "tuot"); len(got) != 0 {
		t.Errorf("tuot, a typo of a word of four letters, found it: %v", got)
	}
	if got := found(t, c, "prle"); len(got) != 153 {
		t.Errorf("prle, four letters, a letter dropped from parle: %d articles, want all", len(got))
	}
}

// TestNegationIsTheComplement (point 3): -t excludes exactly what t
// finds, for every way a term matches.
func TestNegationIsTheComplement(t *testing.T) {
	c := typoCorpus()
	all := found(t, c, "")
	for _, q := range []string{"ministre", "minis", "inistr", "minstre", "vulnerabilté", "mnstr", `"le ministre"`, "year:2011", "title:rien", "ministre|microsoft", "(ministre parle)", "=ministre"} {
		pos, neg := found(t, c, q), found(t, c, "-"+q)
		if len(pos) == 0 {
			t.Errorf("%s: no article, the test shows nothing", q)
		}
		union := slices.Concat(pos, neg)
		slices.Sort(union)
		if !slices.Equal(union, all) || len(union) != len(slices.Compact(slices.Clone(union))) {
			t.Errorf("%s finds %d articles and -%s %d, of %d: not complements", q, len(pos), q, len(neg), len(all))
		}
	}
}

// TestCompoundsFindOneAnother (point 4): a compound written with a hyphen,
// joined or apart finds the three forms.
func TestCompoundsFindOneAnother(t *testing.T) {
	c := made(
		art("hyphen", 2010, "Rien", "La plate-forme numérique. "+filler),
		art("joined", 2010, "Rien", "La plateforme numérique. "+filler),
		art("apart", 2010, "Rien", "La plate forme numérique. "+filler),
		art("plate", 2010, "Rien", "Une assiette plate. "+filler),
		art("e-mail", 2010, "Rien", "Un e-mail reçu. "+filler),
		art("email", 2010, "Rien", "Un email reçu. "+filler),
	)
	all := ids("hyphen", "joined", "apart")
	for _, q := range []string{"plate-forme", "plateforme", `"plate forme"`, "plate‐forme"} {
		if got := found(t, c, q); !slices.Equal(got, all) {
			t.Errorf("%s: %v, want %v", q, got, all)
		}
	}
	for _, q := range []string{"e-mail", "email"} {
		if got := found(t, c, q); !slices.Equal(got, ids("e-mail", "email")) {
			t.Errorf("%s: %v, want both spellings", q, got)
		}
	}
	if got := found(t, c, "plate -plateforme"); !slices.Equal(got, []string{"plate"}) {
		t.Errorf("plate -plateforme: %v, want only the plate that is no compound", got)
	}
}

// TestSymbolTokens (point 5): tokens with symbols and digits are searched
// as typed; a query of symbols only is an error.
func TestSymbolTokens(t *testing.T) {
	c := made(
		art("cpp", 2010, "Rien", "Écrit en C++ moderne. "+filler),
		art("csharp", 2010, "Rien", "Écrit en C#. "+filler),
		art("c", 2010, "Rien", "Écrit en C, simplement. "+filler),
		art("dotnet", 2010, "Rien", "Le cadre .NET de Microsoft. "+filler),
		art("aspnet", 2010, "Rien", "Un site en ASP.NET. "+filler),
		art("cve", 2010, "Rien", "La faille CVE-2021-44228 (Log4Shell). "+filler),
		art("version", 2010, "Rien", "La version 2.4.1 corrige la 2.4. "+filler),
		art("percent", 2010, "Rien", "Une hausse de 20%. "+filler),
		art("first", 2010, "Rien", "Le #1 des ventes. "+filler),
		art("numbers", 2010, "Rien", "Il y a 20 ans, 1 sur 4. "+filler),
	)
	checkFinds(t, c, []findCase{
		{"c++", []string{"cpp"}},
		{"C#", []string{"csharp"}},
		{".net", ids("aspnet", "dotnet")},
		{"asp.net", []string{"aspnet"}},
		{"CVE-2021-44228", []string{"cve"}},
		{"cve202144228", []string{"cve"}},
		{"2.4.1", []string{"version"}},
		{"20%", []string{"percent"}},
		{"#1", []string{"first"}},
		{"20", ids("cve", "numbers", "percent")},
	})
}

// TestQueryOfSymbolsIsAnError (point 5): a query with nothing to search
// says so instead of matching every article.
func TestQueryOfSymbolsIsAnError(t *testing.T) {
	c := loadSeeds(t)
	for _, q := range []string{"++", "#", "%", "« »", "-", "|", "()", "OR", "— ..."} {
		_, err := c.Find(context.Background(), q, nil)
		var qe *search.QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "nothing to search") {
			t.Errorf("Find(%q) = %v, want a query error", q, err)
		}
	}
	// Beside a term, punctuation is only punctuation.
	if got := found(t, c, "otan — japon"); !slices.Equal(got, []string{seed002}) {
		t.Errorf("otan — japon: %v", got)
	}
}
