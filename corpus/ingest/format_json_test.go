package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestRecordFields maps the field names of common dumps and APIs onto
// articles: every recognised name, nested objects one level down, HTML in
// text fields, dates as strings and as Unix seconds.
func TestRecordFields(t *testing.T) {
	tests := []struct {
		name, json                  string
		title, date, body, url, key string
	}{
		{"plain", `{"id":"x1","title":"T","date":"2019-10-09","text":"B."}`, "T", "2019-10-09", "B.", "", "x1"},
		{"headline body", `{"headline":"T","published":"May 31, 2025","body":"B."}`, "T", "2025-05-31", "B.", "", ""},
		{"name article", `{"name":"T","published_at":"2024-06-17T00:00:00.000000","article":"B."}`, "T", "2024-06-17", "B.", "", ""},
		{"pubDate rfc1123", `{"title":"T","pubDate":"Sat, 31 May 2025 06:30:16 +0200","description":"B."}`, "T", "2025-05-31T06:30", "B.", "", ""},
		{"datePublished rfc3339", `{"title":"T","datePublished":"2019-10-09T18:15:00+02:00","summary":"B."}`, "T", "2019-10-09T18:15", "B.", "", ""},
		{"created_at unix", `{"title":"T","created_at":1700000000,"content":"B."}`, "T", "2023-11-14T22:13", "B.", "", ""},
		{"unix milliseconds", `{"title":"T","timestamp":1700000000000,"content":"B."}`, "T", "2023-11-14T22:13", "B.", "", ""},
		{"unix as string", `{"title":"T","date":"1700000000","content":"B."}`, "T", "2023-11-14T22:13", "B.", "", ""},
		{"french date", `{"title":"T","date":"Publié le 27/12/22 à 08h02","content":"B."}`, "T", "2022-12-27T08:02", "B.", "", ""},
		{"year only", `{"title":"T","date":2017,"content":"B."}`, "T", "2017", "B.", "", ""},
		{"guid url", `{"guid":"https://ex.org/2020/01/cinq/","title":"T","text":"B."}`, "T", "", "B.", "", "2020/01/cinq"},
		{"reference", `{"reference":"AFP-123","title":"T","text":"B."}`, "T", "", "B.", "", "AFP-123"},
		{"url link", `{"title":"T","link":"https://ex.org/a","text":"B."}`, "T", "", "B.", "https://ex.org/a", ""},
		{"wordpress rendered", `{"id":7,"title":{"rendered":"L&#8217;OTAN"},"content":{"rendered":"<p>Un <em>deux</em>.</p><p>Trois.</p>"}}`, "L’OTAN", "", "Un deux.|Trois.", "", "7"},
		{"nested fields", `{"id":"w/1","webTitle":"T","fields":{"bodyText":"B.","headline":"H"}}`, "T", "", "B.", "", "w/1"},
		{"nested only", `{"data":{"title":"T","date":"2020-01-01","text":"B."}}`, "T", "2020-01-01", "B.", "", ""},
		{"author name is no title", `{"author":{"name":"Jean"},"text":"B."}`, "", "", "B.", "", ""},
		{"revisions", `{"title":"T","revisions":[{"timestamp":"2019-10-09T18:15:00Z","text":"B."},{"timestamp":"2020-01-01T00:00:00Z"}]}`, "T", "2019-10-09T18:15", "B.", "", ""},
		{"summary then text", `{"title":"T","summary":"S.","text":"B."}`, "T", "", "S.|B.", "", ""},
		{"summary the text repeats", `{"title":"T","description":"Le début du texte…","text":"Le début du texte, et la suite."}`, "T", "", "Le début du texte, et la suite.", "", ""},
		{"paragraph list", `{"title":"T","body":["Un.","Deux."]}`, "T", "", "Un.|Deux.", "", ""},
		{"case and separators", `{"Title":"T","Published-At":"2020-01-02","BODY":"B."}`, "T", "2020-01-02", "B.", "", ""},
		{"keys that normalise alike", `{"title":"lower","Title":"upper","text":"B."}`, "upper", "", "B.", "", ""},
		{"nested keys normalised", `{"data":{"Title":"T","Body_Text":"B."}}`, "T", "", "B.", "", ""},
		{"html entities decoded", `{"title":"A &amp; B","text":"x &lt;y&gt; &#233;t&#xe9;"}`, "A & B", "", "x <y> été", "", ""},
		{"plain text paragraphs", `{"title":"T","text":"Un.\n\nDeux.\nTrois."}`, "T", "", "Un.|Deux.|Trois.", "", ""},
		{"bad date ignored", `{"title":"T","date":"not a date","text":"B."}`, "T", "", "B.", "", ""},
	}
	r := newExtractor(NewDateFinder())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec map[string]any
			dec := json.NewDecoder(strings.NewReader(tt.json))
			dec.UseNumber()
			if err := dec.Decode(&rec); err != nil {
				t.Fatal(err)
			}
			d, key := r.recordDraft(rec)
			body := strings.Join(d.paragraphs, "|")
			if d.title != tt.title || d.date.String() != tt.date || body != tt.body || d.url != tt.url || cleanKey(key) != tt.key {
				t.Errorf("got title %q date %q body %q url %q key %q\nwant      %q      %q      %q     %q     %q",
					d.title, d.date, body, d.url, cleanKey(key), tt.title, tt.date, tt.body, tt.url, tt.key)
			}
		})
	}
}

