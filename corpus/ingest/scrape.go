package ingest

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
	"github.com/gazette-reader/gazette/corpus/internal/markup"
)

// draft is what a parser makes of one article before the common finishing
// step (sanitising, word counts, derived titles) turns it into an Article.
type draft struct {
	id         string
	title      string
	date       corpus.Date
	updated    corpus.Date
	paragraphs []string
	url        string
	tags       []string
	authors    []string
	fields     []corpus.Field
	// markdown is set when paragraphs are Markdown blocks written by the
	// source.
	markdown bool
}

// extractor turns the text of a file, whatever its format, into drafts:
// plain-text scrapes (cleaned of their page chrome), records of JSON, CSV
// and front matter, web pages. It holds only compiled, read-only
// patterns, so one value serves every goroutine of a load.
type extractor struct {
	dates     *DateFinder
	header    *regexp.Regexp
	views     *regexp.Regexp
	comments  *regexp.Regexp
	sentence  *regexp.Regexp
	kicker    *regexp.Regexp
	mdHeading *regexp.Regexp
}

func newExtractor(dates *DateFinder) *extractor {
	return &extractor{
		dates: dates,
		// " date 2017-01 Deux semaines…": a scraper's header that runs into
		// the first sentence.
		header:   regexp.MustCompile(`^\s*(?i:date)\s*:?\s+(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:\s+|$)`),
		views:    regexp.MustCompile(`^(?:(?:lu|vu|read|viewed|consulte|affiche)\s+[\d\s.,]+\s*(?:fois|times)|[\d\s.,]+\s+(?:vues|views|lectures|reads|fois))\.?$`),
		comments: regexp.MustCompile(`^(?:nouveau commentaire|commentaires?|ajouter un commentaire|laisser un commentaire|poster un commentaire|vos commentaires|reagir|reagissez|leave a (?:comment|reply)|add a comment|post a comment|comments?|\d+ (?:commentaires?|comments?|reactions?))\s*:?$`),
		// A sentence ends at . ! ? or …, and the quote that may close
		// with it, followed by a capital, unless the dot follows a
		// one-letter abbreviation ("M. Liflander"). A closing quote alone
		// ends no sentence: 'Umaga ready for "fearsome" Lions'.
		sentence: regexp.MustCompile(`[^\s.]{2,}[.!?…]+["»”’)]*\s+[\p{Lu}«"“]`),
		// A kicker, a rubric in capitals before the headline:
		// "REPORTAGE. À Kiev…", "VRAI OU FAUX. Le gouvernement…".
		kicker:    regexp.MustCompile(`^[\p{Lu}\d][\p{Lu}\d '’-]{1,40}[.:]\s+`),
		mdHeading: regexp.MustCompile(`^#{1,6}\s+`),
	}
}

// read parses one plain-text article. text must already be sanitised;
// what its character references stand for ("&#163;", "&amp;", pasted from
// a page) is sanitised again when the article is finished.
func (r *extractor) read(text string) draft {
	var d draft
	if strings.IndexByte(text, '&') >= 0 && markup.Has(text) {
		text = html.UnescapeString(text)
	}
	lines := strings.Split(text, "\n")

	// The scraper's " date YYYY-MM " header, on the first non-blank line.
	for i, l := range lines {
		if strings.TrimFunc(l, fold.IsSpace) == "" {
			continue
		}
		if m := r.header.FindStringSubmatch(l); m != nil {
			if hd, ok := dateOf(atoi(m[1]), monthOr(m[2]), atoi(m[3]), "", "", ""); ok {
				d.date = hd
				if m[2] == "" {
					d.date = corpus.NewDate(atoi(m[1]), 1, 1, 0, 0, corpus.PrecisionYear)
				}
				lines[i] = l[len(m[0]):]
			}
		}
		break
	}

	var paras []string
	if isPageDump(lines) {
		paras = r.readDump(&d, dumpBlocks(lines))
	} else {
		paras = r.readHead(&d, r.paragraphs(lines, true))
	}
	d.paragraphs = r.cutTail(paras)
	if d.date.IsZero() {
		// A page that shows only when it was updated: that is the
		// closest date it gives, and the timeline needs one.
		d.date, d.updated = d.updated, corpus.Date{}
	}
	return d
}

func monthOr(s string) time.Month {
	if s == "" {
		return 1
	}
	return time.Month(atoi(s))
}

