package ingest

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
	"github.com/gazette-reader/gazette/corpus/internal/markup"
)

// A record's body is made of every text field that holds prose: the
// summary or lead first, then the text, then any other long text field
// (a record of an advisory holds its risks, its solution…), each once. A
// field is prose when its key says it is, or when it is long and reads as
// sentences; a field whose text the body already holds is left out (an
// RSS description that is the text's first paragraph).

// minProse is the least a string of an unknown field must hold to be
// prose: runes and spaces.
const (
	minProseRunes  = 80
	minProseSpaces = 10
)

// notProseKeys are fields that may be long but are never prose to read:
// markup, code, raw copies, people's comments.
var notProseKeys = []string{"html", "rawhtml", "raw", "rawcontent", "css", "js", "script", "scripts", "style", "json", "code", "sourcecode", "template", "comments", "navigation", "nav", "footer", "header", "embed", "embedcode", "iframe", "svg"}

// bodyField is a prose field of a record: its rank (summaries, then texts,
// then others), the order within the rank, and its value.
type bodyField struct {
	rank, order int
	key         string
	value       any
}

// recordBody assembles the body of a record from its prose fields, at the
// top and one level down (people and media excepted), or, lacking any,
// from the first entry of a list of versions. It reports whether the body
// is Markdown written by the source: then its paragraphs are Markdown
// blocks, and the plain ones among them are escaped.
func recordBody(f recordFields) ([]string, bool) {
	fields, nested := proseFields(f, 0, nil)
	if nested {
		for _, k := range sortedKeys(f) {
			if inner, ok := f[k].(map[string]any); ok && !slices.Contains(personKeys, k) {
				fields, _ = proseFields(fieldsOf(inner), 1, fields)
			}
		}
	}
	if len(fields) == 0 {
		for _, k := range revisionKeys {
			if list, ok := f[k].([]any); ok && len(list) > 0 {
				if first, ok := list[0].(map[string]any); ok {
					rf := fieldsOf(first)
					if v, ok := rf.lookup(append(slices.Clone(textKeys), "*")); ok {
						fields = append(fields, bodyField{rank: 1, key: "*", value: v})
					}
				}
				break
			}
		}
	}
	if len(fields) > 1 {
		slices.SortStableFunc(fields, func(a, b bodyField) int {
			if a.rank != b.rank {
				return a.rank - b.rank
			}
			return a.order - b.order
		})
	}
	return joinBody(fields)
}

// bodyKeys gives the rank and order of the fields named as summaries or
// texts. It is never written after it is made.
var bodyKeys = sync.OnceValue(func() map[string][2]int {
	m := map[string][2]int{}
	for i, k := range summaryKeys {
		m[k] = [2]int{0, i}
	}
	for i, k := range textKeys {
		m[k] = [2]int{1, i}
	}
	return m
})

// proseFields appends to out the prose fields of f, at the given depth:
// those named as summaries or texts, and the long ones of other names,
// in sorted order. It reports whether f holds objects, where more may be.
func proseFields(f recordFields, depth int, out []bodyField) ([]bodyField, bool) {
	nested := false
	var others []string
	for k, v := range f {
		if ro, ok := bodyKeys()[k]; ok {
			if !isEmpty(v) {
				out = append(out, bodyField{rank: ro[0], order: depth*100 + ro[1], key: k, value: v})
			}
			continue
		}
		if _, obj := v.(map[string]any); obj {
			nested = true
		}
		if !known(k) && !slices.Contains(notProseKeys, k) && isProse(v) {
			others = append(others, k)
		}
	}
	slices.Sort(others)
	for i, k := range others {
		out = append(out, bodyField{rank: 2, order: depth*1000 + i, key: k, value: f[k]})
	}
	return out, nested
}

// knownKeys are the fields with a role of their own: title, body, date,
// address, key, tags, people or media, versions. It is never written
// after it is made.
var knownKeys = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, keys := range [][]string{titleKeys, summaryKeys, textKeys, dateKeys, updatedKeys, urlKeys, idKeys, tagKeys, authorKeys, revisionKeys, personKeys} {
		for _, k := range keys {
			m[k] = true
		}
	}
	return m
})

// known reports whether k is one of knownKeys.
func known(k string) bool { return knownKeys()[k] }

// isProse reports whether v, the value of a field of no known role, reads
// as text to read: a long string of sentences, or a list of them.
func isProse(v any) bool {
	switch v := v.(type) {
	case string:
		s := strings.TrimSpace(v)
		return len(s) >= minProseRunes && strings.Count(s, " ") >= minProseSpaces && !looksLikeURL(s)
	case []any:
		for _, e := range v {
			if !isProse(e) {
				return false
			}
		}
		return len(v) > 0
	}
	return false
}

// joinBody turns the prose fields, in order, into paragraphs, leaving out
// a field whose text the body already holds.
func joinBody(fields []bodyField) ([]string, bool) {
	if len(fields) == 1 { // most records: nothing to compare
		return fieldParagraphs(fields[0].value)
	}
	type part struct {
		paras []string
		md    bool
	}
	var parts []part
	var seen strings.Builder // the folded text so far, to spot repeats
	isMD := false
	for _, bf := range fields {
		paras, md := fieldParagraphs(bf.value)
		if len(paras) == 0 {
			continue
		}
		key := foldedText(paras)
		if key == "" || strings.Contains(seen.String(), key) {
			continue
		}
		// A summary that the text repeats in full is dropped once the text
		// comes: its words are the text's first ones.
		if len(parts) > 0 && strings.Contains(key, truncated(foldedText(parts[len(parts)-1].paras))) {
			parts = parts[:len(parts)-1]
		}
		seen.WriteString(key)
		seen.WriteByte('\n')
		parts = append(parts, part{paras, md})
		isMD = isMD || md
	}
	var out []string
	for _, p := range parts {
		for _, para := range p.paras {
			if isMD && !p.md {
				para = corpus.EscapeMarkdown(para)
			}
			out = append(out, para)
		}
	}
	return out, isMD
}

