package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gazette-reader/gazette/corpus"
)

// LoadProgress is how far the load of a corpus has gone, as the loading
// screen shows it.
type LoadProgress struct {
	// Files and Size are the files found so far and their bytes;
	// FilesRead and Read those read; Articles the articles made.
	Files, FilesRead, Size, Read, Articles int64
	// Saving is set while the corpus read is written to its snapshot.
	Saving bool
}

// Loaded ends the loading screen: the reader to show, or why there is
// none (the program then quits and Err says why).
type Loaded struct {
	Reader Model
	Err    error
}

// loadTickMsg asks the loading screen to read the progress again; at is
// when.
type loadTickMsg struct{ at time.Time }

// loadTick is how often the loading screen reads the progress.
const loadTick = 100 * time.Millisecond

// Loading is the reader's first screen while its corpus loads: what is
// being read and a progress bar of the bytes, with the files and the
// articles so far and the time left, and, given the articles as they are
// made (WithArrivals), the timeline as it fills and a filter answered on
// it (loading_early.go, loading_query.go). When the load ends (a Loaded
// message from the command it was given) it becomes the reader: every
// message then goes to the reader, and the screen is the reader's.
type Loading struct {
	what     string
	progress func() LoadProgress
	load     tea.Cmd
	bar      progress.Model
	keys     KeyMap
	styles   Styles
	started  time.Time
	now      time.Time
	width    int
	height   int
	// reader is the reader once loaded; err why the load failed.
	reader *Model
	err    error
	// typed are the keys pressed while loading, for the reader: a filter
	// typed meanwhile runs once the corpus is there.
	typed []tea.KeyPressMsg
	// early lists the articles as they are made (WithArrivals), nil
	// when the screen shows the progress only.
	early *earlyTimeline
	// screen is the screen drawn when something on it changed, for
	// View: Bubble Tea asks for it after every message.
	screen string
}

// NewLoading returns the loading screen of what, which reads how the load
// goes from progress and runs load, a command that ends with a Loaded.
func NewLoading(what string, progressOf func() LoadProgress, load tea.Cmd) Loading {
	now := time.Now()
	return Loading{
		what: corpus.OneLine(what), progress: progressOf, load: load, keys: DefaultKeyMap(), styles: NewStyles(true),
		bar: progress.New(progress.WithDefaultBlend(), progress.WithoutPercentage()), started: now, now: now,
	}
}

// Sized returns the loading screen drawn at width × height before the
// program reports the terminal's size, so that the program's first frame
// is the screen rather than an empty one.
func (m Loading) Sized(width, height int) Loading {
	m.width, m.height = width, height
	m.screen = m.draw()
	return m
}

// Init starts the load and the ticks that read its progress.
func (m Loading) Init() tea.Cmd {
	return tea.Batch(m.load, tea.Tick(loadTick, func(at time.Time) tea.Msg { return loadTickMsg{at} }))
}

// Update follows the load until it ends, then hands every message to the
// reader.
func (m Loading) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.reader != nil {
		r, cmd := m.reader.Update(msg)
		rm := r.(Model)
		m.reader = &rm
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.screen = m.draw()
	case loadTickMsg:
		m.now = msg.at
		var cmd tea.Cmd
		if m.early != nil {
			cmd = m.early.refresh(m.now)
		}
		m.screen = m.draw()
		return m, tea.Batch(cmd, tea.Tick(loadTick, func(at time.Time) tea.Msg { return loadTickMsg{at} }))
	case earlyResultMsg:
		if m.early == nil {
			return m, nil
		}
		cmd := m.early.answered(msg)
		m.screen = m.draw()
		return m, cmd
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.ForceQuit) || (len(m.typed) == 0 && key.Matches(msg, m.keys.Quit)) {
			m.err = ErrInterrupted
			return m, tea.Quit
		}
		// The keys that move go to the list until the first that does not:
		// from then on every key is the reader's, in the order typed.
		var cmd tea.Cmd
		if len(m.typed) > 0 || m.early == nil || !m.early.key(msg, m.keys) {
			m.typed = append(m.typed, msg)
			if m.early != nil {
				cmd = m.early.typedKey(msg, m.keys)
			}
		}
		m.screen = m.draw()
		return m, cmd
	case Loaded:
		if msg.Err != nil {
			m.err = msg.Err
			return m, tea.Quit
		}
		r := msg.Reader
		if a, ok := m.early.chosen(); ok {
			r.selectLike(a)
		}
		cmds := []tea.Cmd{r.Init()}
		if m.early != nil && m.early.let != nil {
			let := m.early.let
			cmds = append(cmds, func() tea.Msg { let(); return nil })
		}
		if m.early != nil {
			// Emptied, not only dropped: the program keeps its first
			// model, which points to the same list.
			*m.early = earlyTimeline{}
			m.early = nil // the reader's timeline takes its place
		}
		for _, k := range append([]tea.Msg{tea.WindowSizeMsg{Width: m.width, Height: m.height}}, keyMsgs(m.typed)...) {
			next, cmd := r.Update(k)
			r = next.(Model)
			cmds = append(cmds, cmd)
		}
		m.reader, m.typed = &r, nil
		return m, tea.Batch(cmds...)
	}
	return m, nil
}