// paragraphs groups lines into paragraphs: a blank line ends one, and so
// does a line that ends a sentence; a line that does not end a sentence,
// followed by one that starts in lower case, is a hard wrap and is joined.
// Lines are trimmed; with collapse, runs of white space inside become one
// space, else that is left to finish, which does it with its own checks.
func (r *extractor) paragraphs(lines []string, collapse bool) []string {
	var out []string
	var cur strings.Builder
	// single is the paragraph while it is one line: kept as a slice of the
	// text, not copied, unless a second line joins it.
	single := ""
	flush := func() {
		s := single
		if s == "" {
			s = cur.String()
			cur.Reset()
		}
		single = ""
		if collapse {
			s = collapseSpace(s)
		}
		if s != "" {
			out = append(out, s)
		}
	}
	prevOpen := false
	for _, l := range lines {
		t := strings.TrimFunc(l, fold.IsSpace)
		if t == "" {
			flush()
			prevOpen = false
			continue
		}
		first, _ := utf8.DecodeRuneInString(t)
		if (single != "" || cur.Len() > 0) && !(prevOpen && unicode.IsLower(first)) {
			flush()
		}
		if single != "" { // a second line joins: copy from now on
			cur.WriteString(single)
			single = ""
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
			cur.WriteString(t)
		} else {
			single = t
		}
		last, _ := utf8.DecodeLastRuneInString(t)
		prevOpen = !strings.ContainsRune(".!?:;»\"”)…|", last)
	}
	flush()
	return out
}

// readHead takes the title, the date lines and the page chrome off the top
// of the article and returns the body that follows.
func (r *extractor) readHead(d *draft, paras []string) []string {
	titleKey := ""
	for i := 0; i < len(paras) && i < 16; i++ {
		p := paras[i]
		if isChromeLine(p) || isFiller(p) {
			continue
		}
		if names, rest, ok := readByline(p); ok && titleKey != "" {
			if len(d.authors) == 0 {
				d.authors = names
			}
			for _, part := range rest {
				r.dateLine(d, part) // "· Publié le 2 mars 2021"
			}
			continue
		}
		if r.dateLine(d, p) {
			continue
		}
		if titleKey != "" && sameText(p, d.title, titleKey) {
			continue // the title, repeated by the page
		}
		if titleKey == "" && r.isHeadline(p) {
			d.title = stripHeading(r.mdHeading, p)
			titleKey = fold.String(d.title)
			continue
		}
		if titleKey != "" && d.date.IsZero() && r.beforeDateLine(paras[i:]) {
			continue // a box between the headline and its date ("Subscribe to our newsletter")
		}
		rest := paras[i:]
		// A repeat of the title can also follow a standfirst or a date.
		if titleKey != "" {
			for j := 0; j < len(rest) && j < 3; j++ {
				if sameText(rest[j], d.title, titleKey) {
					rest = append(rest[:j:j], rest[j+1:]...)
					break
				}
			}
		}
		return rest
	}
	return nil
}

// beforeDateLine reports whether paras starts with a short line that is
// not a sentence, followed within two paragraphs by a date line: a page's
// box or button between its headline and its date, not the article's
// text, which the date line comes before.
func (r *extractor) beforeDateLine(paras []string) bool {
	p := strings.TrimSpace(paras[0])
	if utf8.RuneCountInString(p) > 60 || len(strings.Fields(p)) > 8 || strings.ContainsAny(lastRune(p), ".!?:;") {
		return false
	}
	for _, q := range paras[1:min(len(paras), 3)] {
		var probe draft
		if r.dateLine(&probe, q) {
			return true
		}
	}
	return false
}

// lastRune returns the last character of s, as a string.
func lastRune(s string) string {
	c, _ := utf8.DecodeLastRuneInString(s)
	return string(c)
}

// sameText reports whether paragraph p says title again, ignoring case,
// accents and a Markdown heading mark; key is fold.String(title). Paragraphs of
// another length are told apart without folding them.
func sameText(p, title, key string) bool {
	if len(p) > 2*len(title)+16 || 2*len(p)+16 < len(title) {
		return false
	}
	return fold.String(strings.TrimLeft(strings.TrimSpace(strings.TrimRight(p, "# ")), "# ")) == key
}

func stripHeading(re *regexp.Regexp, p string) string {
	return strings.TrimSpace(strings.TrimRight(re.ReplaceAllString(p, ""), "#"))
}

