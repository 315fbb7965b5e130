package ingest

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// blockPages are the words, folded, of the titles and headings of pages
// that stand in for an article: captchas and browser checks, refusals,
// pages not found and server errors, in the languages of the date reader.
// A phrase is found anywhere in a short title; a word that may also
// title an article ("Forbidden", "404") must be the whole of the title
// or of one of its parts ("404 | Site").
var blockPages = []struct {
	why            string
	phrases, whole []string
}{
	{"a captcha or browser check", []string{"attention required", "checking your browser", "captcha", "are you a robot",
		"are you human", "verify you are human", "verifying you are human", "bot verification", "ddos protection",
		"human verification", "pardon our interruption"},
		[]string{"just a moment", "just a moment...", "security check", "one more step", "please wait"}},
	{"access denied", []string{"access denied", "access to this page has been denied", "403 forbidden", "401 unauthorized",
		"acces refuse", "acceso denegado", "zugriff verweigert", "accesso negato", "доступ запрещен", "访问被拒绝", "request blocked",
		"you have been blocked"},
		[]string{"forbidden", "error 403", "403", "401", "unauthorized", "blocked"}},
	{"page not found", []string{"page not found", "404 not found", "page introuvable", "page non trouvee", "cette page n'existe pas",
		"seite nicht gefunden", "pagina no encontrada", "pagina non trovata", "pagina nao encontrada", "pagina niet gevonden",
		"страница не найдена", "页面不存在", "找不到页面", "ページが見つかりません", "page doesn't exist", "page does not exist",
		"this page could not be found", "error 404"},
		[]string{"404", "not found", "erreur 404", "fehler 404", "error"}},
	{"a server error", []string{"500 internal server error", "internal server error", "502 bad gateway", "503 service unavailable",
		"504 gateway time-out", "504 gateway timeout", "site is temporarily unavailable"},
		[]string{"service unavailable", "bad gateway", "gateway timeout", "500", "502", "503", "504", "error 500", "error 502",
			"error 503", "maintenance", "under maintenance"}},
}

// maxBlockPageWords is the most text a page may hold and still be taken
// for an error page by its title: an article about a captcha is long.
const maxBlockPageWords = 150

// maxChallengeWords is the most text a page may hold and still be taken
// for a browser check by the check's script or form alone.
const maxChallengeWords = 50

// blockReason says why a page is not an article but a captcha, a
// refusal, a page not found or a server error, or "": its title or first
// heading says so and its text is short, or it holds a captcha form.
func blockReason(f *pageFacts, title string, words int) string {
	if words > maxBlockPageWords {
		return ""
	}
	for _, s := range []string{f.title, f.h1, title} {
		t := fold.String(s)
		if t == "" || utf8.RuneCountInString(t) > 120 {
			continue
		}
		for _, b := range blockPages {
			for _, w := range b.phrases {
				if hasWord(t, w) {
					return b.why + ` ("` + shortTitle(s) + `")`
				}
			}
			for _, part := range titleParts(t) {
				if slices.Contains(b.whole, part) {
					return b.why + ` ("` + shortTitle(s) + `")`
				}
			}
		}
	}
	if f.challenge && words < maxChallengeWords {
		return blockPages[0].why
	}
	return ""
}

// hasWord reports whether t holds w, not inside a longer word or number.
func hasWord(t, w string) bool {
	for i := 0; ; {
		j := strings.Index(t[i:], w)
		if j < 0 {
			return false
		}
		at, end := i+j, i+j+len(w)
		if (at == 0 || !isWordByte(t[at-1])) && (end == len(t) || !isWordByte(t[end])) {
			return true
		}
		i = at + 1
	}
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// shortTitle is s cut to 80 characters, its control characters removed.
func shortTitle(s string) string {
	s = cleanLine(s)
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:79]) + "…"
	}
	return s
}

// titleParts splits a folded title at its separators, each part trimmed
// of spaces and punctuation.
func titleParts(t string) []string {
	parts := []string{t}
	for _, sep := range slices.Concat(spacedSeparators, tightSeparators) {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	for i, p := range parts {
		parts[i] = strings.TrimFunc(p, func(r rune) bool { return !fold.IsWordRune(r) })
	}
	return parts
}
