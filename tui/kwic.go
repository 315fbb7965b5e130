package tui

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/concord"
	"github.com/gazette-reader/gazette/corpus/search"
)

// kwicView is the keyword-in-context view: every occurrence of the
// filter's matches, one a line, the match in a column between the text
// before and after it. In timeline order it reads the hits a screenful
// at a time; sorted by the words left or right of the match, it holds
// them all, sorted in a command.
type kwicView struct {
	res   *search.Results
	conc  *concord.Concordance
	order concord.Order
	// sorted holds every line in order when it is not the timeline's;
	// sorting is set while a command sorts them.
	sorted  []concord.Line
	sorting bool
	// bound is about the most lines a sort holds, those of the first
	// hits (0: every line): maxSorted for articles read from elsewhere (a
	// database), where a sort of every occurrence of a common word would
	// read the corpus and hold its lines. partial is set when the sorted
	// lines are not all of them.
	bound   int
	partial bool
	// cancel stops the sort in flight, superseded or closed.
	cancel context.CancelFunc
	cursor int
	top    int
	// page holds the lines on screen, count the lines made so far and
	// complete whether that is all of them: made by prepare, in Update,
	// so that view only reads.
	page     []concord.Line
	count    int
	complete bool
}

// kwicSortedMsg carries the lines of a concordance sorted by order, for
// the results they were made of.
type kwicSortedMsg struct {
	res     *search.Results
	order   concord.Order
	lines   []concord.Line
	partial bool
	err     error
}

// maxSorted is about the most lines a bounded view sorts: a line's
// context holds its article's paragraph, some 2 KB a line read from a
// database (199 MB peak RSS with 100 000 lines of a million-article
// corpus, 92 MB with 20 000), a few seconds of reads.
const maxSorted = 20_000

// newKWIC returns the view of r's occurrences, in timeline order.
// A bounded view sorts the first maxSorted lines or so (see
// kwicView.bound).
func newKWIC(r *search.Results, bounded bool) kwicView {
	kv := kwicView{res: r, conc: concord.New(r)}
	if bounded {
		kv.bound = maxSorted
	}
	return kv
}

// lines returns the first n lines in the view's order (fewer when there
// are fewer, or while they are being sorted).
func (kv *kwicView) lines(n int) []concord.Line {
	if kv.order == concord.ByTimeline {
		return kv.conc.Lines(n)
	}
	return kv.sorted[:min(n, len(kv.sorted))]
}

// prepare makes the lines of a screen of rows lines from top, and
// counts those known.
func (kv *kwicView) prepare(rows int) {
	ls := kv.lines(kv.top + rows)
	kv.page = ls[min(kv.top, len(ls)):]
	if kv.order == concord.ByTimeline {
		kv.count, kv.complete = len(kv.conc.Lines(kv.top+rows+1)), kv.conc.Done()
		return
	}
	kv.count, kv.complete = len(kv.sorted), !kv.sorting
}

// sortCmd cycles the order (timeline, left, right) and, off the update
// loop, sorts every line by it (the first maxSorted or so when bounded).
func (kv *kwicView) sortCmd() tea.Cmd {
	kv.order = (kv.order + 1) % 3
	kv.cursor, kv.top, kv.sorted, kv.partial = 0, 0, nil, false
	kv.stop()
	if kv.order == concord.ByTimeline {
		kv.sorting = false
		return nil
	}
	kv.sorting = true
	ctx, cancel := context.WithCancel(context.Background())
	res, order, bound := kv.res, kv.order, kv.bound
	if bound <= 0 {
		bound = math.MaxInt
	}
	kv.cancel = cancel
	return func() tea.Msg {
		lines, all, err := concord.New(res).First(ctx, bound)
		if err == nil {
			concord.Sort(lines, order)
		}
		return kwicSortedMsg{res: res, order: order, lines: lines, partial: !all, err: err}
	}
}

// stop cancels the sort in flight, if any.
func (kv *kwicView) stop() {
	if kv.cancel != nil {
		kv.cancel()
		kv.cancel = nil
	}
}

// sortedLines takes the sorted lines back, unless the view moved on.
func (kv *kwicView) sortedLines(msg kwicSortedMsg) {
	if msg.res != kv.res || msg.order != kv.order || msg.err != nil {
		return
	}
	kv.sorted, kv.sorting, kv.partial = msg.lines, false, msg.partial
}

