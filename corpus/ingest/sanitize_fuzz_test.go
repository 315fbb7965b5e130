package ingest_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/internal/fuzzbound"
)

// FuzzSanitize checks that nothing a terminal would act on survives
// Sanitize, that its output is valid UTF-8 in NFC, and that a second pass
// changes nothing.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"plain", "Le Maroc présent à la conférence – « l’OTAN »", "Cafe\u0301 ‘x’", "ǅ\u0301", "\x1b[31mred\x1b[0m", "\x1b]8;;http://x\x07link\x1b]8;;\x07", "\u009b31m", "a\r\nb", "\u202eevil", "\xff\xfe", "e\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		defer fuzzbound.Check(t, len(in))()
		out := ingest.Sanitize(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8: %q", out)
		}
		if r := corpustest.FirstUnsafe(out); r >= 0 {
			t.Fatalf("Sanitize(%q) = %q keeps %U", in, out, r)
		}
		if strings.ContainsRune(out, '\r') {
			t.Fatalf("CR survives in %q", out)
		}
		if !norm.NFC.IsNormalString(out) {
			t.Fatalf("Sanitize(%q) = %q, not NFC", in, out)
		}
		if again := ingest.Sanitize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
	})
}