// ErrInterrupted is Err when the person quit before the load ended.
var ErrInterrupted = errors.New("interrupted while loading")

// Err returns why the load ended without a reader: it failed, or the
// person quit; nil once the reader shows.
func (m Loading) Err() error { return m.err }

// Reader returns the reader, once the load has ended.
func (m Loading) Reader() (Model, bool) {
	if m.reader == nil {
		return Model{}, false
	}
	return *m.reader, true
}

// View shows the reader once loaded, else the progress.
func (m Loading) View() tea.View {
	if m.reader != nil {
		return m.reader.View()
	}
	v := tea.NewView(m.screen)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

// draw draws the loading screen: what loads, the bar, the counts, and
// the articles so far when it lists them.
func (m Loading) draw() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.early != nil && m.early.made() && m.height >= earlyMinHeight && m.width >= minWidth {
		return m.drawEarly()
	}
	p := m.progress()
	width := max(min(m.width-4, 60), 10)
	bar := m.bar
	bar.SetWidth(width)
	frac := 0.0
	if p.Size > 0 {
		frac = min(float64(p.Read)/float64(p.Size), 1)
	}
	lines := []string{
		m.styles.ReaderTitle.Render("Loading " + m.what),
		"",
		bar.ViewAs(frac),
		m.styles.Status.Render(loadCounts(p, frac, m.now.Sub(m.started))),
		"",
		m.styles.Dim.Render(m.typedLine()),
	}
	for i, l := range lines {
		lines[i] = lipgloss.NewStyle().MaxWidth(m.width).Render(l)
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// keyMsgs returns keys as messages.
func keyMsgs(keys []tea.KeyPressMsg) []tea.Msg {
	out := make([]tea.Msg, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

// typedLine says what becomes of the keys pressed while loading.
func (m Loading) typedLine() string {
	if len(m.typed) == 0 {
		if m.early != nil && m.early.made() {
			return "q to quit · ↑↓ move · what else you type goes to the reader once loaded"
		}
		return "q to quit · what you type now goes to the reader once loaded"
	}
	var b strings.Builder
	for _, k := range m.typed {
		if k.Text != "" {
			b.WriteString(k.Text)
		} else {
			b.WriteString("<" + k.String() + ">")
		}
	}
	return "for the reader: " + corpus.OneLine(b.String())
}

// loadCounts says how far the load is: files, bytes, articles, and the
// time left at the pace so far once a tenth is read.
func loadCounts(p LoadProgress, frac float64, spent time.Duration) string {
	s := fmt.Sprintf("%s of %s files · %s of %s · %s articles", thousands(p.FilesRead), thousands(p.Files), byteSize(p.Read), byteSize(p.Size), thousands(p.Articles))
	if p.Saving {
		return s + " · writing the snapshot"
	}
	if frac >= 0.1 && frac < 1 {
		left := time.Duration(float64(spent) * (1 - frac) / frac)
		s += fmt.Sprintf(" · %ds left", int(left.Round(time.Second)/time.Second))
	}
	return s
}

// byteSize writes a size in bytes for people: "12 MB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// thousands writes n with a thin space every three digits: "100 000".
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}
