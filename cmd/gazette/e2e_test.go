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

	"github.com/charmbracelet/x/ansi"
)

// tmux drives a program in a detached tmux session on a private server.
type tmux struct {
	t      *testing.T
	socket string
}

// start runs the command line in a new session "e2e" of w x h, in a
// terminal of 256 colours, with the environment variables given.
func (tm tmux) start(w, h int, env []string, args ...string) {
	tm.run(append([]string{"new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env", "TERM=xterm-256color"}, append(env, args...)...)...)
}

// waitGone waits for the session to end, and fails after a while.
func (tm tmux) waitGone(why string) {
	tm.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for exec.Command("tmux", "-L", tm.socket, "has-session", "-t", "e2e").Run() == nil {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s did not quit; the screen shows:\n%s", why, tm.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// buildGazette builds the binary for the tests in tmux, or skips them
// when there is no tmux (but in CI, where it is required).
func buildGazette(t *testing.T) string {
	t.Helper()
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
	return bin
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

// TestReaderInTmux runs the built binary in a real terminal (tmux), at
// 100x30 and 200x50, and checks what a person would see: the timeline as
// wide as its titles need and the reader up to its measure; the selected
// row and the focused pane marked without colour; a filter that selects
// its first hit, ↓ in the filter line moving through the hits; the one
// article found for "japon" read to its end. It runs without a state
// store (TestMarksInTmux has one), so the rows have no marks' column.
// TestDatabase runs it on the seeds in PostgreSQL.
func TestReaderInTmux(t *testing.T) {
	bin := buildGazette(t)
	for _, size := range []struct{ w, h int }{{100, 30}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			readInTmux(t, bin, size.w, size.h)
		})
	}
}

// panes splits a screen of both panes at the divider, the status line
// left out.
func panes(screen string) (left, right []string) {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		l, r, _ := strings.Cut(l, "│")
		left = append(left, l)
		right = append(right, r)
	}
	return left, right
}

// rowStarting returns the first line of lines that starts with prefix.
func rowStarting(lines []string, prefix string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// readInTmux is the scenario of TestReaderInTmux at one size. It is one
// long function because it is one session in one terminal, each step
// starting from the screen the step before left: read top to bottom, it
// is what a person does.
func readInTmux(t *testing.T, bin string, w, h int, args ...string) {
	tm := tmux{t: t, socket: fmt.Sprintf("gazette-e2e-%d-%d-%d", os.Getpid(), w, len(args))}
	tm.start(w, h, nil, append([]string{bin, "--no-state"}, args...)...)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })

	screen := tm.waitFor("5 of 5 articles")
	left, right := panes(screen)
	// Point 1: the timeline as wide as its titles need, the reader up to
	// its measure (100 columns of text).
	tw := ansi.StringWidth(left[0])
	switch {
	case w == 100 && (tw < 50 || !strings.Contains(screen, "Le Maroc présent à la prochaine conféren")):
		t.Errorf("100 columns: the timeline is %d wide, titles cut short:\n%s", tw, screen)
	case w == 200 && (ansi.StringWidth(right[0]) > 101 || !strings.Contains(screen, "2014-09-20 L'OTAN lance son cyberpartenariat avec l'industrie ")):
		t.Errorf("200 columns: the reader is %d wide, or the titles cut:\n%s", ansi.StringWidth(right[0]), screen)
	}
	// Point 4: the selection and the focus, marked in characters.
	if !strings.HasPrefix(rowStarting(left, "▌"), "▌2014-09-20 L'OTAN lance") {
		t.Errorf("the selected row is not marked:\n%s", screen)
	}
	tm.run("send-keys", "-t", "e2e", "Tab")
	screen = tm.waitFor("▏2014-09-20")
	if _, right = panes(screen); !strings.HasPrefix(right[len(right)-1], "▌ 1 of 5") {
		t.Errorf("the reader has the focus, its bottom line is not marked: %q", right[len(right)-1])
	}
	tm.run("send-keys", "-t", "e2e", "Tab", "j", "j", "j")
	tm.waitFor("▌2018-07")
	// Point 5: a filter selects its first hit; ↓ moves through the hits.
	tm.run("send-keys", "-t", "e2e", "/")
	tm.waitFor("filter: words") // the filter line's placeholder
	tm.run("send-keys", "-t", "e2e", "-l", "otan")
	screen = tm.waitFor("2 of 5 articles · filter otan")
	if left, right = panes(screen); !strings.HasPrefix(rowStarting(left, "▌"), "▌2014-09-20 L'OTAN lance") || !strings.Contains(strings.Join(right, "\n"), "1 of 2") {
		t.Errorf("the filter did not select its first hit:\n%s", screen)
	}
	tm.run("send-keys", "-t", "e2e", "Down")
	screen = tm.waitFor("▌2019-10-09 L’OTAN et le Japon")
	if _, right = panes(screen); !strings.Contains(right[len(right)-1], "2 of 2") {
		t.Errorf("↓ in the filter: the reader did not follow: %q", right[len(right)-1])
	}
	tm.run("send-keys", "-t", "e2e", "Escape")
	tm.waitFor("5 of 5 articles")
	// A phrase: the two articles with the words side by side.
	tm.run("send-keys", "-t", "e2e", "/")
	tm.waitFor("filter: words")
	tm.run("send-keys", "-t", "e2e", "-l", `"conférence mondiale"`)
	screen = tm.waitFor("2 of 5 articles")
	if !strings.Contains(screen, "Le Maroc présent") || strings.Contains(screen, "L’OTAN et le Japon") {
		t.Errorf("the phrase's hits are not the timeline:\n%s", screen)
	}
	tm.run("send-keys", "-t", "e2e", "Escape")
	tm.waitFor("5 of 5 articles")

	tm.run("send-keys", "-t", "e2e", "/")
	tm.waitFor("filter: words")
	tm.run("send-keys", "-t", "e2e", "-l", "japon")
	tm.waitFor("1 of 5 articles · filter japon")
	tm.run("send-keys", "-t", "e2e", "Enter")
	tm.waitFor("enter read") // the timeline has the focus again
	tm.run("send-keys", "-t", "e2e", "Tab")
	tm.waitFor("next article") // the reader has it
	tm.run("send-keys", "-t", "e2e", "G")
	screen = tm.waitFor("100%")

	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) != h {
		t.Errorf("the pane shows %d lines, want %d", len(lines), h)
	}
	left, right = panes(screen)
	// An article row: the mark, a date, then a title (a heading has
	// "·", the density strip has bars).
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
		"L’OTAN et le Japon intensifient leur", // the title
		"M. Liflander a inauguré la conférence CYDEF 2019",
		"sur l’utilisation des technologies émergentes dans ce domaine.",
		"▌ 1 of 1 · 5 matches 100%", // the reader counts the filter's matches
	} {
		if !strings.Contains(reader, want) {
			t.Errorf("reader lacks %q:\n%s", want, reader)
		}
	}
	if !strings.Contains(lines[len(lines)-1], "1 of 5 articles · filter japon") {
		t.Errorf("status line = %q", lines[len(lines)-1])
	}
	tm.run("send-keys", "-t", "e2e", "q")
	tm.waitGone("q")
}

