package tui

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// Exporter writes the articles at the indexes given, with their marks, to
// the file path, in the format its extension names; it returns how many it
// wrote. The command line gives the reader its own (gazette export).
type Exporter func(path string, indexes []int, marks *state.Table) (int, error)

// WithExporter lets the reader export the articles shown to a file.
func WithExporter(x Exporter) Option { return func(m *Model) { m.exporter = x } }

// doneMsg says how an action that ran in a command or outside the reader
// went, for the status line.
type doneMsg struct {
	ok  string
	err error
}

// done makes the message of an action's end.
func done(ok string, err error) tea.Msg { return doneMsg{ok: ok, err: err} }

// actionKey handles the keys that take the selected article out of the
// reader (copy, open, pager, pipe) or the articles shown (export); it
// reports whether msg was one.
func (m *Model) actionKey(msg tea.KeyPressMsg, k KeyMap) (tea.Cmd, bool) {
	a, ok := m.timeline.selected()
	switch {
	case !ok:
		return nil, false
	case key.Matches(msg, k.Copy):
		m.copying = true
		return nil, true
	case key.Matches(msg, k.OpenURL):
		return m.openURL(m.c.At(a).URL), true
	case key.Matches(msg, k.Pager):
		return pager(m.articleText(a)), true
	case key.Matches(msg, k.Pipe):
		return m.openPrompt(promptPipe), true
	case key.Matches(msg, k.Export):
		if m.exporter == nil {
			m.flash = "export is not available here"
			return nil, true
		}
		return m.openPrompt(promptExport), true
	}
	return nil, false
}

// copyKey handles the key after the copy key: what to copy to the
// clipboard (through the terminal, OSC 52), or esc.
func (m *Model) copyKey(msg tea.KeyPressMsg, k KeyMap) tea.Cmd {
	m.copying = false
	a, ok := m.timeline.selected()
	if !ok {
		return nil
	}
	art := m.c.At(a)
	var text, what string
	switch {
	case key.Matches(msg, k.CopyURL):
		if art.URL == "" {
			m.flash = "this article has no address"
			return nil
		}
		text, what = art.URL, "address"
	case key.Matches(msg, k.CopyID):
		text, what = art.ID, "ID"
	case key.Matches(msg, k.CopyArticle):
		text, what = m.articleText(a), "article"
	default:
		return nil
	}
	m.flash = "copied the " + what + " to the clipboard"
	return tea.SetClipboard(text)
}

// articleText is article i as Markdown with its marks: what the pager,
// a pipe and the clipboard get.
func (m *Model) articleText(i int) string {
	text := m.c.At(i).Markdown()
	if m.marks == nil {
		return text
	}
	mk := m.marks.Mark(i)
	var extra []string
	if mk.Starred {
		extra = append(extra, "- Starred")
	}
	if len(mk.Tags) > 0 {
		extra = append(extra, "- My tags: "+corpus.EscapeMarkdown(strings.Join(mk.Tags, ", ")))
	}
	if mk.Note != "" {
		extra = append(extra, "\n> "+strings.ReplaceAll(corpus.EscapeMarkdown(mk.Note), "\n", "\n> "))
	}
	if len(extra) == 0 {
		return text
	}
	return text + "\n" + strings.Join(extra, "\n") + "\n"
}

