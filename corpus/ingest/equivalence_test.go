package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
	"github.com/gazette-reader/gazette/corpus/internal/fuzzbound"
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

// TestScanCleanAgreesWithReference: when scanClean says a text needs no
// cleaning, Sanitize and collapseSpace indeed leave it alone and
// CountWords agrees on the words; isCollapsed agrees with collapseSpace.
func TestScanCleanAgreesWithReference(t *testing.T) {
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
	wantWords, clean := scanCleanRef(s)
	if ok && !clean {
		t.Errorf("scanClean(%q) says clean; the long way gives %q", s, collapseSpace(Sanitize(s)))
	}
	if ok && words != wantWords {
		t.Errorf("scanClean(%q) = %d words, CountWords %d", s, words, wantWords)
	}
	// collapseSpace takes sanitised text.
	if c := Sanitize(s); isCollapsed(c) != isCollapsedRef(c) {
		t.Errorf("isCollapsed(%q) = %v, reference %v", c, isCollapsed(c), isCollapsedRef(c))
	}
}

// FuzzScanClean: scanClean's and isCollapsed's answers match the long way
// on any text.
func FuzzScanClean(f *testing.F) {
	for _, s := range scanCleanCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		defer fuzzbound.Check(t, len(s))()
		checkScanClean(t, s)
	})
}

// TestISODateAgreesWithReference: the ISO shortcut of ParseDate gives
// what the general date finder gives, for every month and day number of the two
// shapes it takes, valid or not, and takes nothing else.
func TestISODateAgreesWithReference(t *testing.T) {
	f := NewDateFinder()
	var inputs []string
	for _, y := range []int{0, 999, 1799, 1800, 1999, 2016, 2024, 2200, 2201, 9999} {
		for mo := 0; mo <= 13; mo++ {
			inputs = append(inputs, fmt.Sprintf("%04d-%02d", y, mo))
			for day := 0; day <= 32; day++ {
				inputs = append(inputs, fmt.Sprintf("%04d-%02d-%02d", y, mo, day))
			}
		}
	}
	for _, hm := range []string{"00:00", "02:38", "09:05", "12:00", "23:59", "24:00", "23:60", "7:05", "0a:00"} {
		for _, sep := range []string{"T", " "} {
			inputs = append(inputs, "2022-08-11"+sep+hm, "2019-02-29"+sep+hm, "2020-02-29"+sep+hm, "1799-01-01"+sep+hm, "2022-13-01"+sep+hm)
		}
	}
	inputs = append(inputs, "2022-08-11t02:38", "2022-08-11T02-38", "2019-1-03", "2019-10-3", "2019/10/03", "20191003", "2019-10-03x", "２０１９-10-03", "-019-10-03", "2019-+1-03")
	took := 0
	for _, s := range inputs {
		got, ok := isoDate(s)
		if !ok {
			continue
		}
		took++
		want, wantOK := isoDateRef(f, s)
		if !wantOK || got != want {
			t.Errorf("isoDate(%q) = %v; Find gives %v, %v", s, got, want, wantOK)
		}
	}
	for _, s := range inputs {
		if _, ok := isoDate(s); ok {
			continue
		}
		// What isoDate refuses in its shapes, Find refuses too.
		if len(s) == 7 || len(s) == 10 || len(s) == 16 {
			if d, _, _, ok := f.Find(s); ok && (d.Precision == corpus.PrecisionDay || d.Precision == corpus.PrecisionMonth) && d.String() == s {
				t.Errorf("isoDate(%q) refused what Find reads as %v", s, d)
			}
		}
	}
	if took < 1000 {
		t.Errorf("isoDate took only %d inputs", took)
	}
}

// TestParseJSONValueAgreesWithReference: the JSON fast path decodes what
// encoding/json decodes, to the same value, and refuses the rest.
func TestParseJSONValueAgreesWithReference(t *testing.T) {
	accepted := []string{
		`{"title":"L’OTAN","n":-12.5e+3,"ok":true,"no":false,"x":null,"tags":["a",[],{}]}`,
		` {"a":1,"a":2} `,
		`"caf\u00e9 \ud83d\ude00 \n\t\"\\\/ \b\f\r"`,
		`"lone \ud83d half"`,
		`"\ud83d\u0041"`,
		`0`, `-0.0`, `1E9`, `[1,2 , 3]`, "\t[\r\n]\n",
		`{"deep":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`,
	}
	for _, in := range accepted {
		got, ok := parseJSONValue([]byte(in), false)
		want, wantOK := parseJSONValueRef([]byte(in))
		if !ok || !wantOK {
			t.Errorf("%q: fast %v, encoding/json %v; want both to accept", in, ok, wantOK)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %#v, want %#v", in, got, want)
		}
	}
	// Invalid JSON, and what the fast path leaves to encoding/json (invalid
	// UTF-8, which it replaces; nesting past maxJSONDepth).
	refused := []string{
		``, ` `, `{`, `{"a"}`, `{"a":1,}`, `[1,]`, `01`, `1.`, `-`, `1e`, `+1`,
		`"\x"`, `"\u12"`, "\"tab\tinside\"", `tru`, `nul`, `{} {}`, `[] x`,
		"\"\xff\"", `{'a':1}`, `"\ud83d\u12"`,
		strings.Repeat("[", maxJSONDepth+2) + strings.Repeat("]", maxJSONDepth+2),
	}
	for _, in := range refused {
		if v, ok := parseJSONValue([]byte(in), false); ok {
			t.Errorf("%q: accepted as %#v", in, v)
		}
	}
}

