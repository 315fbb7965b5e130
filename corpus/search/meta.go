package search

import (
	"cmp"
	"slices"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// metaIndex indexes the metadata of the articles, each field on its own:
// tags, authors, the site of the URL, the source file, and every field the
// loader kept (corpus.Field: identifiers, products...). Values are cut into
// tokens as text is, in one lexicon shared by the fields; each field keeps,
// per term, the sorted list of the articles holding it. Metadata is small
// beside the text: a field query reads its lists as a word query reads
// postings, and finds the terms a word sits inside by scanning the
// lexicon.
type metaIndex struct {
	lex    lexicon
	fields map[string]*metaField
	// order lists the fields for people: the built-in ones, then the
	// corpus's own, the most used first.
	order []*metaField
}

// metaField is one field of the metadata.
type metaField struct {
	name string
	// terms are the lexicon ids of the terms the field holds, sorted;
	// docs[off[i]:off[i+1]] are the articles holding terms[i], sorted.
	terms []int32
	off   []uint32
	docs  []int32
	// values returns the field's values in an article, to check phrases.
	values func(a *corpus.Article) []string
	// articles counts the articles with a value, to order the fields.
	articles int
}

// builtinFields are the built-in metadata fields, by key (see fieldKey);
// a field of the corpus with the same key adds its values to one of them.
func builtinFields() []*metaField {
	with := func(name string, base func(a *corpus.Article) []string) *metaField {
		own := fieldValues(name)
		return &metaField{name: name, values: func(a *corpus.Article) []string { return append(base(a), own(a)...) }}
	}
	return []*metaField{
		with("tag", func(a *corpus.Article) []string { return slices.Clone(a.Tags) }),
		with("author", func(a *corpus.Article) []string { return slices.Clone(a.Authors) }),
		with("site", func(a *corpus.Article) []string {
			if s := a.Site(); s != "" {
				return []string{s}
			}
			return nil
		}),
		with("source", func(a *corpus.Article) []string {
			if a.Source != "" {
				return []string{a.Source}
			}
			return nil
		}),
	}
}

// buildMeta indexes the metadata of arts. The tokens of each distinct
// value are cut once (a corpus read from one file has one source).
func buildMeta(arts []*corpus.Article) *metaIndex {
	mx := &metaIndex{fields: map[string]*metaField{}}
	for _, f := range builtinFields() {
		mx.fields[f.name] = f
		mx.order = append(mx.order, f)
	}
	builtins := len(mx.order)
	for _, a := range arts {
		for _, f := range a.Fields {
			key := fieldKey(f.Name)
			if key == "" || key == "title" || key == "year" || key == "date" || mx.fields[key] != nil {
				continue
			}
			mx.fields[key] = &metaField{name: key, values: fieldValues(key)}
			mx.order = append(mx.order, mx.fields[key])
		}
	}
	tokens := map[string][]string{}
	termsOf := func(v string) []string {
		if ts, ok := tokens[v]; ok {
			return ts
		}
		var ts []string
		for t := fold.NewTokens(v); t.Next(); {
			if !slices.Contains(ts, string(t.Folded)) {
				ts = append(ts, string(t.Folded))
			}
		}
		tokens[v] = ts
		return ts
	}
	postings := make(map[*metaField]map[string][]int32, len(mx.fields))
	for d, a := range arts {
		for _, f := range mx.order {
			vals := f.values(a)
			if len(vals) == 0 {
				continue
			}
			f.articles++
			m := postings[f]
			if m == nil {
				m = map[string][]int32{}
				postings[f] = m
			}
			for _, v := range vals {
				for _, t := range termsOf(v) {
					if docs := m[t]; len(docs) == 0 || docs[len(docs)-1] != int32(d) {
						m[t] = append(docs, int32(d))
					}
				}
			}
		}
	}
	var words []string
	for _, m := range postings {
		for t := range m {
			words = append(words, t)
		}
	}
	slices.Sort(words)
	mx.lex.words = slices.Compact(words)
	for f, m := range postings {
		for t := range m {
			f.terms = append(f.terms, mx.lex.lookup(t))
		}
		slices.Sort(f.terms)
		for _, t := range f.terms {
			f.off = append(f.off, uint32(len(f.docs)))
			f.docs = append(f.docs, m[mx.lex.words[t]]...)
		}
		f.off = append(f.off, uint32(len(f.docs)))
	}
	slices.SortStableFunc(mx.order[builtins:], func(x, y *metaField) int { return cmp.Compare(y.articles, x.articles) })
	return mx
}

// fieldValues returns the values of the corpus's fields whose key is key.
func fieldValues(key string) func(*corpus.Article) []string {
	return func(a *corpus.Article) []string {
		var out []string
		for _, f := range a.Fields {
			if fieldKey(f.Name) == key {
				out = append(out, f.Values...)
			}
		}
		return out
	}
}

// known returns the names of the fields a query can name, for people.
func (mx *metaIndex) known() []string {
	names := []string{"title"}
	for _, f := range mx.order {
		names = append(names, f.name)
	}
	return append(names, "year", "date")
}

// docsOf returns the articles holding term t in the field, in [lo, hi).
func (f *metaField) docsOf(t int32, lo, hi int) []int32 {
	i, ok := slices.BinarySearch(f.terms, t)
	if !ok {
		return nil
	}
	docs := f.docs[f.off[i]:f.off[i+1]]
	a, _ := slices.BinarySearch(docs, int32(lo))
	b, _ := slices.BinarySearch(docs, int32(hi))
	return docs[a:b]
}

// meta adds the articles of the shard whose metadata field matches ap: a
// word by its terms, a phrase by the articles holding its rarest word's
// terms whose values hold the words in sequence.
func (e *evaluator) meta(ap *atomPlan) {
	f, lo, hi := ap.meta, e.sh.lo, e.sh.hi
	wp := &ap.words[0]
	w := idf(e.ix.n, 0) * titleBoost
	each := func(wp *wordPlan, fn func(d int32, k matchKind)) {
		if wp.exact >= 0 {
			for _, d := range f.docsOf(wp.exact, lo, hi) {
				fn(d, exactMatch)
			}
		}
		if wp.prefix {
			for t := wp.lo; t < wp.hi; t++ {
				if t != wp.exact {
					for _, d := range f.docsOf(t, lo, hi) {
						fn(d, prefixMatch)
					}
				}
			}
		}
		for _, x := range wp.forms {
			for _, d := range f.docsOf(x.term, lo, hi) {
				fn(d, x.kind)
			}
		}
	}
	if len(ap.words) == 1 {
		each(wp, func(d int32, k matchKind) {
			if e.tick() {
				e.add(d, tierOf(k, true), w)
			}
		})
		return
	}
	checked := map[int32]bool{}
	each(wp, func(d int32, _ matchKind) {
		if checked[d] || !e.tick() || !e.open(d) {
			return
		}
		checked[d] = true
		for _, v := range f.values(e.ix.arts[d]) {
			if len(phraseMatches(v, ap)) > 0 {
				e.add(d, tierOf(exactMatch, true), w*float32(len(ap.words)))
				return
			}
		}
	})
}
