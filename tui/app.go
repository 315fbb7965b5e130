// Package tui is gazette's interactive reader: a timeline of the articles,
// the article being read, and a filter that narrows the timeline as one
// types. It is a Bubble Tea v2 program over the articles of a model it
// never changes, filtered by a search engine.
//
// The root Model holds the layout, the focus and the keys that act
// wherever the focus is (quit, help, filter, order, switch pane); it
// routes every other key to the focused pane, which changes only itself
// and answers with a request for what else must follow (the reader
// following the timeline's selection, the focus moving, a search). Sizes,
// colours and the results of commands go to every pane that needs them.
//
// Over the panes, views of the corpus as a whole (panels.go): keyword
// in context, hits over time and facets, each made from the engine's
// results by the corpus packages that count them (concord, trend,
// facet), their slow parts in commands. The groups of copies are found
// in a command once the reader starts, and the timeline folds them.
package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// focus is the part of the screen that receives key presses.
type focus int

const (
	focusTimeline focus = iota
	focusReader
	focusFilter
)

// Layout limits.
const (
	// sideBySideWidth is the narrowest terminal that shows both panes.
	sideBySideWidth = 100
	// minWidth and minHeight are the smallest terminal drawn at all.
	minWidth, minHeight = 40, 8
	// minTimeline is the narrowest the timeline gets side by side, and
	// minReader the narrowest the reader gets (readerShare of the width
	// when more). The reader takes the width its text needs (its measure,
	// and a column) at most: the rest goes to the timeline.
	minTimeline, minReader = 24, 40
	readerShare            = 0.45
	// resizeStep is how far < and > move the divider.
	resizeStep = 4
)

// Model is the reader's root model.
type Model struct {
	c      Articles
	finder Finder
	keys   KeyMap
	styles Styles
	help   help.Model

	timeline timeline
	reader   reader
	filter   filter

	focus    focus
	showHelp bool
	// helpTop is the first line of the help shown, when it is longer
	// than the screen.
	helpTop int
	width   int
	height  int
	// zoomed shows one pane at a time however wide the terminal; widen
	// is what < and > added to the timeline's width.
	zoomed bool
	widen  int
	// flash is a passing message in the status line ("last article"),
	// until the next key.
	flash string
	// fixedStyle is set when the Glamour style was chosen by an option, so
	// the terminal's background does not change it.
	fixedStyle bool
	dark       bool

	// cancel stops the search in flight, superseded by a newer keystroke;
	// searching is its query, "" when none runs.
	cancel    context.CancelFunc
	searching string
	// partial is set while the timeline shows the first hits of the
	// search in flight (see FirstFinder).
	partial bool
	// problems are the load's problems, shown over the panes by `!`.
	problems     problemsView
	showProblems bool

	// keeper keeps the marks (nil without a store: noState says why);
	// marks are the corpus's, nil until read.
	keeper  Keeper
	noState string
	marks   *state.Table
	// readAfter is how long an article is shown before it counts as
	// read; readToken names the article the timer runs for.
	readAfter time.Duration
	readToken int
	// prompt asks for tags, a name, a file or a command; note is the
	// note's text area when open; copying is set after the copy key.
	prompt  prompt
	note    *noteEditor
	copying bool
	// saved are the saved searches, shown over the panes by their key.
	saved     savedView
	showSaved bool
	exporter  Exporter
	// restore is where to open (WithPlace), until its filter's results
	// come; startup is what Init runs to get there.
	restore *Place
	startup tea.Cmd
	// colors replace the theme's (a configuration's).
	colors Colors
	// findCopies finds the groups of copies, in the background.
	findCopies CopyFinder
	// panel is the view of the corpus shown over the panes, if any.
	panel  panel
	kwic   kwicView
	chart  chartView
	facets facetsView
}

// Option configures a Model.
type Option func(*Model)

// WithDarkBackground fixes the style to dark or light instead of asking
// the terminal for its background colour; tests use it to be
// deterministic.
func WithDarkBackground(dark bool) Option {
	return func(m *Model) {
		m.fixedStyle = true
		m.dark = dark
	}
}

// WithProblems gives the reader the problems of the load, in the order
// to list them: the status line counts them and `!` lists them.
func WithProblems(list []Problem) Option {
	return func(m *Model) { m.problems = newProblemsView(list) }
}

// New returns the reader on the articles c, filtered with f, the cursor
// on the first article.
func New(c Articles, f Finder, opts ...Option) Model {
	m := Model{c: c, finder: f, keys: DefaultKeyMap(), dark: true, timeline: newTimeline(c), reader: newReader(c), readAfter: defaultReadAfter,
		chart: chartView{c: c, finder: f}}
	for _, o := range opts {
		o(&m)
	}
	m.setStyles()
	m.filter = newFilter(&m.styles)
	m.reader.dark = m.dark
	m.timeline.showFlags(m.keeper != nil)
	if a, ok := m.timeline.selected(); ok {
		m.reader.article = a
	}
	m.startup = m.restorePlace()
	return m
}

