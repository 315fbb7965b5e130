package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus/state"
)

// Keeper keeps the reader's marks and saved searches across runs: the
// state store (*state.Store) is one. The reader calls it from commands
// only, never from Update, so that a slow disk never stalls a keystroke.
type Keeper interface {
	Marks() (*state.Marks, error)
	Apply(refs []state.Ref, ch state.Change) error
	Pack() error
	SaveSearch(name, query string) error
	DeleteSearch(name string) (bool, error)
	Searches() ([]state.SavedSearch, error)
}

// WithKeeper gives the reader a store for its marks and saved searches.
func WithKeeper(k Keeper) Option { return func(m *Model) { m.keeper = k } }

// WithoutState tells the reader it runs without a store, and why (the
// store's file and what is wrong with it, or "--no-state"): the status line
// says so, and marking says why it cannot.
func WithoutState(reason string) Option { return func(m *Model) { m.noState = reason } }

// WithReadAfter sets how long an article is shown before it counts as
// read (3 s by default); 0 never marks an article read by itself.
func WithReadAfter(d time.Duration) Option { return func(m *Model) { m.readAfter = d } }

// marksLoadedMsg carries the marks of the corpus's articles, read from the
// store with the articles' keys computed, or why they could not be.
type marksLoadedMsg struct {
	table *state.Table
	stale bool
	err   error
}

// markSavedMsg says whether a change reached the store.
type markSavedMsg struct{ err error }

// readTimerMsg fires readAfter after an article was shown; token tells
// whether it is still the article shown (see Model.readToken).
type readTimerMsg struct{ token int }

// loadMarks reads the marks and finds their articles (computing every
// article's key, on every core, or asking the database), in a command:
// the timeline shows at once, the marks when ready.
func (m *Model) loadMarks() tea.Cmd {
	if m.keeper == nil {
		return nil
	}
	k, c := m.keeper, m.c
	return func() tea.Msg {
		marks, err := k.Marks()
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		table, err := tableOf(c, marks)
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		return marksLoadedMsg{table: table, stale: marks.Stale()}
	}
}

// tableOf returns the marks of the articles of c: of those the store
// marks only when c finds them (a MarkSource), else of every article by
// its key.
func tableOf(c Articles, marks *state.Marks) (*state.Table, error) {
	if ms, ok := c.(MarkSource); ok {
		return ms.MarksTable(marks)
	}
	return state.NewTable(state.Keys(c), marks), nil
}

// marksLoaded takes the marks in, or runs without a store when they could
// not be read; then runs the search that waited for them, if any.
func (m *Model) marksLoaded(msg marksLoadedMsg) tea.Cmd {
	var pack tea.Cmd
	if msg.err != nil {
		m.keeper, m.noState = nil, errorLine(msg.err)
		m.flash = "no saved state: " + m.noState
	} else {
		m.setMarks(msg.table)
		if msg.stale {
			k := m.keeper
			pack = func() tea.Msg { _ = k.Pack(); return nil }
		}
	}
	if q := m.searching; q != "" && m.cancel == nil {
		return tea.Batch(pack, m.search(q))
	}
	return pack
}

// setMarks shows the marks of table in every pane.
func (m *Model) setMarks(t *state.Table) {
	m.marks = t
	m.timeline.marks = t
	m.reader.kept = t
}

// canMark reports whether marks can be changed now, and says why not in
// the status line when they cannot.
func (m *Model) canMark() bool {
	switch {
	case m.noState != "":
		m.flash = "no saved state: " + m.noState
	case m.marks == nil && m.keeper == nil:
		m.flash = "no saved state"
	case m.marks == nil:
		m.flash = "reading marks…"
	default:
		return true
	}
	return false
}

// change makes ch to the selected article: at once in the reader's table,
// then in the store, in a command.
func (m *Model) change(ch state.Change) tea.Cmd {
	a, ok := m.timeline.selected()
	if !ok || !m.canMark() {
		return nil
	}
	m.setMarks(m.marks.With([]int{a}, ch))
	art := m.c.At(a)
	ref := state.Ref{Key: m.marks.Key(a), ID: art.ID, Title: art.Title}
	k := m.keeper
	return func() tea.Msg { return markSavedMsg{err: k.Apply([]state.Ref{ref}, ch)} }
}

// markKey handles the keys that change the selected article's marks, from
// the timeline or the reader; it reports whether msg was one.
func (m *Model) markKey(msg tea.KeyPressMsg, k KeyMap) (tea.Cmd, bool) {
	a, ok := m.timeline.selected()
	switch {
	case !ok:
		return nil, false
	case key.Matches(msg, k.ToggleRead):
		if !m.canMark() {
			return nil, true
		}
		read := !m.marks.Read(a)
		m.readToken++ // the timer no longer marks it
		m.flash = map[bool]string{true: "marked read", false: "marked unread"}[read]
		return m.change(state.Change{Read: &read}), true
	case key.Matches(msg, k.Star):
		if !m.canMark() {
			return nil, true
		}
		star := !m.marks.Starred(a)
		m.flash = map[bool]string{true: "starred", false: "star taken away"}[star]
		return m.change(state.Change{Starred: &star}), true
	case key.Matches(msg, k.Tag):
		if !m.canMark() {
			return nil, true
		}
		return m.openPrompt(promptTags), true
	case key.Matches(msg, k.Note):
		if !m.canMark() {
			return nil, true
		}
		return m.editNote(), true
	}
	return nil, false
}

// readSoon starts the timer after which the article shown counts as read,
// when the reader shows it (side by side, or the reader has the focus).
func (m *Model) readSoon() tea.Cmd {
	m.readToken++
	a, ok := m.timeline.selected()
	if !ok || m.readAfter <= 0 || m.marks == nil || m.marks.Read(a) || !m.readerShown() {
		return nil
	}
	token := m.readToken
	return tea.Tick(m.readAfter, func(time.Time) tea.Msg { return readTimerMsg{token: token} })
}

// readerShown reports whether the reader pane is on screen.
func (m *Model) readerShown() bool {
	return !m.showHelp && !m.showProblems && (m.wide() || m.focus == focusReader)
}

// readTimer marks the article shown read, if it is still the one the
// timer was started for and still on screen.
func (m *Model) readTimer(msg readTimerMsg) tea.Cmd {
	if msg.token != m.readToken || !m.readerShown() {
		return nil
	}
	return m.markRead()
}

// markRead marks the selected article read, unless it is.
func (m *Model) markRead() tea.Cmd {
	a, ok := m.timeline.selected()
	if !ok || m.marks == nil || m.marks.Read(a) {
		return nil
	}
	read := true
	return m.change(state.Change{Read: &read})
}
