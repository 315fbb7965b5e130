package snapshot

import (
	"fmt"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
)

// recordWords is the size of an article's record, in uint64s: its first
// string, its first shape entry, its date and update (Unix seconds), its
// word count, and its precisions and flags.
const recordWords = 6

// stringsPerArticle is the number of strings every article starts with:
// ID, title, source, format, URL.
const stringsPerArticle = 5

// shapeHead is the number of shape entries every article starts with:
// how many paragraphs, tags, authors and fields it has (each field then
// gives its number of values).
const shapeHead = 4

// Flags of an article's record, above its two precisions.
const (
	flagTitleDerived = 1 << 16
	flagMarkdown     = 1 << 17
)

// encodeArticles writes the articles: one string table holding every
// string of every article in order, the fixed records, and the shapes.
func encodeArticles(w *flat.Writer, arts []*corpus.Article) {
	var strs []string
	var shapes []uint32
	recs := make([]uint64, 0, recordWords*len(arts))
	for _, a := range arts {
		recs = append(recs, uint64(len(strs)), uint64(len(shapes)), uint64(a.Date.Time.Unix()), uint64(a.Updated.Time.Unix()), uint64(a.Words), articleFlags(a))
		strs = append(strs, a.ID, a.Title, a.Source, a.Format, a.URL)
		strs = append(strs, a.Paragraphs...)
		strs = append(strs, a.Tags...)
		strs = append(strs, a.Authors...)
		shapes = append(shapes, uint32(len(a.Paragraphs)), uint32(len(a.Tags)), uint32(len(a.Authors)), uint32(len(a.Fields)))
		for _, f := range a.Fields {
			shapes = append(shapes, uint32(len(f.Values)))
			strs = append(strs, f.Name)
			strs = append(strs, f.Values...)
		}
	}
	flat.Numbers(w, []uint64{uint64(len(arts))})
	w.Strings(strs)
	flat.Numbers(w, recs)
	flat.Numbers(w, shapes)
}

// articleFlags packs an article's precisions and flags.
func articleFlags(a *corpus.Article) uint64 {
	f := uint64(a.Date.Precision) | uint64(a.Updated.Precision)<<8
	if a.TitleDerived {
		f |= flagTitleDerived
	}
	if a.BodyMarkdown {
		f |= flagMarkdown
	}
	return f
}

// articleSet is what decodeArticles allocates for all the articles at
// once: the articles, and the slices their paragraphs, lists and fields
// are cut from.
type articleSet struct {
	arts   []corpus.Article
	ptrs   []*corpus.Article
	strs   []string
	fields []corpus.Field
}

// decodeArticles reads the articles written by encodeArticles. Their
// strings share the snapshot's memory; every count and offset is checked
// against the tables before it is used.
func decodeArticles(r *flat.Reader) ([]*corpus.Article, error) {
	head, err := flat.Read[uint64](r, 1)
	if err != nil {
		return nil, err
	}
	n := head[0]
	table, err := r.Strings(-1)
	if err != nil {
		return nil, err
	}
	if n > uint64(table.Len())/stringsPerArticle {
		return nil, fmt.Errorf("%d articles in %d strings: %w", n, table.Len(), flat.ErrDamaged)
	}
	recs, err := flat.Read[uint64](r, int(n)*recordWords)
	if err != nil {
		return nil, err
	}
	shapes, err := flat.Read[uint32](r, -1)
	if err != nil {
		return nil, err
	}
	set := articleSet{arts: make([]corpus.Article, n), ptrs: make([]*corpus.Article, n), strs: table.All()}
	set.fields = make([]corpus.Field, 0, countFields(shapes, recs))
	next := uint64(0)
	for i := range set.arts {
		rec := recs[i*recordWords : (i+1)*recordWords]
		end, err := set.decode(i, rec, shapes, next)
		if err != nil {
			return nil, fmt.Errorf("article %d: %w", i, err)
		}
		next = end
		set.ptrs[i] = &set.arts[i]
	}
	if next != uint64(len(set.strs)) {
		return nil, fmt.Errorf("%d strings unused: %w", uint64(len(set.strs))-next, flat.ErrDamaged)
	}
	return set.ptrs, nil
}

// countFields returns how many fields the articles have, to allocate
// them at once (a bound: the records are checked later).
func countFields(shapes []uint32, recs []uint64) int {
	n := 0
	for i := 0; i+recordWords <= len(recs); i += recordWords {
		if at := recs[i+1]; at+shapeHead <= uint64(len(shapes)) {
			n += int(min(shapes[at+3], 1<<16))
		}
	}
	return n
}

// decode fills article i from its record, whose strings must start at
// next; it returns where the next article's strings start.
func (s *articleSet) decode(i int, rec []uint64, shapes []uint32, next uint64) (uint64, error) {
	first, at, flags := rec[0], rec[1], rec[5]
	if first != next || at > uint64(len(shapes)) || uint64(len(shapes))-at < shapeHead {
		return 0, flat.ErrDamaged
	}
	head := shapes[at : at+shapeHead]
	nFields := uint64(head[3])
	if uint64(len(shapes))-at-shapeHead < nFields {
		return 0, flat.ErrDamaged
	}
	values := shapes[at+shapeHead : at+shapeHead+nFields]
	total := uint64(stringsPerArticle) + uint64(head[0]) + uint64(head[1]) + uint64(head[2]) + nFields
	for _, v := range values {
		total += uint64(v)
	}
	if uint64(len(s.strs))-first < total || uint64(cap(s.fields)-len(s.fields)) < nFields {
		return 0, flat.ErrDamaged
	}
	prec, upd := corpus.Precision(flags&0xff), corpus.Precision(flags>>8&0xff)
	if prec > corpus.PrecisionMinute || upd > corpus.PrecisionMinute || flags>>18 != 0 {
		return 0, flat.ErrDamaged
	}
	strs := s.strs[first : first+total : first+total]
	a := &s.arts[i]
	a.ID, a.Title, a.Source, a.Format, a.URL = strs[0], strs[1], strs[2], strs[3], strs[4]
	a.TitleDerived, a.BodyMarkdown = flags&flagTitleDerived != 0, flags&flagMarkdown != 0
	a.Date, a.Updated = dateOf(int64(rec[2]), prec), dateOf(int64(rec[3]), upd)
	a.Words = int(min(rec[4], 1<<40))
	rest := strs[stringsPerArticle:]
	take := func(k uint32) []string {
		if k == 0 {
			return nil
		}
		out := rest[:k:k]
		rest = rest[k:]
		return out
	}
	a.Paragraphs, a.Tags, a.Authors = take(head[0]), take(head[1]), take(head[2])
	if nFields > 0 {
		from := len(s.fields)
		for _, v := range values {
			name := rest[0]
			rest = rest[1:]
			s.fields = append(s.fields, corpus.Field{Name: name, Values: take(v)})
		}
		a.Fields = s.fields[from:len(s.fields):len(s.fields)]
	}
	return first + total, nil
}

// dateOf returns the date at Unix second sec and precision p.
func dateOf(sec int64, p corpus.Precision) corpus.Date {
	if p == corpus.PrecisionNone {
		return corpus.Date{}
	}
	return corpus.Date{Time: time.Unix(sec, 0).UTC(), Precision: p}
}
