package ingest_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// advisory is a security advisory as some agencies publish them: its date
// in the first entry of a list of revisions, under a name of its own; a
// summary, a Markdown text and the risks as prose; affected systems and
// CVE identifiers as lists.
const advisory = `{
  "reference": "AVIS-2021-001",
  "title": "Vulnérabilité dans Apache Log4j",
  "summary": "Une vulnérabilité a été découverte dans Apache Log4j. Elle permet à un attaquant de provoquer une exécution de code arbitraire à distance.",
  "risks": ["Exécution de code arbitraire à distance, sans authentification préalable sur le système visé"],
  "affected_systems": ["Apache Log4j versions 2.0 à 2.14.1", "Apache Log4j 1.x"],
  "cves": ["CVE-2021-44228", "CVE-2021-45046"],
  "content": "## Description\n\nLa bibliothèque **Log4j** interprète les motifs ` + "`${jndi:...}`" + ` reçus[^1^](#foot1).\n\n## Solution\n\n- Mettre à jour vers la version 2.15.0\n- Retirer la classe JndiLookup\n\n[^1^]: Voir le bulletin de l'éditeur.",
  "revisions": [
    {"revision_date": "2021-12-10T09:00:00", "desc": "Version initiale"},
    {"revision_date": "2021-12-14T17:30:00", "desc": "Ajout de la CVE-2021-45046"}
  ]
}`

func loadRecords(t *testing.T, name, text string) *corpus.Corpus {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if len(probs) != 0 || c.Len() == 0 {
		t.Fatalf("%s: %d articles, problems %v", name, c.Len(), probs)
	}
	return c
}

// TestRecordOfAnAdvisory: every part of the advisory reaches the article,
// in the JSON file and the same record as a line of JSON Lines.
func TestRecordOfAnAdvisory(t *testing.T) {
	for _, file := range []struct{ name, text string }{
		{"avis.json", advisory},
		{"avis.jsonl", strings.ReplaceAll(advisory, "\n", "") + "\n"},
	} {
		t.Run(file.name, func(t *testing.T) {
			a := loadRecords(t, file.name, file.text).At(0)
			if a.Date.String() != "2021-12-10T09:00" || a.Updated.String() != "2021-12-14T17:30" {
				t.Errorf("date %q updated %q: want the first and last revisions", a.Date, a.Updated)
			}
			body := strings.Join(a.Paragraphs, "\n\n")
			for _, want := range []string{"Une vulnérabilité a été découverte", "Exécution de code arbitraire", "## Description", "**Log4j**", "- Mettre à jour vers la version 2.15.0\n- Retirer la classe JndiLookup"} {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q:\n%s", want, body)
				}
			}
			if !strings.HasPrefix(body, "Une vulnérabilité") {
				t.Errorf("the summary does not open the body:\n%s", body)
			}
			if !a.BodyMarkdown {
				t.Error("the Markdown text is not marked as Markdown")
			}
			if a.Words < 60 {
				t.Errorf("%d words: the body lost fields", a.Words)
			}
			want := []corpus.Field{
				{Name: "affected_systems", Values: []string{"Apache Log4j versions 2.0 à 2.14.1", "Apache Log4j 1.x"}},
				{Name: "cves", Values: []string{"CVE-2021-44228", "CVE-2021-45046"}},
			}
			if !slices.EqualFunc(a.Fields, want, func(x, y corpus.Field) bool { return x.Name == y.Name && slices.Equal(x.Values, y.Values) }) {
				t.Errorf("fields %+v, want %+v", a.Fields, want)
			}
		})
	}
}

