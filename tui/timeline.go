package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// dayWidth is the widest date the date column shows: a day ("2019-10-09");
// the time shows in the reader.
const dayWidth = 10

// heading is a year, month or "undated" line of the timeline.
type heading struct {
	label string
	count int
	month bool
	// of is every article of the year or month while a filter is on (0
	// otherwise): the heading then reads "3 of 12".
	of int
}

// timeline is the left pane: the articles shown, in date order under
// year headings, or in relevance order without them. Everything that
// depends on the whole result set (rows, headings, density) is computed
// when the results change, so that view costs only the visible rows; and
// from the months' runs of positions and the results as the engine holds
// them (shown, block, months), so that neither its memory nor the time
// to lay it out grows with the articles: a few bytes a month and a
// binary search a row.
type timeline struct {
	c Articles
	// res holds the filter's results in timeline order (nil when no
	// filter is active), scored the same in relevance order, made when
	// first asked for; order is the articles shown, in the order shown.
	res    *search.Results
	scored *search.Results
	order  shown
	// explained holds the hits explained so far (spans and snippet), by
	// article: only those on screen, and the cursor's, are (see
	// explainVisible); View only reads it.
	explained map[int32]*search.Hit
	// months are the runs of the timeline's months: every article's month
	// key, and the counts of the headings; read once.
	months *months
	// byScore orders by relevance: no headings then.
	byScore bool

	// blocks lay out the rows of the pane (see block), nrows of them;
	// headings are the blocks' headings; groups holds the positions where
	// a year (or the undated group) starts, groupRows the row of each
	// group's year heading.
	blocks    []block
	nrows     int
	headings  []heading
	groups    []int
	groupRows []int
	density   density

	// dateW is the width of the date column: that of the most precise
	// date of the corpus, 0 when no article is dated. need is the width
	// the rows need to show most titles whole. Both are measured once.
	dateW, need int

	cursor int // position in order
	// anchor is the article selected when the results last changed
	// (corpus index, -1 for none): new results put the cursor on it, or
	// next to it in time, also after an empty result in between.
	anchor int
	top    int // first row on screen
	width  int
	height int // rows on screen
	// axis is set when the pane is tall enough for the strip's axis.
	axis bool
	// marks are the reader's marks (nil while they are read, or without a
	// store); flagW is the width of the column that shows them: unread,
	// starred (0 without a store).
	marks *state.Table
	flagW int
	// monthNames are the month names of the headings ("" for English),
	// and preferScore starts a filter's results in relevance order.
	monthNames  [12]string
	preferScore bool
	// copies folds the groups of copies, once they are found.
	copies copyFold
}

func newTimeline(c Articles) timeline {
	t := timeline{c: c, order: everyArticle(c.Len()), months: readMonths(c), anchor: -1, explained: map[int32]*search.Hit{}}
	t.dateW = min(len(corpus.NewDate(2000, 1, 1, 0, 0, t.months.prec).String()), dayWidth)
	t.need = t.titleCol() + titleNeed(c) + 1
	t.rebuild()
	return t
}

// titleSample is the most titles titleNeed measures: a sample spread
// over the corpus says as much as every title, in a time that does not
// grow with it.
const titleSample = 2048

// titleNeed returns the width most titles of c fit in: nine in ten of
// those it measures.
func titleNeed(c Articles) int {
	n := c.Len()
	if n == 0 {
		return 0
	}
	var widths []int
	if f, ok := c.(Fetcher); ok {
		for _, t := range f.SampleTitles(titleSample) {
			widths = append(widths, ansi.StringWidth(t))
		}
	} else {
		step := max(1, n/titleSample)
		for i := 0; i < n; i += step {
			widths = append(widths, ansi.StringWidth(c.At(i).Title))
		}
	}
	if len(widths) == 0 {
		return 0
	}
	slices.Sort(widths)
	return widths[len(widths)*9/10]
}

// titleCol is the column where titles start: after the selection mark
// and the date column.
func (t *timeline) titleCol() int {
	if t.dateW == 0 {
		return markWidth + t.flagW
	}
	return markWidth + t.flagW + t.dateW + 1
}

// flagsWidth is the width of the marks' column: a dot for unread, then a
// star (the date follows the star at once: a space when not starred).
const flagsWidth = 2

// showFlags gives the rows a column for the marks, or none; the width the
// titles need moves with it.
func (t *timeline) showFlags(on bool) {
	before := t.titleCol()
	t.flagW = 0
	if on {
		t.flagW = flagsWidth
	}
	t.need += t.titleCol() - before
}

