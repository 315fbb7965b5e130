package pgstore

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
)

// columns are the articles table's columns as import writes them and the
// reads scan them, in order; the tsvector is made from them by the server.
var columns = []string{
	"id", "key", "title", "title_derived", "timeline", "precision", "date_end",
	"updated", "updated_precision", "paragraphs", "words", "source", "format",
	"url", "tags", "authors", "fields", "body_markdown",
}

// selectColumns is columns for a SELECT list, without the key.
const selectColumns = `id, title, title_derived, timeline, precision, updated, updated_precision,
	paragraphs, words, source, format, url, tags, authors, fields, body_markdown`

// fieldJSON is a metadata field as the fields column keeps it.
type fieldJSON struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// rowOf returns the values of columns for a, whose content key is key.
func rowOf(a *corpus.Article, key []byte) ([]any, error) {
	fields := make([]fieldJSON, len(a.Fields))
	for i, f := range a.Fields {
		fields[i] = fieldJSON{Name: f.Name, Values: f.Values}
	}
	fj, err := json.Marshal(fields)
	if err != nil {
		return nil, fmt.Errorf("article %s: fields: %w", a.ID, err)
	}
	timeline := pgtype.Timestamp{InfinityModifier: pgtype.Infinity, Valid: true}
	var end pgtype.Timestamp
	if !a.Date.IsZero() {
		timeline = pgtype.Timestamp{Time: a.Date.Time, Valid: true}
		end = pgtype.Timestamp{Time: spanEnd(a.Date), Valid: true}
	}
	var updated pgtype.Timestamp
	if !a.Updated.IsZero() {
		updated = pgtype.Timestamp{Time: a.Updated.Time, Valid: true}
	}
	return []any{
		a.ID, key, a.Title, a.TitleDerived, timeline, int16(a.Date.Precision), end,
		updated, int16(a.Updated.Precision), nonNil(a.Paragraphs), int32(a.Words), a.Source, a.Format,
		a.URL, nonNil(a.Tags), nonNil(a.Authors), string(fj), a.BodyMarkdown,
	}, nil
}

// indexText is text as the tsvector is made of it, so that the server's
// parser cuts it into the words the in-memory engine reads, whatever the
// database's locale: the other apostrophes become the one the parser cuts
// words at ("l’OTAN" is indexed as "l'OTAN" is, l and otan), the Unicode
// hyphens the ASCII one (a compound, "Royaume‑Uni", as its parts and
// whole), and every other character beyond ASCII that is no letter, digit
// or mark becomes a space (under the C locale the parser takes "«", "…"
// or a no-break space for letters, gluing them to words and breaking
// phrases).
func indexText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < utf8.RuneSelf:
			return r
		case r == '’' || r == 'ʼ' || r == '‘':
			return '\''
		case r == '‐' || r == '‑':
			return '-'
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			return r
		}
		return ' '
	}, s)
}

// maxIndexed bounds the bytes of an article's title and text that its
// tsvector is made of: a tsvector holds at most 1 MB of lexemes, and a
// text's lexemes may take up to three times its bytes (a compound is
// indexed whole and by its parts, an address by its host and path too).
// An article of more distinct words than that would fail its import
// batch; it is indexed on its first 256 KB (news articles are a few).
const maxIndexed = 256 << 10

// indexParagraphs are the paragraphs as the tsvector is made of them: a
// JSON array, whose strings the server's parser reads with a gap of one
// position between them, so that a phrase does not run from one paragraph
// into the next (as in memory). Past budget bytes, the rest is left out,
// cut at a space, and cut is set.
func indexParagraphs(a *corpus.Article, budget int) (out []string, cut bool) {
	out = make([]string, 0, len(a.Paragraphs))
	for _, p := range a.Paragraphs {
		if budget <= 0 {
			return out, true
		}
		t := indexText(p)
		if len(t) > budget {
			t, cut = t[:budget], true
			if i := strings.LastIndexByte(t, ' '); i > 0 {
				t = t[:i]
			}
			t = strings.ToValidUTF8(t, "")
		}
		out = append(out, t)
		budget -= len(t)
		if cut {
			return out, true
		}
	}
	return out, false
}

// indexTitle is the title as the tsvector is made of it, within
// maxIndexed bytes, and what is left of them for the text.
func indexTitle(a *corpus.Article) (string, int) {
	t := indexText(a.Title)
	if len(t) > maxIndexed/2 {
		t = strings.ToValidUTF8(t[:maxIndexed/2], "")
	}
	return t, maxIndexed - len(t)
}

// spanEnd is the first instant after the span of d at its precision.
func spanEnd(d corpus.Date) time.Time {
	switch d.Precision {
	case corpus.PrecisionYear:
		return d.Time.AddDate(1, 0, 0)
	case corpus.PrecisionMonth:
		return d.Time.AddDate(0, 1, 0)
	case corpus.PrecisionDay:
		return d.Time.AddDate(0, 0, 1)
	}
	return d.Time.Add(time.Minute)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// nilIfEmpty gives back the nil slice the loader leaves for "none".
func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// scanner is a row or rows being scanned.
type scanner interface{ Scan(dest ...any) error }

// scanArticle reads an article from a row of selectColumns.
func scanArticle(r scanner) (*corpus.Article, error) {
	var a corpus.Article
	var timeline, updated pgtype.Timestamp
	var prec, uprec int16
	var words int32
	var fj []byte
	err := r.Scan(&a.ID, &a.Title, &a.TitleDerived, &timeline, &prec, &updated, &uprec,
		&a.Paragraphs, &words, &a.Source, &a.Format, &a.URL, &a.Tags, &a.Authors, &fj, &a.BodyMarkdown)
	if err != nil {
		return nil, fmt.Errorf("read article: %w", err)
	}
	if prec != 0 && timeline.InfinityModifier == pgtype.Finite {
		a.Date = corpus.Date{Time: timeline.Time.UTC(), Precision: corpus.Precision(prec)}
	}
	if uprec != 0 && updated.Valid {
		a.Updated = corpus.Date{Time: updated.Time.UTC(), Precision: corpus.Precision(uprec)}
	}
	a.Words = int(words)
	a.Paragraphs, a.Tags, a.Authors = nilIfEmpty(a.Paragraphs), nilIfEmpty(a.Tags), nilIfEmpty(a.Authors)
	var fields []fieldJSON
	if err := json.Unmarshal(fj, &fields); err != nil {
		return nil, fmt.Errorf("article %s: fields: %w", a.ID, err)
	}
	for _, f := range fields {
		a.Fields = append(a.Fields, corpus.Field{Name: f.Name, Values: f.Values})
	}
	sanitize(&a)
	return &a, nil
}

// sanitize makes an article read from the server as safe to print as one
// the loader made: whoever wrote the table, its text goes through the
// loader's Sanitize (no control character but newline and tab, NFC), and
// what is shown on one line (ID, title, source, URL, tags, authors,
// fields) holds no newline or tab. Text the loader wrote is returned as is,
// after a check.
func sanitize(a *corpus.Article) {
	line := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, ingest.Sanitize(s))
	}
	lines := func(ss []string) {
		for i, s := range ss {
			ss[i] = line(s)
		}
	}
	a.ID, a.Title, a.Source, a.Format, a.URL = line(a.ID), line(a.Title), line(a.Source), line(a.Format), line(a.URL)
	lines(a.Tags)
	lines(a.Authors)
	for i := range a.Fields {
		a.Fields[i].Name = line(a.Fields[i].Name)
		lines(a.Fields[i].Values)
	}
	for i, p := range a.Paragraphs {
		a.Paragraphs[i] = ingest.Sanitize(p)
	}
}
