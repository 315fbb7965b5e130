package ingest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/seeds"
)

func loadSeeds(t testing.TB) *corpus.Corpus {
	t.Helper()
	c, probs := ingest.LoadFS("seeds", seeds.FS)
	if len(probs) != 0 {
		t.Fatalf("loading the seeds reported problems: %v", probs)
	}
	return c
}

// TestSeedsTimeline checks the table of DESIGN.md: order, dates with their
// precision, titles, and which titles are derived.
func TestSeedsTimeline(t *testing.T) {
	c := loadSeeds(t)
	want := []struct {
		id, date, precision, title string
		derived                    bool
	}{
		{"004_a37cb0af5b3f89bb", "2014-09-20T15:04", "minute", "L'OTAN lance son cyberpartenariat avec l'industrie", false},
		{"003_a617ba8cd3b3f892", "2015-04-21", "day", "Le Maroc présent à la prochaine conférence mondiale sur le cyberespace en 2017 au Mexique", false},
		{"000_4c5db0ae9efe47db", "2017-01", "month", "Deux semaines avant sa prochaine rencontre avec le président Donald Trump…", true},
		{"001_8c4fc2a06532ada3", "2018-07", "month", "L'UIT et Global Cyber Alliance ont signé le 9 juillet une déclaration commune…", true},
		{"002_3932c6dfc2111cbf", "2019-10-09", "day", "L’OTAN et le Japon intensifient leur dialogue dans le domaine de la cyberdéfense", false},
	}
	if c.Len() != len(want) {
		t.Fatalf("loaded %d articles, want %d", c.Len(), len(want))
	}
	for i, w := range want {
		a := c.At(i)
		if a.ID != w.id || a.Date.String() != w.date || a.Date.Precision.String() != w.precision || a.Title != w.title || a.TitleDerived != w.derived {
			t.Errorf("article %d = %s %s (%s) %q derived=%v\nwant %s %s (%s) %q derived=%v",
				i, a.ID, a.Date, a.Date.Precision, a.Title, a.TitleDerived, w.id, w.date, w.precision, w.title, w.derived)
		}
		if a.Source != "seeds/"+w.id+".txt" {
			t.Errorf("%s: source %q", w.id, a.Source)
		}
		if a.Words < 250 {
			t.Errorf("%s: %d words, the article has more than 250", w.id, a.Words)
		}
	}
}

func seed(t *testing.T, id string) *corpus.Article {
	t.Helper()
	a, ok := loadSeeds(t).ByID(id)
	if !ok {
		t.Fatalf("no seed %s", id)
	}
	return a
}

func body(a *corpus.Article) string { return strings.Join(a.Paragraphs, "\n\n") }

// Each trap of DESIGN.md gets its own test.

func TestTrapDateHeaderRunsIntoFirstSentence(t *testing.T) {
	for _, id := range []string{"000_4c5db0ae9efe47db", "001_8c4fc2a06532ada3"} {
		a := seed(t, id)
		if strings.Contains(a.Title, "date") || strings.Contains(body(a), " date 20") || strings.HasPrefix(body(a), "date") {
			t.Errorf("%s: the raw date header shows: title %q, body starts %q", id, a.Title, a.Paragraphs[0][:40])
		}
		first := map[string]string{
			"000_4c5db0ae9efe47db": "Deux semaines avant sa prochaine rencontre",
			"001_8c4fc2a06532ada3": "L'UIT et Global Cyber Alliance ont signé",
		}[id]
		if !strings.HasPrefix(a.Paragraphs[0], first) {
			t.Errorf("%s: first paragraph %q, want it to start with %q", id, a.Paragraphs[0], first)
		}
	}
}

func TestTrapPublicationDateNotFirstYearMentioned(t *testing.T) {
	a := seed(t, "003_a617ba8cd3b3f892")
	if got := a.Date.String(); got != "2015-04-21" {
		t.Errorf("003 dated %s, want 2015-04-21 (its title names 2017)", got)
	}
}

