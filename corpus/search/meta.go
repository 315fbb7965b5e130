package search

import (
	"cmp"
	"slices"
	"strings"

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

// buildMeta indexes the metadata of arts, in one pass over the articles
// that cuts each value into tokens (the values met lately are remembered:
// tags and sources repeat), gives each distinct term a number, and
// gathers (field, term, article) triples, sorted at the end into each
// field's lists.
func buildMeta(arts []*corpus.Article) *metaIndex {
	mx := &metaIndex{fields: map[string]*metaField{}}
	for _, f := range builtinFields() {
		mx.fields[f.name] = f
		mx.order = append(mx.order, f)
	}
	builtins := len(mx.order)
	// The corpus's own fields, each under its key.
	keys := map[string]string{}
	for _, a := range arts {
		for _, f := range a.Fields {
			if _, ok := keys[f.Name]; ok {
				continue
			}
			key := fieldKey(f.Name)
			keys[f.Name] = key
			if key == "" || key == "title" || key == "year" || key == "date" || mx.fields[key] != nil {
				continue
			}
			mx.fields[key] = &metaField{name: key, values: fieldValues(key)}
			mx.order = append(mx.order, mx.fields[key])
		}
	}
	fieldNum := make(map[*metaField]uint32, len(mx.order))
	for i, f := range mx.order {
		fieldNum[f] = uint32(i)
	}
	b := metaBuild{ids: map[string]uint32{}, cache: map[string][]uint32{}}
	last := make([]int32, len(mx.order))
	for i := range last {
		last[i] = -1
	}
	for d, a := range arts {
		add := func(f *metaField, v string) {
			if f == nil || v == "" {
				return
			}
			n := fieldNum[f]
			if last[n] != int32(d) {
				last[n] = int32(d)
				f.articles++
			}
			for _, t := range b.terms(v) {
				b.triples = append(b.triples, metaTriple{n, t, int32(d)})
			}
		}
		for _, v := range a.Tags {
			add(mx.fields["tag"], v)
		}
		for _, v := range a.Authors {
			add(mx.fields["author"], v)
		}
		add(mx.fields["site"], a.Site())
		add(mx.fields["source"], a.Source)
		for _, f := range a.Fields {
			for _, v := range f.Values {
				add(mx.fields[keys[f.Name]], v)
			}
		}
	}
	b.finish(mx)
	slices.SortStableFunc(mx.order[builtins:], func(x, y *metaField) int { return cmp.Compare(y.articles, x.articles) })
	return mx
}

// metaBuild gathers the terms of the metadata.
type metaBuild struct {
	// ids numbers the distinct terms; words lists them by number.
	ids   map[string]uint32
	words []string
	// cache holds the term numbers of the values met lately.
	cache   map[string][]uint32
	walk    fold.Tokens
	triples []metaTriple
}

// metaTriple says that an article holds a term in a field.
type metaTriple struct {
	field, term uint32
	doc         int32
}

// metaCache bounds the values whose terms are remembered.
const metaCache = 4096

// terms returns the numbers of the distinct terms of a value.
func (b *metaBuild) terms(v string) []uint32 {
	if ts, ok := b.cache[v]; ok {
		return ts
	}
	var ts []uint32
	for b.walk.Reset(v); b.walk.Next(); {
		id, ok := b.ids[string(b.walk.Folded)]
		if !ok {
			id = uint32(len(b.words))
			w := string(b.walk.Folded)
			b.ids[w] = id
			b.words = append(b.words, w)
		}
		if !slices.Contains(ts, id) {
			ts = append(ts, id)
		}
	}
	if len(b.cache) >= metaCache {
		clear(b.cache)
	}
	b.cache[v] = ts
	return ts
}

// finish sorts the terms into mx's lexicon and the triples into each
// field's lists.
func (b *metaBuild) finish(mx *metaIndex) {
	order := make([]uint32, len(b.words))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(b.words[x], b.words[y]) })
	global := make([]uint32, len(b.words))
	mx.lex.words = make([]string, len(b.words))
	for g, l := range order {
		mx.lex.words[g] = b.words[l]
		global[l] = uint32(g)
	}
	for i := range b.triples {
		b.triples[i].term = global[b.triples[i].term]
	}
	slices.SortFunc(b.triples, func(x, y metaTriple) int {
		return cmp.Or(cmp.Compare(x.field, y.field), cmp.Compare(x.term, y.term), cmp.Compare(x.doc, y.doc))
	})
	b.triples = slices.Compact(b.triples)
	for _, t := range b.triples {
		f := mx.order[t.field]
		if n := len(f.terms); n == 0 || f.terms[n-1] != int32(t.term) {
			f.terms = append(f.terms, int32(t.term))
			f.off = append(f.off, uint32(len(f.docs)))
		}
		f.docs = append(f.docs, t.doc)
	}
	for _, f := range mx.order {
		f.off = append(f.off, uint32(len(f.docs)))
	}
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
	return append(names, "year", "date", "is", "has", "note")
}

// infix calls fn with the field's terms that t sits inside (see
// lexicon.infix), reading each of the field's terms: a few hundred for
// tags and authors, one a file for source.
func (f *metaField) infix(lex *lexicon, t string, fn func(id int32)) {
	for _, id := range f.terms {
		w := lex.words[id]
		if len(t) >= 3 && len(w) > len(t) && !strings.HasPrefix(w, t) && strings.Contains(w[1:], t) {
			fn(id)
		}
	}
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
		for _, v := range f.values(e.ix.art(d)) {
			if len(phraseMatches(v, ap)) > 0 {
				e.add(d, tierOf(exactMatch, true), w*float32(len(ap.words)))
				return
			}
		}
	})
}