// defaultReadAfter is how long an article is shown before it counts as
// read.
const defaultReadAfter = 3 * time.Second

func (m *Model) setStyles() {
	m.styles = NewStyles(m.dark)
	m.colors.apply(&m.styles)
	m.help = help.New()
	m.help.Styles = m.styles.Help
	m.filter.input.SetStyles(m.styles.Input)
}

// Init reads the marks, searches the filter it reopens with, and asks the
// terminal for its background colour, to pick a dark or light style.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.loadMarks(), m.startup, m.copiesCmd()}
	if !m.fixedStyle {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update handles one message, then explains the hits that came on
// screen: View only draws what Update prepared.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	m = next.(Model)
	m.timeline.explainVisible()
	m.preparePanel()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.layout()
	case tea.BackgroundColorMsg:
		if m.fixedStyle || msg.IsDark() == m.dark {
			return m, nil
		}
		m.dark = msg.IsDark()
		m.setStyles()
		return m, m.reader.setDark(m.dark)
	case searchResultMsg:
		return m, m.searched(msg)
	case indexTickMsg:
		return m, m.indexTick()
	case renderedMsg:
		m.reader.rendered(msg)
		return m, nil
	case tea.KeyPressMsg:
		return m, m.keyPress(msg)
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
		return m, nil
	case tea.MouseClickMsg:
		return m, m.click(msg.Mouse())
	case marksLoadedMsg:
		cmd := m.marksLoaded(msg)
		return m, tea.Batch(cmd, m.reader.refit(), m.readSoon())
	case markSavedMsg:
		if msg.err != nil {
			m.flash = "not saved: " + errorLine(msg.err)
		}
		return m, nil
	case readTimerMsg:
		return m, m.readTimer(msg)
	case noteEditedMsg:
		return m, m.noteEdited(msg)
	case doneMsg:
		m.flash = corpus.OneLine(msg.ok)
		if msg.err != nil {
			m.flash = corpus.OneLine(msg.err.Error())
		}
		return m, nil
	case savedMsg:
		return m, m.savedRead(msg)
	case countsMsg:
		m.saved.counts = msg.counts
		return m, nil
	case copiesMsg:
		return m, m.copiesFound(msg)
	case kwicSortedMsg:
		m.kwic.sortedLines(msg)
		return m, nil
	case chartCountedMsg:
		m.chart.counted(msg)
		return m, nil
	case facetIndexMsg:
		m.facets.indexed(msg)
		return m, nil
	}
	switch {
	case m.prompt.open():
		return m, m.prompt.forward(msg)
	case m.note != nil:
		var cmd tea.Cmd
		m.note.area, cmd = m.note.area.Update(msg)
		return m, cmd
	case m.focus == focusFilter:
		// Cursor blinks and other messages of the text input.
		return m, m.filter.forward(msg)
	}
	return m, nil
}

// keyPress handles a key: while the terminal is too small, only the
// keys that quit; the help's keys while it is shown, the problems' while
// they are; else the global keys, else the focused pane's.
func (m *Model) keyPress(msg tea.KeyPressMsg) tea.Cmd {
	m.flash = ""
	if key.Matches(msg, m.keys.ForceQuit) {
		return tea.Quit
	}
	switch {
	case m.tooSmall():
		if key.Matches(msg, m.keys.Quit) {
			return tea.Quit
		}
		return nil // nothing shows what another key would do
	case m.showHelp:
		return m.helpKey(msg)
	case m.showProblems:
		if m.problems.update(msg, m.keys, m.width, m.bodyHeight()) == requestClose {
			m.showProblems = false
		}
		return nil
	case m.prompt.open():
		return m.promptKey(msg)
	case m.note != nil:
		return m.noteKey(msg)
	case m.showSaved:
		return m.savedKey(msg)
	case m.copying:
		return m.copyKey(msg, m.keys)
	case m.panel != panelNone:
		return m.panelKeyPress(msg)
	}
	k := m.keysNow()
	if cmd, ok := m.globalKey(msg, k); ok {
		return cmd
	}
	if cmd, ok := m.markKey(msg, k); ok {
		return cmd
	}
	if cmd, ok := m.actionKey(msg, k); ok {
		return cmd
	}
	if cmd, ok := m.panelKey(msg, k); ok {
		return cmd
	}
	var req request
	var cmd tea.Cmd
	switch m.focus {
	case focusFilter:
		req, cmd = m.filter.update(msg, k)
	case focusReader:
		req = m.reader.update(msg, k)
	default:
		req = m.timeline.update(msg, k)
	}
	return tea.Batch(cmd, m.handle(req))
}

