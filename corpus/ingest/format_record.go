package ingest

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
	"github.com/gazette-reader/gazette/corpus/internal/markup"
)

// record is one article as structured data: a JSON object, a CSV row keyed
// by its header, or Markdown front matter.
type record map[string]any

// Field names recognised in records, in order of preference, normalised by
// normKey (lower case, no "_", "-" or space). Each is also looked for one
// level down, in a nested object ("fields", "attributes", "_source"...).
// Beside the English names come the names of the languages whose dates
// DateFinder reads (French, German, Spanish, Italian, Portuguese, Dutch,
// Polish, Russian, Chinese, Japanese...): a dump made in Hamburg names
// its title "titel" and its text "inhalt".
var (
	titleKeys = []string{"title", "headline", "webtitle", "name",
		"titre", "titel", "titulo", "título", "titolo", "tytuł", "tytul", "otsikko", "rubrik", "überschrift", "ueberschrift", "schlagzeile", "titular", "заголовок", "название", "标题", "標題", "题目", "タイトル", "見出し", "題名"}
	dateKeys = []string{"date", "published", "publishedat", "pubdate", "datepublished", "publicationdate", "webpublicationdate", "firstpublicationdate", "createdat", "created", "issued", "time", "timestamp",
		"datum", "fecha", "data", "datetime", "дата", "日期", "日付", "日時", "時間", "时间"}
	updatedKeys = []string{"updated", "updatedat", "modified", "datemodified", "lastmodified", "modifiedat"}
	// summaryKeys hold a lead or a summary, which opens the body; textKeys
	// the text itself, which follows it.
	summaryKeys = []string{"summary", "abstract", "description", "excerpt", "standfirst", "lead", "lede", "chapo", "chapeau", "dek", "deck", "subtitle", "subheadline", "intro", "teaser", "resume",
		"résumé", "chapô", "zusammenfassung", "vorspann", "resumen", "entradilla", "sommario", "riassunto", "resumo", "samenvatting", "streszczenie", "аннотация", "анонс", "摘要", "概要", "要約"}
	textKeys = []string{"text", "content", "body", "article", "bodytext", "articlebody", "fulltext", "maintext", "story", "texte", "contenu", "corps",
		"inhalt", "haupttext", "artikel", "texto", "cuerpo", "contenido", "articulo", "artículo", "testo", "corpo", "contenuto", "articolo", "conteudo", "conteúdo", "tekst", "treść", "tresc", "inhoud", "текст", "содержание", "статья", "内容", "正文", "本文", "記事"}
	urlKeys    = []string{"url", "link", "weburl", "permalink", "canonicalurl", "href", "source", "lien", "enlace", "collegamento", "ссылка", "链接", "网址"}
	idKeys     = []string{"id", "guid", "reference", "uuid", "slug", "key"}
	tagKeys    = []string{"tags", "keywords", "categories", "subjects", "topics", "motsclés", "motscles", "schlagwörter", "schlagworte", "stichwörter", "etiquetas", "palabrasclave", "etichette", "parolechiave", "trefwoorden", "słowakluczowe", "теги", "ключевыеслова", "标签", "关键词", "タグ", "キーワード"}
	authorKeys = []string{"authors", "author", "byline", "bylines", "creator", "creators", "dccreator", "writer", "writers", "contributors", "contributor", "journalists", "journalist", "auteurs", "auteur",
		"autor", "autoren", "autores", "autore", "autori", "verfasser", "auteursnaam", "автор", "авторы", "作者", "著者", "記者"}
	// revisionKeys name lists of versions whose first entry dates the
	// article (a Wikipedia-like history).
	revisionKeys = []string{"revisions", "versions", "history", "editions"}
	// innerKeys are the keys of an object value that hold its text
	// ({"rendered": "..."} in the WordPress API, {"value": ...}).
	innerKeys = []string{"rendered", "value", "text", "#text", "content", "body", "html", "raw", "name", "label", "title"}
	// personKeys hold people or outlets: their "name" is no headline.
	personKeys = []string{"author", "authors", "byline", "creator", "creators", "publisher", "source", "sources", "contributor", "contributors", "owner", "user", "image", "images", "media", "thumbnail", "enclosure"}
)