// update handles a key while the view is shown, h lines of lines: the
// moving keys move the cursor, s sorts, enter opens the occurrence,
// esc, q or the view's own key close it.
func (kv *kwicView) update(msg tea.KeyPressMsg, k KeyMap, h int) (request, tea.Cmd) {
	rows := max(h, 1)
	switch {
	case key.Matches(msg, k.KWIC, k.Back, k.Quit):
		kv.stop()
		return requestClose, nil
	case key.Matches(msg, k.Sort):
		return requestNone, kv.sortCmd()
	case key.Matches(msg, k.Open):
		if len(kv.lines(kv.cursor+1)) > kv.cursor {
			kv.stop()
			return requestOpenOccurrence, nil
		}
	case key.Matches(msg, k.Down):
		kv.move(1, rows)
	case key.Matches(msg, k.Up):
		kv.move(-1, rows)
	case key.Matches(msg, k.PageDown):
		kv.move(rows, rows)
	case key.Matches(msg, k.PageUp):
		kv.move(-rows, rows)
	case key.Matches(msg, k.Top):
		kv.move(-kv.cursor, rows)
	case key.Matches(msg, k.Bottom):
		// In timeline order, to the last line read, reading as many
		// again: the end of a large concordance is a few presses away,
		// and no press reads every hit.
		kv.move(kv.count, rows)
	}
	return requestNone, nil
}

// move moves the cursor by delta lines within those known, and scrolls
// so that it shows among rows lines.
func (kv *kwicView) move(delta, rows int) {
	n := len(kv.lines(kv.cursor + max(delta, 0) + 1))
	kv.cursor = max(0, min(kv.cursor+delta, n-1))
	if kv.cursor < kv.top {
		kv.top = kv.cursor
	}
	if kv.cursor >= kv.top+rows {
		kv.top = kv.cursor - rows + 1
	}
}

// current returns the line under the cursor, once prepared.
func (kv *kwicView) current() (concord.Line, bool) {
	if i := kv.cursor - kv.top; i >= 0 && i < len(kv.page) {
		return kv.page[i], true
	}
	return concord.Line{}, false
}

// orderName names the view's order for its title line.
func (kv *kwicView) orderName() string {
	switch kv.order {
	case concord.ByLeft:
		return "sorted by the words left"
	case concord.ByRight:
		return "sorted by the words right"
	}
	return "in timeline order"
}

// view draws the view, h lines of w columns: a title line, the lines
// from top on, and the title of the cursor's article at the bottom.
func (kv *kwicView) view(s *Styles, c Articles, w, h int) string {
	page := kv.page[:min(len(kv.page), max(h-2, 1))]
	count := fmt.Sprintf("%d occurrences", kv.count)
	switch {
	case kv.sorting:
		count = "sorting…"
	case !kv.complete:
		count = fmt.Sprintf("%d+ occurrences", kv.count)
	case kv.partial && kv.order != concord.ByTimeline:
		count = fmt.Sprintf("the first %d occurrences", kv.count)
	}
	title := s.Year.Render(" Keyword in context") + s.Dim.Render(fmt.Sprintf(" · %s · %s · %s", corpus.OneLine(kv.res.Query.String()), count, kv.orderName()))
	out := []string{ansi.Truncate(title, w, "…")}
	matchW := 0
	for _, l := range page {
		matchW = max(matchW, ansi.StringWidth(corpus.OneLine(l.Match)))
	}
	matchW = min(matchW, max(w/4, 4))
	side := max((w-markWidth-dayWidth-1-matchW-2)/2, 1)
	for i, l := range page {
		out = append(out, kv.lineView(s, c, l, kv.top+i == kv.cursor, side, matchW, w))
	}
	for len(out) < h-1 {
		out = append(out, "")
	}
	if l, ok := kv.current(); ok {
		a := c.At(l.Index)
		out = append(out, s.Dim.Render(ansi.Truncate(" "+corpus.OneLine(a.Title), w, "…")))
	}
	return strings.Join(out, "\n")
}

// lineView draws one occurrence: the selection mark, the date, side
// cells of text before the match, the match (highlighted) in matchW
// cells, side cells of text after it.
func (kv *kwicView) lineView(s *Styles, c Articles, l concord.Line, selected bool, side, matchW, w int) string {
	base := s.Title
	mark := " "
	if selected {
		base, mark = s.Selected, s.Mark.Inherit(s.Selected).Render(markFocused)
	}
	date := c.At(l.Index).Date.String()
	date = date[:min(len(date), dayWidth)]
	left := concord.Line{Left: corpus.OneLine(l.Left)}.LeftCells(side)
	match := concord.Cells(corpus.OneLine(l.Match), matchW)
	right := concord.Cells(corpus.OneLine(l.Right), max(w-markWidth-dayWidth-1-side-matchW-2, 0))
	return mark + s.Date.Inherit(base).Render(fmt.Sprintf("%-*s ", dayWidth, date)) +
		base.Render(left+" ") + s.Match.Inherit(base).Render(match) + base.Render(" "+right)
}

// occurrence returns, for the line under the cursor, its article and the
// number of its match among the article's matches in the body (what the
// reader counts with n and N), -1 for a match in the title.
func (kv *kwicView) occurrence() (article, match int, ok bool) {
	l, ok := kv.current()
	if !ok {
		return 0, 0, false
	}
	if l.Para < 0 {
		return l.Index, -1, true
	}
	h := search.Hit{Index: l.Index}
	kv.res.Explain(&h)
	return l.Index, slices.Index(h.Body, search.BodySpan{Para: l.Para, Span: l.Span}), true
}
