package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// waitFile waits for the file at path to hold want, and fails after a
// while.
func waitFile(t *testing.T, path, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(path)
		if strings.Contains(string(b), want) {
			return string(b)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never held %q; it holds %q", filepath.Base(path), want, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestActionsInTmux: the keys that take an article out of the reader do
// what they say, as a user sees them: v shows it in $PAGER, o opens its
// web address in $BROWSER (and refuses an address that is not one), y i
// copies its ID to the clipboard (tmux takes OSC 52 as a paste buffer), |
// pipes it to a command, E exports the articles shown to the file typed.
func TestActionsInTmux(t *testing.T) {
	bin := buildGazette(t)
	tm := tmux{t: t, socket: fmt.Sprintf("gazette-e2e-actions-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	dir := t.TempDir()
	corpusPath := filepath.Join(dir, "c.jsonl")
	os.WriteFile(corpusPath, []byte(`{"id":"a1","title":"First story about otan","date":"2020-01-02","url":"https://example.org/a1?x=1&y=2","text":"The first body mentions otan twice: otan."}
{"id":"a2","title":"Second story","date":"2021-03-04","url":"javascript:alert(1)","text":"Another body without the word."}
`), 0o600)
	browser := filepath.Join(dir, "browser.sh")
	os.WriteFile(browser, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+filepath.Join(dir, "url.txt")+"\n"), 0o700)
	editor := filepath.Join(dir, "editor.sh")
	os.WriteFile(editor, []byte("#!/bin/sh\nprintf 'checked with \\033[31mthe desk\\n' > \"$1\"\n"), 0o700)
	env := []string{"XDG_DATA_HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir(),
		"PAGER=cat > " + filepath.Join(dir, "paged.txt"), "BROWSER=" + browser, "EDITOR=" + editor, "VISUAL="}

	tm.start(100, 30, env, bin, corpusPath)
	tm.run("set-option", "-s", "set-clipboard", "on")
	tm.waitFor("2 of 2 articles")

	tm.run("send-keys", "-t", "e2e", "v")
	paged := waitFile(t, filepath.Join(dir, "paged.txt"), "The first body mentions otan")
	if !strings.HasPrefix(paged, "# First story about otan\n") || !strings.Contains(paged, "URL: https://example.org/a1?x=1&y=2") {
		t.Errorf("$PAGER was given:\n%s", paged)
	}
	tm.waitFor("2 of 2 articles") // back from the pager

	tm.run("send-keys", "-t", "e2e", "o")
	if got := waitFile(t, filepath.Join(dir, "url.txt"), "https://"); got != "https://example.org/a1?x=1&y=2" {
		t.Errorf("$BROWSER was given %q", got)
	}

	tm.run("send-keys", "-t", "e2e", "y", "i")
	tm.waitFor("copied the ID to the clipboard")
	// The status line may be drawn before tmux has taken the OSC 52
	// sequence in: the buffer is waited for.
	if got := tm.waitBuffer(); got != "c/a1" {
		t.Errorf("the clipboard holds %q, want the ID c/a1", got)
	}

	tm.run("send-keys", "-t", "e2e", "|")
	tm.waitFor("enter ok")
	tm.run("send-keys", "-t", "e2e", "-l", "wc -w > "+filepath.Join(dir, "piped.txt"))
	tm.run("send-keys", "-t", "e2e", "Enter")
	waitFile(t, filepath.Join(dir, "piped.txt"), "\n")
	tm.run("send-keys", "-t", "e2e", "Enter") // the pipe waits for a key, as mutt's does
	tm.waitFor("piped to wc -w")

	tm.run("send-keys", "-t", "e2e", "E")
	tm.waitFor("export to:")
	out := filepath.Join(dir, "out.csv")
	tm.run("send-keys", "-t", "e2e", "C-u")
	tm.run("send-keys", "-t", "e2e", "-l", out)
	tm.run("send-keys", "-t", "e2e", "Enter")
	tm.waitFor("2 articles exported to")
	if got := waitFile(t, out, "c/a2"); !strings.HasPrefix(got, "id,date,title,url,") || strings.Count(got, "\n") != 3 {
		t.Errorf("the export holds:\n%s", got)
	}

	// e writes the note in $EDITOR; the reader's header shows it, an
	// escape the editor wrote included, made harmless; has:note finds it.
	tm.run("send-keys", "-t", "e2e", "e")
	tm.waitFor("checked with")
	if got := tm.run("capture-pane", "-p", "-e", "-t", "e2e"); strings.Contains(got, "\x1b[31mthe desk") {
		t.Error("the escape in the note reached the terminal")
	}
	tm.run("send-keys", "-t", "e2e", "/")
	tm.run("send-keys", "-t", "e2e", "-l", "has:note note:desk")
	tm.waitFor("1 of 2 articles · filter has:note note:desk")
	tm.run("send-keys", "-t", "e2e", "Escape")
	tm.waitFor("2 of 2 articles ")

	// An address that is not a web one is never handed to a program.
	os.Remove(filepath.Join(dir, "url.txt"))
	tm.run("send-keys", "-t", "e2e", "j", "o")
	tm.waitFor("this article has no web address to open")
	if _, err := os.Stat(filepath.Join(dir, "url.txt")); err == nil {
		t.Error("$BROWSER was run for javascript:alert(1)")
	}
	tm.run("send-keys", "-t", "e2e", "q")
	tm.waitGone("q")
}

// waitBuffer returns tmux's paste buffer once there is one, and fails
// after a while.
func (tm tmux) waitBuffer() string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		out, err := exec.Command("tmux", "-L", tm.socket, "-f", os.DevNull, "show-buffer").CombinedOutput()
		if err == nil {
			return string(out)
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("tmux never had a paste buffer: %v: %s", err, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