// normKey makes field names comparable: "published_at", "publishedAt" and
// "Published-At" are the same field.
func normKey(k string) string {
	plain := true // lower-case ASCII letters and digits only: already normal
	for i := 0; i < len(k) && plain; i++ {
		c := k[i]
		plain = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	if plain {
		return k
	}
	var b strings.Builder
	for _, r := range k {
		if r == '_' || r == '-' || r == ' ' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// recordFields indexes a record by normalised key. When two keys normalise
// alike, the first in sorted order wins, so the result does not depend on
// map order.
type recordFields map[string]any

// fieldsOf indexes rec. A record whose keys are all in normal form, as
// most are ("id", "title", "text"), is its own index: it is not copied.
func fieldsOf(rec record) recordFields {
	normal := true
	for k := range rec {
		if normKey(k) != k {
			normal = false
			break
		}
	}
	if normal {
		return recordFields(rec)
	}
	keys := make([]string, 0, len(rec))
	for k := range rec {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	f := make(recordFields, len(rec))
	for _, k := range keys {
		nk := normKey(k)
		if _, ok := f[nk]; !ok {
			f[nk] = rec[k]
		}
	}
	return f
}

// lookup returns the first of names that f holds with a non-empty value,
// then the same one level down in nested objects (people and media
// excepted).
func (f recordFields) lookup(names []string) (any, bool) {
	for _, n := range names {
		if v, ok := f[n]; ok && !isEmpty(v) {
			return v, true
		}
	}
	var nested []string // most records have no nested object: no allocation
	for k, v := range f {
		if _, obj := v.(map[string]any); obj && !slices.Contains(personKeys, k) {
			nested = append(nested, k)
		}
	}
	slices.Sort(nested)
	for _, n := range names {
		for _, k := range nested {
			inner := fieldsOf(f[k].(map[string]any))
			if v, ok := inner[n]; ok && !isEmpty(v) {
				return v, true
			}
		}
	}
	return nil, false
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// scalar returns v as a string: strings as they are, numbers as written,
// an object by its text-holding key, a list by its first element.
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format(time.RFC3339)
	case map[string]any:
		f := fieldsOf(v)
		for _, k := range innerKeys {
			if s := scalar(f[normKey(k)]); strings.TrimSpace(s) != "" {
				return s
			}
		}
	case []any:
		if len(v) > 0 {
			return scalar(v[0])
		}
	}
	return ""
}

// recordDraft maps a record's fields onto a draft. It returns the record's
// own key (its id or guid), or "" when it has none.
func (r *extractor) recordDraft(rec record) (d draft, key string) {
	f := fieldsOf(rec)
	if v, ok := f.lookup(titleKeys); ok {
		d.title = plainText(scalar(v))
	}
	d.paragraphs, d.markdown = recordBody(f)
	d.date, d.updated = r.recordDates(f)
	if v, ok := f.lookup(urlKeys); ok {
		if u := strings.TrimSpace(scalar(v)); looksLikeURL(u) {
			d.url = u
		}
	}
	if _, _, sep := splitTitle(d.title, false); sep != "" {
		// "Markets rally - BBC News" from a record whose source is BBC News.
		if sites := recordSiteNames(f, d.url); len(sites.all) > 0 {
			d.title = stripSiteName(d.title, sites, nil)
		}
	}
	if v, ok := f.lookup(tagKeys); ok {
		d.tags = tagList(v)
	}
	if v, ok := f.lookup(authorKeys); ok {
		d.authors = personList(v)
	}
	if v, ok := f.lookup(idKeys); ok {
		key = scalar(v)
	}
	d.fields = recordMeta(rec)
	return d, key
}

// fieldDate reads a date field: a string in any form ParseDate knows, or a
// number of Unix seconds (milliseconds when it is too large for seconds).
// A time of exactly midnight counts as a day.
func (r *extractor) fieldDate(v any) corpus.Date {
	s := strings.TrimSpace(scalar(v))
	if s == "" {
		return corpus.Date{}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-/") {
		if n >= 1e11 {
			n /= 1000 // milliseconds
		}
		if n < 1e8 || n > 7e9 || math.IsNaN(n) {
			if len(s) == 4 {
				d, _ := r.dates.ParseDate(s)
				return d
			}
			return corpus.Date{}
		}
		return structuredDate(time.Unix(int64(n), 0).UTC())
	}
	d, ok := r.dates.ParseDate(s)
	if !ok {
		return corpus.Date{}
	}
	if d.Precision == corpus.PrecisionMinute && d.Time.Hour() == 0 && d.Time.Minute() == 0 {
		d = corpus.NewDate(d.Time.Year(), d.Time.Month(), d.Time.Day(), 0, 0, corpus.PrecisionDay)
	}
	return d
}

// plainText returns s with any HTML markup reduced to its text, on one
// line.
func plainText(s string) string {
	if !markup.Has(s) {
		return s
	}
	return strings.Join(htmlParagraphs(s), " ")
}

// tagList reads tags given as a list (of strings or of objects with a
// name) or as one comma-separated string.
func tagList(v any) []string {
	var out []string
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if s := strings.TrimSpace(plainText(scalar(e))); s != "" {
				out = append(out, s)
			}
		}
	default:
		for _, s := range strings.Split(scalar(v), ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "/")
}

// recordID makes the ID of one article of a multi-article file: the file's
// ID, a slash, and the record's own key, or its line or position number
// when it has none. Keys are cleaned to a path-like form; a URL keeps its
// path.
func recordID(fileID, key string, n int) string {
	k := cleanKey(key)
	if k == "" {
		k = strconv.Itoa(n)
	}
	return fileID + "/" + k
}

// cleanKey turns a record key into an ID segment: the path of a URL,
// white space and control characters as "-", at most 80 bytes.
func cleanKey(key string) string {
	key = Sanitize(key)
	if i := strings.Index(key, "://"); i >= 0 {
		rest := key[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			key = rest[j:]
		} else {
			key = rest
		}
	}
	key = strings.Trim(strings.TrimSpace(key), "/")
	var b strings.Builder
	dash := false
	for _, r := range key {
		if fold.IsSpace(r) || unicode.IsControl(r) {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		dash = false
		b.WriteRune(r)
		if b.Len() >= 80 {
			break
		}
	}
	return strings.Trim(b.String(), "-/")
}

// maxRecordProblems caps the problems one file reports record by record;
// past it one line says how many more there were.
const maxRecordProblems = 100

// parsedRecord is one article of a multi-article file, or the reason a
// record made none.
type parsedRecord struct {
	draft   draft
	key     string
	n       int    // line or position number, 1-based
	problem string // set when the record made no article
	// line is set when n is a line number, which problem paths show as
	// "PATH:LINE"; else problem says which record it is.
	line bool
	// single is set for the one article of a file that holds one object:
	// its ID is the file's, with no record key.
	single bool
}

// recordReason says why record n made no article; what names the kind of
// record ("record", "row"), or is "" when the path already gives the line.
func recordReason(what string, n int, why string) string {
	if what == "" {
		return why
	}
	return fmt.Sprintf("%s %d: %s", what, n, why)
}

// recordTally gathers, in file order, the articles of a multi-article file
// and the records that made none: at most maxRecordProblems of those one
// by one, and a count of the others, so that a file of a billion broken
// lines costs a hundred problems' worth of memory.
type recordTally struct {
	articles []*corpus.Article
	// emitted counts the articles a stream handed on (see part).
	emitted  int
	problems []parsedRecord
	// more counts the problems past maxRecordProblems, first and last
	// their line or record numbers.
	more, first, last int
}

// add counts one finished record.
func (t *recordTally) add(f finished) {
	if f.article != nil {
		t.articles = append(t.articles, f.article)
	}
	if f.rec.problem == "" {
		return
	}
	if len(t.problems) < maxRecordProblems {
		p := f.rec
		p.draft = draft{} // the problem needs its line and reason only
		t.problems = append(t.problems, p)
		return
	}
	t.tallyMore(1, f.rec.n, f.rec.n)
}

// tallyMore counts n problems past the cap, of records first to last.
func (t *recordTally) tallyMore(n, first, last int) {
	if t.more == 0 {
		t.first = first
	}
	t.more += n
	t.last = last
}

// merge adds u, the tally of the records that follow t's.
func (t *recordTally) merge(u *recordTally) {
	t.articles = append(t.articles, u.articles...)
	t.emitted += u.emitted
	for _, p := range u.problems {
		t.add(finished{rec: p})
	}
	if u.more > 0 {
		t.tallyMore(u.more, u.first, u.last)
	}
}

// collect adds the articles to res and reports the records that made
// none.
func (t *recordTally) collect(res *fileResult, j fileJob) {
	res.articles = append(res.articles, t.articles...)
	for _, p := range t.problems {
		where := j.display
		if p.line {
			where = j.display + ":" + strconv.Itoa(p.n)
		}
		res.problems = append(res.problems, Problem{Path: where, Reason: p.problem, Partial: true})
	}
	if t.more > 0 {
		res.problems = append(res.problems, Problem{Path: j.display, Partial: true,
			Reason: fmt.Sprintf("%d more records could not be read (lines or records %d to %d)", t.more, t.first, t.last)})
	}
	if len(res.articles) == 0 && t.emitted == 0 {
		// Nothing loaded: the file failed, it was not read with a loss.
		for i := range res.problems {
			res.problems[i].Partial = false
		}
	}
}
