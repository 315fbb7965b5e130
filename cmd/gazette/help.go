package main

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/tui"
)

// keysHelp is the reader's keys for --help, from the reader's own key
// map, two to a line.
func keysHelp() string {
	km := tui.DefaultKeyMap()
	var all []key.Binding
	for _, group := range km.FullHelp() {
		for _, b := range group {
			if !slicesContainsQuery(km.Query, b) {
				all = append(all, b)
			}
		}
	}
	return "Keys in the reader (? shows them there):\n" + columns(all)
}

// queryHelp is the query language of the filter and of search, from the
// reader's key map: made once, for the five commands whose help shows it
// (each gazette run makes every command, whichever it runs).
var queryHelp = sync.OnceValue(func() string {
	return `Queries (the filter, and gazette search): terms separated by spaces must
all match, in the title or the body, ignoring case and accents.
` + columns(tui.DefaultKeyMap().Query)
})

func slicesContainsQuery(query []key.Binding, b key.Binding) bool {
	for _, q := range query {
		if q.Help() == b.Help() {
			return true
		}
	}
	return false
}

// columns lays bindings out two to a line: the key, then what it does.
func columns(bs []key.Binding) string {
	kw, dw := 0, 0
	for _, b := range bs {
		kw = max(kw, ansi.StringWidth(b.Help().Key))
		dw = max(dw, ansi.StringWidth(b.Help().Desc))
	}
	cell := func(b key.Binding) string {
		h := b.Help()
		return h.Key + strings.Repeat(" ", kw-ansi.StringWidth(h.Key)+2) + h.Desc
	}
	var lines []string
	for i := 0; i < len(bs); i += 2 {
		l := "  " + cell(bs[i])
		if i+1 < len(bs) {
			l += strings.Repeat(" ", kw+2+dw-ansi.StringWidth(cell(bs[i]))+3) + cell(bs[i+1])
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// trimRight writes what it is given without the spaces at the end of
// each line, the escape sequences between them and the line's end kept:
// Fang pads the lines of --help to its width.
type trimRight struct {
	w io.Writer
	// pending holds the spaces (and escape sequences) not written yet:
	// they are written before anything else, dropped before a newline,
	// but for their escape sequences.
	pending []byte
	// inEscape is set inside an escape sequence that began in pending.
	inEscape bool
}

func (t *trimRight) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p))
	for _, c := range p {
		switch {
		case t.inEscape:
			t.pending = append(t.pending, c)
			// A CSI sequence ends with a byte from '@' to '~'.
			t.inEscape = !(c >= '@' && c <= '~' && c != '[')
		case c == ' ':
			t.pending = append(t.pending, c)
		case c == '\x1b' && len(t.pending) > 0:
			t.pending = append(t.pending, c)
			t.inEscape = true
		case c == '\n':
			out = append(out, escapesOnly(t.pending)...)
			out = append(out, c)
			t.pending = t.pending[:0]
		default:
			out = append(out, t.pending...)
			out = append(out, c)
			t.pending = t.pending[:0]
		}
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, fmt.Errorf("write: %w", err)
	}
	return len(p), nil
}

// escapesOnly returns the escape sequences of pending, its spaces left
// out.
func escapesOnly(pending []byte) []byte {
	var out []byte
	in := false
	for _, c := range pending {
		if c == '\x1b' {
			in = true
		}
		if in {
			out = append(out, c)
			if c >= '@' && c <= '~' && c != '[' {
				in = false
			}
		}
	}
	return out
}
