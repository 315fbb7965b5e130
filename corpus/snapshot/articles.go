package snapshot

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
	"github.com/gazette-reader/gazette/corpus/state"
)

// recordWords is the size of an article's record, in uint64s: its first
// string, its first shape entry, its date and update (Unix seconds), its
// word count, and its precisions and flags with, in the high half, the
// CRC-32C of its strings.
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
	flagsMask        = 1<<18 - 1
)

// encodeArticles writes the articles: one string table holding every
// string of every article in order, the fixed records, the shapes, and
// the articles in the order of their IDs. The strings are read from the
// articles as they are written, twice (flat.Writer.StringsOf), not
// gathered: at a million articles a slice of them would take 240 MB.
func encodeArticles(w *flat.Writer, c *corpus.Corpus) {
	n := c.Len()
	var shapes []uint32
	recs := make([]uint64, 0, recordWords*n)
	first := 0
	for i := range n {
		a := c.At(i)
		at := len(shapes)
		shapes = append(shapes, uint32(len(a.Paragraphs)), uint32(len(a.Tags)), uint32(len(a.Authors)), uint32(len(a.Fields)))
		for _, f := range a.Fields {
			shapes = append(shapes, uint32(len(f.Values)))
		}
		var sum uint32
		strs := 0
		articleStrings(a, func(s string) {
			sum = flat.ChecksumUpdate(sum, unsafe.Slice(unsafe.StringData(s), len(s)))
			strs++
		})
		recs = append(recs, uint64(first), uint64(at), uint64(a.Date.Time.Unix()), uint64(a.Updated.Time.Unix()), uint64(a.Words), articleFlags(a)|uint64(sum)<<32)
		first += strs
	}
	byID := make([]uint32, n)
	for i := range byID {
		byID[i] = uint32(i)
	}
	slices.SortFunc(byID, func(x, y uint32) int { return cmp.Compare(c.At(int(x)).ID, c.At(int(y)).ID) })
	flat.Numbers(w, []uint64{uint64(n)})
	w.StringsOf(func(yield func(string)) {
		for i := range n {
			articleStrings(c.At(i), yield)
		}
	})
	flat.NumberBlocks(w, recs)
	flat.NumberBlocks(w, shapes)
	flat.NumberBlocks(w, byID)
}