// TestRecordDatesByName: a field is a date when its name says so and its
// value reads as one, at the top or one level down; the publication beats
// a creation, which beats any other date, and an update is never the
// publication.
func TestRecordDatesByName(t *testing.T) {
	for _, tt := range []struct{ json, date, updated string }{
		{`{"title":"T","text":"B.","date_de_publication":"2020-03-04"}`, "2020-03-04", ""},
		{`{"title":"T","text":"B.","lastModified":"2021-01-01","release_time":"2020-05-06T07:08:00"}`, "2020-05-06T07:08", "2021-01-01"},
		{`{"title":"T","text":"B.","creation_date":"2019-01-01","published_on":"2020-01-01"}`, "2020-01-01", ""},
		{`{"title":"T","text":"B.","event_date":"2019-01-01"}`, "2019-01-01", ""},
		{`{"title":"T","text":"B.","updated_at":"2021-01-01"}`, "", "2021-01-01"},
		{`{"title":"T","text":"B.","meta":{"pub_time":"2020-02-02"}}`, "2020-02-02", ""},
		{`{"title":"T","text":"B.","timezone":"Europe/Paris","read_time":"5"}`, "", ""},
		{`{"title":"T","text":"B.","date":"0000-01-01T00:00:00Z"}`, "", ""},
	} {
		a := loadRecords(t, "r.json", tt.json).At(0)
		if a.Date.String() != tt.date || a.Updated.String() != tt.updated {
			t.Errorf("%s: date %q updated %q, want %q %q", tt.json, a.Date, a.Updated, tt.date, tt.updated)
		}
	}
}

// TestRecordPeopleAndMeta: authors come from the usual fields, as names
// or objects; short lists and section-like fields become metadata; an
// image or an address does not.
func TestRecordPeopleAndMeta(t *testing.T) {
	a := loadRecords(t, "r.json", `{"title":"T","text":"B.","authors":[{"name":"Anne Martin"},"Paul Durand"],"section":"Monde","image":"https://x/y.jpg","products":["Windows 10","Windows 11"],"word_count":532}`).At(0)
	if !slices.Equal(a.Authors, []string{"Anne Martin", "Paul Durand"}) {
		t.Errorf("authors %q", a.Authors)
	}
	if len(a.Fields) != 2 || a.Fields[0].Name != "products" || a.Fields[1].Name != "section" || a.Fields[1].Values[0] != "Monde" {
		t.Errorf("fields %+v", a.Fields)
	}
}

// TestPlainTextFieldsStayPlain: a body with one list or one pair of
// asterisks is plain text, escaped when shown, not Markdown.
func TestPlainTextFieldsStayPlain(t *testing.T) {
	a := loadRecords(t, "r.json", `{"title":"T","text":"Le prix est de 5 * 3 euros. Voir aussi:\n- un point"}`).At(0)
	if a.BodyMarkdown {
		t.Errorf("plain text taken for Markdown: %q", a.Paragraphs)
	}
}

