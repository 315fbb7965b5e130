package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
	"github.com/gazette-reader/gazette/corpus/internal/fuzzbound"
)

// The fuzz targets below start from the files of testdata/hostile and from
// the inputs kept under testdata/fuzz. Run one for a while with, e.g.:
//
//	go test ./corpus -run '^$' -fuzz '^FuzzLoadFile$' -fuzztime 3m -parallel 1

// addHostile seeds f with every file of testdata/hostile whose name ends
// with one of exts ("" for all), as a string or as bytes.
func addHostile(f *testing.F, asBytes bool, exts ...string) {
	f.Helper()
	err := filepath.WalkDir("testdata/hostile", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, e := range exts {
			if e == "" || strings.HasSuffix(p, e) {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				if asBytes {
					f.Add(data)
				} else {
					f.Add(string(data))
				}
				return nil
			}
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
}

// checkClean fails when s holds what must never reach a terminal or is not
// valid UTF-8.
func checkClean(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", what, s)
	}
	for _, r := range s {
		if unsafeRune(r) {
			t.Fatalf("%s holds %U: %q", what, r, s)
		}
	}
}

// checkArticle checks what every loaded article must be, whatever the
// input: sanitised fields, an ID, text, a consistent word count and date.
func checkArticle(t *testing.T, a *corpus.Article) {
	t.Helper()
	if a.ID == "" || (a.Title == "" && len(a.Paragraphs) == 0) {
		t.Fatalf("article without ID or text: %+v", a)
	}
	checkClean(t, "ID", a.ID)
	checkClean(t, "title", a.Title)
	checkClean(t, "URL", a.URL)
	words := 0
	for _, p := range a.Paragraphs {
		checkClean(t, "paragraph", p)
		if p == "" || strings.ContainsAny(p, "\n\t") {
			t.Fatalf("paragraph empty or not collapsed: %q", p)
		}
		words += CountWords(p)
	}
	for _, tag := range a.Tags {
		checkClean(t, "tag", tag)
	}
	if words != a.Words {
		t.Fatalf("Words = %d, paragraphs hold %d", a.Words, words)
	}
	checkDate(t, a.Date)
	checkDate(t, a.Updated)
}

func checkDate(t *testing.T, d corpus.Date) {
	t.Helper()
	if d.Precision > corpus.PrecisionMinute {
		t.Fatalf("bad precision %d", d.Precision)
	}
	if !d.IsZero() && (d.Time.Year() < 1800 || d.Time.Year() > 2200 || corpus.NewDate(d.Time.Year(), d.Time.Month(), d.Time.Day(), d.Time.Hour(), d.Time.Minute(), d.Precision) != d) {
		t.Fatalf("date %v (%s) is not normalised to its precision", d.Time, d.Precision)
	}
}

// FuzzLoadFile runs a file through the whole loader (gzip, encodings,
// format detection, every parser, finishing) under each of the names that
// pick a format, and checks every article and problem.
func FuzzLoadFile(f *testing.F) {
	addHostile(f, true, "")
	names := []string{"a.txt", "a.md", "a.json", "a.jsonl", "a.csv", "a.tsv", "a.html", "a.txt.gz", "a.jsonl.gz", "a.dat"}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbound.Check(t, len(data))()
		fsys := fstest.MapFS{}
		for _, n := range names {
			fsys["d/"+n] = &fstest.MapFile{Data: data}
		}
		c, probs := Load([]Source{FromFS("f", fsys)}, Options{Workers: 2, MaxFileSize: 1 << 20})
		for i := range c.Len() {
			checkArticle(t, c.At(i))
		}
		for _, p := range probs {
			if p.Path == "" || p.Reason == "" {
				t.Fatalf("problem without path or reason: %+v", p)
			}
			checkClean(t, "problem", p.Error())
		}
	})
}

// FuzzDecodeText: any bytes decode to valid UTF-8; valid UTF-8 without a
// byte-order mark comes back unchanged and without loss.
func FuzzDecodeText(f *testing.F) {
	addHostile(f, true, ".txt", ".csv")
	f.Add([]byte("caf\xe9"))
	f.Add([]byte("\xff\xfea\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbound.Check(t, len(data))()
		d := decodeText(data)
		if !utf8.ValidString(d.text) {
			t.Fatalf("invalid UTF-8 out: %q", d.text)
		}
		if utf8.Valid(data) && !bytes.HasPrefix(data, bomUTF8) && !bytes.HasPrefix(data, bomUTF16LE) && !bytes.HasPrefix(data, bomUTF16BE) {
			if d.text != string(data) || d.loss != "" {
				t.Fatalf("valid UTF-8 changed: %q -> %q (%s)", data, d.text, d.loss)
			}
		}
	})
}

// FuzzReadJSON: a JSON document gives records or an error, never a panic,
// and every record has text or says why not.
func FuzzReadJSON(f *testing.F) {
	addHostile(f, false, ".json")
	f.Add(`{"response":{"results":[{"fields":{"headline":"h","bodyText":"b"}}]}}`)
	f.Add(`[{"title":{"rendered":"<b>x</b>"},"revisions":[{"date":1700000000}]}]`)
	r := newExtractor(NewDateFinder())
	f.Fuzz(func(t *testing.T, text string) {
		defer fuzzbound.Check(t, len(text))()
		recs, err := r.readJSON(Sanitize(text))
		if err != nil && len(recs) > 0 {
			t.Fatalf("records and an error: %v", err)
		}
		checkRecords(t, recs)
	})
}

