package markup

import "testing"

// TestHas: a body is read as HTML when it holds a tag or a character
// reference, wherever they are and whatever "<" or "&" come first.
func TestHas(t *testing.T) {
	for s, want := range map[string]bool{
		"":                             false,
		"plain text":                   false,
		"a < b & c; d":                 false,
		"1 < 2 & 3 > 2":                false,
		"x & y <p>z</p>":               true,
		"< a> &amp; b":                 true,
		"a &nbsp b < c":                false,
		"fin&#27;":                     true,
		"<br/>":                        true,
		"a <b and c > d":               true,
		"&&&&;<<<<>":                   false,
		"text then <a href=x>link</a>": true,
	} {
		if got := Has(s); got != want {
			t.Errorf("Has(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCharRefAt(t *testing.T) {
	for s, want := range map[string]bool{
		"&amp;": true, "&#27;": true, "&#x9b;": true, "&;": false, "& amp;": false, "&amp": false, "&": false,
	} {
		if got := CharRefAt(s); got != want {
			t.Errorf("CharRefAt(%q) = %v, want %v", s, got, want)
		}
	}
}