// TestFieldNamesInOtherLanguages: a dump made outside the English-speaking
// world names its fields in its own language; the title, the date, the
// text, the summary, the authors and the tags are found under those names
// as under the English ones, in each language whose dates are read.
func TestFieldNamesInOtherLanguages(t *testing.T) {
	c := loadRecords(t, "dump.jsonl", `{"titel":"Bundestag beschließt Haushalt","datum":"12.03.2021","inhalt":"Der Bundestag hat am Freitag den Haushalt beschlossen. Die Opposition kritisierte die Pläne.","autor":"Anna Schmidt","schlagworte":["Haushalt","Bundestag"]}
{"titulo":"El gobierno aprueba el presupuesto","fecha":"3 de marzo de 2021","cuerpo":"El Consejo de Ministros aprobó este martes el proyecto de presupuestos.","resumen":"Un presupuesto expansivo."}
{"titolo":"Il governo approva la manovra","data_pubblicazione":"2021-03-04","testo":"Il Consiglio dei ministri ha approvato la manovra economica."}
{"заголовок":"Госдума приняла бюджет","дата":"5 марта 2021","текст":"Государственная дума приняла бюджет на следующий год."}
{"标题":"国务院通过预算","日期":"2021年3月6日","正文":"国务院常务会议通过了明年的预算草案。"}
{"titre":"Le Parlement vote le budget","date_de_publication":"7 mars 2021","contenu":"Le Parlement a voté le budget de l'année prochaine.","mots-clés":["budget"]}
`)
	want := map[string]string{
		"Bundestag beschließt Haushalt":      "2021-03-12",
		"El gobierno aprueba el presupuesto": "2021-03-03",
		"Il governo approva la manovra":      "2021-03-04",
		"Госдума приняла бюджет":             "2021-03-05",
		"国务院通过预算":                            "2021-03-06",
		"Le Parlement vote le budget":        "2021-03-07",
	}
	for _, a := range c.Articles() {
		date, ok := want[a.Title]
		if !ok {
			t.Errorf("title %q (derived %v) is not the record's", a.Title, a.TitleDerived)
			continue
		}
		if got := a.Date.Display(); got != date {
			t.Errorf("%s: date %q, want %s", a.Title, got, date)
		}
		if len(a.Paragraphs) == 0 || strings.Contains(strings.Join(a.Paragraphs, " "), a.Title) {
			t.Errorf("%s: body %q", a.Title, a.Paragraphs)
		}
		switch a.Title {
		case "Bundestag beschließt Haushalt":
			if !slices.Equal(a.Authors, []string{"Anna Schmidt"}) || !slices.Equal(a.Tags, []string{"Haushalt", "Bundestag"}) {
				t.Errorf("authors %q, tags %q", a.Authors, a.Tags)
			}
		case "El gobierno aprueba el presupuesto":
			if a.Paragraphs[0] != "Un presupuesto expansivo." {
				t.Errorf("the summary does not open the body: %q", a.Paragraphs)
			}
		case "Le Parlement vote le budget":
			if !slices.Equal(a.Tags, []string{"budget"}) {
				t.Errorf("tags %q", a.Tags)
			}
		}
	}
}

// TestRecordSiteNamesAndCutMarkers: an API's records carry their outlet's
// name after the headline ("… - BBC News") and a count of what the API
// cut from the text ("[+2345 chars]"); neither is the article's. The name
// goes when the record names its outlet (its source, publisher, site, or
// the name in its address), and a title that only holds a dash keeps it.
func TestRecordSiteNamesAndCutMarkers(t *testing.T) {
	c := loadRecords(t, "api.json", `{"status":"ok","articles":[
{"source":{"id":null,"name":"BBC News"},"title":"Markets rally as rates fall - BBC News","url":"https://www.bbc.co.uk/news/a","publishedAt":"2021-03-01T10:00:00Z","content":"Stocks rose sharply on Monday as investors bet on lower rates… [+2345 chars]"},
{"publisher":"Le Monde","titre":"Le budget adopté | Le Monde","date":"2021-03-02","texte":"Le Parlement a adopté le budget."},
{"title":"Oil prices climb – Reuters.com","link":"https://www.reuters.com/b","date":"2021-03-03","text":"Oil prices climbed on Tuesday. [+1 200 caractères]"},
{"source":"Daily Planet","title":"Brexit - the final countdown","date":"2021-03-04","text":"The talks enter their last week."}]}`)
	want := map[string]string{
		"Markets rally as rates fall":  "Stocks rose sharply on Monday as investors bet on lower rates…",
		"Le budget adopté":             "Le Parlement a adopté le budget.",
		"Oil prices climb":             "Oil prices climbed on Tuesday.",
		"Brexit - the final countdown": "The talks enter their last week.",
	}
	for _, a := range c.Articles() {
		body, ok := want[a.Title]
		if !ok {
			t.Errorf("title %q", a.Title)
			continue
		}
		if got := strings.Join(a.Paragraphs, "|"); got != body {
			t.Errorf("%s: body %q, want %q", a.Title, got, body)
		}
	}
}
