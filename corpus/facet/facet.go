// Package facet counts a set of articles by source (the folder of their
// file), site (the host of their address), tag, year and language, and
// gives for each value the query term that selects it, so that a reader
// can narrow a search by clicking through the counts.
//
// # The algorithm
//
// Count reads each article once and adds one to a map entry per value it
// has (its folder, its site, each of its tags once, its year, its
// language), then sorts each
// facet's values: by count, most first, years in time order. A facet
// keeps its first maxValues values and counts the articles of the rest.
//
// # Costs
//
// O(n) map updates in the articles, plus sorting the distinct values:
// about 10 ms for 100 000 articles, with no look at their text.
package facet

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"unicode"

	"github.com/gazette-reader/gazette/corpus"
)

// maxValues is the most values a facet lists.
const maxValues = 50

// Articles are the articles counted, by position: *corpus.Corpus is one.
type Articles interface {
	At(i int) *corpus.Article
}

// Value is one value of a facet and the articles that have it.
type Value struct {
	// Name is the value as shown: "lemonde.fr", "seeds", "2019".
	Name  string
	Count int
	// Query is the query term that finds the articles with this value
	// ("site:lemonde.fr", "year:2019"), "" when none can.
	Query string
}

// Facet is one way of counting the articles, its values most common
// first (years in time order).
type Facet struct {
	// Name names the facet: "source", "site", "tag", "year", "language".
	Name   string
	Values []Value
	// Others counts the articles of the values past the first maxValues;
	// None those with no value.
	Others, None int
}

// The facets Count returns, in this order.
const (
	Source = iota
	Site
	Tag
	Year
	Language
	facets
)

// Count counts the articles at the positions given.
func Count(c Articles, positions iter.Seq[int]) []Facet {
	// Counted by name, each value's term made once at the end: a name is
	// a substring of the article's own strings, hashed, never built.
	var counts [facets]map[string]int
	for f := range counts {
		counts[f] = map[string]int{}
	}
	years := map[int]int{}
	var none [facets]int
	for i := range positions {
		a := c.At(i)
		counts[Source][folderOf(a.Source)]++
		if s := a.Site(); s != "" {
			counts[Site][s]++
		} else {
			none[Site]++
		}
		if len(a.Tags) == 0 {
			none[Tag]++
		}
		for j, t := range a.Tags {
			if !slices.Contains(a.Tags[:j], t) {
				counts[Tag][t]++
			}
		}
		if a.Date.IsZero() {
			none[Year]++
		} else {
			years[a.Date.Time.Year()]++
		}
		if field, l, ok := languageOf(a); ok {
			counts[Language][field+"\x00"+l]++
		} else {
			none[Language]++
		}
	}
	for y, n := range years {
		counts[Year][fmt.Sprintf("%04d", y)] = n
	}
	out := make([]Facet, facets)
	for f, name := range []string{"source", "site", "tag", "year", "language"} {
		out[f] = sorted(name, counts[f], f == Year, func(v string) Value { return valueOf(f, v) })
		out[f].None = none[f]
	}
	return out
}

// valueOf is the value of facet f counted under name, with its term.
func valueOf(f int, name string) Value {
	switch f {
	case Source:
		return Value{Name: name, Query: "source:" + quote(name)}
	case Site:
		return Value{Name: name, Query: "site:" + quote(name)}
	case Tag:
		return Value{Name: name, Query: "tag:" + quote(name)}
	case Year:
		return Value{Name: name, Query: "year:" + name}
	}
	field, l, _ := strings.Cut(name, "\x00")
	return Value{Name: l, Query: field + ":" + quote(l)}
}

// sorted returns the facet of counts, most common first (in time order
// for years), cut to maxValues, each value made by value.
func sorted(name string, counts map[string]int, byName bool, value func(string) Value) Facet {
	f := Facet{Name: name, Values: make([]Value, 0, len(counts))}
	for v, n := range counts {
		val := value(v)
		val.Count = n
		f.Values = append(f.Values, val)
	}
	slices.SortFunc(f.Values, func(a, b Value) int {
		if byName {
			return cmp.Compare(a.Name, b.Name)
		}
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	if len(f.Values) > maxValues && !byName {
		for _, v := range f.Values[maxValues:] {
			f.Others += v.Count
		}
		f.Values = f.Values[:maxValues]
	}
	return f
}

// folderOf is the folder of an article's file, as written (the file
// itself when it is in none).
func folderOf(src string) string {
	if i := strings.LastIndexAny(src, `/\`); i > 0 {
		return src[:i]
	}
	return src
}

// languageOf is an article's language, lower-cased, and the name of the
// field that gives it (lang or language), when the source gives one.
func languageOf(a *corpus.Article) (field, lang string, ok bool) {
	for _, f := range a.Fields {
		if n := strings.ToLower(f.Name); (n == "lang" || n == "language" || n == "languages") && len(f.Values) > 0 {
			return n, strings.ToLower(f.Values[0]), true
		}
	}
	return "", "", false
}

// quote returns s as a query term: as it is when it is one word of
// letters, digits and the joiners of a host or a path, else as a phrase.
func quote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".-_", r) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return `"` + strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '"' || unicode.IsSpace(r) || r == '/' || r == '\\' }), " ") + `"`
}
