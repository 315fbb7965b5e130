package ingest

import (
	"strings"
	"testing"
)

func TestHTMLParagraphs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Un</p><p>Deux</p>", "Un|Deux"},
		{"Avant<br>après<br/>fin", "Avant|après|fin"},
		{"<div>Un <b>gras</b> et <a href='x'>lien</a>.</div>", "Un gras et lien."},
		{"<p>Texte</p><script>alert('x')</script><style>p{}</style><p>Suite</p>", "Texte|Suite"},
		{"<ul><li>Un</li><li>Deux</li></ul>", "Un|Deux"},
		{"l&#8217;OTAN &amp; l&rsquo;UE&nbsp;!", "l’OTAN & l’UE\u00a0!"},
		{"<p>Non fermé <b>gras", "Non fermé gras"},
		{"<h2>Intertitre</h2>Texte libre", "Intertitre|Texte libre"},
	}
	for _, tt := range tests {
		if got := strings.Join(htmlParagraphs(tt.in), "|"); got != tt.want {
			t.Errorf("htmlParagraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadHTMLPage(t *testing.T) {
	r := newExtractor(NewDateFinder())
	const filler = "<p>Un paragraphe assez long pour que l’extracteur le retienne comme le texte principal de la page, avec plusieurs phrases. Une deuxième phrase le prolonge encore un peu.</p>"
	tests := []struct {
		name, page, title, date string
	}{
		{"og and published_time", `<html><head><meta property="og:title" content="Titre OG"><meta property="article:published_time" content="2019-10-09T18:15:00+02:00"></head><body><article>` + filler + `</article></body></html>`, "Titre OG", "2019-10-09T18:15"},
		{"json-ld", `<html><head><title>Page</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Titre LD","datePublished":"2015-04-21"}</script></head><body><article>` + filler + `</article></body></html>`, "Titre LD", "2015-04-21"},
		{"time element", `<html><head><title>Titre simple</title></head><body><article><time datetime="2014-09-20T15:04">20 septembre</time>` + filler + `</article></body></html>`, "Titre simple", "2014-09-20T15:04"},
		{"date line", `<html><head><title>Titre simple</title></head><body><article><p>Publié le 27/12/22 à 08h02</p>` + filler + `</article></body></html>`, "Titre simple", "2022-12-27T08:02"},
		// Found by FuzzLoadFile: the date parser reads "1:" as year 0.
		{"garbage date", `<html><head><title>Titre simple</title><meta property="article:published_time" content="1:"></head><body><article>` + filler + `</article></body></html>`, "Titre simple", ""},
		{"undated", `<html><head><title>Titre simple</title></head><body><article>` + filler + `</article></body></html>`, "Titre simple", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := r.readHTMLPage(tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if d.title != tt.title || d.date.String() != tt.date {
				t.Errorf("got (%q, %q), want (%q, %q)", d.title, d.date, tt.title, tt.date)
			}
			if len(d.paragraphs) == 0 || !strings.HasPrefix(d.paragraphs[len(d.paragraphs)-1], "Un paragraphe assez long") {
				t.Errorf("paragraphs %q", d.paragraphs)
			}
		})
	}
}
