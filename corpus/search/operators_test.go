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

// TestOperators (point 6): OR, AND and NOT in capitals are operators, as
// in a search engine; in lower case they are words; parentheses group.
func TestOperators(t *testing.T) {
	c := made(
		art("labour", 2010, "Rien", "Le parti labour. "+filler),
		art("tory", 2010, "Rien", "Le parti tory. "+filler),
		art("both", 2010, "Rien", "Labour et tory. "+filler),
		art("or", 2010, "Rien", "Labour or tory, green. "+filler),
		art("green", 2010, "Rien", "Le parti green. "+filler),
	)
	checkFinds(t, c, []findCase{
		{"labour OR tory", ids("labour", "tory", "both", "or")},
		{"labour | tory", ids("labour", "tory", "both", "or")},
		{"labour or tory", ids("or")}, // "or" is a word
		{"labour AND tory", ids("both", "or")},
		{"labour tory", ids("both", "or")},
		{"NOT labour", ids("tory", "green")},
		{"tory NOT labour", ids("tory")},
		{"(labour OR tory) green", ids("or")},
		{"(labour tory) OR green", ids("both", "or", "green")},
		{"-(labour tory)", ids("labour", "tory", "green")},
		{"labour OR -tory", ids("labour", "both", "or", "green")},
		{"((labour)) OR (green", ids("labour", "both", "or", "green")}, // an open parenthesis closes at the end
		{`"OR"`, ids("or")},
		{"labour OR", ids("labour", "both", "or")}, // being typed
	})
}

// metaCorpus has articles with metadata: tags, authors, a URL, a source
// file and fields the loader kept.
func metaCorpus() indexed {
	a := art("a", 2010, "Une faille", "Le texte de la faille. "+filler)
	a.Tags, a.Authors, a.URL, a.Source = []string{"Sécurité informatique", "Java"}, []string{"Jean Dupont"}, "https://www.lemonde.fr/pixels/1.html", "dumps/lemonde.jsonl"
	a.Fields = []corpus.Field{{Name: "cves", Values: []string{"CVE-2021-44228"}}, {Name: "affected_products", Values: []string{"Apache Log4j 2.14"}}}
	b := art("b", 2011, "Une autre", "Un autre texte. "+filler)
	b.Tags, b.Authors, b.URL, b.Source = []string{"Politique"}, []string{"Marie Dupond", "Jean Martin"}, "http://lefigaro.fr/x", "dumps/figaro.jsonl"
	b.Fields = []corpus.Field{{Name: "CVE", Values: []string{"CVE-2022-0001"}}}
	return made(a, b, art("c", 2012, "Sécurité", "Rien de plus. "+filler))
}

// TestFieldQueries (point 6): field queries reach the metadata kept by the
// loader, word by word as text is matched.
func TestFieldQueries(t *testing.T) {
	c := metaCorpus()
	checkFinds(t, c, []findCase{
		{"tag:sécurité", []string{"a"}},
		{"tags:politique", []string{"b"}},
		{"tag:java", []string{"a"}},
		{"tag:(java OR politique)", ids("a", "b")},
		{"author:dupont", []string{"a"}},
		{"author:dupon", ids("a", "b")},
		{"author:jean", ids("a", "b")},
		{`author:"jean dupont"`, []string{"a"}},
		{`author:"jean martin"`, []string{"b"}},
		{`author:"dupont jean"`, nil},
		{"site:lemonde.fr", []string{"a"}},
		{"site:lemonde", []string{"a"}},
		{"site:figaro", []string{"b"}}, // inside the host name
		{"source:figaro", []string{"b"}},
		{"cve:CVE-2021-44228", []string{"a"}},
		{"cves:cve-2022", []string{"b"}},
		{"affected_product:log4j", []string{"a"}},
		{"affectedproducts:log4j", []string{"a"}},
		{"-cve:2021", ids("b", "c")},
		{"sécurité", []string{"c"}}, // a term alone reads titles and bodies
		{"faille", []string{"a"}},
		{"faille -tag:java", nil},
		{"texte -tag:politique", ids("a", "c")},
		{"title:sécurité", []string{"c"}},
	})
}

// TestFieldErrors (point 6): an unknown field says which fields there
// are, the corpus's own included; a field with nothing after it is an
// error, whatever the field.
func TestFieldErrors(t *testing.T) {
	c := metaCorpus()
	tests := []struct {
		q, msg string
		pos    int
	}{
		{"tit:blair", "unknown field tit: use title, tag, author, site, source, cve, affectedproduct, year, date", 0},
		{"otan tit:blair", "unknown field tit", 5},
		{"title:", "title: needs a term", 0},
		{"tag: x", "tag: needs a term", 0},
		{"cve:", "cve: needs a term", 0},
		{"date:", "date: needs a date", 0},
		{"(title:)", "title: needs a term", 1},
		{"title:++", "title: needs a term", 0},
		{"title:(year:2010)", "cannot hold another field", 7},
	}
	for _, tt := range tests {
		_, err := c.Find(context.Background(), tt.q, nil)
		var qe *search.QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, tt.msg) || qe.Pos != tt.pos {
			t.Errorf("Find(%q) = %v, want %q at %d", tt.q, err, tt.msg, tt.pos)
		}
	}
}

