package ingest_test

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// loadHostile loads testdata/hostile: small files for every format,
// encoding and broken input gazette must handle.
func loadHostile(t *testing.T) (*corpus.Corpus, []ingest.Problem) {
	t.Helper()
	return ingest.Load([]ingest.Source{ingest.FromFS("hostile", os.DirFS("testdata/hostile"))}, ingest.Options{})
}

// TestHostileCorpusArticles checks every article of the test corpus: its
// ID, title, date and format, and a piece of its body.
func TestHostileCorpusArticles(t *testing.T) {
	c, _ := loadHostile(t)
	tests := []struct {
		id, format, title, date, body string
	}{
		// Plain text in every encoding and line ending.
		{"text/plain", "text", "Le budget de la défense adopté", "2022-12-27T08:02", "Les députés ont voté"},
		{"text/crlf", "text", "La loi de programmation de la défense adopté", "2022-12-27T08:02", "Le ministre s’est félicité"},
		{"text/cr", "text", "Un vieux fichier Mac", "2015-04-21", "retour chariot seul"},
		{"text/bom", "text", "Titre avec BOM", "2019-10-09", "marque d’ordre"},
		{"text/utf16le", "text", "L’OTAN en UTF-16", "2019-10-09", "accents: é, è, à"},
		{"text/utf16be", "text", "L’ONU en UTF-16", "2019-10-09", "vieil outil Windows"},
		{"text/windows1252", "text", "Un fichier Windows", "2020-01-01", "L’été arrive à Besançon – «\u00a0déjà\u00a0» disent les élèves… 20 €."},
		{"text/damaged-utf8", "text", "Un texte abîmé", "2018-07-01", "perdu ici: \uFFFD puis la suite, sans accent perdu: é è à ç."},
		// Markdown, with and without front matter.
		{"markdown/front", "markdown", "Cyberdéfense: l’UE muscle son jeu", "2024-06-17", "Bruxelles a présenté mardi"},
		{"markdown/source", "markdown", "Sans date dans le texte", "2025-05-31T06:30", "Le corps du texte commence ici"},
		{"markdown/plain", "markdown", "Un titre Markdown", "2019-10-09", "Pas de front matter"},
		{"markdown/bad-yaml", "markdown", "Titre malgré tout", "", "Le texte reste lisible."},
		// JSON: an array, a wrapper, an API response, one object a file.
		{"json/array/a1", "json", "Premier article", "2024-06-17", "Texte du premier article."},
		{"json/array/a2", "json", "Deuxième article", "2025-05-31T06:30", "Second paragraphe."},
		{"json/array/a3", "json", "Troisième", "2023-11-14T22:13", "Du HTML & des entités\u00a0: l’OTAN."},
		{"json/array/a4", "json", "Quatrième", "2023-11-14T22:13", "Unix seconds."},
		{"json/array/2020/01/cinq", "json", "Cinquième", "2020-01-05", "Un résumé."},
		{"json/array/6", "json", "Sixième sans id", "2019-10-09T18:15", "Première révision."},
		{"json/wrapped/1", "json", "Enveloppé un", "2021-05-01", "Un."},
		{"json/wrapped/2", "json", "Enveloppé deux", "2025-05-31", "Deux."},
		{"json/guardian/world/2024/jun/17/nato", "json", "Nato summit", "2024-06-17T18:15", "Leaders met in Washington."},
		{"json/one/wordpress", "json", "L’OTAN et le Japon", "2019-10-09T18:15", "Le dialogue cyber s’intensifie."},
		{"json/one/simple", "json", "Un seul objet", "2015-04-21", "Un fichier, un article."},
		{"json/untitled", "json", "Un article sans titre dont le titre sera tiré de la première phrase", "", "La suite du texte"},
		// JSON Lines, also gzipped; the malformed line 4 is skipped.
		{"jsonl/dump/n1", "jsonl", "Ligne 1", "2024-06-01", "Texte de la ligne 1."},
		{"jsonl/dump/n3", "jsonl", "Ligne 3", "2024-06-03", "Texte de la ligne 3."},
		{"jsonl/dump/n5", "jsonl", "Ligne 5", "2024-06-05", "Texte de la ligne 5."},
		{"jsonl/dump/n7", "jsonl", "Ligne 7", "2024-06-07", "Texte de la ligne 7."},
		{"jsonl/archive/2", "jsonl", "Compressé 2", "2023-02-01T10:00", "Corps 2."},
		{"jsonl/not-object/3", "jsonl", "Seule bonne ligne", "", "ok"},
		// CSV (comma, and semicolon with a BOM as Excel writes it) and TSV.
		{"csv/articles/c1", "csv", "Titre CSV, avec virgule", "2024-06-17", `Second, avec "guillemets".`},
		{"csv/articles/c2", "csv", "Sans date", "", "Juste du texte."},
		{"csv/articles/c3", "csv", "Trop de champs", "2020-01-01", "texte"},
		{"csv/excel-fr/2", "csv", "Export Excel français", "2014-09-20T15:04", "Séparateur point-virgule et BOM."},
		{"tsv/articles/2", "tsv", "TSV un", "2019-10-09", "Corps un."},
		{"tsv/articles/3", "tsv", "TSV deux", "2023-11-14T22:13", "Corps deux."},
		// HTML pages: metadata date, <time> element.
		{"html/article", "html", "L’OTAN et le Japon renforcent leur coopération", "2019-10-09T18:15", "leur dialogue annuel sur la cyberdéfense"},
		{"html/time-element", "html", "Une page sans métadonnées", "2015-04-21", "un élément time"},
		// Byte-identical files: the first in walk order is kept.
		{"dup/copy", "text", "Doublon exact de la défense adopté", "2022-12-27T08:02", "Les députés"},
		// Two sources with one ID: both kept.
		{"sameid/note", "markdown", "Note en Markdown", "2011-01-01", "Version Markdown."},
		{"sameid/note~2", "text", "Note en texte", "2010-01-01", "Version texte."},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			a, ok := c.ByID(tt.id)
			if !ok {
				t.Fatalf("no article %q; closest %v", tt.id, c.Closest(tt.id, 3))
			}
			if a.Format != tt.format || a.Title != tt.title || a.Date.String() != tt.date {
				t.Errorf("got (%s, %q, %q), want (%s, %q, %q)", a.Format, a.Title, a.Date, tt.format, tt.title, tt.date)
			}
			if body := strings.Join(a.Paragraphs, "\n"); !strings.Contains(body, tt.body) {
				t.Errorf("body %q does not contain %q", body, tt.body)
			}
		})
	}
	if _, ok := c.ByID("dup/original"); ok {
		t.Error("the byte-identical copy dup/original was loaded twice")
	}
	if a, _ := c.ByID("json/untitled"); a != nil && !a.TitleDerived {
		t.Error("json/untitled: title not marked derived")
	}
	if a, _ := c.ByID("markdown/front"); a != nil && (a.URL != "https://example.org/2024/06/17/cyber" || !slices.Equal(a.Tags, []string{"cyber", "UE"})) {
		t.Errorf("markdown/front: url %q tags %q", a.URL, a.Tags)
	}
	if got, want := c.Len(), 49; got != want {
		t.Errorf("%d articles, want %d", got, want)
	}
}