// dateLine reports whether p is a line that gives a date and little else
// ("Mardi 21 Avril 2015", "• Mis à jour le: 09 Oct. 2019 18:15",
// "Publié le 27/12/22 à 08h02"), recording the date in d.
func (r *extractor) dateLine(d *draft, p string) bool {
	if utf8.RuneCountInString(p) > 90 || !strings.ContainsAny(p, "0123456789") {
		return false
	}
	date, s, e, ok := r.dates.Find(p)
	if !ok {
		return false
	}
	folded := fold.String(p)
	before, after := folded[:s], folded[e:]
	// A second date on the line (a time it was posted, then updated) is
	// no word of another kind.
	for range 2 {
		_, s2, e2, ok := r.dates.Find(after)
		if !ok {
			break
		}
		after = after[:s2] + " " + after[e2:]
	}
	updated := false
	for _, w := range updateWords {
		if strings.Contains(before, w) {
			updated = true // "Mis à jour le 09 Oct. 2019"
			before = strings.ReplaceAll(before, w, " ")
		}
		// "January 13, 2020 / Updated 2 minutes ago": the update is
		// another time, said in words.
		after = strings.ReplaceAll(after, w, " ")
	}
	words := 0
	for _, w := range strings.FieldsFunc(before+" "+after, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		if !slices.Contains(dateLineWords, w) {
			words++
		}
	}
	if words > 3 {
		return false
	}
	switch {
	case updated:
		if d.updated.IsZero() {
			d.updated = date
		}
	case d.date.IsZero():
		d.date = date
	case sameUpTo(d.date, date) && date.Precision > d.date.Precision:
		d.date = date // the header gave the month, the page the day
	case d.updated.IsZero() && d.date.Before(date):
		d.updated = date
	}
	return true
}

// updateWords say, before a date, that it is a revision's: in the
// languages DateFinder reads, folded.
var updateWords = []string{"mis a jour", "mise a jour", "last updated", "updated", "last modified", "modifie le", "actualise", "derniere modification", "aktualisiert", "actualizado", "atualizado", "aggiornato", "bijgewerkt", "обновлено", "изменено", "更新", "修改"}

// dateLineWords may stand beside a date in a line that gives the date and
// nothing else: "Publié le", "Posted on", "Veröffentlicht am", weekdays,
// time zones, in the languages DateFinder reads, folded.
var dateLineWords = strings.Fields(`publie publiee le la published posted on a at as par by date du de del el il am um op
	lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday
	montag dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miercoles jueves viernes sabado domingo
	lunedi martedi mercoledi giovedi venerdi domenica segunda terca quarta quinta sexta feira
	maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
	publicado publicada veroffentlicht pubblicato gepubliceerd опубликовано erstellt creado cree created
	gmt utc cet cest bst edt est pdt pst cdt cst mdt mst ist jst kst msk aest aedt
	h heure heures min kl uhr ore hs am pm the et and y und e en g в
	dilluns dimarts dimecres dijous divendres dissabte diumenge mandag tirsdag onsdag torsdag fredag lordag sondag`)

// sameUpTo reports whether e agrees with d on every field d knows.
func sameUpTo(d, e corpus.Date) bool {
	return corpus.NewDate(e.Time.Year(), e.Time.Month(), e.Time.Day(), e.Time.Hour(), e.Time.Minute(), d.Precision) == d
}

// isHeadline reports whether p reads as a title: one short sentence that
// does not end like prose.
func (r *extractor) isHeadline(p string) bool {
	if r.mdHeading.MatchString(p) {
		return true
	}
	n := utf8.RuneCountInString(p)
	if n < 8 || n > 200 {
		return false
	}
	words := len(strings.Fields(p))
	if words < 2 || words > 30 {
		return false
	}
	// A headline may trail off ("…", "..."), not end like prose.
	body := strings.TrimSuffix(strings.TrimSuffix(p, "..."), "…")
	last, _ := utf8.DecodeLastRuneInString(body)
	if body != p && strings.ContainsRune(".", last) || body == p && strings.ContainsRune(".,;:-–|", last) {
		return false
	}
	if !startsHeadline(p) {
		return false
	}
	if k := r.kicker.FindString(p); k != "" && k != p && isCaps(k) {
		body = strings.TrimPrefix(body, k) // the kicker stays with its headline
	}
	return !r.sentence.MatchString(body)
}

// startsHeadline reports whether p starts as a headline does: a capital,
// a digit, a quote, a currency sign ("$10bn deal"), or a brand whose
// capital comes second ("iTunes", "eBay").
func startsHeadline(p string) bool {
	first, size := utf8.DecodeRuneInString(p)
	switch {
	case unicode.IsUpper(first), unicode.IsDigit(first), strings.ContainsRune("«\"“'’", first), unicode.Is(unicode.Sc, first):
		return true
	case unicode.IsLower(first):
		word, _, _ := strings.Cut(p[size:], " ")
		return strings.IndexFunc(word, unicode.IsUpper) >= 0
	}
	return false
}

// isCaps reports whether s has letters and all of them are capitals.
func isCaps(s string) bool {
	letters := false
	for _, c := range s {
		if unicode.IsLetter(c) {
			if !unicode.IsUpper(c) {
				return false
			}
			letters = true
		}
	}
	return letters
}
