package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// tmux drives a program in a detached tmux session on a private server.
type tmux struct {
	t      *testing.T
	socket string
}

func (tm tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket, "-f", os.DevNull}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (tm tmux) capture() string { return tm.run("capture-pane", "-p", "-t", "e2e") }

// waitFor captures the pane until it holds want, and fails after a while.
func (tm tmux) waitFor(want string) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		screen := tm.capture()
		if strings.Contains(screen, want) {
			return screen
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed %q; it shows:\n%s", want, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestReaderInTmux runs the built binary in a real terminal (tmux, 100x30),
// filters on "japon", reads the one article found to its end, and checks
// what a person would see.
func TestReaderInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux is not installed")
	}
	bin := filepath.Join(t.TempDir(), "gazette")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v: %s", err, out)
	}
	tm := tmux{t: t, socket: fmt.Sprintf("gazette-e2e-%d", os.Getpid())}
	tm.run("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", "env", "TERM=xterm-256color", bin)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })

	tm.waitFor("5 of 5 articles")
	tm.run("send-keys", "-t", "e2e", "/")
	tm.waitFor("filter: words") // the filter line's placeholder
	tm.run("send-keys", "-t", "e2e", "-l", "japon")
	tm.waitFor("1 of 5 articles · filter japon")
	tm.run("send-keys", "-t", "e2e", "Enter")
	tm.waitFor("enter read") // the timeline has the focus again
	tm.run("send-keys", "-t", "e2e", "Tab")
	tm.waitFor("next article") // the reader has it
	tm.run("send-keys", "-t", "e2e", "G")
	screen := tm.waitFor("100%")

	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) != 30 {
		t.Errorf("the pane shows %d lines, want 30", len(lines))
	}
	// The timeline is the left pane, up to the divider.
	var left, right []string
	for _, l := range lines[:len(lines)-1] {
		l, r, _ := strings.Cut(l, "│")
		left = append(left, l)
		right = append(right, r)
	}
	// An article row: a date, then a title (a heading has "·", the
	// density strip has bars).
	row := regexp.MustCompile(`^[\s▌▏]\d{4}(-\d\d){0,2}\s+[\p{L}«"']`)
	var rows []string
	for _, l := range left {
		if row.MatchString(l) {
			rows = append(rows, strings.TrimSpace(l))
		}
	}
	if len(rows) != 1 || !strings.HasPrefix(rows[0], "▏2019-10-09 L’OTAN et le Japon") {
		t.Errorf("timeline rows = %q, want the one article 2019-10-09 L’OTAN et le Japon…", rows)
	}
	// The reader is at the end of the article: its last words show.
	// Words wrap at the pane's width: compare with spaces normalised.
	reader := strings.Join(strings.Fields(strings.Join(right, "\n")), " ")
	for _, want := range []string{
		"L’OTAN et le Japon intensifient leur dialogue", // the title, in the timeline
		"M. Liflander a inauguré la conférence CYDEF 2019",
		"sur l’utilisation des technologies émergentes dans ce domaine.",
		"1 of 1 · 5 matches 100%", // the reader counts the filter's matches
	} {
		if !strings.Contains(reader, want) {
			t.Errorf("reader lacks %q:\n%s", want, reader)
		}
	}
	if !strings.Contains(lines[len(lines)-1], "1 of 5 articles · filter japon") {
		t.Errorf("status line = %q", lines[len(lines)-1])
	}
	tm.run("send-keys", "-t", "e2e", "q")
	deadline := time.Now().Add(5 * time.Second)
	for exec.Command("tmux", "-L", tm.socket, "has-session", "-t", "e2e").Run() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit; the screen shows:\n%s", tm.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