// webAddress returns u when it is an http or https address, "" otherwise:
// a corpus's URL is not trusted to name a file or a program.
func webAddress(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// openURL opens u in $BROWSER, run in the terminal (a text browser takes
// it; a graphical one returns at once), or else with the system's opener,
// in the background.
func (m *Model) openURL(u string) tea.Cmd {
	addr := webAddress(u)
	if addr == "" {
		m.flash = "this article has no web address to open"
		return nil
	}
	if b := strings.TrimSpace(strings.Split(os.Getenv("BROWSER"), ":")[0]); b != "" {
		// The address is the shell's $1, never part of the command line
		// the shell reads.
		script := b + ` "$1"`
		if strings.Contains(b, "%s") {
			script = strings.ReplaceAll(b, "%s", `"$1"`)
		}
		c := exec.Command("sh", "-c", script, "gazette-browser", addr)
		return tea.ExecProcess(c, func(err error) tea.Msg { return done("opened "+addr, errorIn("$BROWSER", err)) })
	}
	opener := map[string]string{"darwin": "open", "windows": "explorer"}[runtime.GOOS]
	if opener == "" {
		opener = "xdg-open"
	}
	return func() tea.Msg {
		path, err := exec.LookPath(opener)
		if err != nil {
			return done("", errors.New("no browser: set $BROWSER"))
		}
		c := exec.Command(path, addr)
		if err := c.Start(); err != nil {
			return done("", errorIn(opener, err))
		}
		go c.Wait() //nolint:errcheck // the opener's fate is the browser's
		return done("opened "+addr, nil)
	}
}

// pager shows text in $PAGER (less when unset), run in the terminal.
func pager(text string) tea.Cmd {
	p := os.Getenv("PAGER")
	if strings.TrimSpace(p) == "" {
		p = "less"
	}
	c := exec.Command("sh", "-c", p)
	c.Stdin = strings.NewReader(text)
	return tea.ExecProcess(c, func(err error) tea.Msg { return done("", errorIn("$PAGER", err)) })
}

// pipeTo runs the shell command line with the article on its standard
// input, in the terminal, then waits for enter so that its output can be
// read, as mutt's | does.
func pipeTo(line, text string) tea.Cmd {
	pc := &pipeCommand{cmd: exec.Command("sh", "-c", line), text: text}
	return tea.Exec(pc, func(err error) tea.Msg {
		if err != nil {
			return done("", fmt.Errorf("%s: %w", corpus.OneLine(line), err))
		}
		return done("piped to "+line, nil)
	})
}

// pipeCommand runs a command with text on its standard input, its output
// on the terminal, then waits for a line from the terminal.
type pipeCommand struct {
	cmd      *exec.Cmd
	text     string
	terminal io.Reader
	out      io.Writer
}

func (p *pipeCommand) SetStdin(r io.Reader)  { p.terminal = r }
func (p *pipeCommand) SetStdout(w io.Writer) { p.out = w; p.cmd.Stdout = w }
func (p *pipeCommand) SetStderr(w io.Writer) { p.cmd.Stderr = w }

// Run runs the command, then asks for enter.
func (p *pipeCommand) Run() error {
	p.cmd.Stdin = strings.NewReader(p.text)
	err := p.cmd.Run()
	status := "done"
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		status = fmt.Sprintf("exit status %d", ee.ExitCode())
		err = nil
	}
	if p.out != nil && p.terminal != nil {
		fmt.Fprintf(p.out, "\n[%s] press enter to go back to gazette ", status)
		buf := make([]byte, 1)
		for {
			n, rerr := p.terminal.Read(buf)
			if rerr != nil || (n == 1 && (buf[0] == '\n' || buf[0] == '\r')) {
				break
			}
		}
	}
	return err
}

// errorIn names the program that failed: "$PAGER: exit status 1".
func errorIn(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

// exportTo exports the articles shown to path, in a command.
func (m *Model) exportTo(path string) tea.Cmd {
	path = expandHome(strings.TrimSpace(path))
	if path == "" {
		m.flash = "no file named: nothing exported"
		return nil
	}
	indexes := make([]int, 0, m.timeline.order.Len())
	for a := range m.timeline.order.All {
		indexes = append(indexes, int(a))
	}
	x, marks := m.exporter, m.marks
	return func() tea.Msg {
		n, err := x(path, indexes, marks)
		if err != nil {
			return done("", err)
		}
		return done(fmt.Sprintf("%d articles exported to %s", n, path), nil)
	}
}

// expandHome turns a leading "~/" into the home folder.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

// errorLine is an error on one line, for the status line: a store's file
// and reason.
func errorLine(err error) string {
	var se *state.Error
	if errors.As(err, &se) {
		return corpus.OneLine(se.Path) + ": " + corpus.OneLine(se.Reason)
	}
	return corpus.OneLine(err.Error())
}
