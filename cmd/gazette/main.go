// Command gazette is a terminal reader for corpora of news articles.
//
// With no argument it opens its embedded corpus of five French articles;
// given files and folders, it reads those. See "gazette --help".
package main

import (
	"context"
	"os"
	"runtime/debug"

	"golang.org/x/term"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

func main() {
	// Where the process may use less memory than the machine has (an
	// address-space or cgroup limit), the garbage collector works to stay
	// under it, as GOMEMLIMIT would ask; GOMEMLIMIT itself wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ingest.MemoryLimit())
	}
	outTTY := term.IsTerminal(int(os.Stdout.Fd()))
	os.Exit(run(context.Background(), os.Args[1:], env{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		tty:    outTTY && term.IsTerminal(int(os.Stdin.Fd())),
		outTTY: outTTY,
		errTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}))
}
