package ingest

import (
	"errors"
	"io"
	"io/fs"
	"time"
)

// maxReaderSize bounds what FromReader reads: the limit of a JSON or CSV
// file at the default options.
const maxReaderSize = 16 * defaultMaxFileSize

// FromReader returns a Source of the one file that r holds, such as
// standard input: it is read once, as it comes, up to 1 GiB (past that
// the file is a problem and what was read of a JSON Lines stream is
// kept). Its format comes from its content, as for a file whose name
// says nothing (gzip included), unless Options.Format forces one. name
// names it in problems and is its ID ("stdin"; "stdin/42" for the 42nd
// record of a dump); it must be a valid fs.FS path.
func FromReader(name string, r io.Reader) Source {
	return Source{fsys: &readerFS{name: name, r: &boundedReader{r: r, left: maxReaderSize, limit: maxReaderSize}}, root: name, name: name}
}

// readerFS is a file system of one file, r, that can be opened once.
type readerFS struct {
	name   string
	r      io.Reader
	opened bool
}

func (f *readerFS) Stat(name string) (fs.FileInfo, error) {
	if name != f.name {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return readerInfo{name: f.name}, nil
}

func (f *readerFS) Open(name string) (fs.File, error) {
	if name != f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if f.opened {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("already read")}
	}
	f.opened = true
	return readerFile{f}, nil
}

type readerFile struct{ fs *readerFS }

func (f readerFile) Read(p []byte) (int, error) { return f.fs.r.Read(p) }
func (f readerFile) Stat() (fs.FileInfo, error) { return readerInfo{name: f.fs.name}, nil }
func (f readerFile) Close() error               { return nil }

// readerInfo describes the file of a readerFS: a regular file whose size
// is not known (0: the reads enforce the limits).
type readerInfo struct{ name string }

func (i readerInfo) Name() string       { return i.name }
func (i readerInfo) Size() int64        { return 0 }
func (i readerInfo) Mode() fs.FileMode  { return 0o444 }
func (i readerInfo) ModTime() time.Time { return time.Time{} }
func (i readerInfo) IsDir() bool        { return false }
func (i readerInfo) Sys() any           { return nil }

// boundedReader reads r until left bytes are read, then fails.
type boundedReader struct {
	r           io.Reader
	left, limit int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errors.New("larger than " + sizeString(b.limit) + ", the limit for a stream: the rest is not read")
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}
