package facet_test

import (
	"context"
	"slices"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/facet"
	"github.com/gazette-reader/gazette/corpus/search"
)

func all(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// TestQueriesFindWhatIsCounted: the query of each value finds the
// articles the value counts, so that selecting it narrows the filter to
// them.
func TestQueriesFindWhatIsCounted(t *testing.T) {
	c := corpustest.CorpusWith(2000, 3, corpustest.AllOptions())
	x := search.New(c)
	fs := facet.Count(c, all(c.Len()))
	if len(fs) != 5 || fs[facet.Source].Name != "source" || fs[facet.Site].Name != "site" || fs[facet.Year].Name != "year" {
		t.Fatalf("facets %v", fs)
	}
	for _, f := range fs[:facet.Language] {
		if len(f.Values) == 0 {
			t.Errorf("%s: no value", f.Name)
		}
		for _, v := range f.Values[:min(len(f.Values), 8)] {
			r, err := x.Find(context.Background(), v.Query, nil)
			if err != nil {
				t.Fatalf("%s %q: %v", f.Name, v.Query, err)
			}
			// A tag finds the tags it starts too: at least its own.
			if r.Len() < v.Count || (f.Name != "tag" && r.Len() != v.Count) {
				t.Errorf("%s %q: counted %d, the query finds %d", f.Name, v.Query, v.Count, r.Len())
			}
		}
	}
	years := fs[facet.Year].Values
	if !slices.IsSortedFunc(years, func(a, b facet.Value) int { return compare(a.Name, b.Name) }) {
		t.Errorf("years not in time order: %v", years)
	}
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestFolderAndLanguage: without an address the source is the folder;
// the language comes from a field of that name; what has none is counted
// as such.
func TestFolderAndLanguage(t *testing.T) {
	arts := []*corpus.Article{
		{ID: "a", Title: "a", Source: "dumps/lemonde/a.txt", Fields: []corpus.Field{{Name: "Language", Values: []string{"FR"}}}},
		{ID: "b", Title: "b", Source: "dumps/lemonde/b.txt", URL: "https://www.Example.org/x", Tags: []string{"cyber défense"}},
		{ID: "c", Title: "c", Source: "c.txt"},
	}
	c := corpus.New(arts)
	fs := facet.Count(c, all(c.Len()))
	names := func(f facet.Facet) (out []string) {
		for _, v := range f.Values {
			out = append(out, v.Name+"="+v.Query)
		}
		return out
	}
	if got, want := names(fs[facet.Source]), []string{`dumps/lemonde=source:"dumps lemonde"`, `c.txt=source:c.txt`}; !slices.Equal(got, want) {
		t.Errorf("sources %v, want %v", got, want)
	}
	if got, want := names(fs[facet.Site]), []string{`www.example.org=site:www.example.org`}; !slices.Equal(got, want) || fs[facet.Site].None != 2 {
		t.Errorf("sites %v, want %v", got, want)
	}
	if got, want := names(fs[facet.Language]), []string{"fr=language:fr"}; !slices.Equal(got, want) || fs[facet.Language].None != 2 {
		t.Errorf("languages %v (%d without), want %v (2 without)", got, fs[facet.Language].None, want)
	}
	if got, want := names(fs[facet.Tag]), []string{`cyber défense=tag:"cyber défense"`}; !slices.Equal(got, want) || fs[facet.Tag].None != 2 || fs[facet.Year].None != 3 {
		t.Errorf("tags %v, want %v; none: tags %d, years %d", got, want, fs[facet.Tag].None, fs[facet.Year].None)
	}
	x := search.New(c)
	for q, want := range map[string]int{`source:"dumps lemonde"`: 2, "site:www.example.org": 1, "language:fr": 1, `tag:"cyber défense"`: 1} {
		if r, err := x.Find(context.Background(), q, nil); err != nil || r.Len() != want {
			t.Errorf("%s: %v, %v", q, r.Len(), err)
		}
	}
}
