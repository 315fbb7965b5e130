package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// bylineParts cuts a byline into its parts: the names, a role or a place
// after a comma, and what a separator sets apart (a date, "Publié le...").
var bylineParts = lazyRegexp(`\s*(?:[|·•/]|\s[-–—]\s)\s*`)

// nameJoiners join the names of a byline ("By Ann Lee and Bo Chen"), in
// the languages whose dates are read.
var nameJoiners = lazyRegexp(`(?i)\s*(?:,|&|\s(?:and|et|und|y|e|en|i|и|og|och|oraz)\s)\s*`)

// nameParticles are the lower-case words a name may hold ("Charles de
// Gaulle", "Ursula von der Leyen").
var nameParticles = setOf("de", "du", "des", "la", "le", "di", "da", "del", "della", "dos", "van", "von", "der", "den", "ten", "ter", "bin", "al", "el", "y")

// readByline reads p as a byline at the top of an article ("By John Smith",
// "Par Jean Dupont, envoyé spécial · Publié le 2 mars 2021", "Von Max
// Müller | 12. März 2021"): it returns the authors' names and the other
// parts of the line, which may date the article, and reports whether p
// is one. A sentence that starts with "De" or "By" is no byline: the names
// must read as names (capitalised words, but for particles).
func readByline(p string) (names, rest []string, ok bool) {
	if utf8.RuneCountInString(p) > 200 || !byline().MatchString(p) {
		return nil, nil, false
	}
	parts := bylineParts().Split(p, -1)
	head := parts[0]
	// The byline's first word goes, then a role or a place after a comma
	// ("envoyé spécial à Bruxelles") when the names are two words or more.
	_, head, _ = strings.Cut(head, " ")
	head = strings.TrimPrefix(strings.TrimSpace(head), ":")
	if i := strings.IndexAny(head, "0123456789"); i > 0 {
		// "By John Smith March 1, 2021": the date follows the names.
		rest = append(rest, head[i:])
		head = head[:i]
	}
	for _, n := range nameJoiners().Split(strings.TrimSpace(head), -1) {
		n = strings.TrimSpace(strings.TrimRight(n, ".:;"))
		switch {
		case n == "":
		case isName(n):
			names = append(names, n)
		case len(names) > 0:
			// A role or a place after the names: "Jean Dupont, envoyé spécial".
			return names, append(rest, parts[1:]...), true
		default:
			return nil, nil, false
		}
	}
	if len(names) == 0 || len(names) > 6 {
		return nil, nil, false
	}
	return names, append(rest, parts[1:]...), true
}

// isName reports whether s reads as a person's name: one to five words,
// each capitalised but for particles, the first capitalised.
func isName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
		case i > 0 && nameParticles[strings.ToLower(w)]:
		default:
			return false
		}
	}
	return true
}
