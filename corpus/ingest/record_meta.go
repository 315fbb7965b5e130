package ingest

import (
	"net/url"
	"slices"
	"strings"

	"github.com/gazette-reader/gazette/corpus"
)

// A record's date is the best of its fields that read as dates, at the
// top, one level down and in its list of versions: a field named for the
// publication first (the names of dateKeys in their order, then any name
// that says published, issued, released or posted), then the first
// version, then a field named for the creation, then any field whose name
// says date or time. The update is a field named for a modification, or
// the last version.

// dateRank ranks a field by its name as a publication date: lower is
// better, -1 when the name says nothing of a date (or says it is an
// update).
func dateRank(k string) int {
	if i := slices.Index(dateKeys, k); i >= 0 {
		return i
	}
	switch {
	case isUpdateKey(k):
		return -1
	case containsAny(k, "publi", "pubbli", "publik", "issued", "release", "posted", "pubdate", "veröffentlich", "erschien", "опублик", "发布", "发表", "公開", "掲載"):
		return 20
	case containsAny(k, "creat", "erstellt", "creado", "creato", "criado", "créé", "создан", "创建", "作成"):
		return 60
	case containsAny(k, "date", "time", "datum", "fecha", "дата", "日期", "日付", "时间", "時間"):
		if strings.Contains(k, "zone") || strings.Contains(k, "read") || strings.Contains(k, "duration") {
			return -1 // a time zone, a reading time
		}
		return 70
	}
	return -1
}

// isUpdateKey reports whether k names a date of modification.
func isUpdateKey(k string) bool {
	return slices.Contains(updatedKeys, k) || containsAny(k, "modif", "updat", "revised", "lastedit", "aktualisier", "geändert", "actualiz", "aggiorn", "atualiz", "misajour", "bijgewerkt", "обновл", "изменен", "更新", "修改")
}

