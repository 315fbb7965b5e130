package ingest

import (
	"hash/crc32"
	"io"
	"io/fs"

	"github.com/gazette-reader/gazette/corpus"
)

// Stamp tells, cheaply, whether a file on disk changed since it was read:
// its size, its modification time, and a checksum of its first and last
// 4 KB. Taking one costs a stat and two small reads; an edit that keeps
// the size, the time and both ends is missed (editors and copies set the
// time).
type Stamp struct {
	Size    int64
	ModTime int64 // nanoseconds since 1970
	Sample  uint32
}

// File is a file on disk that a load read, by the path its articles and
// problems name (Article.Source, Problem.Path), and its stamp when read.
type File struct {
	Path  string
	Stamp Stamp
}

// Reuser gives the articles and problems of a file read before, when its
// stamp says it has not changed: the load then takes them instead of
// reading the file.
type Reuser interface {
	Reuse(path string, st Stamp) (arts []*corpus.Article, probs []Problem, ok bool)
}

// sampleSize is how much of each end of a file its stamp reads.
const sampleSize = 4 << 10

// stampFile returns the stamp of the file rel of fsys, whose stat is st;
// ok is false for a file not on disk or that cannot be read.
func stampFile(fsys fs.FS, rel string, st fs.FileInfo) (Stamp, bool) {
	if _, disk := fsys.(diskFS); !disk || !st.Mode().IsRegular() {
		return Stamp{}, false
	}
	f, err := fsys.Open(rel)
	if err != nil {
		return Stamp{}, false
	}
	defer f.Close()
	ra, ok := f.(io.ReaderAt)
	if !ok {
		return Stamp{}, false
	}
	s := Stamp{Size: st.Size(), ModTime: st.ModTime().UnixNano()}
	buf := make([]byte, sampleSize)
	n, err := ra.ReadAt(buf, 0)
	if err != nil && err != io.EOF {
		return Stamp{}, false
	}
	table := crc32.MakeTable(crc32.Castagnoli)
	s.Sample = crc32.Update(0, table, buf[:n])
	if s.Size > sampleSize {
		n, err = ra.ReadAt(buf, max(s.Size-sampleSize, sampleSize))
		if err != nil && err != io.EOF {
			return Stamp{}, false
		}
		s.Sample = crc32.Update(s.Sample, table, buf[:n])
	}
	return s, true
}

// Result is what LoadFiles gives beside the corpus.
type Result struct {
	Corpus   *corpus.Corpus
	Problems []Problem
	// Files are the files on disk that were read or reused, in walk order.
	Files []File
	// Read and Reused count the files read and the files whose articles
	// the Reuser gave.
	Read, Reused int
	// Complete is false when the memory budget stopped the load.
	Complete bool
}

// Stamps walks the sources as a load does, without reading a file but
// for its stamp, and returns the files on disk it would read. ok is false
// when a file cannot be stamped or a source is not on disk.
func Stamps(sources []Source, opts Options) (files []File, ok bool) {
	l := &loader{opts: opts}
	ok = true
	for _, src := range sources {
		if _, disk := src.fsys.(diskFS); !disk {
			return nil, false
		}
		probs, _ := l.walk(src, func(j fileJob) {
			st, err := fs.Stat(j.fsys, j.rel)
			if err != nil {
				ok = false
				return
			}
			s, stamped := stampFile(j.fsys, j.rel, st)
			if !stamped {
				ok = false
				return
			}
			files = append(files, File{Path: j.display, Stamp: s})
		})
		if len(probs) > 0 {
			ok = false
		}
	}
	return files, ok
}

// LoadFiles is Load that also stamps every file on disk it reads (see
// Stamp) and reports them, and that takes from opts.Reuse the articles
// of the files it already knows unchanged instead of reading them. What
// is reused is not compared with the other files for byte-identical
// copies.
func LoadFiles(sources []Source, opts Options) Result {
	return load(sources, opts, true)
}

// LoadFS loads every article file of fsys with default options.
func LoadFS(name string, fsys fs.FS) (*corpus.Corpus, []Problem) {
	return Load([]Source{FromFS(name, fsys)}, Options{})
}

// LoadPaths loads files and folders given on a command line.
func LoadPaths(paths []string, opts Options) (*corpus.Corpus, []Problem) {
	srcs := make([]Source, len(paths))
	for i, p := range paths {
		srcs[i] = FromPath(p)
	}
	return Load(srcs, opts)
}