// setSize sets the pane's width and its height: the strip's lines (see
// stripLines), then the rows. Month headings depend on the height, and
// the strip's buckets on the width, so the rows are rebuilt.
func (t *timeline) setSize(width, area int) {
	axis := area >= axisMinHeight
	height := area - 1
	if axis {
		height--
	}
	height = max(height, 1)
	if t.width == width && t.height == height && t.axis == axis {
		return
	}
	t.width, t.height, t.axis = width, height, axis
	t.rebuild()
	t.ensureVisible()
}

// setResults shows the results of a filter, the cursor on the first hit,
// or (nil) every article again, the cursor on the article it was on, or
// on the next one in time when that article is gone. Every article shows
// in date order.
func (t *timeline) setResults(res *search.Results) {
	t.res, t.scored = res, nil
	t.explained = map[int32]*search.Hit{}
	if res == nil {
		t.byScore = t.preferScore
	}
	t.arrange(res == nil)
}

// setResultsKeep is setResults, the cursor kept on its article (or the
// next one in time) rather than on the first hit: the reader reopens
// where it was.
func (t *timeline) setResultsKeep(res *search.Results) {
	t.res, t.scored = res, nil
	t.explained = map[int32]*search.Hit{}
	t.arrange(true)
}

// toggleSort switches between date order and relevance order, the
// cursor staying on its article.
func (t *timeline) toggleSort() {
	t.byScore = !t.byScore
	t.arrange(true)
}

// shown returns the results in the order shown, nil when unfiltered.
func (t *timeline) shown() *search.Results {
	if t.res == nil || !t.byScore {
		return t.res
	}
	if t.scored == nil {
		t.scored = t.res.ByScore()
	}
	return t.scored
}

// arrange lays out the results in the current order, the cursor on the
// article it was on when keep is set, else on the first.
func (t *timeline) arrange(keep bool) {
	if a, ok := t.selected(); ok {
		t.anchor = a
	} // else an empty result in between: come back to the article before it
	if r := t.shown(); r == nil {
		t.order = t.copies.fold(everyArticle(t.c.Len()))
	} else {
		t.order = t.copies.fold(hitsOf(r, !t.byScore))
	}
	t.rebuild()
	t.cursor, t.top = 0, 0
	if keep && t.anchor >= 0 {
		t.cursor = t.positionOf(t.anchor)
	}
	t.ensureVisible()
}

// filtered reports whether the timeline shows the results of a query
// rather than every article: then each article shows a snippet line
// under its title.
func (t *timeline) filtered() bool { return t.res != nil }

// lines is the number of lines an article takes.
func (t *timeline) lines() int {
	if t.filtered() {
		return 2
	}
	return 1
}

// page is the number of articles a page down moves.
func (t *timeline) page() int { return max(t.height/t.lines()-1, 1) }

// positionOf returns the position of article a in the order, or of the
// first article after it in time when a is not shown.
func (t *timeline) positionOf(a int) int {
	if !t.order.sorted {
		return max(t.order.index(int32(a)), 0)
	}
	return min(t.order.search(int32(a)), max(t.order.Len()-1, 0))
}

// selected returns the article index under the cursor.
func (t *timeline) selected() (int, bool) {
	if t.order.Len() == 0 {
		return 0, false
	}
	return int(t.order.At(t.cursor)), true
}

// hitAt returns the explained hit at position p, or nil when no filter
// is active or it was not explained (see explainVisible).
func (t *timeline) hitAt(p int) *search.Hit {
	if t.res == nil || p < 0 || p >= t.order.Len() {
		return nil
	}
	return t.explained[t.order.At(p)]
}

// explain explains the hit at position p, unless it already is, and
// returns it (nil when no filter is active).
func (t *timeline) explain(p int) *search.Hit {
	if t.res == nil || p < 0 || p >= t.order.Len() {
		return nil
	}
	a := t.order.At(p)
	if h, ok := t.explained[a]; ok {
		return h
	}
	h := t.shown().Hit(p)
	t.res.Explain(&h)
	t.explained[a] = &h
	return &h
}

// maxExplained bounds the explained hits kept: beyond it, only those on
// screen are kept.
const maxExplained = 1024

// explainVisible explains the hits on screen and the cursor's, so that
// view finds them: a screenful, however many hits there are.
func (t *timeline) explainVisible() {
	t.fetchVisible()
	if t.res == nil {
		return
	}
	if len(t.explained) > maxExplained {
		t.explained = map[int32]*search.Hit{}
	}
	for y := range t.height {
		if kind, p := t.row(t.top + y); kind == rowTitle {
			t.explain(p)
		}
	}
	t.explain(t.cursor)
}

