package trend_test

import (
	"iter"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/trend"
)

func dated(id string, y int, m time.Month, d int, p corpus.Precision) *corpus.Article {
	return &corpus.Article{ID: id, Title: id, Date: corpus.NewDate(y, m, d, 0, 0, p)}
}

// corpusOf returns a corpus of articles over 2014-2019 with a gap (2016),
// a month-only date and an undated article.
func corpusOf() *corpus.Corpus {
	return corpus.New([]*corpus.Article{
		dated("a", 2014, 9, 20, corpus.PrecisionMinute),
		dated("b", 2015, 4, 21, corpus.PrecisionDay),
		dated("c", 2017, 1, 1, corpus.PrecisionMonth),
		dated("d", 2019, 10, 9, corpus.PrecisionDay),
		dated("e", 2019, 10, 9, corpus.PrecisionDay),
		{ID: "f", Title: "f"},
	})
}

func seq(idx ...int) func(func(int) bool) { return slices.Values(idx) }

func TestYearsWithoutGap(t *testing.T) {
	c := corpusOf()
	b := trend.NewBase(c, trend.Year)
	var labels []string
	var all []int
	for k := range b.Len() {
		labels = append(labels, b.Label(k))
		all = append(all, b.Articles(k))
	}
	if want := []string{"2014", "2015", "2016", "2017", "2018", "2019"}; !slices.Equal(labels, want) {
		t.Errorf("periods %v, want %v", labels, want)
	}
	if want := []int{1, 1, 0, 1, 0, 2}; !slices.Equal(all, want) {
		t.Errorf("articles %v, want %v", all, want)
	}
	if b.Undated != 1 || b.Coarser != 0 {
		t.Errorf("undated %d coarser %d, want 1 and 0", b.Undated, b.Coarser)
	}
	// Hits: a (2014), d (2019) and the undated f.
	s := b.Count(seq(0, 3, 5))
	if want := []int{1, 0, 0, 0, 0, 1}; !slices.Equal(s.Hits, want) || s.Total != 3 || s.Undated != 1 {
		t.Errorf("hits %v total %d undated %d, want %v, 3, 1", s.Hits, s.Total, s.Undated, want)
	}
	if got := b.Share(s, 5); got != 0.5 {
		t.Errorf("share of 2019 = %v, want 0.5", got)
	}
	if got := b.Share(s, 2); got != 0 {
		t.Errorf("share of an empty year = %v, want 0", got)
	}
}

func TestCoarserDatesCountedApart(t *testing.T) {
	c := corpusOf()
	b := trend.NewBase(c, trend.Day)
	if b.Coarser != 1 || b.Undated != 1 {
		t.Fatalf("coarser %d undated %d, want 1 and 1", b.Coarser, b.Undated)
	}
	if got, want := b.Label(0), "2014-09-20"; got != want {
		t.Errorf("first day %q, want %q", got, want)
	}
	if got, want := b.Label(b.Len()-1), "2019-10-09"; got != want {
		t.Errorf("last day %q, want %q", got, want)
	}
	s := b.Count(seq(2, 3))
	if s.Coarser != 1 || s.Hits[b.Len()-1] != 1 {
		t.Errorf("coarser hits %d, last day %d; want 1 and 1", s.Coarser, s.Hits[b.Len()-1])
	}
	m := trend.NewBase(c, trend.Month)
	if m.Coarser != 0 || m.Label(0) != "2014-09" || m.Len() != 62 {
		t.Errorf("months: coarser %d, first %q, %d periods; want 0, 2014-09, 62", m.Coarser, m.Label(0), m.Len())
	}
}

func TestNoDatedArticle(t *testing.T) {
	c := corpus.New([]*corpus.Article{{ID: "x", Title: "x"}})
	b := trend.NewBase(c, trend.Month)
	if b.Len() != 0 || b.Undated != 1 {
		t.Errorf("%d periods, %d undated; want 0 and 1", b.Len(), b.Undated)
	}
	if s := b.Count(seq(0)); s.Undated != 1 || len(s.Hits) != 0 {
		t.Errorf("count %+v, want one undated hit", s)
	}
}

func TestParsePeriod(t *testing.T) {
	for _, p := range []trend.Period{trend.Year, trend.Month, trend.Day} {
		if got, err := trend.ParsePeriod(p.String()); err != nil || got != p {
			t.Errorf("ParsePeriod(%q) = %v, %v", p, got, err)
		}
	}
	if _, err := trend.ParsePeriod("week"); err == nil {
		t.Error("ParsePeriod(week): no error")
	}
}

// TestCountsByRuns: a base of a few thousand articles, in every period,
// counts hits given in timeline order, shuffled, or repeated as one
// article at a time would; and a corpus that gives its runs of one date
// (as a database does) makes the same base.
func TestCountsByRuns(t *testing.T) {
	c := corpustest.Corpus(4000, 3)
	rng := rand.New(rand.NewPCG(7, 7))
	var hits []int
	for i := range c.Len() {
		if rng.IntN(3) == 0 {
			hits = append(hits, i, i) // twice: counted twice
		}
	}
	shuffled := slices.Clone(hits)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, by := range []trend.Period{trend.Year, trend.Month, trend.Day} {
		b := trend.NewBase(c, by)
		want := trend.Series{Hits: make([]int, b.Len())}
		labels := map[string]int{}
		for k := range b.Len() {
			labels[b.Label(k)] = k
		}
		for _, i := range hits {
			want.Total++
			d := c.DateAt(i)
			switch {
			case d.IsZero():
				want.Undated++
			case by == trend.Day && d.Precision < corpus.PrecisionDay || by == trend.Month && d.Precision < corpus.PrecisionMonth:
				want.Coarser++
			default:
				want.Hits[labels[d.Time.Format([]string{"2006", "2006-01", "2006-01-02"}[by])]]++
			}
		}
		for name, in := range map[string][]int{"in order": hits, "shuffled": shuffled} {
			got := b.Count(slices.Values(in))
			if got.Total != want.Total || got.Undated != want.Undated || got.Coarser != want.Coarser || !slices.Equal(got.Hits, want.Hits) {
				t.Errorf("period %d, hits %s: %d hits (%d undated, %d coarser), want %d (%d, %d), or periods differ",
					by, name, got.Total, got.Undated, got.Coarser, want.Total, want.Undated, want.Coarser)
			}
		}
		if want.Undated == 0 || (by != trend.Year && want.Coarser == 0) {
			t.Errorf("period %d: the corpus needs undated and coarser articles", by)
		}
		r := trend.NewBase(dateRuns{c}, by)
		if r.Len() != b.Len() || r.Undated != b.Undated || r.Coarser != b.Coarser {
			t.Fatalf("period %d: the base of the runs differs", by)
		}
		for k := range b.Len() {
			if r.Label(k) != b.Label(k) || r.Articles(k) != b.Articles(k) {
				t.Fatalf("period %d: %s holds %d articles from the runs, %d from the dates", by, b.Label(k), r.Articles(k), b.Articles(k))
			}
		}
	}
}

// dateRuns gives the runs of one date of a corpus.
type dateRuns struct{ *corpus.Corpus }

func (d dateRuns) MonthRuns() iter.Seq2[int, corpus.Date] {
	return func(yield func(int, corpus.Date) bool) {
		for i := range d.Len() {
			if i == 0 || d.DateAt(i) != d.DateAt(i-1) {
				if !yield(i, d.DateAt(i)) {
					return
				}
			}
		}
	}
}
