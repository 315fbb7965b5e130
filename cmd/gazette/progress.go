package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"charm.land/bubbles/v2/progress"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// progressEvery is how often the load's progress line is redrawn.
const progressEvery = 150 * time.Millisecond

// showProgress draws, on w (a terminal), one line saying how the load of
// what goes, a bar of the bytes read (bubbles' progress bar) and the
// counts, redrawn until the returned function is called, which clears it.
func showProgress(w io.Writer, what string, p *ingest.Progress) (stop func()) {
	bar := progress.New(progress.WithDefaultBlend(), progress.WithoutPercentage(), progress.WithWidth(30))
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
				frac := 0.0
				if size := p.Size.Load(); size > 0 {
					frac = min(float64(p.Read.Load())/float64(size), 1)
				}
				saving := ""
				if p.Saving.Load() {
					saving = " · writing the snapshot"
				}
				fmt.Fprintf(w, "\r\x1b[Kgazette: loading %s %s %d%% · %d files · %d articles%s", what, bar.ViewAs(frac), int(100*frac), p.Done.Load(), p.Articles.Load(), saving)
			}
		}
	})
	return sync.OnceFunc(func() {
		close(done)
		wg.Wait()
	})
}

// clearLine returns what clears the progress line before a line of
// stderr: nothing when stderr is not a terminal.
func clearLine(e env) string {
	if e.errTTY {
		return "\r\x1b[K"
	}
	return ""
}
