package search

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// atom reads one term, phrase, field term or date, up to an unquoted
// space, bar or parenthesis. ok is false when it holds nothing to search
// (punctuation only).
func (p *parser) atom(depth int) (atom, bool, error) {
	a := atom{pos: p.i}
	if name, ok := p.fieldName(); ok {
		a.fieldName, a.field = name, fieldKey(name)
		p.i += len(name) + 1
		if p.atSpace(p.i) || p.s[p.i] == ')' || p.s[p.i] == '|' {
			what := "a term, as in " + name + ":otan"
			if a.field == "year" || a.field == "date" {
				what = "a date, as in " + name + ":2017"
			}
			return a, false, &QueryError{Pos: a.pos, Msg: name + ": needs " + what}
		}
		if p.s[p.i] == '(' && a.field != "year" && a.field != "date" {
			sub, ok, err := p.primary(depth)
			if err != nil || !ok {
				return sub, ok, err
			}
			return sub, true, setField(sub.sub, a.field, a.fieldName)
		}
	}
	if p.s[p.i] == '=' && !p.atSpace(p.i+1) {
		a.whole = true
		p.i++
	}
	valueStart := p.i
	var value string
	quoted, open := false, false
	if p.s[p.i] == '"' {
		end := strings.IndexByte(p.s[p.i+1:], '"')
		quoted = true
		if end < 0 {
			open, value = true, p.s[p.i+1:]
			p.i = len(p.s)
		} else {
			value = p.s[p.i+1 : p.i+1+end]
			p.i += end + 2
		}
	} else {
		for p.i < len(p.s) {
			r, size := utf8.DecodeRuneInString(p.s[p.i:])
			if fold.IsSpace(r) || r == '|' || r == '(' || r == ')' || r == '"' {
				break
			}
			p.i += size
		}
		value = p.s[valueStart:p.i]
	}
	a.raw = value
	if a.field == "year" || a.field == "date" {
		dr, err := parseDateRange(strings.TrimSpace(value), a.field == "year")
		if err != nil {
			// The reason quotes the bad date; the position points at it.
			return a, false, &QueryError{Pos: valueStart, Msg: err.Error()}
		}
		a.dates = &dr
		return a, true, p.count(1, a.pos)
	}
	if quoted {
		a.words = phraseWords(value)
		a.whole = a.whole || !open
		a.join = len(a.words) >= 2 && len(a.words) <= 4 && allPlain(a.words)
	} else {
		a.words, a.join = chunkWords(value, a.whole)
		a.lone = len(a.words) == 1 && !a.whole && a.words[0].width == 1 && isPlainWord(a.words[0].text)
	}
	if len(a.words) == 0 {
		if a.field != "" {
			return a, false, &QueryError{Pos: a.pos, Msg: a.fieldName + ": needs a term, as in " + a.fieldName + ":otan"}
		}
		return a, false, nil
	}
	return a, true, p.count(len(a.words), a.pos)
}