// TestMarksInTmux: a person reads an article to its end, stars and tags
// it, scrolls back a little and quits; reopened, gazette is on the same
// article at the same place, and the filter is:starred tag:x finds it.
func TestMarksInTmux(t *testing.T) {
	bin := buildGazette(t)
	tm := tmux{t: t, socket: fmt.Sprintf("gazette-e2e-marks-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	env := []string{"XDG_DATA_HOME=" + t.TempDir(), "XDG_CACHE_HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir()}

	tm.start(100, 30, env, bin)
	tm.waitFor(" • 2019-10-09") // the marks are read: the last article unread
	tm.run("send-keys", "-t", "e2e", "j", "Tab")
	tm.waitFor("La 5ème conférence") // rendered
	tm.run("send-keys", "-t", "e2e", "G")
	screen := tm.waitFor("100%")
	if left, _ := panes(screen); !strings.HasPrefix(rowStarting(left, "▏"), "▏  2015-04-21 Le Maroc") {
		t.Errorf("read to its end, the article is not marked read:\n%s", screen)
	}
	tm.run("send-keys", "-t", "e2e", "f", "t")
	tm.waitFor("enter saves, esc cancels") // the tags prompt
	tm.run("send-keys", "-t", "e2e", "-l", "x")
	tm.run("send-keys", "-t", "e2e", "Enter")
	screen = tm.waitFor("#x │")
	if left, right := panes(screen); !strings.HasPrefix(rowStarting(left, "▏"), "▏ ★2015-04-21 Le Maroc") || !strings.Contains(strings.Join(right, "\n"), "✓ read · ★ starred · # x") {
		t.Errorf("starred and tagged, the row or the header does not say so:\n%s", screen)
	}
	// Back up a little: the place to come back to.
	tm.run("send-keys", "-t", "e2e", "g")
	tm.waitFor("2 of 5                                  0%")
	tm.run("send-keys", "-t", "e2e", "Space") // one page down: one change to wait for
	var where string
	for deadline := time.Now().Add(10 * time.Second); where == "" || where == "0%"; time.Sleep(50 * time.Millisecond) {
		_, right := panes(tm.capture())
		pos := strings.Fields(right[len(right)-1])
		where = pos[len(pos)-1]
		if time.Now().After(deadline) {
			t.Fatalf("the reader did not scroll: %q", right[len(right)-1])
		}
	}
	tm.run("send-keys", "-t", "e2e", "q")
	tm.waitGone("q")

	tm.start(100, 30, env, bin)
	// The timeline shows first, the article once rendered, at its place:
	// the status line ends with the place left.
	tm.waitFor(" • 2019-10-09")
	screen = tm.waitFor(" " + where + "\n")
	left, right := panes(screen)
	if !strings.HasPrefix(rowStarting(left, "▏"), "▏ ★2015-04-21 Le Maroc") || !strings.HasPrefix(right[len(right)-1], "▌ 2 of 5") || !strings.HasSuffix(right[len(right)-1], " "+where) {
		t.Errorf("reopened, not where it was (the reader on Le Maroc at %s):\n%s", where, screen)
	}
	tm.run("send-keys", "-t", "e2e", "/")
	tm.run("send-keys", "-t", "e2e", "-l", "is:starred tag:x")
	screen = tm.waitFor("1 of 5 articles · filter is:starred tag:x")
	if left, _ := panes(screen); !strings.HasPrefix(rowStarting(left, "▌"), "▌ ★2015-04-21 Le Maroc") {
		t.Errorf("is:starred tag:x does not find the article:\n%s", screen)
	}
	tm.run("send-keys", "-t", "e2e", "Enter") // keep the filter, back to the list
	tm.waitFor("enter read")
	tm.run("send-keys", "-t", "e2e", "q")
	tm.waitGone("q")
}
