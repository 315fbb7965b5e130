package ingest

import "sync/atomic"

// Progress counts what a load has done so far, for a progress bar: it is
// read while the load runs (see Options.Progress). Articles of a JSON
// Lines file are counted when the file is done; its bytes as they are
// read.
type Progress struct {
	// Files and Size are the files the walk found and their bytes;
	// Done and Read those read so far.
	Files, Size atomic.Int64
	Done, Read  atomic.Int64
	Articles    atomic.Int64
}
