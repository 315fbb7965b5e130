package ingest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gazette-reader/gazette/corpus"
)

// Problem is a source that could not be read, or was read with a loss.
type Problem struct {
	// Path names the file (and line, for one bad record of many).
	Path string
	// Reason says what went wrong, for people.
	Reason string
	// Partial is set when the source was read with a loss rather than
	// skipped.
	Partial bool
	// Duplicate names the file this one repeats byte for byte: the copy
	// was skipped, which is not a failure.
	Duplicate string
	// Skipped lists, for a folder, the files it holds that are no
	// articles ("PATH: reason"), counted in Reason: not a failure either.
	Skipped []string
}

// skippedFile is a file of a folder that holds no article, and why.
type skippedFile struct{ path, reason string }

// skipSummary is the one problem that counts the files of a source that
// were skipped, by reason, and lists them.
func skipSummary(source string, skips []skippedFile) Problem {
	p := Problem{Path: source}
	byReason := map[string]int{}
	var reasons []string
	for _, s := range skips {
		if byReason[s.reason] == 0 {
			reasons = append(reasons, s.reason)
		}
		byReason[s.reason]++
		p.Skipped = append(p.Skipped, s.path+": "+s.reason)
	}
	slices.Sort(reasons)
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = fmt.Sprintf("%d %s", byReason[r], r)
	}
	p.Reason = fmt.Sprintf("%d file%s skipped, no articles: %s", len(skips), plural(len(skips)), strings.Join(parts, ", "))
	return p
}

// The kinds of problem, as Kind names them: one word each, the same in
// every command, report and view.
const (
	// KindFailed: nothing could be read from the source.
	KindFailed = "failed"
	// KindPartial: the source was read with a loss (a bad line, a bad
	// byte).
	KindPartial = "partial"
	// KindDuplicate: the source repeats another byte for byte and was
	// loaded once.
	KindDuplicate = "duplicate"
	// KindSkipped: files of a folder that hold no article (pictures,
	// binary files), counted in one problem (see Problem.Skipped).
	KindSkipped = "skipped"
)

// Kinds lists the kinds of problem, the most serious first.
func Kinds() []string { return []string{KindFailed, KindPartial, KindDuplicate, KindSkipped} }

// Kind names the kind of problem: KindFailed, KindPartial, KindDuplicate
// or KindSkipped.
func (p Problem) Kind() string {
	switch {
	case len(p.Skipped) > 0:
		return KindSkipped
	case p.Duplicate != "":
		return KindDuplicate
	case p.Partial:
		return KindPartial
	}
	return KindFailed
}

// Line returns "PATH: reason" on one line: a newline, a tab or any other
// control or invisible character in the path or the reason is written as
// an escape ("\n", "\x1b"), so that no file name can break the line or
// forge another message.
func (p Problem) Line() string { return corpus.OneLine(p.Path) + ": " + corpus.OneLine(p.Reason) }

// Error returns the problem's Line, so a Problem can be used as an error.
func (p Problem) Error() string { return p.Line() }

// sizeString prints a byte count for people: "64 MiB", "512 KiB".
func sizeString(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// plural returns the "s" of a count of n things.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
