package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
	"golang.org/x/text/unicode/norm"
)

// TestNFCStarter checks nfcStarter's ranges against the Unicode tables:
// every character in them is NFC-normal, of combining class 0, and starts
// a new composition (nothing before it can combine with it).
func TestNFCStarter(t *testing.T) {
	for r := rune(0); r < 0x30000; r++ {
		if !nfcStarter(r) {
			continue
		}
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("%U: NFC normal %v, combining class %d, boundary before %v",
				r, norm.NFC.IsNormalString(s), p.CCC(), p.BoundaryBefore())
		}
	}
}

// TestLatinLetterShortcuts: the shortcuts that scanClean and isWordRune
// take for U+00C0-U+017F agree with the Unicode tables.
func TestLatinLetterShortcuts(t *testing.T) {
	for r := rune(0xc0); r < 0x180; r++ {
		letter := r != 0xd7 && r != 0xf7
		if unicode.IsLetter(r) != letter || fold.IsWordRune(r) != letter {
			t.Errorf("%U: IsLetter %v, isWordRune %v, shortcut %v", r, unicode.IsLetter(r), fold.IsWordRune(r), letter)
		}
		if !nfcStarter(r) || unsafeRune(r) || fold.IsSpace(r) {
			t.Errorf("%U: not a plain NFC starter", r)
		}
	}
}

// scanCleanCases are texts for which scanClean must agree with the long
// way: clean, dirty, spaced, joined, accented, decomposed.
var scanCleanCases = []string{
	"", "a", " a", "a ", "a  b", "a b", "L’OTAN et l'UE", "porte-parole", "- a", "a -",
	"cybersécurité, « coopération »", "28\u00a0pays", "a\u00a0 b", "a\u202fb", "a\u2003b",
	"e\u0301te", "\u2000a", "tab\there", "line\nbreak", "cr\rhere", "\x1b[31mred", "\u009bx",
	"\u202eevil", "bom\ufeff", "bad\xffutf8", "fin.", "Ωμέγα и Кириллица", "中文字", "x\u0085y",
	"١٢٣ digits", "a--b", "' '", "ǅ", "\u2011non-breaking\u2011hyphen", "\u2014",
	"3×4 ÷ 2", "Ā ſ ŉ Ÿ", "é\xc3", "\xc3\xa9\xc3", "\xc4 a",
	// Long enough to be read in two halves: what lies at the cut, and at
	// the ends of each half, must count as in one pass.
	strings.Repeat("la coopération internationale ", 4),
	strings.Repeat("la coopération internationale ", 4) + "fin",
	strings.Repeat("word ", 13) + " " + strings.Repeat("word ", 13) + "end",
	strings.Repeat("a", 40) + " " + strings.Repeat("b", 40),
	strings.Repeat("a", 40) + " -" + strings.Repeat("b", 40),
	strings.Repeat("a", 40) + "- " + strings.Repeat("b", 40),
	strings.Repeat("é", 40) + " \x01" + strings.Repeat("b", 40),
	strings.Repeat("x", 100), strings.Repeat("l’État ", 20) + "é",
}

// TestScanClean: when scanClean says a text needs no cleaning, Sanitize and
// collapseSpace indeed leave it alone and CountWords agrees on the words.
func TestScanClean(t *testing.T) {
	fast := 0
	for _, s := range scanCleanCases {
		checkScanClean(t, s)
		if _, ok := scanClean(s); ok {
			fast++
		}
	}
	if fast < len(scanCleanCases)/3 {
		t.Errorf("only %d of %d cases took the fast path", fast, len(scanCleanCases))
	}
}

// TestScanCleanReadsLongText: clean paragraphs, which scanClean reads in
// two halves, take the one pass whatever lies at the cut.
func TestScanCleanReadsLongText(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("la coopération internationale ", 4) + "fin",
		strings.Repeat("word ", 13) + strings.Repeat("mot ", 13) + "end",
		strings.Repeat("a", 40) + " -" + strings.Repeat("b", 40),
		strings.Repeat("a", 40) + "- " + strings.Repeat("b", 40),
		strings.Repeat("l’État ", 20) + "é",
		strings.Repeat("porte-parole ", 10) + "« Ōsaka »",
	} {
		words, ok := scanClean(s)
		if !ok || words != CountWords(s) {
			t.Errorf("scanClean(%q) = %d, %v; want %d, true", s, words, ok, CountWords(s))
		}
	}
}

func checkScanClean(t *testing.T, s string) {
	t.Helper()
	words, ok := scanClean(s)
	clean := collapseSpace(Sanitize(s))
	if ok && clean != s {
		t.Errorf("scanClean(%q) says clean; the long way gives %q", s, clean)
	}
	if ok && words != CountWords(s) {
		t.Errorf("scanClean(%q) = %d words, CountWords %d", s, words, CountWords(s))
	}
}

// FuzzScanClean: scanClean's answer matches the long way on any text.
func FuzzScanClean(f *testing.F) {
	for _, s := range scanCleanCases {
		f.Add(s)
	}
	f.Fuzz(checkScanClean)
}

// BenchmarkScanClean measures the check every paragraph of every article
// goes through at load, on the paragraphs of the seed articles (French
// news text). Those 20 KB, read over and over, train the branch predictor
// as no real load does: judge a change to scanClean with
// BenchmarkLoadJSONL as well (a branchy loop won here and lost there).
func BenchmarkScanClean(b *testing.B) {
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seeds: %v", err)
	}
	var paras []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range textParagraphs(string(data)) {
			if p = collapseSpace(Sanitize(p)); p != "" {
				paras = append(paras, p)
				size += len(p)
			}
		}
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range paras {
			scanClean(p)
		}
	}
}
