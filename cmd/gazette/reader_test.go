package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// panicky is a program that enters the alternate screen and panics a
// moment later, once a frame has been drawn.
type panicky struct{}

type boom struct{}

func (panicky) Init() tea.Cmd {
	return tea.Tick(200*time.Millisecond, func(time.Time) tea.Msg { return boom{} })
}

func (panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(boom); ok {
		panic("boom")
	}
	return panicky{}, nil
}

func (panicky) View() tea.View {
	v := tea.NewView("reading")
	v.AltScreen = true
	return v
}

// TestReaderRestoresTerminalAfterPanic checks that a panic inside the
// program ends the run with an error, and leaves the alternate screen.
func TestReaderRestoresTerminalAfterPanic(t *testing.T) {
	var out bytes.Buffer
	_, err := runProgram(context.Background(), panicky{}, strings.NewReader(""), &out)
	if !errors.Is(err, tea.ErrProgramPanic) {
		t.Fatalf("runProgram = %v, want an error wrapping tea.ErrProgramPanic", err)
	}
	s := out.String()
	enter, leave := strings.Index(s, "\x1b[?1049h"), strings.LastIndex(s, "\x1b[?1049l")
	if enter < 0 || leave < enter {
		t.Errorf("the alternate screen was not left after the panic: %q", s)
	}
}