// TestShortTermsDoNotFlood (point 7): letters in order are for a term of
// four letters or more that matches little otherwise, anchored at its
// first letter: a short term never floods through them.
func TestShortTermsDoNotFlood(t *testing.T) {
	var arts []*corpus.Article
	for i := range 30 {
		arts = append(arts, art(fmt.Sprintf("important%02d", i), 2010, "Rien", "Un point important. "+filler))
	}
	arts = append(arts,
		art("otan1", 2011, "L'OTAN", filler),
		art("otan2", 2011, "Rien", "Selon l’OTAN. "+filler),
		art("iona", 2011, "Rien", "La coopération internationale. "+filler),
	)
	c := made(arts...)
	for _, q := range []string{"otan", "l'otan", "OTAN"} {
		if got := found(t, c, q); !slices.Equal(got, ids("otan1", "otan2")) {
			t.Errorf("%s: %v, want the two articles naming it", q, got)
		}
	}
	if got := found(t, c, "iona"); !slices.Equal(got, []string{"iona"}) {
		t.Errorf("iona: %v, want internationale only", got)
	}
	if got := found(t, c, "otn"); len(got) != 0 {
		t.Errorf("otn, three letters, found through letters in order: %v", got)
	}
	if got := found(t, c, "imptnt"); len(got) != 30 {
		t.Errorf("imptnt, an abbreviation: %d articles, want 30", len(got))
	}
}

// TestNoSilentCap (point 7): a term matches every form it has, however
// many; past the limit of forms a term may use, the results say how many
// were used.
func TestNoSilentCap(t *testing.T) {
	// 300 words that hold "iot", one an article: more than the old cap of
	// 128 forms.
	var arts []*corpus.Article
	for i := range 300 {
		arts = append(arts, art(fmt.Sprintf("a%03d", i), 2010, "Rien", fmt.Sprintf("Le mot x%diot. %s", i, filler)))
	}
	c := made(arts...)
	if got := found(t, c, "iot"); len(got) != 300 {
		t.Errorf("iot: %d articles, want all 300", len(got))
	}
	if n := notes(t, c, "iot"); n != nil {
		t.Errorf("iot: notes %q, want none", n)
	}
	// 20 100 forms, more than a term may use: 200 articles of 100 each.
	arts = nil
	for i := range 201 {
		var b strings.Builder
		for j := range 100 {
			fmt.Fprintf(&b, "w%05diot ", i*100+j)
		}
		arts = append(arts, art(fmt.Sprintf("b%03d", i), 2010, "Rien", b.String()))
	}
	c = made(arts...)
	want := []string{fmt.Sprintf("iot: 20000 of %d forms used", 201*100)}
	if n := notes(t, c, "iot"); !slices.Equal(n, want) {
		t.Errorf("iot: notes %q, want %q", n, want)
	}
	if got := found(t, c, "iot"); len(got) < 200 {
		t.Errorf("iot: %d articles, want the 200 whose words were used", len(got))
	}
}

// TestBoundedQueries (point 8): every query does bounded work; past the
// bounds on terms, nesting and length the error says which.
func TestBoundedQueries(t *testing.T) {
	c := loadSeeds(t)
	alts := make([]string, 5000)
	for i := range alts {
		alts[i] = string(rune('a' + i%26))
	}
	terms := strings.Repeat("otan ", 64)
	tests := []struct{ q, msg string }{
		{strings.Join(alts[:2000], "|"), "too many terms: at most 64"},
		{strings.Repeat("a ", 65), "too many terms: at most 64"},
		{`"` + strings.Repeat("a ", 65) + `"`, "too many terms: at most 64"},
		{strings.Repeat("(", 9) + "a", "too many nested parentheses: at most 8"},
		{strings.Join(alts, "|"), "query too long: at most 4096 bytes"},
	}
	for _, tt := range tests {
		_, err := c.Find(context.Background(), tt.q, nil)
		var qe *search.QueryError
		if !errors.As(err, &qe) || qe.Msg != tt.msg {
			t.Errorf("Find(%.40q…) = %v, want %q", tt.q, err, tt.msg)
		}
	}
	if got := found(t, c, terms); !slices.Equal(got, ids(seed004, seed002)) {
		t.Errorf("64 terms: %v", got)
	}
}

// TestOpenQuote (point 9): an open quote is a phrase being typed: its
// words in sequence, the last a word start.
func TestOpenQuote(t *testing.T) {
	c := loadSeeds(t)
	for _, q := range []string{`"conférence mond`, `"conférence mondiale`, `"conférence mondiale"`, `otan "l'industrie`} {
		if _, err := c.Find(context.Background(), q, nil); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
	if got, want := found(t, c, `"conférence mond`), found(t, c, `"conférence mondiale"`); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf(`"conférence mond: %v, want those of "conférence mondiale": %v`, got, want)
	}
	if got := found(t, c, `"conférence mondiale sur le cyber`); !slices.Equal(got, []string{seed003}) {
		t.Errorf(`"conférence mondiale sur le cyber: %v`, got)
	}
	if got := found(t, c, `"mondiale conf`); len(got) != 0 {
		t.Errorf(`"mondiale conf: %v, want nothing (the words are in the other order)`, got)
	}
}
