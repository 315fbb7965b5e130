package tui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// noteEditedMsg carries a note written in $EDITOR, for the article at
// index (whose key was key when the editor opened).
type noteEditedMsg struct {
	index int
	key   state.Key
	text  string
	err   error
}

// noteEditor is the text area a note is written in when there is no
// $EDITOR: over the panes, ctrl+s keeps the note, esc leaves it as it was.
type noteEditor struct {
	index int
	key   state.Key
	area  textarea.Model
}

// editor returns the command of the editor to write notes in: $VISUAL,
// else $EDITOR, "" when neither is set.
func editor() string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := strings.TrimSpace(os.Getenv(v)); e != "" {
			return e
		}
	}
	return ""
}

// editNote opens the selected article's note: in $EDITOR, which takes the
// terminal, or in the reader's own text area.
func (m *Model) editNote() tea.Cmd {
	a, ok := m.timeline.selected()
	if !ok {
		return nil
	}
	note, k := m.marks.Note(a), m.marks.Key(a)
	if ed := editor(); ed != "" {
		f, err := os.CreateTemp("", "gazette-note-*.md")
		if err != nil {
			m.flash = "cannot write the note: " + corpus.OneLine(err.Error())
			return nil
		}
		_, werr := f.WriteString(note)
		if cerr := f.Close(); werr != nil || cerr != nil {
			os.Remove(f.Name())
			m.flash = "cannot write the note to " + corpus.OneLine(f.Name())
			return nil
		}
		// The file is the shell's $1, never part of the line it reads.
		c := exec.Command("sh", "-c", ed+` "$1"`, "gazette-editor", f.Name())
		return tea.ExecProcess(c, func(err error) tea.Msg {
			defer os.Remove(f.Name())
			if err != nil {
				return noteEditedMsg{index: a, key: k, err: fmt.Errorf("%s: %w", corpus.OneLine(ed), err)}
			}
			b, err := os.ReadFile(f.Name())
			return noteEditedMsg{index: a, key: k, text: string(b), err: err}
		})
	}
	area := textarea.New()
	area.SetStyles(m.styles.Area)
	area.ShowLineNumbers = false
	area.Placeholder = "a note on this article"
	area.CharLimit = state.MaxNote
	area.SetValue(note)
	m.note = &noteEditor{index: a, key: k, area: area}
	m.sizeNote()
	return m.note.area.Focus()
}

// noteEdited keeps a note written in $EDITOR, if the article is still
// where it was.
func (m *Model) noteEdited(msg noteEditedMsg) tea.Cmd {
	if msg.err != nil {
		m.flash = "note not saved: " + corpus.OneLine(msg.err.Error())
		return nil
	}
	return m.saveNote(msg.index, msg.key, msg.text)
}

// saveNote sets the note of article i, unless the marks changed under it.
func (m *Model) saveNote(i int, k state.Key, text string) tea.Cmd {
	if m.marks == nil || i >= m.marks.Len() || m.marks.Key(i) != k {
		return nil
	}
	if strings.TrimSpace(text) == strings.TrimSpace(m.marks.Note(i)) {
		m.flash = "note unchanged"
		return nil
	}
	m.flash = "note saved"
	if strings.TrimSpace(text) == "" {
		m.flash = "note removed"
	}
	art := m.c.At(i)
	ch := state.Change{Note: &text}
	m.setMarks(m.marks.With([]int{i}, ch))
	ref := state.Ref{Key: k, ID: art.ID, Title: art.Title}
	keeper := m.keeper
	return func() tea.Msg { return markSavedMsg{err: keeper.Apply([]state.Ref{ref}, ch)} }
}

// noteKey handles a key while the note's text area is open.
func (m *Model) noteKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.NoteSave):
		n := m.note
		m.note = nil
		return m.saveNote(n.index, n.key, n.area.Value())
	case key.Matches(msg, m.keys.NoteCancel):
		m.note = nil
		m.flash = "note left as it was"
		return nil
	}
	var cmd tea.Cmd
	m.note.area, cmd = m.note.area.Update(msg)
	return cmd
}

// sizeNote fits the text area to the screen.
func (m *Model) sizeNote() {
	if m.note == nil {
		return
	}
	m.note.area.SetWidth(max(min(m.width-4, m.reader.measure), 10))
	m.note.area.SetHeight(max(m.bodyHeight()-3, 2))
}

// noteView draws the text area over the panes: the article's title, the
// area, what the keys do.
func (m *Model) noteView() string {
	title := corpus.OneLine(m.c.At(m.note.index).Title)
	head := ansi.Truncate(" "+m.styles.Year.Render("Note on ")+m.styles.Title.Render(title), m.width, "…")
	hint := m.styles.Dim.Render(fmt.Sprintf("  %s keeps it, %s leaves it as it was; an empty note is removed",
		m.keys.NoteSave.Help().Key, m.keys.NoteCancel.Help().Key))
	return head + "\n" + indent(m.note.area.View(), "  ") + "\n" + ansi.Truncate(hint, m.width, "…")
}
