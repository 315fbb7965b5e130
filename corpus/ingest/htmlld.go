package ingest

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// linkedData is what a page's JSON-LD says about its article: dates in
// the order they are to be trusted, the headline, and the names of the
// site.
type linkedData struct {
	published []string // datePublished, dateCreated, uploadDate
	modified  []string // dateModified
	headline  string
	name      string   // the article's name, which may be its headline
	siteNames []string // the WebSite's and the publisher's names
}

// ldRank orders the objects of a JSON-LD graph: the article's dates come
// before a page's, which come before those of an object nested in
// another (a video in the article).
type ldRank uint8

const (
	ldArticle ldRank = iota
	ldPage
	ldNested
)

// articleTypes are the schema.org types of an article or a post.
var articleTypes = []string{"article", "posting", "report", "review", "videoobject", "episode", "creativework", "medicalwebpage", "qapage"}

// ldSkip are the keys whose objects are not the article: its author, its
// publisher, its comments, the list of other articles on the page.
var ldSkip = map[string]bool{"author": true, "publisher": true, "creator": true, "comment": true, "review": true, "citation": true,
	"ispartof": true, "itemlistelement": true, "breadcrumb": true, "mentions": true, "about": true, "subjectof": true,
	"potentialaction": true, "liveblogupdate": true, "sourceorganization": true, "copyrightholder": true, "contributor": true,
	"editor": true, "recipeinstructions": true, "haspart": true, "workexample": true, "associatedarticle": true, "relatedlink": true}

// readLinkedData reads the JSON-LD scripts of a page. A script that is not
// valid JSON (comments, CDATA markers, a trailing comma, a raw newline in
// a string are common) is read for its "datePublished": "..." pairs.
func readLinkedData(scripts []string) linkedData {
	var ld linkedData
	var ranked [3][]string // published values by rank
	for _, s := range scripts {
		s = strings.TrimSpace(s)
		if len(s) > 1<<20 {
			s = s[:1<<20]
		}
		v, ok := parseJSONValue([]byte(s), false)
		if !ok {
			s = ldCleaner.Replace(s)
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				ld.scanPairs(s, &ranked)
				continue
			}
		}
		ld.walk(v, ldPage, 0, &ranked)
	}
	for _, r := range ranked {
		ld.published = append(ld.published, r...)
	}
	return ld
}

// ldCleaner removes the wrappers pages put around JSON-LD.
var ldCleaner = strings.NewReplacer("<!--", "", "-->", "", "<![CDATA[", "", "]]>", "", "//<![CDATA[", "", "//]]>", "", "\n", " ", "\r", " ", "\t", " ")

// ldPair matches a date or headline pair in JSON-LD that did not parse.
var ldPair = lazyRegexp(`"(datePublished|dateCreated|uploadDate|dateModified|headline)"\s*:\s*"([^"]{1,300})"`)

func (ld *linkedData) scanPairs(s string, ranked *[3][]string) {
	for _, m := range ldPair().FindAllStringSubmatch(s, 32) {
		switch m[1] {
		case "dateModified":
			ld.modified = append(ld.modified, m[2])
		case "headline":
			if ld.headline == "" {
				ld.headline = m[2]
			}
		default:
			ranked[ldNested] = append(ranked[ldNested], m[2])
		}
	}
}

// walk gathers what v, found at rank, says. depth bounds the recursion on
// hostile documents.
func (ld *linkedData) walk(v any, rank ldRank, depth int, ranked *[3][]string) {
	if depth > 32 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			ld.walk(e, rank, depth+1, ranked)
		}
	case map[string]any:
		ld.object(v, rank, depth, ranked)
	}
}

// object gathers the dates and names of one JSON-LD object, then those of
// the objects inside it.
func (ld *linkedData) object(obj map[string]any, rank ldRank, depth int, ranked *[3][]string) {
	types := strings.ToLower(ldString(obj["@type"]))
	isArticle := hasAny(types, articleTypes)
	r := rank
	if isArticle {
		r = ldArticle
	}
	for _, k := range []string{"datePublished", "dateCreated", "uploadDate"} {
		if s := ldString(obj[k]); s != "" {
			ranked[r] = append(ranked[r], s)
		}
	}
	if s := ldString(obj["dateModified"]); s != "" {
		ld.modified = append(ld.modified, s)
	}
	if isArticle && ld.headline == "" && ld.name == "" {
		ld.headline = ldString(obj["headline"])
		if !strings.Contains(types, "video") {
			ld.name = ldString(obj["name"])
		}
	}
	if strings.Contains(types, "website") {
		ld.addSite(ldString(obj["name"]))
	}
	if p, ok := obj["publisher"].(map[string]any); ok {
		ld.addSite(ldString(p["name"]))
	}
	// In the order of the keys, so that the result does not depend on
	// the order of a map.
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		v, lk := obj[k], strings.ToLower(k)
		if ldSkip[lk] || strings.HasPrefix(lk, "@") && lk != "@graph" {
			continue
		}
		next := ldNested
		if lk == "@graph" || lk == "mainentity" || lk == "mainentityofpage" {
			next = rank
		}
		ld.walk(v, next, depth+1, ranked)
	}
}

func (ld *linkedData) addSite(name string) {
	if name = strings.TrimSpace(name); name != "" && len(ld.siteNames) < 8 {
		ld.siteNames = append(ld.siteNames, name)
	}
}

// ldString returns v as a string: a string, the first string of a list,
// or the "@value" of an object.
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		for _, e := range v {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		return ldString(v["@value"])
	}
	return ""
}
