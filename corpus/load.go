package corpus

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// Source is a place articles are loaded from: a file system and the root
// inside it where the walk starts. IDs are paths relative to that root.
type Source struct {
	fsys fs.FS
	root string // a directory or a file inside fsys
	name string // how problems name the root ("seeds", "/data/news")
}

// FromFS returns a Source for every article file of fsys, named name in
// problem reports.
func FromFS(name string, fsys fs.FS) Source { return Source{fsys: fsys, root: ".", name: name} }

// FromPath returns a Source for a file or a folder on disk. Folders are
// walked recursively; symbolic links to folders are not followed, so a link
// loop cannot trap the walk.
func FromPath(p string) Source {
	clean := filepath.Clean(p)
	if st, err := os.Stat(clean); err == nil && !st.IsDir() {
		return Source{fsys: os.DirFS(filepath.Dir(clean)), root: filepath.Base(clean), name: p}
	}
	return Source{fsys: os.DirFS(clean), root: ".", name: p}
}

// Options tune a load. The zero value is ready to use.
type Options struct {
	// Format forces a format ("text", "markdown", ...) instead of detecting
	// it from each file's name and content.
	Format string
	// Workers is the number of files parsed at once; 0 means one per CPU.
	Workers int
}

// Load reads every article of the sources into a Corpus. A source that
// cannot be read, or is read with a loss, becomes a Problem and the rest
// still loads; Load never fails as a whole. Files are parsed in parallel;
// the result does not depend on the order in which they finish.
func Load(sources []Source, opts Options) (*Corpus, []Problem) {
	l := &loader{text: newTextReader(NewDateFinder()), opts: opts}
	jobs := make(chan job)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]result, 0, 64)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				arts, probs := l.readFile(j)
				mu.Lock()
				results = append(results, result{seq: j.seq, articles: arts, problems: probs})
				mu.Unlock()
			}
		}()
	}
	var walkProblems []Problem
	seq := 0
	for _, src := range sources {
		walkProblems = append(walkProblems, l.walk(src, func(j job) {
			j.seq = seq
			seq++
			jobs <- j
		})...)
	}
	close(jobs)
	wg.Wait()
	return assemble(results, walkProblems)
}

// LoadFS loads every article file of fsys with default options.
func LoadFS(name string, fsys fs.FS) (*Corpus, []Problem) {
	return Load([]Source{FromFS(name, fsys)}, Options{})
}

// LoadPaths loads files and folders given on a command line.
func LoadPaths(paths []string, opts Options) (*Corpus, []Problem) {
	srcs := make([]Source, len(paths))
	for i, p := range paths {
		srcs[i] = FromPath(p)
	}
	return Load(srcs, opts)
}

// job is one file to read.
type job struct {
	seq     int
	fsys    fs.FS
	rel     string // path inside fsys
	id      string // path relative to the source root, extension removed
	display string // path for people
}

type result struct {
	seq      int
	articles []*Article
	problems []Problem
}

type loader struct {
	text *textReader
	opts Options
}

// walk sends a job for every file of src that gazette can read and returns
// the problems of the walk itself.
func (l *loader) walk(src Source, emit func(job)) []Problem {
	var probs []Problem
	st, err := fs.Stat(src.fsys, src.root)
	if err != nil {
		return []Problem{{Path: src.name, Reason: reason(err)}}
	}
	if !st.IsDir() {
		// A file named on the command line is read whatever its extension.
		emit(job{fsys: src.fsys, rel: src.root, id: stripExt(src.root), display: src.name})
		return nil
	}
	err = fs.WalkDir(src.fsys, src.root, func(p string, d fs.DirEntry, err error) error {
		display := joinDisplay(src.name, p)
		if err != nil {
			probs = append(probs, Problem{Path: display, Reason: reason(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != src.root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || !l.wants(d.Name()) {
			return nil
		}
		rel := p
		if src.root != "." {
			rel = strings.TrimPrefix(p, src.root+"/")
		}
		emit(job{fsys: src.fsys, rel: p, id: stripExt(rel), display: display})
		return nil
	})
	if err != nil {
		probs = append(probs, Problem{Path: src.name, Reason: reason(err)})
	}
	return probs
}

// wants reports whether a file found in a folder walk is an article file.
func (l *loader) wants(name string) bool {
	if l.opts.Format != "" {
		return true
	}
	return formatOf(name) != ""
}

// formatOf names the format a file's extension announces, or "".
func formatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text":
		return "text"
	case ".md", ".markdown":
		return "markdown"
	}
	return ""
}

// readFile reads and parses one file.
func (l *loader) readFile(j job) ([]*Article, []Problem) {
	data, err := fs.ReadFile(j.fsys, j.rel)
	if err != nil {
		return nil, []Problem{{Path: j.display, Reason: reason(err)}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []Problem{{Path: j.display, Reason: "empty file"}}
	}
	if looksBinary(data) {
		return nil, []Problem{{Path: j.display, Reason: "not text (binary data)"}}
	}
	var probs []Problem
	if !utf8.Valid(data) {
		probs = append(probs, Problem{Path: j.display, Reason: "invalid UTF-8 replaced with U+FFFD", Partial: true})
	}
	format := l.opts.Format
	if format == "" {
		format = formatOf(j.rel)
	}
	if format == "" {
		format = "text"
	}
	d := l.text.read(Sanitize(string(data)))
	a := l.finish(d, j, format)
	if a == nil {
		return nil, append(probs, Problem{Path: j.display, Reason: "no article text found"})
	}
	return []*Article{a}, probs
}

// looksBinary reports whether data is not text: a NUL byte in its first
// 8 KiB, or mostly bytes that are neither UTF-8 nor printable.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if (r == utf8.RuneError && size == 1) || (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f') {
			bad++
		}
		i += size
	}
	return bad*10 > len(head)
}

// finish turns a draft into an Article: every field sanitised and its white
// space collapsed, empty paragraphs dropped, the words counted, and a title
// derived when the source gave none. It returns nil when nothing is left.
func (l *loader) finish(d draft, j job, format string) *Article {
	a := &Article{
		ID:      d.id,
		Title:   collapseSpace(Sanitize(d.title)),
		Date:    d.date,
		Updated: d.updated,
		Source:  j.display,
		Format:  format,
		URL:     collapseSpace(Sanitize(d.url)),
	}
	if a.ID == "" {
		a.ID = j.id
	}
	for _, p := range d.paragraphs {
		if p = collapseSpace(Sanitize(p)); p != "" {
			a.Paragraphs = append(a.Paragraphs, p)
			a.Words += CountWords(p)
		}
	}
	for _, t := range d.tags {
		if t = collapseSpace(Sanitize(t)); t != "" {
			a.Tags = append(a.Tags, t)
		}
	}
	if a.Title == "" {
		a.Title = l.text.deriveTitle(a.Paragraphs)
		a.TitleDerived = true
	}
	if a.Title == "" && len(a.Paragraphs) == 0 {
		return nil
	}
	return a
}

// reason is the part of err that is not the path, for "PATH: reason".
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func stripExt(p string) string {
	p = strings.TrimSuffix(p, ".gz")
	return strings.TrimSuffix(p, path.Ext(p))
}

// joinDisplay names a file found under a source for problem reports.
func joinDisplay(name, p string) string {
	if p == "." {
		return name
	}
	return filepath.Join(name, filepath.FromSlash(p))
}