// FuzzParseJSONValue: whatever the fast path accepts, encoding/json
// accepts too and decodes to the same value.
func FuzzParseJSONValue(f *testing.F) {
	addHostile(f, true, ".jsonl", ".json")
	f.Add([]byte(`{"a":"\ud800\udc00\ud800x","b":[1.5e-3,true,null]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbound.Check(t, len(data))()
		got, ok := parseJSONValue(data, false)
		if utf8.Valid(data) {
			// Told the data is valid, the parser must read it the same.
			if again, okAgain := parseJSONValue(data, true); okAgain != ok || !reflect.DeepEqual(again, got) {
				t.Fatalf("%q: unchecked %#v, %v; checked %#v, %v", data, again, okAgain, got, ok)
			}
		}
		if !ok {
			return
		}
		want, wantOK := parseJSONValueRef(data)
		if !wantOK {
			t.Fatalf("%q: accepted, encoding/json refuses it", data)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", data, got, want)
		}
	})
}

// TestParseJSONStringAtEveryOffset puts a control character, an invalid
// byte and an escaped quote at every character boundary of a French line,
// so at every offset within the eight-byte steps of the string scanner: the
// first two must send the line to encoding/json, the last must decode.
func TestParseJSONStringAtEveryOffset(t *testing.T) {
	base := "Le réseau, l’OTAN « coopère » : été 2019 — très bien, fin"
	for i := 0; i <= len(base); i++ {
		if i < len(base) && !utf8.RuneStart(base[i]) {
			continue
		}
		for _, valid := range []bool{false, true} {
			if _, ok := parseJSONValue([]byte(`"`+base[:i]+"\x01"+base[i:]+`"`), valid); ok {
				t.Errorf("control character at %d accepted (valid %v)", i, valid)
			}
		}
		if _, ok := parseJSONValue([]byte(`"`+base[:i]+"\xff"+base[i:]+`"`), false); ok {
			t.Errorf("invalid UTF-8 at %d accepted", i)
		}
		v, ok := parseJSONValue([]byte(`["`+base[:i]+`\"`+base[i:]+`"]`), false)
		if want := []any{base[:i] + `"` + base[i:]}; !ok || !reflect.DeepEqual(v, want) {
			t.Errorf("escaped quote at %d: %q, %v", i, v, ok)
		}
	}
}

// TestPageDumpShortcutsAgreeWithReference: the byte checks that tell a
// page dump from an article agree with the dump reader's patterns, line
// by line, on dumps, scrapes and odd lines.
func TestPageDumpShortcutsAgreeWithReference(t *testing.T) {
	lines := []string{"", "   [12]Accueil", "[1]", "[123456]x", "a [7] b", "[]", "[x]", "   * [6]Home", "  • Home", "  o item", "-x", "- x", "12. Titre",
		"1234. x", "1.x", "  □ Make a Gift", "■ ", "Search [            ]", "[Search] ", "[ab    ]", "[" + strings.Repeat("a", 50) + "    ]", "________", "[BUTTON Input]",
		"(BUTTON) Go", "Input (not implemented)", "IFRAME: x", "REFRESH(900 sec):", "#alternate", "References", "   1. https://x", "    •  ", "\t+ t", "中文 [3] 中文"}
	for _, l := range lines {
		if got, want := hasLinkRef(l), linkRef().MatchString(l); got != want {
			t.Errorf("hasLinkRef(%q) = %v, pattern %v", l, got, want)
		}
		if got, want := isBulletLine(l), bulletLine().MatchString(l); got != want {
			t.Errorf("isBulletLine(%q) = %v, pattern %v", l, got, want)
		}
		if got, want := hasFormField(l), formField().MatchString(l); got != want {
			t.Errorf("hasFormField(%q) = %v, pattern %v", l, got, want)
		}
	}
	lynx := "   #alternate [1]RSS\n\n     * [2]Accueil\n\nTitre\n\n   Texte [3]lien.\n"
	w3m := "Search [          ] [Go]\n" + strings.Repeat("  • Item\n", 9) + "\nTitre\n\nTexte.\n"
	for _, text := range []string{lynx, w3m, "Un titre\n\nUn texte.\n", strings.Repeat("  • Item\n", 30), strings.Repeat("a [1] b\n", 8)} {
		ls := strings.Split(text, "\n")
		if got, want := isPageDump(ls), isPageDumpRef(ls); got != want {
			t.Errorf("isPageDump = %v, reference %v, on %q", got, want, text[:min(len(text), 60)])
		}
	}
}

// TestReadLineAgreesWithReference: lines gathered in pieces come out as
// one buffer would give them, around the piece size and the limit; a line
// past the limit keeps nothing.
func TestReadLineAgreesWithReference(t *testing.T) {
	limit := 3*bigPiece + 17
	var text []byte
	for _, n := range []int{0, 1, 100, bigPiece - 1, bigPiece, bigPiece + 1, 2*bigPiece + 5, limit, limit + 1, limit + 3, 5 * bigPiece, 7} {
		text = append(text, bytes.Repeat([]byte{'a' + byte(n%26)}, n)...)
		text = append(text, '\n')
	}
	got, want := bufio.NewReaderSize(bytes.NewReader(text), 64<<10), bufio.NewReaderSize(bytes.NewReader(text), 64<<10)
	var buf []byte
	for i := 0; ; i++ {
		g, gLong, gErr := readLine(got, buf[:0], limit)
		w, wLong, wErr := readLineRef(want, limit)
		if !bytes.Equal(g, w) || gLong != wLong || gErr != wErr {
			t.Fatalf("line %d: %d bytes (too long %v, %v), reference %d bytes (%v, %v)", i, len(g), gLong, gErr, len(w), wLong, wErr)
		}
		if gLong && cap(g) != 0 {
			t.Fatalf("line %d: too long, but %d bytes kept", i, cap(g))
		}
		if gErr != nil {
			break
		}
		buf = g
	}
}
