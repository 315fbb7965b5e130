package main

import (
	"bytes"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"
)

// The loading screen's first frame, and what lets it come out before the
// load takes the machine.

// firstFrameWait is how long the load waits at most for the first frame,
// which Bubble Tea draws at its first tick, a sixtieth of a second after
// it starts.
const firstFrameWait = 100 * time.Millisecond

// frameWatch is where the reader draws, and whether its first frame is
// out.
type frameWatch struct {
	// w is what Bubble Tea writes to: the terminal, watched, or the
	// writer given when it is not a file, not watched.
	w io.Writer
	// drawn is closed once the first frame is written.
	drawn chan struct{}
	once  sync.Once
	done  atomic.Bool
}

// watchFirstFrame watches w, when it is a file, for the loading screen's
// first frame: the first write that switches the terminal to the
// alternate screen, as the loading screen asks.
func watchFirstFrame(w io.Writer) *frameWatch {
	fw := &frameWatch{w: w, drawn: make(chan struct{})}
	if f, ok := w.(*os.File); ok {
		fw.w = &watchedFile{f: f, fw: fw}
	} else {
		fw.drew()
	}
	return fw
}

// drew notes that the first frame is out.
func (fw *frameWatch) drew() {
	fw.once.Do(func() {
		fw.done.Store(true)
		close(fw.drawn)
	})
}

// wait returns once the first frame is out, or firstFrameWait has passed.
// The load keeps every core busy: started with the program, it held the
// loading screen back by tens of milliseconds.
func (fw *frameWatch) wait() {
	t := time.NewTimer(firstFrameWait)
	defer t.Stop()
	select {
	case <-fw.drawn:
	case <-t.C:
	}
}

// altScreen is what switches the terminal to the alternate screen.
var altScreen = []byte(ansi.SetModeAltScreenSaveCursor)

// watchedFile is a terminal that tells its frameWatch when the first
// frame is written to it. It has the methods Bubble Tea looks for in a
// terminal (term.File), so that it is still taken for one.
type watchedFile struct {
	f  *os.File
	fw *frameWatch
}

func (w *watchedFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if !w.fw.done.Load() && bytes.Contains(p, altScreen) {
		w.fw.drew()
	}
	return n, err
}

func (w *watchedFile) Read(p []byte) (int, error) { return w.f.Read(p) }
func (w *watchedFile) Close() error               { return w.f.Close() }
func (w *watchedFile) Fd() uintptr                { return w.f.Fd() }

// termSize returns the size of the terminal w writes to, if it is one.
func termSize(w io.Writer) (width, height int, ok bool) {
	f, isFile := w.(interface{ Fd() uintptr })
	if !isFile {
		return 0, 0, false
	}
	width, height, err := term.GetSize(int(f.Fd()))
	return width, height, err == nil && width > 0 && height > 0
}

// isStdout reports whether w writes to standard output.
func isStdout(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && f.Fd() == os.Stdout.Fd()
}
