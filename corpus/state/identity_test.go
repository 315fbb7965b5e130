package state

import (
	"slices"
	"testing"
	"time"

	"github.com/gazette-reader/gazette/corpus"
)

func article() *corpus.Article {
	return &corpus.Article{
		ID: "2019/otan-japon", Title: "L’OTAN et le Japon", Source: "news/2019/otan-japon.txt", Format: "text",
		Date:       corpus.NewDate(2019, time.October, 9, 0, 0, corpus.PrecisionDay),
		Paragraphs: []string{"Le Japon et l’OTAN ont tenu leur dialogue.", "Deuxième paragraphe."},
		URL:        "https://example.org/a", Tags: []string{"otan"}, Authors: []string{"A. B."},
	}
}

// TestKeyOfWhatChangesIt: the key is the title's and the body's words,
// nothing else.
func TestKeyOfWhatChangesIt(t *testing.T) {
	base := KeyOf(article())
	same := map[string]func(a *corpus.Article){
		"moved and renamed": func(a *corpus.Article) { a.ID, a.Source = "elsewhere/x", "/tmp/elsewhere/x.json" },
		"another format":    func(a *corpus.Article) { a.Format = "jsonl" },
		"another date":      func(a *corpus.Article) { a.Date = corpus.Date{} },
		"metadata":          func(a *corpus.Article) { a.URL, a.Tags, a.Authors = "", nil, nil },
		"white space at the ends": func(a *corpus.Article) {
			a.Paragraphs[0] = "  " + a.Paragraphs[0] + "\n"
			a.Title += " "
		},
	}
	for name, change := range same {
		a := article()
		change(a)
		if KeyOf(a) != base {
			t.Errorf("%s: the key changed", name)
		}
	}
	other := map[string]func(a *corpus.Article){
		"a word of the title": func(a *corpus.Article) { a.Title = "L’OTAN et la Corée" },
		"a word of the body":  func(a *corpus.Article) { a.Paragraphs[1] = "Troisième paragraphe." },
		"a paragraph joined": func(a *corpus.Article) {
			a.Paragraphs = []string{a.Paragraphs[0] + " " + a.Paragraphs[1]}
		},
		"a paragraph added": func(a *corpus.Article) { a.Paragraphs = append(a.Paragraphs, "Encore.") },
	}
	for name, change := range other {
		a := article()
		change(a)
		if KeyOf(a) == base {
			t.Errorf("%s: the key stayed the same", name)
		}
	}
	derived := article()
	derived.TitleDerived = true
	again := article()
	again.TitleDerived, again.Title = true, "Le Japon et l’OTAN…"
	if KeyOf(derived) != KeyOf(again) {
		t.Error("a derived title changed the key")
	}
	if k, ok := ParseKey(base.String()); !ok || k != base {
		t.Errorf("ParseKey(%s) = %v, %v", base, k, ok)
	}
}

// TestKeysMatchKeyOf: the parallel pass gives each article its KeyOf.
func TestKeysMatchKeyOf(t *testing.T) {
	var arts []*corpus.Article
	for i := range 500 {
		a := article()
		a.Paragraphs = append(slices.Clone(a.Paragraphs), string(rune('a'+i%26))+" "+string(rune('0'+i%10)), "n"+string(rune(i)))
		arts = append(arts, a)
	}
	c := corpus.New(arts)
	keys := Keys(c)
	for i := range c.Len() {
		if keys[i] != KeyOf(c.At(i)) {
			t.Fatalf("article %d: Keys and KeyOf differ", i)
		}
	}
}
