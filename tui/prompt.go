package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// purpose is what a prompt asks for.
type purpose int

const (
	promptNone purpose = iota
	// promptTags edits the selected article's tags, space-separated.
	promptTags
	// promptSearchName names the filter's query, to save it.
	promptSearchName
	// promptExport asks for the file to export the articles shown to.
	promptExport
	// promptPipe asks for a command to pipe the article to.
	promptPipe
	// promptCompare asks for a query for the chart to compare.
	promptCompare
)

// prompt is the line at the bottom of the screen where the reader types
// an answer: tags, a name, a file, a command. While it is open it owns the
// keys: enter answers, esc cancels, tab completes.
type prompt struct {
	purpose purpose
	input   textinput.Model
	// words are what tab completes the last word with (tags used), most
	// used first.
	words []string
	// hint is the line above the input: the completions, or what to type.
	hint string
}

// promptLabels are the prompts' labels, by purpose.
func promptLabel(p purpose) string {
	switch p {
	case promptTags:
		return "tags: "
	case promptSearchName:
		return "save search as: "
	case promptExport:
		return "export to: "
	case promptPipe:
		return "pipe to: "
	case promptCompare:
		return "compare with: "
	}
	return ""
}

func newPrompt(p purpose, value string, words []string, s *Styles) (prompt, tea.Cmd) {
	in := textinput.New()
	in.Prompt = promptLabel(p)
	in.SetStyles(s.Input)
	in.SetValue(value)
	in.CursorEnd()
	in.CharLimit = 4096
	pr := prompt{purpose: p, input: in, words: words}
	if p == promptTags {
		in.ShowSuggestions = true
		pr.input = in
		pr.complete()
	}
	return pr, pr.input.Focus()
}

// open reports whether the prompt is on screen.
func (p *prompt) open() bool { return p.purpose != promptNone }

// value is what was typed.
func (p *prompt) value() string { return p.input.Value() }

// update handles a key while the prompt is open: enter answers (reported
// by done), esc cancels, anything else is typed.
func (p *prompt) update(msg tea.KeyPressMsg, k KeyMap) (done bool, cmd tea.Cmd) {
	switch {
	case key.Matches(msg, k.PromptAccept):
		return true, nil
	case key.Matches(msg, k.PromptCancel):
		p.purpose = promptNone
		return false, nil
	}
	p.input, cmd = p.input.Update(msg)
	if p.purpose == promptTags {
		p.complete()
	}
	return false, cmd
}

// complete offers the tags used that start with the last word typed and
// are not typed yet: tab takes the first.
func (p *prompt) complete() {
	v := p.input.Value()
	cut := strings.LastIndexAny(v, " ,") + 1
	head, last := v[:cut], strings.ToLower(v[cut:])
	typed := strings.FieldsFunc(head, func(r rune) bool { return r == ' ' || r == ',' })
	var sugg, names []string
	for _, w := range p.words {
		if strings.HasPrefix(w, last) && !slices.Contains(typed, w) {
			sugg = append(sugg, head+w)
			names = append(names, w)
		}
	}
	p.input.SetSuggestions(sugg)
	switch {
	case len(p.words) == 0:
		p.hint = "tags are words, separated by spaces · enter saves, esc cancels"
	case len(names) == 0:
		p.hint = "no tag used starts with " + corpus.OneLine(last) + " · enter saves, esc cancels"
	default:
		p.hint = "tab: " + strings.Join(names, " ")
	}
}

// lines is the number of lines the prompt takes: its hint and its input.
func (p *prompt) lines() int {
	if !p.open() {
		return 0
	}
	if p.hint != "" {
		return 2
	}
	return 1
}

// setWidth fits the input to width columns.
func (p *prompt) setWidth(width int) {
	p.input.SetWidth(max(width-ansi.StringWidth(p.input.Prompt)-2, 4))
}