// truncated returns folded text without the ellipsis that marks it cut
// ("…", "...", "[…]").
func truncated(s string) string {
	for _, e := range []string{"[…]", "[...]", "…", "..."} {
		s = strings.TrimSpace(strings.TrimSuffix(s, e))
	}
	return s
}

// foldedText is the text of paragraphs, folded and joined by spaces: what
// two fields are compared on.
func foldedText(paras []string) string {
	return strings.Join(strings.Fields(fold.String(strings.Join(paras, " "))), " ")
}

// fieldParagraphs turns a text field into paragraphs: HTML is reduced to
// its text, Markdown is cut into its blocks (and reported), plain text is
// split at blank lines and sentence ends; a list of strings is a list of
// paragraphs.
func fieldParagraphs(v any) ([]string, bool) {
	if list, ok := v.([]any); ok {
		var out []string
		md := false
		for _, e := range list {
			p, m := fieldParagraphs(e)
			out = append(out, p...)
			md = md || m
		}
		return out, md
	}
	s := cutMarkerOff(scalar(v))
	switch {
	case markup.Has(s) && !isMarkdown(s):
		return htmlParagraphs(s), false
	case isMarkdown(s):
		return markdownBlocks(s), true
	}
	return textParagraphs(s), false
}

// cutMarker is what a news API appends to a text it cut: the count of
// the characters left out ("… [+2345 chars]"), which is no part of the
// article; the ellipsis before it stays.
var cutMarker = lazyRegexp(`(?i)\s*\[\+\s?\d[\d,. ]*\s?(?:chars?|characters?|caract[eè]res|zeichen|символ\p{L}*|字符?)\]\s*$`)

// cutMarkerOff returns s without the count of cut characters at its end,
// if it has one: only a text that ends with "]" is looked at, and only
// its last 80 bytes.
func cutMarkerOff(s string) string {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	if !strings.HasSuffix(t, "]") {
		return s
	}
	from := max(0, len(t)-80)
	if loc := cutMarker().FindStringIndex(t[from:]); loc != nil {
		return t[:from+loc[0]]
	}
	return s
}

// markdownMarks are the signs of Markdown that plain text does not show:
// headings, strong emphasis, links, footnotes, fences, list items and
// quotes at the start of a line.
var markdownMarks = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`(?m)^#{1,6} +\S`),
		regexp.MustCompile(`\*\*\S[^*\n]*\*\*|__\S[^_\n]*__`),
		regexp.MustCompile(`\[[^\]\n]+\]\([^)\s]+\)`),
		regexp.MustCompile(`\[\^[^\]\n]+\]`),
		regexp.MustCompile("(?m)^```"),
		regexp.MustCompile(`(?m)^ {0,3}[-*+] +\S.*\n {0,3}[-*+] +\S`),
		regexp.MustCompile(`(?m)^ {0,3}\d{1,3}[.)] +\S.*\n {0,3}\d{1,3}[.)] +\S`),
		regexp.MustCompile(`(?m)^> +\S`),
	}
})

// isMarkdown reports whether s is Markdown: it shows two different signs
// of it. A plain text with one bullet list or one "**" stays plain. Most
// text has no sign at all, which one pass over it tells (mayBeMarkdown)
// before any pattern runs.
func isMarkdown(s string) bool {
	if !mayBeMarkdown(s) {
		return false
	}
	n := 0
	for _, re := range markdownMarks() {
		if re.MatchString(s) {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// mayBeMarkdown reports whether s holds what a sign of Markdown starts
// with: "**", "__", "](", "[^", or a line that starts with a mark ("#",
// "-", "*", "+", ">", "`", a number and a dot). It is markdownMarks's
// cheap filter: false means none of them can match.
func mayBeMarkdown(s string) bool {
	if strings.Contains(s, "**") || strings.Contains(s, "__") || strings.Contains(s, "](") || strings.Contains(s, "[^") {
		return true
	}
	for line := s; ; {
		t := strings.TrimLeft(line, " ")
		if t != "" {
			switch c := t[0]; {
			case c == '#' || c == '-' || c == '*' || c == '+' || c == '>' || c == '`':
				return true
			case c >= '0' && c <= '9':
				if i := strings.IndexAny(t, ".)"); i > 0 && i <= 3 {
					return true
				}
			}
		}
		i := strings.IndexByte(line, '\n')
		if i < 0 {
			return false
		}
		line = line[i+1:]
	}
}

// markdownBlocks cuts Markdown into its blocks at blank lines, keeping the
// lines of a block (a list, a table) as they are, but trailing spaces.
func markdownBlocks(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, block := range strings.Split(s, "\n\n") {
		lines := strings.Split(block, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRightFunc(l, fold.IsSpace)
		}
		if b := strings.Trim(strings.Join(lines, "\n"), "\n"); strings.TrimSpace(b) != "" {
			out = append(out, b)
		}
	}
	return out
}

// sortedKeys returns the keys of f in order, so that what is built from
// them does not depend on map order.
func sortedKeys(f recordFields) []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
