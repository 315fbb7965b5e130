package ingest

import "fmt"

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
}

// Error returns "PATH: reason", so a Problem can be used as an error.
func (p Problem) Error() string { return p.Path + ": " + p.Reason }

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