// view returns the prompt's lines, width columns at most.
func (p *prompt) view(s *Styles, width int) string {
	in := ansi.Truncate(p.input.View(), width, "…")
	if p.hint == "" {
		return in
	}
	return ansi.Truncate(" "+s.Dim.Render(p.hint), width, "…") + "\n" + in
}

// forward hands a message that is not a key to the input (a cursor
// blink).
func (p *prompt) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// shortHelp is the prompt's part of the help line.
func (p *prompt) shortHelp(k KeyMap) []key.Binding {
	b := []key.Binding{k.PromptAccept, k.PromptCancel}
	if p.purpose == promptTags {
		b = append(b, k.PromptComplete)
	}
	return b
}

// openPrompt opens the prompt for p, filled with what it edits: the
// selected article's tags.
func (m *Model) openPrompt(p purpose) tea.Cmd {
	value, words := "", []string(nil)
	switch p {
	case promptTags:
		a, _ := m.timeline.selected()
		if tags := m.marks.Tags(a); len(tags) > 0 {
			value = strings.Join(tags, " ") + " "
		}
		for _, tc := range m.marks.UsedTags() {
			words = append(words, tc.Tag)
		}
	case promptSearchName:
		if m.filter.query() == "" {
			m.flash = "nothing to save: filter first (/)"
			return nil
		}
	case promptExport:
		value = "gazette-export.md"
	}
	var cmd tea.Cmd
	m.prompt, cmd = newPrompt(p, value, words, &m.styles)
	return tea.Batch(cmd, m.layout())
}

// promptKey handles a key while the prompt is open, and what was typed
// once enter answers it.
func (m *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	answered, cmd := m.prompt.update(msg, m.keys)
	if !m.prompt.open() {
		return tea.Batch(cmd, m.layout()) // cancelled
	}
	if !answered {
		return cmd
	}
	value := m.prompt.value()
	p := m.prompt.purpose
	var next tea.Cmd
	switch p {
	case promptTags:
		var ok bool
		if next, ok = m.setTags(value); !ok {
			return nil // the prompt stays open, the status says why
		}
	case promptSearchName:
		next = m.saveSearch(value)
	case promptExport:
		next = m.exportTo(value)
	case promptPipe:
		if a, ok := m.timeline.selected(); ok && strings.TrimSpace(value) != "" {
			next = pipeTo(value, m.articleText(a))
		}
	case promptCompare:
		m.chart.add(value)
		next = m.chart.countCmd(m.searchMarks())
	}
	m.prompt = prompt{}
	return tea.Batch(next, m.layout())
}

// setTags gives the selected article the tags typed, separated by spaces
// or commas: those new are added, those gone removed. A tag that cannot
// be one is said in the status line, and nothing changes.
func (m *Model) setTags(typed string) (tea.Cmd, bool) {
	a, ok := m.timeline.selected()
	if !ok || !m.canMark() {
		return nil, true
	}
	var want []string
	for _, w := range strings.FieldsFunc(typed, func(r rune) bool { return r == ' ' || r == ',' }) {
		t, err := state.NormalizeTag(w)
		if err != nil {
			m.flash = corpus.OneLine(err.Error())
			return nil, false
		}
		if !slices.Contains(want, t) {
			want = append(want, t)
		}
	}
	have := m.marks.Tags(a)
	var ch state.Change
	for _, t := range want {
		if !slices.Contains(have, t) {
			ch.AddTags = append(ch.AddTags, t)
		}
	}
	for _, t := range have {
		if !slices.Contains(want, t) {
			ch.RemoveTags = append(ch.RemoveTags, t)
		}
	}
	if len(ch.AddTags) == 0 && len(ch.RemoveTags) == 0 {
		m.flash = "tags unchanged"
		return nil, true
	}
	m.flash = "tags: " + corpus.OneLine(strings.Join(want, " "))
	if len(want) == 0 {
		m.flash = "tags removed"
	}
	return m.change(ch), true
}
