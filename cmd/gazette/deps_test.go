package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Every package linked into gazette runs its initializers at every start,
// before main, whatever the command: a `gazette search` from a snapshot
// takes about 25 ms, and chroma's lexers and styles alone took 26 ms,
// bluemonday's CSS rules 4 ms (see tui/third_party/glamour). This fails
// when a dependency brings them back.
func TestNoCostlyInitializers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v: %s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, costly := range []string{"github.com/alecthomas/chroma", "github.com/microcosm-cc/bluemonday"} {
			if strings.HasPrefix(pkg, costly) {
				t.Errorf("gazette links %s, whose initializers cost every start", pkg)
			}
		}
	}
}
