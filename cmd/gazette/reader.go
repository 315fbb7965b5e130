package main

import (
	"context"

	"github.com/gazette-reader/gazette/corpus"
)

// runReader starts the interactive reader on c.
func runReader(_ context.Context, c *corpus.Corpus, e env) error {
	// The TUI lands with its own issue; until then a terminal gets the list.
	return writeList(e.stdout, c, false)
}
