package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// WithArrivals has the loading screen list the articles as the load makes
// them: take returns those made since it was last called (see
// ingest.Progress.Arrived). The list is the timeline the reader will
// show, in date order, filling as the load goes; the arrow keys move in
// it, and the reader opens on the article chosen there. A filter typed
// meanwhile is answered on the articles made so far (loading_query.go).
// let, when set, is run in a command once the reader shows and the list
// has let the articles go: the load may have replaced them (by a corpus
// read from a file), and the caller may then give their memory back.
func (m Loading) WithArrivals(take func() []*corpus.Article, let func()) Loading {
	m.early = &earlyTimeline{take: take, let: let, progress: m.progress, qf: newFilter(&m.styles)}
	return m
}

// earlyTimeline is the timeline of the loading screen: the articles made
// so far. It is shared by the copies of the screen Bubble Tea makes, as
// the reader's panes are not: only the latest copy is ever used.
type earlyTimeline struct {
	take     func() []*corpus.Article
	let      func()
	progress func() LoadProgress
	pending  []*corpus.Article
	shown    *arrivals
	// tl lists listed: shown, or the part a query's hits are in.
	tl     timeline
	listed Articles
	// moved is set once the person moved in it: the reader then opens
	// on the article chosen.
	moved bool
	// next is the soonest the list is made again: ten times what the
	// last making cost, so that a million arrivals do not take the
	// screen's time from the keys.
	next time.Time
	// width and area are the timeline's size on screen.
	width, area int

	// qf is the filter typed while loading (typing: it has the focus);
	// res its hits in part, nil when the list shows every article;
	// building is set while a part is made.
	qf       filter
	typing   bool
	res      *search.Results
	part     *partIndex
	building bool
}

// earlyMinRefresh is the most often the list is made again.
const earlyMinRefresh = 200 * time.Millisecond

// refresh takes the articles made since the last call and, when it is
// time, adds them to the list, the cursor on its article. While the list
// shows a query's hits, it searches again once the articles have doubled.
func (e *earlyTimeline) refresh(now time.Time) tea.Cmd {
	e.pending = append(e.pending, e.take()...)
	if len(e.pending) == 0 || now.Before(e.next) {
		return nil
	}
	if e.shown == nil {
		e.shown = &arrivals{}
	}
	e.shown = e.shown.with(e.pending)
	e.pending = nil
	if e.res != nil {
		e.next = now.Add(earlyMinRefresh)
		if e.partSize() > 0 && !e.building {
			return e.search() // a larger part, the hits shown meanwhile
		}
		return nil
	}
	start := time.Now()
	e.relist()
	e.next = now.Add(max(earlyMinRefresh, 10*time.Since(start)))
	if e.part == nil && strings.TrimSpace(e.qf.query()) != "" {
		return e.search() // typed before the first articles came
	}
	return nil
}

// relist lists every article made so far, the cursor on its article.
func (e *earlyTimeline) relist() {
	if e.shown == nil {
		return
	}
	var sel *corpus.Article
	if a, ok := e.tl.selected(); ok && e.listed != nil {
		sel = e.listed.At(a)
	}
	e.list(e.shown)
	if sel != nil && e.moved {
		e.tl.moveTo(e.tl.positionOf(indexIn(e.shown, sel)))
	}
}

// list makes the timeline of c.
func (e *earlyTimeline) list(c Articles) {
	e.listed = c
	e.tl = newTimeline(c)
	e.tl.setSize(e.width, e.area)
}

// made reports whether the list shows something.
func (e *earlyTimeline) made() bool { return e.listed != nil }

// setSize sizes the list to width × area lines.
func (e *earlyTimeline) setSize(width, area int) {
	e.width, e.area = width, area
	if e.made() {
		e.tl.setSize(width, area)
		e.tl.explainVisible()
	}
}

// key moves in the list on a moving key, and reports whether it was one.
func (e *earlyTimeline) key(msg tea.KeyPressMsg, k KeyMap) bool {
	if !e.made() || e.typing {
		return false
	}
	for _, b := range []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, k.NextYear, k.PrevYear} {
		if key.Matches(msg, b) {
			e.tl.update(msg, k)
			e.tl.explainVisible()
			e.moved = true
			return true
		}
	}
	return false
}

// chosen returns the article the person moved to, if they did.
func (e *earlyTimeline) chosen() (*corpus.Article, bool) {
	if e == nil || !e.moved || !e.made() {
		return nil, false
	}
	a, ok := e.tl.selected()
	if !ok {
		return nil, false
	}
	return e.listed.At(a), true
}

// selectLike puts the reader on the article of its corpus that stands
// for a, an article of the load as it arrived (see indexIn).
func (m *Model) selectLike(a *corpus.Article) {
	i := indexIn(m.c, a)
	if i < 0 {
		return
	}
	m.timeline.moveTo(m.timeline.positionOf(i))
	m.timeline.anchor = i
	m.reader.article = i
	m.reader.restoreID = ""
	if m.restore != nil {
		m.restore.Article = i
	}
}

// earlyMinHeight is the shortest screen that lists the articles while
// loading: shorter, it shows the progress only.
const earlyMinHeight = 10

// drawEarly draws the loading screen with the articles so far: what
// loads, the bar and the counts on top, the list, then the filter typed
// meanwhile, or what becomes of the keys typed.
func (m Loading) drawEarly() string {
	p := m.progress()
	bar := m.bar
	bar.SetWidth(max(min(m.width-2, 60), 10))
	frac := 0.0
	if p.Size > 0 {
		frac = min(float64(p.Read)/float64(p.Size), 1)
	}
	fit := lipgloss.NewStyle().MaxWidth(m.width)
	head := []string{
		fit.Render(m.styles.ReaderTitle.Render("Loading "+m.what) + m.styles.Dim.Render(" · the timeline so far")),
		fit.Render(bar.ViewAs(frac)),
		fit.Render(m.styles.Status.Render(loadCounts(p, frac, m.now.Sub(m.started)))),
	}
	e := m.early
	foot := fit.Render(m.styles.Dim.Render(m.typedLine()))
	if e.qf.shown() {
		e.qf.setWidth(m.width)
		foot = e.qf.view(&m.styles, m.width)
	}
	e.setSize(m.width, m.height-len(head)-strings.Count(foot, "\n")-1)
	return strings.Join(head, "\n") + "\n" + e.tl.view(&m.styles, !e.typing) + "\n" + foot
}