// fetchVisible asks articles read from elsewhere for those on screen and
// the cursor's at once, rather than one by one as they are drawn.
func (t *timeline) fetchVisible() {
	f, ok := t.c.(Fetcher)
	if !ok {
		return
	}
	want := make([]int32, 0, t.height+1)
	for y := range t.height {
		if kind, p := t.row(t.top + y); kind == rowTitle {
			want = append(want, t.order.At(p))
		}
	}
	if t.cursor >= 0 && t.cursor < t.order.Len() {
		want = append(want, t.order.At(t.cursor))
	}
	f.Fetch(want)
}

// move moves the cursor by delta articles.
func (t *timeline) move(delta int) {
	if t.order.Len() == 0 {
		return
	}
	t.cursor = max(0, min(t.order.Len()-1, t.cursor+delta))
	t.ensureVisible()
}

// moveTo puts the cursor on position p.
func (t *timeline) moveTo(p int) { t.move(p - t.cursor) }

// nextGroup moves to the first article of the next year; prevGroup to
// the first of the cursor's year, or of the year before when already
// there. The year's heading goes to the top of the pane.
func (t *timeline) nextGroup() {
	i, _ := slices.BinarySearch(t.groups, t.cursor+1)
	t.toGroup(i)
}

func (t *timeline) prevGroup() {
	// The group holding the cursor, or the one before when the cursor is
	// on its first article.
	i, _ := slices.BinarySearch(t.groups, t.cursor)
	t.toGroup(i - 1)
}

// toGroup moves to the first article of group i, its heading at the top.
func (t *timeline) toGroup(i int) {
	if i < 0 || i >= len(t.groups) {
		return
	}
	t.moveTo(t.groups[i])
	t.top = max(0, min(t.groupRows[i], t.nrows-t.height))
}

// scroll moves the rows on screen by delta without moving the cursor.
func (t *timeline) scroll(delta int) {
	t.top = max(0, min(t.top+delta, t.nrows-t.height))
}

// rowAt returns the position shown on screen line y of the rows, if that
// line holds an article.
func (t *timeline) rowAt(y int) (int, bool) {
	if y < 0 || y >= t.height {
		return 0, false
	}
	kind, p := t.row(t.top + y)
	return p, kind == rowTitle || kind == rowSnippet
}

// ensureVisible scrolls so that the cursor's row, and the headings just
// above it, are on screen.
func (t *timeline) ensureVisible() {
	if t.nrows == 0 {
		t.top = 0
		return
	}
	row := t.rowOf(t.cursor)
	if row < t.top {
		t.top = row
		for t.top > 0 && row-t.top+1 < t.height {
			if kind, _ := t.row(t.top - 1); kind != rowHeading {
				break
			}
			t.top--
		}
	}
	if last := row + t.lines() - 1; last >= t.top+t.height {
		t.top = last - t.height + 1
	}
	t.top = max(0, min(t.top, t.nrows-t.height))
}

// update handles a key while the timeline has the focus: it moves the
// selection, or asks to read the selected article or to clear the filter.
func (t *timeline) update(msg tea.KeyPressMsg, k KeyMap) request {
	before := t.cursor
	switch {
	case key.Matches(msg, k.Down):
		t.move(1)
	case key.Matches(msg, k.Up):
		t.move(-1)
	case key.Matches(msg, k.PageDown):
		t.move(t.page())
	case key.Matches(msg, k.PageUp):
		t.move(-t.page())
	case key.Matches(msg, k.Top):
		t.moveTo(0)
	case key.Matches(msg, k.Bottom):
		t.moveTo(t.order.Len() - 1)
	case key.Matches(msg, k.NextYear):
		t.nextGroup()
	case key.Matches(msg, k.PrevYear):
		t.prevGroup()
	case key.Matches(msg, k.Open):
		if t.order.Len() > 0 {
			return requestRead
		}
	case key.Matches(msg, k.ClearFilter):
		return requestClearFilter
	case key.Matches(msg, k.Copies):
		t.toggleCopies()
	}
	if t.cursor != before {
		return requestFollow
	}
	return requestNone
}

// shortHelp is the timeline's part of the help line.
func (t *timeline) shortHelp(k KeyMap) []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Open, k.Filter, k.ClearFilter, k.Star, k.Tag}
}