func checkRecords(t *testing.T, recs []parsedRecord) {
	t.Helper()
	for _, p := range recs {
		empty := p.draft.title == "" && len(p.draft.paragraphs) == 0
		if empty && p.problem == "" {
			t.Fatalf("record %d: no text and no problem", p.n)
		}
		if p.n < 1 {
			t.Fatalf("record number %d", p.n)
		}
		checkDate(t, p.draft.date)
		checkDate(t, p.draft.updated)
	}
}

// FuzzJSONLines: line numbers count every line, a line over the limit is
// skipped, and no line makes more than one record.
func FuzzJSONLines(f *testing.F) {
	addHostile(f, true, ".jsonl")
	f.Add([]byte("{\"title\":\"a\"}\r\n\n{\"text\":\"b\"}"))
	r := newExtractor(NewDateFinder())
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbound.Check(t, len(data))()
		var recs []parsedRecord
		if _, err := r.jsonLines(bytes.NewReader(data), 64, func(p parsedRecord) { recs = append(recs, p) }); err != nil {
			t.Fatal(err)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		last := 0
		for _, p := range recs {
			if p.n <= last || p.n > lines || !p.line {
				t.Fatalf("line %d after %d of %d", p.n, last, lines)
			}
			last = p.n
		}
		checkRecords(t, recs)
	})
}

// FuzzReadCSV: any table gives rows or an error, never a panic.
func FuzzReadCSV(f *testing.F) {
	addHostile(f, false, ".csv", ".tsv")
	r := newExtractor(NewDateFinder())
	f.Fuzz(func(t *testing.T, text string) {
		defer fuzzbound.Check(t, len(text))()
		recs, err := r.readCSV(Sanitize(text), 0)
		if err != nil && len(recs) > 0 {
			t.Fatalf("rows and an error: %v", err)
		}
		checkRecords(t, recs)
	})
}

// FuzzReadMarkdown: front matter, valid or not, never stops the body from
// being read.
func FuzzReadMarkdown(f *testing.F) {
	addHostile(f, false, ".md", ".markdown")
	f.Add("---\na: &a [*a]\n---\nx")
	r := newExtractor(NewDateFinder())
	f.Fuzz(func(t *testing.T, text string) {
		defer fuzzbound.Check(t, len(text))()
		d, _ := r.readMarkdown(Sanitize(text))
		checkDate(t, d.date)
	})
}

// FuzzReadHTML: any page gives an article or an error; fragments give
// paragraphs without markup.
func FuzzReadHTML(f *testing.F) {
	addHostile(f, false, ".html", ".htm")
	f.Add("<p>a<br>b</p><script>c</script>&#27;&#x9b;")
	r := newExtractor(NewDateFinder())
	f.Fuzz(func(t *testing.T, text string) {
		defer fuzzbound.Check(t, len(text))()
		clean := Sanitize(text)
		if d, err := r.readHTMLPage(clean); err == nil {
			checkDate(t, d.date)
		}
		for _, p := range htmlParagraphs(clean) {
			if p == "" {
				t.Fatal("empty paragraph")
			}
			checkClean(t, "paragraph", Sanitize(p))
		}
	})
}

// FuzzReadText: the plain-text heuristics take any text.
func FuzzReadText(f *testing.F) {
	addHostile(f, false, ".txt")
	r := newExtractor(NewDateFinder())
	f.Fuzz(func(t *testing.T, text string) {
		defer fuzzbound.Check(t, len(text))()
		d := r.read(Sanitize(text))
		checkDate(t, d.date)
		_ = r.deriveTitle(d.paragraphs)
	})
}

// FuzzDateFind: Find returns a range inside the folded text and a date
// normalised to its precision; ParseDate agrees with itself.
func FuzzDateFind(f *testing.F) {
	for _, s := range []string{
		"Sat, 31 May 2025 06:30:16 +0200", "2019-10-09T18:15:00+02:00", "2024-06-17T00:00:00.000000",
		"1700000000", "Publié le 27/12/22 à 08h02", "Mardi 21 Avril 2015", "1er janvier 2020",
		"09 Oct. 2019 18:15", "May 31, 2025, 6:30 pm", "2017-01", "janvier 2017", "20/09/2014 15:04",
		"31/02/2019", "2019-13-45", "0000-00-00T99:99",
	} {
		f.Add(s)
	}
	df := NewDateFinder()
	f.Fuzz(func(t *testing.T, s string) {
		defer fuzzbound.Check(t, len(s))()
		d, start, end, ok := df.Find(s)
		if ok {
			if start < 0 || start > end || end > len(fold.String(s)) {
				t.Fatalf("range %d:%d outside %d", start, end, len(fold.String(s)))
			}
			checkDate(t, d)
			if d.IsZero() {
				t.Fatal("found a zero date")
			}
		}
		p, ok := df.ParseDate(s)
		if ok == p.IsZero() {
			t.Fatalf("ParseDate ok=%v with date %v", ok, p)
		}
		checkDate(t, p)
		if again, ok := df.ParseDate(p.String()); ok && again != p {
			t.Fatalf("ParseDate(%q) = %v, but ParseDate of its String %q = %v", s, p, p.String(), again)
		}
	})
}

func FuzzReadFeed(f *testing.F) {
	addHostile(f, false, ".html", ".xml")
	for _, name := range []string{"lemonde.xml", "blog.atom", "rdf.xml"} {
		if b, err := os.ReadFile(filepath.Join("testdata/feeds", name)); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(`<rss><channel><item><title>a &#27; b</title><description>` + strings.Repeat("<div>", 100) + `x</description></item></channel></rss>`)
	r := newExtractor(NewDateFinder())
	f.Fuzz(func(t *testing.T, text string) {
		defer fuzzbound.Check(t, len(text))()
		recs, err := r.readFeed(Sanitize(text))
		if err != nil && len(recs) > 0 {
			t.Fatalf("records and an error: %v", err)
		}
		checkRecords(t, recs)
	})
}
