package main

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/progress"

	"github.com/gazette-reader/gazette/corpus/pgstore"
)

func TestImportLine(t *testing.T) {
	bar := progress.New(progress.WithoutPercentage(), progress.WithWidth(10))
	for _, tc := range []struct {
		done  int
		step  pgstore.ImportStep
		want  []string
		never string
	}{
		{250, "", []string{"importing", "25%", "250 of 1000 articles", "1m30s left"}, "…"},
		{0, "", []string{"0%", "0 of 1000 articles"}, "left"},
		{1000, pgstore.StepIndex, []string{"1000 articles copied", "indexing the words"}, "left"},
	} {
		got := importLine(bar, tc.done, 1000, tc.step, 30*time.Second)
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
	update, stop := showImport(&buf, 10)
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
	update(5, "")
	waitOut("5 of 10 articles")
	update(10, pgstore.StepVacuum)
	waitOut("vacuuming the table")
	stop()
	if out := string(buf.bytes()); !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress %q does not end by clearing its line", out)
	}
}
