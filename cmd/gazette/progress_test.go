package main

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/progress"

	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/pgstore"
)

func TestImportLine(t *testing.T) {
	bar := progress.New(progress.WithoutPercentage(), progress.WithWidth(10))
	for _, tc := range []struct {
		done       int
		read, size int64
		step       pgstore.ImportStep
		want       []string
		never      string
	}{
		{250, 1 << 20, 4 << 20, "", []string{"importing", "25%", "250 articles copied", "1m30s left"}, "…"},
		{0, 0, 4 << 20, "", []string{"0%", "0 articles copied"}, "left"},
		{70, 9000, 0, "", []string{"importing · 70 articles copied"}, "%"},
		{1000, 4 << 20, 4 << 20, pgstore.StepIndex, []string{"1000 articles copied", "indexing the words"}, "left"},
	} {
		got := importLine(bar, tc.done, tc.read, tc.size, tc.step, 30*time.Second)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%d done, step %q: %q lacks %q", tc.done, tc.step, got, w)
			}
		}
		if strings.Contains(got, tc.never) {
			t.Errorf("%d done, step %q: %q holds %q", tc.done, tc.step, got, tc.never)
		}
	}
}

func TestShowImportClearsItsLine(t *testing.T) {
	var buf notes // written by the progress's goroutine, read here
	var p ingest.Progress
	p.Size.Store(100)
	update, stop := showImport(&buf, &p)
	// waitOut waits for the line to be drawn with want, as a user would
	// see it within a few redraws.
	waitOut := func(want string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !strings.Contains(string(buf.bytes()), want); time.Sleep(progressEvery / 3) {
			if time.Now().After(deadline) {
				t.Fatalf("progress %q never showed %q", buf.bytes(), want)
			}
		}
	}
	p.Comparing.Store(true)
	p.Pages.Store(12)
	waitOut("finding the chrome of scraped pages · 12 pages")
	p.Comparing.Store(false)
	p.Read.Store(50)
	update(5, "")
	waitOut("50% · 5 articles copied")
	update(10, pgstore.StepVacuum)
	waitOut("vacuuming the table")
	stop()
	if out := string(buf.bytes()); !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress %q does not end by clearing its line", out)
	}
}

// TestFitLine: a progress line is cut to the terminal's width, its
// colours kept whole, so that it never wraps.
func TestFitLine(t *testing.T) {
	line := "gazette: importing \x1b[38;2;1;2;3m▌▌▌▌\x1b[0m 24% · 2000 articles copied · 34s left"
	got := fitLine(line, 30)
	if w := ansi.StringWidth(got); w != 29 || !strings.HasSuffix(got, "…") {
		t.Errorf("fitLine(…, 30) = %q, %d columns; want 29 ending with …", got, w)
	}
	if fitLine(line, 0) != line || fitLine("short", 80) != "short" {
		t.Error("a line that fits, or without a terminal, is changed")
	}
}