// globalKey handles the keys that act wherever the focus is (but in the
// filter line, where they are typed); it reports whether msg was one.
func (m *Model) globalKey(msg tea.KeyPressMsg, k KeyMap) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit, true
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpTop = true, 0
		return nil, true
	case key.Matches(msg, k.Filter):
		m.focus = focusFilter
		cmd := m.filter.focus()
		return tea.Batch(cmd, m.layout()), true
	case key.Matches(msg, k.Sort):
		m.timeline.toggleSort()
		return m.follow(), true
	case key.Matches(msg, m.keys.Sort) && m.focus != focusFilter:
		m.flash = "relevance order needs a filter (/)"
		return nil, true
	case key.Matches(msg, k.SwitchPane):
		if m.focus == focusReader {
			m.focus = focusTimeline
		} else {
			m.focus = focusReader
		}
		return nil, true
	case key.Matches(msg, k.Problems):
		m.showProblems = true
		return nil, true
	case key.Matches(msg, k.SaveSearch):
		return m.openPrompt(promptSearchName), true
	case key.Matches(msg, k.Searches):
		m.showSaved = true
		return m.readSaved(), true
	case key.Matches(msg, k.Wider, k.Narrower):
		step := resizeStep
		if key.Matches(msg, k.Narrower) {
			step = -step
		}
		before, _ := m.paneWidths()
		m.widen += step
		after, _ := m.paneWidths()
		m.widen += after - before - step // no credit past the limits
		return m.layout(), true
	case key.Matches(msg, k.Zoom):
		m.zoomed = !m.zoomed
		return m.layout(), true
	}
	return nil, false
}

// handle does what a pane's key requested of the rest of the screen.
func (m *Model) handle(req request) tea.Cmd {
	switch req {
	case requestFollow:
		return m.follow()
	case requestRead:
		m.focus = focusReader
	case requestTimeline:
		m.focus = focusTimeline
	case requestNextArticle, requestNextResult:
		return m.step(1)
	case requestPrevArticle, requestPrevResult:
		return m.step(-1)
	case requestSearch:
		return m.search(m.filter.query())
	case requestKeepFilter:
		m.focus = focusTimeline
		return m.layout()
	case requestClearFilter:
		m.focus = focusTimeline
		return m.clearFilter()
	case requestReachedEnd:
		return m.markRead()
	}
	return nil
}

// step moves the timeline's selection by one article from the reader or
// the filter line, and says so when there is none further.
func (m *Model) step(delta int) tea.Cmd {
	before := m.timeline.cursor
	m.timeline.move(delta)
	switch {
	case m.timeline.order.Len() == 0:
		return nil
	case m.timeline.cursor == before && delta > 0:
		m.flash = "last article"
	case m.timeline.cursor == before:
		m.flash = "first article"
	}
	return m.follow()
}

// wide reports whether both panes are shown side by side.
func (m *Model) wide() bool { return m.width >= sideBySideWidth && !m.zoomed }

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// paneWidths returns the widths of the timeline and of the reader; in
// the one-pane layout each takes the whole width in turn. Side by side,
// the timeline gets the width its titles need, the reader at least
// minReader (or readerShare of the width) and at most its measure,
// then what < and > moved.
func (m *Model) paneWidths() (int, int) {
	if !m.wide() {
		return m.width, m.width
	}
	most := m.width - 1 - max(minReader, int(float64(m.width)*readerShare))
	tw := max(minTimeline, min(m.timeline.need, most))
	tw = max(tw, m.width-1-(m.reader.measure+1))
	tw = max(minTimeline, min(tw+m.widen, m.width-1-minReader))
	return tw, m.width - tw - 1
}

// bodyHeight is the height of the panes: all but the status line and
// the prompt.
func (m *Model) bodyHeight() int { return m.height - 1 - m.prompt.lines() }

// timelineTop is the number of lines above the timeline rows: the filter
// line and its error when shown, then the density strip.
func (m *Model) timelineTop() int { return m.filter.lines() + m.timeline.stripLines() }

// layout sizes the panes after a resize or a change of what is shown.
func (m *Model) layout() tea.Cmd {
	if m.width <= 0 || m.height <= 0 {
		return nil
	}
	tw, rw := m.paneWidths()
	m.filter.setWidth(tw)
	m.timeline.setSize(tw, max(m.bodyHeight()-m.filter.lines(), 2))
	m.help.SetWidth(m.width)
	m.prompt.setWidth(m.width)
	m.sizeNote()
	return m.reader.setSize(rw, max(m.bodyHeight(), 2))
}

// follow makes the reader show the timeline's selection.
func (m *Model) follow() tea.Cmd {
	a, ok := m.timeline.selected()
	if !ok {
		m.reader.clear()
		return nil
	}
	return tea.Batch(m.reader.show(a, m.timeline.explain(m.timeline.cursor), m.filter.query()), m.readSoon())
}

// filtered reports whether a filter is on: the timeline shows the results
// of a query (then rows have snippets, and the reader's n and N move
// between matches). It is the one answer to that question.
func (m *Model) filtered() bool { return m.timeline.filtered() }
