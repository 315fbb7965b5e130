package ingest

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