// fieldName returns the field name before a colon at p.i ("title" in
// "title:otan"), if there is one: a letter, then letters, digits or
// underscores. "http://" names no field.
func (p *parser) fieldName() (string, bool) {
	s := p.s[p.i:]
	i := 0
	for i < len(s) && (isASCIILetter(s[i]) || (i > 0 && (s[i] == '_' || ('0' <= s[i] && s[i] <= '9')))) {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != ':' || (i+1 < len(s) && s[i+1] == '/') {
		return "", false
	}
	return s[:i], true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// fieldKey is the form in which field names are compared: lower case,
// without underscores or hyphens, without a plural s ("Tags" and "tag",
// "cves" and "CVE" are one field).
func fieldKey(name string) string {
	k := strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.ToLower(name))
	if len(k) > 3 && strings.HasSuffix(k, "s") {
		k = k[:len(k)-1]
	}
	return k
}

// setField restricts every atom of g to a field (title:(a OR b)).
func setField(g *group, field, name string) error {
	for i := range g.clauses {
		for j := range g.clauses[i].alts {
			a := &g.clauses[i].alts[j]
			switch {
			case a.sub != nil:
				if err := setField(a.sub, field, name); err != nil {
					return err
				}
			case a.dates != nil || (a.field != "" && a.field != field):
				return &QueryError{Pos: a.pos, Msg: name + ": a field term cannot hold another field"}
			default:
				a.field, a.fieldName = field, name
			}
		}
	}
	return nil
}

// chunkWords returns the words of an unquoted chunk: its token with
// symbols ("c++") as one word, or its words (a phrase when there are
// several, "l'otan" searching for "otan"), and whether they are a
// compound written with hyphens, which also matches written as one word.
func chunkWords(chunk string, whole bool) ([]qword, bool) {
	var words []fold.Token
	var sym, joined *fold.Token
	for t := fold.NewTokens(chunk); t.Next(); {
		tok := t.Token
		tok.Folded = append([]byte(nil), tok.Folded...)
		switch tok.Kind {
		case fold.Word:
			words = append(words, tok)
		case fold.Symbol:
			sym = &tok
		case fold.Joined:
			joined = &tok
		}
	}
	if sym != nil {
		return []qword{{string(sym.Folded), sym.Width}}, false
	}
	if len(words) > 1 && !whole && isElision(words[0].Folded, chunk[words[0].End:]) {
		words = words[1:]
	}
	out := make([]qword, len(words))
	for i, w := range words {
		out[i] = qword{string(w.Folded), 1}
	}
	join := len(words) > 1 && joined != nil && joined.Pos == words[0].Pos && joined.Width == len(words)
	return out, join
}

// phraseWords returns the words of a quoted phrase: the words of each
// chunk, or its token with symbols.
func phraseWords(text string) []qword {
	var out []qword
	for _, chunk := range strings.FieldsFunc(text, fold.IsSpace) {
		var sym *fold.Token
		var words []qword
		for t := fold.NewTokens(chunk); t.Next(); {
			switch t.Kind {
			case fold.Word:
				words = append(words, qword{string(t.Folded), 1})
			case fold.Symbol:
				tok := t.Token
				sym = &tok
			}
		}
		if sym != nil {
			out = append(out, qword{string(sym.Folded), sym.Width})
			continue
		}
		out = append(out, words...)
	}
	return out
}

// allPlain reports whether every word is a plain word, not a token with
// symbols.
func allPlain(words []qword) bool {
	for _, w := range words {
		if w.width != 1 || !isPlainWord(w.text) {
			return false
		}
	}
	return true
}

// isElision reports whether the folded word, followed by rest, is an
// elided French article or pronoun ("l’", "d’", "qu’"...) before another
// word: "l'otan" searches for "otan", so that it finds "OTAN" too.
func isElision(word []byte, rest string) bool {
	r, size := utf8.DecodeRuneInString(rest)
	if (r != '\'' && r != '’' && r != 'ʼ' && r != '‘') || len(rest) == size {
		return false
	}
	switch string(word) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu":
		return true
	}
	return false
}

// key identifies a clause, so that a query can tell whether another one
// holds all its clauses.
func (cl *clause) key() string {
	var b strings.Builder
	if cl.not {
		b.WriteByte('-')
	}
	for i := range cl.alts {
		if i > 0 {
			b.WriteByte('|')
		}
		cl.alts[i].writeKey(&b)
	}
	return b.String()
}

func (a *atom) writeKey(b *strings.Builder) {
	switch {
	case a.dates != nil:
		fmt.Fprintf(b, "date:%d..%d", a.dates.from.Unix(), a.dates.to.Unix())
		return
	case a.sub != nil:
		b.WriteByte('(')
		for i := range a.sub.clauses {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(a.sub.clauses[i].key())
		}
		b.WriteByte(')')
		return
	}
	if a.field != "" {
		b.WriteString(a.field + ":")
	}
	fmt.Fprintf(b, "%t%t%t", a.whole, a.lone, a.join)
	for _, w := range a.words {
		fmt.Fprintf(b, " %q/%d", w.text, w.width)
	}
}

// Narrows reports whether every article matching q also matches prev:
// q holds every clause of prev, and maybe more. Typing a new term narrows a
// query; changing a term does not (a longer term may match other words).
func (q *Query) Narrows(prev *Query) bool {
	if prev == nil {
		return false
	}
	have := make(map[string]bool, len(q.root.clauses))
	for i := range q.root.clauses {
		have[q.root.clauses[i].key()] = true
	}
	for i := range prev.root.clauses {
		if !have[prev.root.clauses[i].key()] {
			return false
		}
	}
	return true
}