// TestJSONLinesLongLine streams a line far longer than a bufio.Scanner's
// 64 KiB default, between two short ones, and one line over the limit.
func TestJSONLinesLongLine(t *testing.T) {
	long := strings.Repeat("Une phrase du très long article. ", 200_000) // ~6.6 MB
	var b strings.Builder
	fmt.Fprintf(&b, `{"title":"court","text":"a"}`+"\n")
	fmt.Fprintf(&b, `{"title":"long","text":%q}`+"\n", long)
	fmt.Fprintf(&b, `{"title":"trop long","text":%q}`+"\n", long+long)
	fmt.Fprintf(&b, `{"title":"fin","text":"b"}`)
	dir := t.TempDir()
	p := filepath.Join(dir, "big.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	c, probs := LoadPaths([]string{p}, Options{MaxFileSize: 10 << 20})
	if c.Len() != 3 {
		t.Fatalf("%d articles, want 3", c.Len())
	}
	a, ok := c.ByID("big/2")
	if !ok || a.Title != "long" || a.Words != 200_000*6 {
		t.Errorf("long line: %v %q, %d words", ok, a.Title, a.Words)
	}
	if len(probs) != 1 || probs[0].Error() != p+":3: line longer than 10 MiB, skipped" || !probs[0].Partial {
		t.Errorf("problems %v", probs)
	}
}

// TestJSONLinesEncodings: a UTF-16 export with its byte-order mark, and
// lines in Windows-1252 or with invalid UTF-8 among UTF-8 ones.
func TestJSONLinesEncodings(t *testing.T) {
	dir := t.TempDir()
	lines := `{"title":"L’été","text":"Crème brûlée."}` + "\n" + `{"title":"Deux","text":"b"}` + "\n"
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(lines)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := charmap.Windows1252.NewEncoder().String(`{"title":"Café","text":"Déjà vu – 20 €"}`)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"u16.jsonl":   u16,
		"mixed.jsonl": `{"title":"UTF-8","text":"été"}` + "\n" + cp + "\n" + `{"title":"abîmé","text":"été ` + "\xff" + ` à"}` + "\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, probs := LoadPaths([]string{dir}, Options{})
	want := map[string]string{
		"u16/1": "L’été|Crème brûlée.", "u16/2": "Deux|b",
		"mixed/1": "UTF-8|été", "mixed/2": "Café|Déjà vu – 20 €", "mixed/3": "abîmé|été \uFFFD à",
	}
	for id, w := range want {
		a, ok := c.ByID(id)
		if !ok || a.Title+"|"+strings.Join(a.Paragraphs, " ") != w {
			t.Errorf("%s: %v %+v, want %q", id, ok, a, w)
		}
	}
	if len(probs) != 1 || probs[0].Error() != filepath.Join(dir, "mixed.jsonl")+": invalid UTF-8 on 1 line replaced with U+FFFD" {
		t.Errorf("problems %v", probs)
	}
}
