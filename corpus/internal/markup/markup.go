// Package markup recognises HTML in text without parsing it: a tag or a
// character reference at a position, or anywhere in a string. The loader
// uses it to tell HTML bodies from plain text; the Markdown writer, to
// keep a character reference in corpus text from being decoded.
//
// Has costs one strings.IndexByte scan per '<' and '&' of the text, and
// a look of at most a few dozen bytes at each.
package markup

import "strings"

// Has reports whether s holds HTML: a tag ("<p>", "</b>", "<br/>") or a
// character reference ("&amp;", "&#27;"). It looks for each of "<" and "&"
// with strings.IndexByte, which reads many bytes at a step: it runs on
// every body at load.
func Has(s string) bool {
	return anyAt(s, '<', TagAt) || anyAt(s, '&', CharRefAt)
}

// anyAt reports whether at, given s from an occurrence of c, holds for one.
func anyAt(s string, c byte, at func(string) bool) bool {
	for i := strings.IndexByte(s, c); i >= 0; {
		if at(s[i:]) {
			return true
		}
		next := strings.IndexByte(s[i+1:], c)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// TagAt reports whether s starts with an HTML start or end tag: "<" or
// "</", a letter, then a ">" before any other "<".
func TagAt(s string) bool {
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i >= len(s) || !(s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		return false
	}
	end := strings.IndexAny(s[i:], "<>")
	return end >= 0 && s[i+end] == '>'
}

// CharRefAt reports whether s starts with an HTML character reference
// ("&amp;", "&#27;", "&#x9b;"), which HTML and Markdown readers decode.
func CharRefAt(s string) bool {
	for i := 1; i < len(s) && i < 40; i++ {
		c := s[i]
		switch {
		case c == ';':
			return i > 1
		case c == '#' && i == 1, c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return false
}