// articleStrings gives the strings of a, in the order the table holds
// them: ID, title, source, format, URL, paragraphs, tags, authors, then
// each field's name and values.
func articleStrings(a *corpus.Article, yield func(string)) {
	for _, s := range [stringsPerArticle]string{a.ID, a.Title, a.Source, a.Format, a.URL} {
		yield(s)
	}
	for _, list := range [][]string{a.Paragraphs, a.Tags, a.Authors} {
		for _, s := range list {
			yield(s)
		}
	}
	for _, f := range a.Fields {
		yield(f.Name)
		for _, s := range f.Values {
			yield(s)
		}
	}
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

// articles is a corpus.Source of the articles of a snapshot: it builds
// an article from its record when asked, after checking its strings
// against their checksum.
//
// Nothing of the tables is checked when the snapshot is opened, which
// would read all of them (17 MB at 100,000 articles, several times the
// work of a search for a rare word): an article's record, shape and
// string offsets are checked when it is first asked for (verify), their
// 4 KiB blocks against their checksums and their counts and offsets
// against each other, and the ID order a block at a time as searches of
// an ID read it.
type articles struct {
	table  flat.CheckedTable
	recs   []uint64
	shapes []uint32
	byID   []uint32
	// recsCheck, shapesCheck and byIDCheck check the blocks of recs,
	// shapes and byID.
	recsCheck, shapesCheck, byIDCheck *flat.Checked
	// verified has a bit set per article whose record was checked.
	verified []atomic.Uint64
	// damaged is called when an article's record or strings fail their
	// check.
	damaged func()
	// keys are the articles' content keys, copies their groups of
	// copies (keys.go).
	keys   []state.Key
	copies []int32
}

// decodeArticles reads the tables written by encodeArticles, checking
// only their sizes (see articles).
func decodeArticles(r *flat.Reader) (*articles, error) {
	head, err := flat.Read[uint64](r, 1)
	if err != nil {
		return nil, err
	}
	n := head[0]
	s := &articles{}
	if s.table, err = r.CheckedStrings(-1); err != nil {
		return nil, err
	}
	if n > uint64(s.table.Len())/stringsPerArticle {
		return nil, fmt.Errorf("%d articles in %d strings: %w", n, s.table.Len(), flat.ErrDamaged)
	}
	if s.recs, s.recsCheck, err = flat.CheckedNumbers[uint64](r, int(n)*recordWords); err != nil {
		return nil, err
	}
	if s.shapes, s.shapesCheck, err = flat.CheckedNumbers[uint32](r, -1); err != nil {
		return nil, err
	}
	if s.byID, s.byIDCheck, err = flat.CheckedNumbers[uint32](r, int(n)); err != nil {
		return nil, err
	}
	s.verified = make([]atomic.Uint64, (n+63)/64)
	return s, nil
}

// verify checks article i's record, shape and string offsets once, and
// reports whether they hold; when they do not, the snapshot is said
// damaged. The record's first string must follow the previous article's
// strings (the next article's record is checked to start where this one
// ends), so that every article checked holds its own strings.
func (s *articles) verify(i int) bool {
	word, bit := &s.verified[i/64], uint64(1)<<(i%64)
	if word.Load()&bit != 0 {
		return true
	}
	if err := s.check(i); err != nil {
		if s.damaged != nil {
			s.damaged()
		}
		return false
	}
	word.Or(bit)
	return true
}

// check checks the record of article i (see verify).
func (s *articles) check(i int) error {
	n := s.Len()
	if err := s.recsCheck.Check(uint64(i*recordWords*8), uint64(min(i+2, n)*recordWords*8)); err != nil {
		return err
	}
	rec := s.recs[i*recordWords : (i+1)*recordWords]
	first, at, flags := rec[0], rec[1], rec[5]&0xffffffff
	end := uint64(s.table.Len())
	if i+1 < n {
		end = s.recs[(i+1)*recordWords]
	}
	shapes := uint64(len(s.shapes))
	if (i == 0 && first != 0) || first > end || end > uint64(s.table.Len()) || at > shapes || shapes-at < shapeHead {
		return flat.ErrDamaged
	}
	if err := s.shapesCheck.Check(at*4, (at+shapeHead)*4); err != nil {
		return err
	}
	nFields := uint64(s.shapes[at+3])
	if shapes-at-shapeHead < nFields {
		return flat.ErrDamaged
	}
	if err := s.shapesCheck.Check(at*4, (at+shapeHead+nFields)*4); err != nil {
		return err
	}
	prec, upd := corpus.Precision(flags&0xff), corpus.Precision(flags>>8&0xff)
	if prec > corpus.PrecisionMinute || upd > corpus.PrecisionMinute || flags&^flagsMask != 0 {
		return flat.ErrDamaged
	}
	if end-first != s.total(at) {
		return flat.ErrDamaged
	}
	return s.table.Check(int(first), int(end))
}

// total returns the number of strings of the article whose shape starts
// at at (checked to lie inside the shapes).
func (s *articles) total(at uint64) uint64 {
	head := s.shapes[at : at+shapeHead]
	total := uint64(stringsPerArticle) + uint64(head[0]) + uint64(head[1]) + uint64(head[2]) + uint64(head[3])
	for _, v := range s.shapes[at+shapeHead : at+shapeHead+uint64(head[3])] {
		total += uint64(v)
	}
	return total
}

// Len returns the number of articles.
func (s *articles) Len() int { return len(s.byID) }

// Find returns the article whose ID is id, by a binary search of the
// IDs in their order; a damaged entry of the order, or record, finds
// nothing (and says the snapshot damaged).
func (s *articles) Find(id string) (int, bool) {
	lo, hi := 0, len(s.byID)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.byIDCheck.Check(uint64(m)*4, uint64(m+1)*4) != nil || int(s.byID[m]) >= s.Len() {
			if s.damaged != nil {
				s.damaged()
			}
			return 0, false
		}
		d := int(s.byID[m])
		if !s.verify(d) {
			return 0, false
		}
		switch c := cmp.Compare(s.ID(d), id); {
		case c == 0:
			return d, true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// damagedID is the ID of the article standing for article i when its
// copy in the snapshot is damaged.
func damagedID(i int) string { return "damaged-snapshot-" + strconv.Itoa(i) }

// damagedArticle stands for article i when its copy in the snapshot is
// damaged.
func damagedArticle(i int) *corpus.Article {
	return &corpus.Article{
		ID:    damagedID(i),
		Title: "This article's copy in the snapshot is damaged: run gazette again to read the sources",
	}
}

// Article builds article i from its record (checked when the snapshot
// was opened), after checking its strings against their checksum; a
// damaged article comes back as a placeholder that says so.
func (s *articles) Article(i int) *corpus.Article {
	if !s.verify(i) {
		return damagedArticle(i)
	}
	rec := s.recs[i*recordWords : (i+1)*recordWords]
	first, at, flags := int(rec[0]), rec[1], rec[5]
	total := int(s.total(at))
	if flat.Checksum(s.table.Span(first, first+total)) != uint32(flags>>32) {
		if s.damaged != nil {
			s.damaged()
		}
		return damagedArticle(i)
	}
	strs := make([]string, total)
	for k := range strs {
		strs[k] = s.table.At(first + k)
	}
	head := s.shapes[at : at+shapeHead]
	a := &corpus.Article{ID: strs[0], Title: strs[1], Source: strs[2], Format: strs[3], URL: strs[4]}
	a.TitleDerived, a.BodyMarkdown = flags&flagTitleDerived != 0, flags&flagMarkdown != 0
	a.Date, a.Updated = dateOf(int64(rec[2]), corpus.Precision(flags&0xff)), dateOf(int64(rec[3]), corpus.Precision(flags>>8&0xff))
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
	if head[3] > 0 {
		a.Fields = make([]corpus.Field, head[3])
		for f, v := range s.shapes[at+shapeHead : at+shapeHead+uint64(head[3])] {
			name := rest[0]
			rest = rest[1:]
			a.Fields[f] = corpus.Field{Name: name, Values: take(v)}
		}
	}
	return a
}

// Release gives the pages of the mapping that hold the strings of
// articles [i, j) back to the system, but for the pages at either end,
// which other articles share: the file holds them, and reading an
// article again reads them from it (the page cache). A pass over every
// article that reads each once (the index's build) so keeps what the
// process holds of the file to what it reads at the time.
func (s *articles) Release(i, j int) {
	if s, ok := s.span(i, j); ok {
		releasePages(s)
	}
}

// Prefetch asks the system to read the pages that hold the strings of
// articles [i, j) ahead of a pass over them (see Corpus.Prefetch).
func (s *articles) Prefetch(i, j int) {
	if s, ok := s.span(i, j); ok {
		willNeed(s)
	}
}

// span returns the strings of articles [i, j), end to end, when the
// records of i and j-1 hold.
func (s *articles) span(i, j int) ([]byte, bool) {
	if i < 0 || i >= j || j > len(s.byID) || !s.verify(i) || !s.verify(j-1) {
		return nil, false
	}
	first, end := int(s.recs[i*recordWords]), int(s.recs[(j-1)*recordWords])+int(s.total(s.recs[(j-1)*recordWords+1]))
	if first > end {
		return nil, false
	}
	return s.table.Span(first, end), true
}

// Date returns the date of article i from its record, without building
// the article.
func (s *articles) Date(i int) corpus.Date {
	if !s.verify(i) {
		return corpus.Date{}
	}
	rec := s.recs[i*recordWords : (i+1)*recordWords]
	return dateOf(int64(rec[2]), corpus.Precision(rec[5]&0xff))
}

// ID returns the ID of article i without building the article. Its
// bytes are not checked against the article's checksum: an ID read so
// is compared or hashed, never shown (At builds the article to show).
func (s *articles) ID(i int) string {
	if !s.verify(i) {
		return damagedID(i)
	}
	return s.table.At(int(s.recs[i*recordWords]))
}

// dateOf returns the date at Unix second sec and precision p.
func dateOf(sec int64, p corpus.Precision) corpus.Date {
	if p == corpus.PrecisionNone {
		return corpus.Date{}
	}
	return corpus.Date{Time: time.Unix(sec, 0).UTC(), Precision: p}
}