// TestHostileCorpusProblems checks the problem lines: every broken file
// and record named, with its reason, and nothing else.
func TestHostileCorpusProblems(t *testing.T) {
	_, probs := loadHostile(t)
	want := []string{
		"hostile: 1 file skipped, no articles: 1 not an article by its extension (.pdf)",
		"hostile/csv/articles.csv:6: 6 fields, the header has 5: the extra ones are ignored",
		"hostile/csv/articles.csv:7: no title or text",
		"hostile/csv/no-header.csv: header row names no title or text column (hello, world)",
		"hostile/dup/original.txt: byte-identical to hostile/dup/copy.txt: loaded once",
		"hostile/html/empty-page.html: no article found in the page",
		"hostile/json/array.json: record 7: no title or text field",
		"hostile/json/array.json: record 8: not an object",
		"hostile/json/broken.json: invalid JSON: invalid character '}' looking for beginning of value (line 2, column 31)",
		"hostile/json/not-articles.json: no articles: neither an article object nor an object holding a list of articles",
		"hostile/jsonl/dump.jsonl:4: invalid JSON: unexpected end of data",
		"hostile/jsonl/not-object.jsonl:1: not an object",
		"hostile/jsonl/not-object.jsonl:2: not an object",
		"hostile/markdown/bad-yaml.md: front matter is not valid YAML (yaml: line 1: did not find expected ',' or ']'); read without it",
		"hostile/text/binary.txt: not text (binary data)",
		"hostile/text/blank.md: empty file",
		"hostile/text/damaged-utf8.txt: read as UTF-8: 1 invalid UTF-8 byte replaced with U+FFFD",
		"hostile/text/empty.txt: empty file",
		"hostile/text/not-gzip.txt.gz: not a valid gzip file: no gzip header",
		"hostile/text/truncated.txt.gz: not a valid gzip file: unexpected EOF",
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range probs {
		partial := strings.Contains(p.Path, ":") || strings.Contains(p.Reason, "record ") ||
			strings.Contains(p.Reason, "replaced") || strings.Contains(p.Reason, "YAML")
		if p.Partial != partial {
			t.Errorf("%s: Partial = %v, want %v", p.Error(), p.Partial, partial)
		}
		if (p.Duplicate != "") != strings.Contains(p.Reason, "byte-identical") {
			t.Errorf("%s: Duplicate = %q", p.Error(), p.Duplicate)
		}
	}
}

// TestHostileCorpusStable loads the corpus twice with different numbers of
// workers: the same IDs in the same order, the same problems.
func TestHostileCorpusStable(t *testing.T) {
	src := []ingest.Source{ingest.FromFS("hostile", os.DirFS("testdata/hostile"))}
	c1, p1 := ingest.Load(src, ingest.Options{Workers: 1})
	c8, p8 := ingest.Load(src, ingest.Options{Workers: 8})
	ids := func(c *corpus.Corpus) []string {
		var out []string
		for _, a := range c.Articles() {
			out = append(out, a.ID)
		}
		return out
	}
	if !slices.Equal(ids(c1), ids(c8)) || !reflect.DeepEqual(p1, p8) {
		t.Errorf("loads differ:\n%v\n%v", ids(c1), ids(c8))
	}
}
