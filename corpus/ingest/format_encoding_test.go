package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestDecodeText(t *testing.T) {
	const fr = "L’été à Besançon – « déjà » 20 €"
	utf16 := func(e unicode.Endianness, s string) []byte {
		b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes([]byte(fr))
	if err != nil {
		t.Fatal(err)
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte("Crème brûlée, façade, naïf"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in       []byte
		text     string
		encoding string
		loss     string
	}{
		{"utf8", []byte(fr), fr, "UTF-8", ""},
		{"utf8 bom", append([]byte("\xef\xbb\xbf"), fr...), fr, "UTF-8", ""},
		{"utf16le bom", utf16(unicode.LittleEndian, fr), fr, "UTF-16LE", ""},
		{"utf16be bom", utf16(unicode.BigEndian, fr), fr, "UTF-16BE", ""},
		{"utf16le odd length", append(utf16(unicode.LittleEndian, "ab"), 'c'), "ab\uFFFD", "UTF-16LE", "1 invalid UTF-16LE sequence replaced with U+FFFD"},
		{"windows-1252", cp1252, fr, "Windows-1252", ""},
		{"latin-1", latin1, "Crème brûlée, façade, naïf", "Windows-1252", ""},
		{"windows-1252 undefined byte", []byte("caf\xe9 \x81"), "café \uFFFD", "Windows-1252", "1 byte undefined in Windows-1252 replaced with U+FFFD"},
		{"damaged utf8", []byte("déjà vu, ça \xff va, été"), "déjà vu, ça \uFFFD va, été", "UTF-8", "1 invalid UTF-8 byte replaced with U+FFFD"},
		{"truncated utf8 at end", []byte("déjà vu été à\xc3"), "déjà vu été à\uFFFD", "UTF-8", "1 invalid UTF-8 byte replaced with U+FFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decodeText(tt.in)
			if d.text != tt.text || d.encoding != tt.encoding || d.loss != tt.loss {
				t.Errorf("decodeText = (%q, %s, %q), want (%q, %s, %q)", d.text, d.encoding, d.loss, tt.text, tt.encoding, tt.loss)
			}
		})
	}
}

// TestLineEndings: CRLF and lone CR become LF before parsing, so
// paragraphs split the same way whatever system wrote the file.
func TestLineEndings(t *testing.T) {
	want := []string{"Premier paragraphe.", "Second paragraphe."}
	for _, nl := range []string{"\n", "\r\n", "\r"} {
		text := strings.ReplaceAll("Titre en plusieurs mots\n\n2019-10-09\n\nPremier paragraphe.\n\nSecond paragraphe.\n", "\n", nl)
		d := newExtractor(NewDateFinder()).read(Sanitize(decodeText([]byte(text)).text))
		if d.title != "Titre en plusieurs mots" || strings.Join(d.paragraphs, "|") != strings.Join(want, "|") {
			t.Errorf("%q: title %q, paragraphs %q", nl, d.title, d.paragraphs)
		}
	}
}
