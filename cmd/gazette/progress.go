package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"charm.land/bubbles/v2/progress"
	"golang.org/x/term"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/pgstore"
)

// progressEvery is how often the load's progress line is redrawn.
const progressEvery = 150 * time.Millisecond

// showProgress draws, on w (a terminal), one line saying how the load of
// what goes, a bar of the bytes read (bubbles' progress bar) and the
// counts, redrawn until the returned function is called, which clears it.
func showProgress(w io.Writer, what string, p *ingest.Progress) (stop func()) {
	bar := newBar()
	return redraw(w, func() string {
		frac := 0.0
		if size := p.Size.Load(); size > 0 {
			frac = min(float64(p.Read.Load())/float64(size), 1)
		}
		saving := ""
		if p.Saving.Load() {
			saving = " · writing the snapshot"
		}
		return fmt.Sprintf("gazette: loading %s %s %d%% · %d files · %d articles%s", what, bar.ViewAs(frac), int(100*frac), p.Done.Load(), p.Articles.Load(), saving)
	})
}

// newBar returns the progress lines' bar.
func newBar() progress.Model {
	return progress.New(progress.WithDefaultBlend(), progress.WithoutPercentage(), progress.WithWidth(30))
}

// redraw writes line() on w, over itself, every progressEvery, until
// stop is called, which clears the line.
func redraw(w io.Writer, line func() string) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(w, "\r\x1b[K")
				return
			case <-t.C:
				fmt.Fprint(w, "\r\x1b[K"+fitLine(line(), termWidth(w)))
			}
		}
	})
	return sync.OnceFunc(func() {
		close(done)
		wg.Wait()
	})
}

// termWidth returns the width of the terminal w writes to, or 0 when it
// is not one.
func termWidth(w io.Writer) int {
	f, ok := w.(interface{ Fd() uintptr })
	if !ok {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return width
}

// fitLine cuts a progress line to one column less than width (0: as it
// is): a line that wrapped would leave a copy of its first part at every
// redraw.
func fitLine(line string, width int) string {
	if width <= 1 {
		return line
	}
	return ansi.Truncate(line, width-1, "…")
}

// clearLine returns what clears the progress line before a line of
// stderr: nothing when stderr is not a terminal.
func clearLine(e env) string {
	if e.errTTY {
		return "\r\x1b[K"
	}
	return ""
}

// showImport draws, on w (a terminal), one line saying how an import
// goes: a bar of the bytes read of the files (p), the articles copied and
// the time left at the rate so far, then the step the server is on once
// they are copied; redrawn until stop is called, which clears it. update
// takes what a pgstore.Importer reports.
func showImport(w io.Writer, p *ingest.Progress) (update func(done int, step pgstore.ImportStep), stop func()) {
	bar := newBar()
	var mu sync.Mutex
	done, step, start := 0, pgstore.ImportStep(""), time.Now()
	stop = redraw(w, func() string {
		mu.Lock()
		defer mu.Unlock()
		if p.Comparing.Load() {
			start = time.Now() // the time left counts from the copy
			return fmt.Sprintf("gazette: importing: finding the chrome of scraped pages · %d pages…", p.Pages.Load())
		}
		return importLine(bar, done, p.Read.Load(), p.Size.Load(), step, time.Since(start))
	})
	return func(d int, s pgstore.ImportStep) {
		mu.Lock()
		done, step = d, s
		mu.Unlock()
	}, stop
}

// importLine is the import's progress line: done articles copied after
// elapsed, as read bytes of size are read, or the step the server is on.
// Without a size (standard input), it counts the articles only.
func importLine(bar progress.Model, done int, read, size int64, step pgstore.ImportStep, elapsed time.Duration) string {
	if step != "" {
		return fmt.Sprintf("gazette: importing: %d articles copied · %s…", done, step)
	}
	if size <= 0 {
		return fmt.Sprintf("gazette: importing · %d articles copied", done)
	}
	frac := min(float64(read)/float64(size), 1)
	left := ""
	if frac > 0 && frac < 1 {
		rest := time.Duration(float64(elapsed) * (1 - frac) / frac)
		left = " · " + rest.Round(time.Second).String() + " left"
	}
	return fmt.Sprintf("gazette: importing %s %d%% · %d articles copied%s", bar.ViewAs(frac), int(100*frac), done, left)
}
