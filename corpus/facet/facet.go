// Package facet counts a set of articles by source (the folder of their
// file), site (the host of their address), tag, year and language, and
// gives for each value the query term that selects it, so that a reader
// can narrow a search by clicking through the counts.
//
// # The algorithm
//
// New reads each article of a corpus once and numbers the values it has
// (its folder, its site, each of its tags once, its year, its language),
// keeping for each article the numbers of its values: small integers in
// flat arrays, the tags as one list an article. Count then adds one per
// value of each article counted, reading only those integers, and sorts
// each facet's values that were met: by count, most first, years in
// time order. A facet keeps its first maxValues values and counts the
// articles of the rest.
//
// # Costs
//
// New is O(n) map look-ups of strings, once per corpus, and holds about
// 20 bytes an article. Count is O(n) array increments in the articles
// counted, with no look at the articles themselves, plus sorting the
// distinct values met.
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
	Len() int
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

// Index holds the values of every article of a corpus, numbered, for
// Count. It is read-only once made, safe for any number of goroutines.
type Index struct {
	// names holds each facet's values by number; of[f][i] is the number
	// of article i's value of facet f, -1 for none (tags aside).
	names [facets][]string
	of    [facets][]int32
	// tags[tagAt[i]:tagAt[i+1]] are the numbers of article i's tags.
	tagAt []int32
	tags  []int32
}

// New numbers the values of every article of c.
func New(c Articles) *Index {
	n := c.Len()
	x := &Index{tagAt: make([]int32, n+1)}
	var ids [facets]map[string]int32
	for f := range ids {
		ids[f] = map[string]int32{}
		if f != Tag {
			x.of[f] = make([]int32, n)
		}
	}
	id := func(f int, name string) int32 {
		k, ok := ids[f][name]
		if !ok {
			k = int32(len(x.names[f]))
			ids[f][name] = k
			x.names[f] = append(x.names[f], name)
		}
		return k
	}
	for i := range n {
		a := c.At(i)
		x.of[Source][i] = id(Source, folderOf(a.Source))
		x.of[Site][i], x.of[Year][i], x.of[Language][i] = -1, -1, -1
		if s := a.Site(); s != "" {
			x.of[Site][i] = id(Site, s)
		}
		if !a.Date.IsZero() {
			x.of[Year][i] = id(Year, fmt.Sprintf("%04d", a.Date.Time.Year()))
		}
		if field, l, ok := languageOf(a); ok {
			x.of[Language][i] = id(Language, field+"\x00"+l)
		}
		for j, t := range a.Tags {
			if !slices.Contains(a.Tags[:j], t) {
				x.tags = append(x.tags, id(Tag, t))
			}
		}
		x.tagAt[i+1] = int32(len(x.tags))
	}
	return x
}

// Count counts the articles at the positions given.
func (x *Index) Count(positions iter.Seq[int]) []Facet {
	var counts [facets][]int
	for f := range counts {
		counts[f] = make([]int, len(x.names[f]))
	}
	var none [facets]int
	for i := range positions {
		for _, f := range [...]int{Source, Site, Year, Language} {
			if k := x.of[f][i]; k >= 0 {
				counts[f][k]++
			} else {
				none[f]++
			}
		}
		tags := x.tags[x.tagAt[i]:x.tagAt[i+1]]
		if len(tags) == 0 {
			none[Tag]++
		}
		for _, k := range tags {
			counts[Tag][k]++
		}
	}
	out := make([]Facet, facets)
	for f, name := range []string{"source", "site", "tag", "year", "language"} {
		out[f] = x.sorted(f, name, counts[f])
		out[f].None = none[f]
	}
	return out
}

// Count counts the articles of c at the positions given: New, then
// Index.Count, for a corpus counted once.
func Count(c Articles, positions iter.Seq[int]) []Facet { return New(c).Count(positions) }

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

// sorted returns facet f of counts (by value number), the values met
// most common first (in time order for years), cut to maxValues.
func (x *Index) sorted(f int, name string, counts []int) Facet {
	fc := Facet{Name: name}
	for k, n := range counts {
		if n > 0 {
			v := valueOf(f, x.names[f][k])
			v.Count = n
			fc.Values = append(fc.Values, v)
		}
	}
	slices.SortFunc(fc.Values, func(a, b Value) int {
		if f == Year {
			return cmp.Compare(a.Name, b.Name)
		}
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	if len(fc.Values) > maxValues && f != Year {
		for _, v := range fc.Values[maxValues:] {
			fc.Others += v.Count
		}
		fc.Values = fc.Values[:maxValues]
	}
	return fc
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
