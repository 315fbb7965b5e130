package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// filter is the line above the timeline where a query is typed. It shows
// why a query cannot be parsed, whole, on the lines under it, while the
// timeline keeps the last valid results.
type filter struct {
	input textinput.Model
	// err is the reason the current query cannot be run, "" when it can;
	// note says what the engine widened the query to ("+ vulnérabilité").
	err, note string
	width     int
}

// maxErrLines bounds the lines of a query's error.
const maxErrLines = 3

func newFilter(s *Styles) filter {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter: words, all must match"
	in.SetStyles(s.Input)
	return filter{input: in}
}

// query is the text typed.
func (f filter) query() string { return f.input.Value() }

// shown reports whether the filter line is on screen: while it is typed
// in, or holds a query.
func (f filter) shown() bool { return f.input.Value() != "" || f.input.Focused() }

func (f *filter) focus() tea.Cmd { return f.input.Focus() }

func (f *filter) blur() { f.input.Blur() }

// clear empties and leaves the filter.
func (f *filter) clear() {
	f.input.Reset()
	f.input.Blur()
	f.err, f.note = "", ""
}

// update handles a key while the filter line has the focus: enter keeps
// the query and leaves, esc clears it, ↑ and ↓ move through the results,
// anything else is typed.
func (f *filter) update(msg tea.KeyPressMsg, k KeyMap) (request, tea.Cmd) {
	switch {
	case key.Matches(msg, k.AcceptFilter):
		f.blur()
		return requestKeepFilter, nil
	case key.Matches(msg, k.ClearFilter):
		return requestClearFilter, nil
	case key.Matches(msg, k.ResultDown):
		return requestNextResult, nil
	case key.Matches(msg, k.ResultUp):
		return requestPrevResult, nil
	}
	before := f.query()
	cmd := f.forward(msg)
	if f.query() != before {
		return requestSearch, cmd
	}
	return requestNone, cmd
}

// forward hands a message to the text input: a key to type, a cursor
// blink.
func (f *filter) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}

// shortHelp is the filter's part of the help line: leaving it, moving
// through the results, and the query language (but for the forms people
// type anyway: words, prefixes, typos).
func (f *filter) shortHelp(k KeyMap) []key.Binding {
	b := append([]key.Binding{k.AcceptFilter, k.ClearFilter}, k.Query[3:]...)
	return append(b, k.ResultDown)
}

func (f *filter) setWidth(w int) {
	f.width = w
	f.input.SetWidth(max(w-2, 1))
}

// lines is the number of lines the filter takes: none when it is not
// shown, else its input and the reason the query cannot be run.
func (f *filter) lines() int {
	if !f.shown() {
		return 0
	}
	return 1 + len(f.errLines())
}

// errLines is the reason the query cannot be run, wrapped to the width
// under the input.
func (f *filter) errLines() []string {
	if f.err == "" {
		return nil
	}
	w := max(f.width-4, 8)
	lines := strings.Split(ansi.Wrap("query not valid: "+f.err, w, " "), "\n")
	if len(lines) > maxErrLines {
		lines = lines[:maxErrLines]
		lines[maxErrLines-1] = ansi.Truncate(lines[maxErrLines-1]+" …", w, "…")
	}
	return lines
}

// view returns the filter's lines (see lines), width columns at most.
func (f *filter) view(s *Styles, width int) string {
	in := f.input
	line := ""
	if f.note != "" && f.err == "" {
		// The input stops after the text, to leave the note room.
		in.SetWidth(min(max(width-2, 1), ansi.StringWidth(in.Value())))
		line = " " + s.Dim.Render(f.note) // after the cursor's cell
	}
	lines := []string{ansi.Truncate(in.View()+line, width, "…")}
	for _, l := range f.errLines() {
		lines = append(lines, "  "+s.Error.Render(l))
	}
	return strings.Join(lines, "\n")
}