// containsAny reports whether k holds one of the words.
func containsAny(k string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// dateField is a field that may date a record: its rank and its value.
type dateField struct {
	rank  int
	value any
}

// recordDates returns the publication date and the update of a record.
// Most records name their date as dateKeys do, at the top: that one is
// read first, and the other fields only when it is not there.
func (r *extractor) recordDates(f recordFields) (date, updated corpus.Date) {
	date, updated = r.firstNamed(f, dateKeys), r.firstNamed(f, updatedKeys)
	if !date.IsZero() {
		if updated.IsZero() {
			updated = r.topUpdate(f)
		}
		return date, updated
	}
	var pubs, mods []dateField
	collect := func(g recordFields, depth int) (nested bool) {
		for k, v := range g {
			if _, obj := v.(map[string]any); obj {
				nested = true
			}
			if isEmpty(v) {
				continue
			}
			if isUpdateKey(k) && dateRank(k) < 0 {
				rank := 10 * depth
				if i := slices.Index(updatedKeys, k); i >= 0 {
					rank += i
				} else {
					rank += 9
				}
				mods = append(mods, dateField{rank, v})
				continue
			}
			if rank := dateRank(k); rank >= 0 {
				pubs = append(pubs, dateField{rank + 5*depth, v})
			}
		}
		return nested
	}
	if collect(f, 0) {
		for _, k := range sortedKeys(f) {
			if inner, ok := f[k].(map[string]any); ok && !slices.Contains(personKeys, k) {
				collect(fieldsOf(inner), 1)
			}
		}
	}
	for _, k := range revisionKeys {
		if list, ok := f[k].([]any); ok && len(list) > 0 {
			if first, ok := list[0].(map[string]any); ok {
				if v, ok := firstDate(fieldsOf(first)); ok {
					pubs = append(pubs, dateField{25, v})
				}
			}
			if last, ok := list[len(list)-1].(map[string]any); ok && len(list) > 1 {
				if v, ok := firstDate(fieldsOf(last)); ok {
					mods = append(mods, dateField{50, v})
				}
			}
			break
		}
	}
	if date.IsZero() {
		date = r.bestDate(pubs)
	}
	if updated.IsZero() {
		updated = r.bestDate(mods)
	}
	return date, updated
}

// topUpdate returns the update of a record whose date has a usual name:
// a field at its top whose name says modified or updated, or its last
// version.
func (r *extractor) topUpdate(f recordFields) corpus.Date {
	var mods []dateField
	for k, v := range f {
		if isUpdateKey(k) && dateRank(k) < 0 && !isEmpty(v) {
			mods = append(mods, dateField{9, v})
		}
	}
	for _, k := range revisionKeys {
		if list, ok := f[k].([]any); ok && len(list) > 1 {
			if last, ok := list[len(list)-1].(map[string]any); ok {
				if v, ok := firstDate(fieldsOf(last)); ok {
					mods = append(mods, dateField{50, v})
				}
			}
			break
		}
	}
	return r.bestDate(mods)
}

// firstNamed returns the date of the first of names that f holds at its
// top and that reads as one.
func (r *extractor) firstNamed(f recordFields, names []string) corpus.Date {
	for _, n := range names {
		if v, ok := f[n]; ok && !isEmpty(v) {
			if d := r.fieldDate(v); !d.IsZero() {
				return d
			}
		}
	}
	return corpus.Date{}
}

// firstDate returns the value of the best-named date field of one version.
func firstDate(g recordFields) (any, bool) {
	best, bestRank := any(nil), -1
	for _, k := range sortedKeys(g) {
		rank := dateRank(k)
		if rank < 0 && isUpdateKey(k) {
			rank = 80 // a version's date may be called its update
		}
		if rank >= 0 && !isEmpty(g[k]) && (bestRank < 0 || rank < bestRank) {
			best, bestRank = g[k], rank
		}
	}
	return best, bestRank >= 0
}

// bestDate reads the fields in rank order and returns the first date.
func (r *extractor) bestDate(fields []dateField) corpus.Date {
	slices.SortStableFunc(fields, func(a, b dateField) int { return a.rank - b.rank })
	for _, df := range fields {
		if d := r.fieldDate(df.value); !d.IsZero() {
			return d
		}
	}
	return corpus.Date{}
}

// metaKeys are short scalar fields kept as metadata, as well as every
// list: where an article comes from and what it is about.
var metaKeys = []string{"section", "category", "rubric", "rubrique", "desk", "department", "publisher", "sourcename", "site", "sitename", "outlet", "newspaper", "journal", "edition", "country", "language", "lang", "severity", "product", "vendor", "type", "kind"}

// maxMetaValue bounds a metadata value, and maxMetaValues the values of
// one field: past them the field is prose, or a dump, not metadata.
const (
	maxMetaValue  = 200
	maxMetaValues = 500
)

// recordMeta returns the fields of rec kept as the article's metadata:
// every list of short values that has no other role (identifiers,
// products, systems…) and the short scalar fields of metaKeys, under
// their names as the record spells them, in sorted order.
func recordMeta(rec record) []corpus.Field {
	var out []corpus.Field
	candidates := false // most records have none: no sort
	for k, v := range rec {
		_, list := v.([]any)
		candidates = candidates || list || slices.Contains(metaKeys, normKey(k))
	}
	if !candidates {
		return nil
	}
	for _, k := range sortedRecordKeys(rec) {
		nk := normKey(k)
		if known(nk) || slices.Contains(notProseKeys, nk) || dateRank(nk) >= 0 || isUpdateKey(nk) || isProse(rec[k]) {
			continue
		}
		var values []string
		switch v := rec[k].(type) {
		case []any:
			if len(v) > maxMetaValues {
				continue
			}
			for _, e := range v {
				if s := strings.TrimSpace(plainText(scalar(e))); s != "" && len(s) <= maxMetaValue {
					values = append(values, s)
				}
			}
		case string:
			if s := strings.TrimSpace(v); slices.Contains(metaKeys, nk) && s != "" && len(s) <= maxMetaValue && !looksLikeURL(s) {
				values = []string{plainText(s)}
			}
		}
		if len(values) > 0 {
			out = append(out, corpus.Field{Name: k, Values: values})
		}
	}
	return out
}

func sortedRecordKeys(rec record) []string {
	keys := make([]string, 0, len(rec))
	for k := range rec {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// personList reads people given as a list (of names, or of objects with
// a name) or as one string.
func personList(v any) []string {
	var out []string
	add := func(e any) {
		if s := strings.TrimSpace(plainText(scalar(e))); s != "" && len(s) <= maxMetaValue && !looksLikeURL(s) {
			out = append(out, s)
		}
	}
	if list, ok := v.([]any); ok {
		for _, e := range list {
			add(e)
		}
		return out
	}
	add(v)
	return out
}

// siteKeys name the outlet a record comes from ("source": {"name": "BBC
// News"}, "publisher", "site_name"), normalised by normKey.
var siteKeys = []string{"source", "sourcename", "site", "sitename", "publisher", "outlet", "newspaper", "publication", "journal", "medium", "brand", "feedtitle", "domain", "quelle", "fuente", "fonte", "источник", "来源"}

// recordSiteNames returns the names of the outlet a record comes from, as
// stripSiteName compares them: those its fields give (its own), and the
// name in its address or theirs (bbc of www.bbc.co.uk).
func recordSiteNames(f recordFields, addr string) siteNameSet {
	var names siteNameSet
	addURL := func(u string) {
		if p, err := url.Parse(strings.TrimSpace(u)); err == nil {
			names.addHost(p.Hostname())
		}
	}
	for _, k := range siteKeys {
		v, ok := f[k]
		if !ok || isEmpty(v) {
			continue
		}
		if s := scalar(v); looksLikeURL(s) {
			addURL(s)
		} else if len(s) <= 80 {
			names.add(s, true)
		}
	}
	addURL(addr)
	return names
}
