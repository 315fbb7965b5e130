package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// filter is the line above the timeline where a query is typed. It shows
// why a query cannot be parsed, inline, while the timeline keeps the last
// valid results.
type filter struct {
	input textinput.Model
	// err is the reason the current query cannot be run, "" when it can.
	err string
}

func newFilter(s *Styles) filter {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter: words, all must match"
	in.SetStyles(s.Input)
	return filter{input: in}
}

// query is the text typed.
func (f filter) query() string { return f.input.Value() }

// active reports whether the filter narrows the timeline or is being typed.
func (f filter) active() bool { return f.input.Value() != "" || f.input.Focused() }

func (f *filter) focus() tea.Cmd { return f.input.Focus() }

func (f *filter) blur() { f.input.Blur() }

// clear empties and leaves the filter.
func (f *filter) clear() {
	f.input.Reset()
	f.input.Blur()
	f.err = ""
}

func (f *filter) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}

func (f *filter) setWidth(w int) { f.input.SetWidth(max(w-2, 1)) }

// view returns the filter line, width columns at most.
func (f *filter) view(s *Styles, width int) string {
	in := f.input
	if f.err != "" {
		// The input stops after the text, to leave the reason room.
		in.SetWidth(min(max(width-2, 1), ansi.StringWidth(in.Value())))
	}
	line := in.View()
	if f.err != "" {
		line += " " + s.Error.Render(f.err) // after the cursor's cell
	}
	return ansi.Truncate(line, width, "…")
}
