package corpus

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a string.
type Span struct{ Start, End int }

// BodySpan is a match in the body: a byte range of one paragraph.
type BodySpan struct {
	Para int
	Span
}

// Hit is an article that matches a query, with where it matched.
type Hit struct {
	// Index is the article's position on the timeline: c.At(Index).
	Index int
	// Score ranks hits: higher is more relevant.
	Score float64
	// Title holds the matches in the title, in order.
	Title []Span
	// Body holds the matches in the body, in reading order.
	Body []BodySpan
	// Snippet is the sentence around the best body match, and SnippetSpans
	// the matches inside it.
	Snippet      string
	SnippetSpans []Span
}

// QueryError is a query that cannot be parsed.
type QueryError struct {
	// Pos is the byte offset in the query where the problem is.
	Pos int
	// Msg says what is wrong, for people.
	Msg string
}

func (e *QueryError) Error() string { return e.Msg }

// Search returns the articles that match query, in timeline order. Terms
// separated by spaces must all match, case- and accent-insensitively, at
// the start of a word of the title or the body. An empty query matches
// every article. Search stops early, returning ctx.Err(), when ctx is done.
func (c *Corpus) Search(ctx context.Context, query string) ([]Hit, error) {
	terms := strings.Fields(Fold(query))
	hits := make([]Hit, 0, 16)
	for i, a := range c.articles {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		h := Hit{Index: i}
		ok := true
		for _, t := range terms {
			ts := prefixMatches(a.Title, t)
			var bs []BodySpan
			for pi, p := range a.Paragraphs {
				for _, s := range prefixMatches(p, t) {
					bs = append(bs, BodySpan{Para: pi, Span: s})
				}
			}
			if len(ts) == 0 && len(bs) == 0 {
				ok = false
				break
			}
			h.Title = append(h.Title, ts...)
			h.Body = append(h.Body, bs...)
			h.Score += float64(3*len(ts) + len(bs))
		}
		if ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// prefixMatches returns the spans of s where a word starts with the folded
// term.
func prefixMatches(s, term string) []Span {
	var out []Span
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) || (i > 0 && isWordRune(lastRune(s[:i]))) {
			i += size
			continue
		}
		if end, ok := foldedPrefix(s[i:], term); ok {
			out = append(out, Span{i, i + end})
		}
		i += size
	}
	return out
}

// foldedPrefix reports whether the folded form of s starts with term, and
// how many bytes of s that prefix takes.
func foldedPrefix(s, term string) (int, bool) {
	var b strings.Builder
	for i, r := range s {
		if b.Len() >= len(term) {
			return i, strings.HasPrefix(b.String(), term)
		}
		appendFolded(&b, r)
	}
	return len(s), strings.HasPrefix(b.String(), term)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

// SortByScore orders hits by relevance: highest score first, ties newest
// first, then by timeline position.
func SortByScore(c *Corpus, hits []Hit) {
	slices.SortStableFunc(hits, func(a, b Hit) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		da, db := c.articles[a.Index].Date, c.articles[b.Index].Date
		switch {
		case db.Before(da):
			return -1
		case da.Before(db):
			return 1
		}
		return cmp.Compare(a.Index, b.Index)
	})
}