func TestTrapPageChromeBeforeTitle(t *testing.T) {
	a := seed(t, "003_a617ba8cd3b3f892")
	for _, chrome := range []string{"Augmenter la taille du texte", "Diminuer la taille du texte", "Partager", "Mardi 21 Avril 2015"} {
		if strings.Contains(body(a), chrome) {
			t.Errorf("003 body still holds %q", chrome)
		}
	}
	if !strings.HasPrefix(a.Paragraphs[0], "La 5ème conférence mondiale sur le cyberespace") {
		t.Errorf("003 body starts %q", a.Paragraphs[0])
	}
}

func TestTrapRepeatedTitle(t *testing.T) {
	a := seed(t, "003_a617ba8cd3b3f892")
	if strings.Contains(body(a), a.Title) {
		t.Errorf("003 body repeats its title %q", a.Title)
	}
}

func TestTrapPageChromeAfterArticle(t *testing.T) {
	a := seed(t, "003_a617ba8cd3b3f892")
	for _, chrome := range []string{"Lu 310 fois", "Nouveau commentaire", "Votre avis nous intéresse", "courtoisie", "Dossiers du weekend", "Post Scriptum"} {
		if strings.Contains(body(a), chrome) {
			t.Errorf("003 body still holds %q", chrome)
		}
	}
	last := a.Paragraphs[len(a.Paragraphs)-1]
	if !strings.HasSuffix(last, "en matière de renforcement des capacités en cybersécurité.") {
		t.Errorf("003 ends with %q", last)
	}
}

func TestTrapDateInBulletLines(t *testing.T) {
	a := seed(t, "002_3932c6dfc2111cbf")
	if a.Date.String() != "2019-10-09" || a.Date.Precision != corpus.PrecisionDay {
		t.Errorf("002 dated %s (%s), want 2019-10-09 (day)", a.Date, a.Date.Precision)
	}
	if a.Updated.String() != "2019-10-09T18:15" {
		t.Errorf("002 updated %q, want 2019-10-09T18:15", a.Updated)
	}
	for _, p := range a.Paragraphs {
		if strings.Contains(p, "•") || strings.Contains(p, "Mis à jour") {
			t.Errorf("002 body holds a bullet date line: %q", p)
		}
	}
	if !strings.HasPrefix(a.Paragraphs[0], "Cette semaine, l’OTAN et le Japon") {
		t.Errorf("002 body starts %q", a.Paragraphs[0])
	}
}

func TestTrapNonBreakingSpacesAndHyphens(t *testing.T) {
	a := seed(t, "004_a37cb0af5b3f89bb")
	b := body(a)
	// Kept for display…
	if !strings.Contains(b, "OTAN\u2011industrie") || !strings.Contains(b, "Sorin\u00a0Ducaru") {
		t.Errorf("004 lost its no-break hyphen or space")
	}
	// …but the line of no-break spaces alone is no paragraph…
	for _, p := range a.Paragraphs {
		if strings.Trim(p, "\u00a0 ") == "" {
			t.Errorf("004 has a blank paragraph %q", p)
		}
	}
	// …and words split at them: "Sorin Ducaru" is two words, "OTAN-industrie" one.
	if got := ingest.CountWords("ambassadeur Sorin\u00a0Ducaru, OTAN\u2011industrie"); got != 4 {
		t.Errorf("CountWords = %d, want 4", got)
	}
}

func TestSeedsKeepEveryParagraph(t *testing.T) {
	c := loadSeeds(t)
	want := map[string]int{"000_4c5db0ae9efe47db": 9, "001_8c4fc2a06532ada3": 11, "002_3932c6dfc2111cbf": 6, "003_a617ba8cd3b3f892": 7, "004_a37cb0af5b3f89bb": 7}
	for id, n := range want {
		a, _ := c.ByID(id)
		if len(a.Paragraphs) != n {
			t.Errorf("%s: %d paragraphs, want %d", id, len(a.Paragraphs), n)
		}
	}
	ids := make([]string, c.Len())
	for i := range ids {
		ids[i] = c.At(i).ID[:3]
	}
	if !slices.Equal(ids, []string{"004", "003", "000", "001", "002"}) {
		t.Errorf("timeline order %v", ids)
	}
}
