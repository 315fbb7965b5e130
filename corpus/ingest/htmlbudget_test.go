package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// pathologicalPages are web pages made to cost a parser or an extractor
// more than their size: deep nesting of several kinds, a tag of many
// attributes, deep tables, a wide page. Each holds the sentence "Le texte
// survit." once, which must load.
func pathologicalPages() map[string]string {
	const text = "Le texte survit."
	page := func(body string) string {
		return "<!DOCTYPE html><html><head><title>Page piégée</title></head><body>" + body + "</body></html>"
	}
	nested := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "<p>" + text + " " + strings.Repeat("Une phrase de plus pour faire un paragraphe. ", 4) + "</p>" + strings.Repeat(close, n)
	}
	var attrs strings.Builder
	attrs.WriteString("<div")
	for i := range 300_000 {
		fmt.Fprintf(&attrs, " a%d=x", i)
	}
	attrs.WriteString("><p>" + text + strings.Repeat(" Une phrase de plus.", 10) + "</p></div>")
	return map[string]string{
		"divs-20000.html":   page(nested("<div>", "</div>", 20_000)),
		"divs-100000.html":  page(nested("<div>", "</div>", 100_000)),
		"unclosed.html":     page(nested("<div><span>", "", 50_000)),
		"tables-5000.html":  page(nested("<table><tr><td>", "</td></tr></table>", 5_000)),
		"links-20000.html":  page(nested("<a href=x>", "</a>", 20_000)),
		"lists-20000.html":  page(nested("<ul><li>", "</li></ul>", 20_000)),
		"attributes.html":   page(attrs.String()),
		"paragraphs.html":   page(strings.Repeat("<p>Un paragraphe, avec des virgules, et du texte.</p>", 100_000) + "<p>" + text + "</p>"),
		"quotes-20000.html": page(nested("<blockquote><p>", "</p></blockquote>", 20_000)),
	}
}

// TestPathologicalPagesLoad loads a folder of pathological pages beside an
// ordinary one: each loads with its text, or is one problem line, and the
// folder loads in a few seconds (the bound only catches a return of the
// quadratic cost: 20,000 nested <div> took minutes; the times are logged).
func TestPathologicalPagesLoad(t *testing.T) {
	fsys := fstest.MapFS{"ordinary.html": {Data: []byte(`<html><head><title>Une page ordinaire</title></head><body><article><p>` +
		strings.Repeat("Un texte ordinaire, assez long pour être un article. ", 10) + `</p></article></body></html>`)}}
	for name, page := range pathologicalPages() {
		fsys[name] = &fstest.MapFile{Data: []byte(page)}
	}
	// Past the budget: markup too large to parse, too many elements to
	// extract.
	fsys["huge.html"] = &fstest.MapFile{Data: []byte(strings.Repeat("<p>Un paragraphe de texte.</p>", 400_000))}
	fsys["wide.html"] = &fstest.MapFile{Data: []byte(strings.Repeat("<div><p>Un paragraphe de texte, avec une virgule.</p></div>", 135_000))}
	start := time.Now()
	c, probs := LoadFS("pages", fsys)
	elapsed := time.Since(start)
	t.Logf("%d pages in %v", len(fsys), elapsed)
	for _, p := range probs {
		t.Logf("problem: %s", p)
	}
	if elapsed > 20*time.Second {
		t.Errorf("the folder took %v", elapsed)
	}
	if a, _ := c.ByID("ordinary"); a == nil {
		t.Error("the ordinary page did not load")
	}
	for name, want := range map[string]string{
		"huge.html": "too much markup for one page (11 MiB without scripts and styles; the limit is 8 MiB): skipped",
		"wide.html": errPageTooLarge.Error(),
	} {
		if !slices.ContainsFunc(probs, func(p Problem) bool { return strings.HasSuffix(p.Path, name) && p.Reason == want }) {
			t.Errorf("%s: no problem %q", name, want)
		}
	}
	for name := range pathologicalPages() {
		id := strings.TrimSuffix(name, ".html")
		a, _ := c.ByID(id)
		if a == nil {
			t.Errorf("%s did not load", name)
			continue
		}
		if !strings.Contains(strings.Join(a.Paragraphs, " "), "Le texte survit.") {
			t.Errorf("%s lost its text: %.200q", name, a.Paragraphs)
		}
	}
}

// TestPathologicalPageTimes reads each pathological page alone and logs
// its time; it fails only past several seconds for one page.
func TestPathologicalPageTimes(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	r := newExtractor(NewDateFinder())
	for name, page := range pathologicalPages() {
		start := time.Now()
		_, err := r.readHTMLPage(page)
		d := time.Since(start)
		t.Logf("%-18s %8.1f KiB  %v  err=%v", name, float64(len(page))/1024, d.Round(time.Millisecond), err)
		if d > 10*time.Second {
			t.Errorf("%s took %v", name, d)
		}
	}
}

// TestHTMLParagraphsDeep reads a fragment nested deeper than the parser
// takes: flattened, its text stays and no tag shows.
func TestHTMLParagraphsDeep(t *testing.T) {
	frag := strings.Repeat("<div>", 5000) + "Le texte survit.<script>pas du texte</script>" + strings.Repeat("</div>", 5000)
	got := strings.Join(htmlParagraphs(frag), "|")
	if got != "Le texte survit." {
		t.Errorf("got %.200q", got)
	}
}

func TestGuardMarkup(t *testing.T) {
	many := "<div" + strings.Repeat(" a=1", maxTagAttrs+10) + ">texte</div>"
	if got := guardMarkup(many, false); strings.Count(got, " a=1") != maxTagAttrs || !strings.HasSuffix(got, ">texte</div>") {
		t.Errorf("attributes not cut: %d kept, ends %q", strings.Count(got, " a=1"), got[len(got)-20:])
	}
	// Attributes are counted as the tokenizer reads them: a ">" in a
	// quoted value does not end the tag.
	quoted := `<p title="a > b" class='x>y'>texte</p>`
	if got := guardMarkup(quoted, false); got != quoted {
		t.Errorf("changed %q to %q", quoted, got)
	}
	// Raw text is not markup: a script's "<div a=1 ...>" is left alone.
	script := "<script>var s = '<div" + strings.Repeat(" a=1", maxTagAttrs+10) + ">';</script>"
	if got := guardMarkup(script, false); got != script {
		t.Error("a script was changed")
	}
	stripped := guardMarkup(`<!-- c --><script>x()</script><script type="application/ld+json">{"a":1}</script><style>p{}</style><p>t</p>`, true)
	if stripped != `<script></script><script type="application/ld+json">{"a":1}</script><style></style><p>t</p>` {
		t.Errorf("stripped: %q", stripped)
	}
}

func TestFlattenMarkup(t *testing.T) {
	deep := strings.Repeat("<div>", 300) + "texte<script>code</script>" + strings.Repeat("</div>", 300)
	flat := flattenMarkup(deep, 100)
	if n := strings.Count(flat, "<div>"); n != 100 || strings.Count(flat, "</div>") != 100 || !strings.Contains(flat, "texte") {
		t.Errorf("%d <div> kept: %.300q", n, flat)
	}
	if strings.Contains(flat, "code") {
		t.Error("the text of a dropped script was kept")
	}
	if got := flattenMarkup("<p>a<p>b<li>c<li>d", 2); got != "<p>a<p>b<li>c<li>d" {
		t.Errorf("siblings counted as nested: %q", got)
	}
}
