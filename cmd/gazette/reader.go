package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/tui"
)

// runReader starts the interactive reader on c, in the alternate screen,
// its keys read from in (nil: from the terminal, when standard input held
// the corpus); the reader lists the load's problems on request.
func runReader(ctx context.Context, c *corpus.Corpus, probs []ingest.Problem, in io.Reader, e env) error {
	// The timeline shows at once; the search index is built meanwhile,
	// and a filter typed before it is ready waits for it.
	idx := search.New(c)
	go idx.Build()
	return runProgram(ctx, tui.New(c, idx, tui.WithProblems(readerProblems(probs))), in, e.stdout)
}

// readerProblems orders the problems for the reader's list: the most
// serious kinds first, as check lists them.
func readerProblems(probs []ingest.Problem) []tui.Problem {
	list := make([]tui.Problem, 0, len(probs))
	groups := byKind(probs)
	for _, kind := range ingest.Kinds() {
		for _, p := range groups[kind] {
			list = append(list, p)
		}
	}
	return list
}

// runProgram runs a Bubble Tea program on in (nil: the terminal, even
// when standard input is not one) and out. Bubble Tea restores
// the terminal (main screen, cursor, modes) when the program ends, also
// when Update, View or a command panics; the panic then comes back as an
// error instead of killing gazette with the terminal left raw.
func runProgram(ctx context.Context, m tea.Model, in io.Reader, out io.Writer) (err error) {
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(out)}
	if in != nil {
		opts = append(opts, tea.WithInput(in))
	}
	p := tea.NewProgram(m, opts...)
	defer func() {
		// A panic outside the program's own recovery: put the terminal
		// back before reporting it.
		if r := recover(); r != nil {
			_ = p.RestoreTerminal()
			err = fmt.Errorf("reader: %v", r)
		}
	}()
	if _, err := p.Run(); err != nil {
		if errors.Is(err, tea.ErrProgramPanic) {
			return fmt.Errorf("reader crashed, terminal restored: %w", err)
		}
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("reader: %w", err)
	}
	return nil
}
