// Package ingest reads sources (files and folders on disk, or any fs.FS)
// into a corpus.Corpus. What it cannot read becomes a Problem naming the
// file and the reason, and the rest loads: a load never fails as a whole.
//
// # A load
//
// The walk finds the article files of each source (hidden files and
// folders are skipped, links to folders are not followed) and hands them
// to one worker per core. A worker stats the file (opening a named pipe
// would block), undoes gzip, picks the format (--format, else the
// extension, else the first bytes), decodes the text (a byte-order mark;
// else valid UTF-8; else mostly UTF-8 with its bad bytes replaced; else
// Windows-1252), sanitises it (NFC; no control character, escape sequence
// or bidi override) and parses it. A JSON Lines file is streamed and
// parsed in batches on every core. Each article is then finished: white
// space collapsed, words counted, a title derived from the first sentence
// when the source gives none. Byte-identical files are loaded once, and
// the corpus is put in timeline order.
//
// # What a parser reads, in order
//
// Plain-text scrapes: a scraper's " date YYYY-MM " header on the first
// line; lines grouped into paragraphs, hard wraps joined; then the head
// of the page, where chrome (text-size buttons, share links) and filler
// are skipped, date lines are read (the publication, then an update), and
// the first line that reads as a headline is the title, its repeats
// dropped; then the tail, cut from the first view counter, comment
// heading, comment policy or section menu on. Markdown: YAML front matter
// as a record, the body as plain text. Records (JSON, JSON Lines, CSV,
// front matter, feeds): fields found by their usual names, in English and
// in the languages whose dates are read, at the top, one object down or
// in the first entry of a revision list. Feeds (RSS, RDF, Atom): one
// record an item, its child elements the fields, read by encoding/xml in
// one pass (no entity expanded but HTML's; references to control
// characters dropped first). Web pages
// (decoded in the charset they declare when not UTF-8; parsed within a
// budget of depth, size and steps): a captcha, refusal or error page is a
// problem; the main text as Readability finds it, without teasers, link
// lists and subscriber notices; the title from the metadata, <title> or
// <h1>, without the site's name; the date by a cascade over the whole
// page (JSON-LD, <meta>, microdata and <time>, bylines near the headline,
// the page's address, a date line at the top of the text), in the page's
// own day.
//
// # Loading again
//
// LoadFiles stamps every file on disk it reads (size, modification time,
// CRC-32C of its first and last 4 KB: a stat and two small reads) and
// asks Options.Reuse for the articles of a file whose stamp it already
// knows, so that a load after a change reads the changed files only;
// Stamps walks as a load does and stamps without reading, to tell
// whether anything changed at all. Options.Progress counts files, bytes
// and articles as the load goes.
//
// # Costs
//
// Every byte is read once and decoded, sanitised and scanned for words in
// one pass each, a table step a byte on clean text. On one core a 3 KB
// article of a JSON Lines dump takes about 50 µs, one of a folder of text
// files about 140 µs (an open and a stat a file); the articles hold about
// 1.6 times the size of their text on the heap.
package ingest

import (
	"cmp"
	"errors"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gazette-reader/gazette/corpus"
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
// loop cannot trap the walk, and links to files outside the folder are
// not read (but with Options.FollowLinks). File names need not be UTF-8.
func FromPath(p string) Source {
	clean := filepath.Clean(p)
	if st, err := os.Stat(clean); err == nil && !st.IsDir() {
		return Source{fsys: diskFS(filepath.Dir(clean)), root: filepath.Base(clean), name: p}
	}
	return Source{fsys: diskFS(clean), root: ".", name: p}
}

// Options tune a load. The zero value is ready to use.
type Options struct {
	// Format forces a format (one of Formats: "text", "markdown", "json",
	// "jsonl", "csv", "tsv", "html") instead of detecting it from each
	// file's name and content. In a folder, every file is then read, not
	// only those whose extension gazette knows.
	Format string
	// Workers is the number of files parsed at once; 0 means one per CPU.
	Workers int
	// MaxFileSize bounds what one article may take: a text, Markdown or
	// HTML file, or one line of JSON Lines, larger than this is reported
	// and skipped. 0 means 64 MiB. JSON and CSV files, which hold many
	// articles, may be 16 times larger; JSON Lines files are streamed and
	// have no limit but the memory budget.
	MaxFileSize int64
	// FollowLinks reads the files that symbolic links in a folder lead
	// to outside that folder; else they are skipped, and counted.
	FollowLinks bool
	// MaxMemory is the memory budget of the load: what its articles will
	// hold, index included, may not pass it, and a file read whole may
	// take a share of what is left while it is parsed. Past it the load
	// keeps what it has, reads no more, and says so in one problem. 0
	// means DefaultBudget().
	MaxMemory int64
	// Reuse, when set, is asked for the articles of each file on disk
	// before it is read (see LoadFiles).
	Reuse Reuser
	// Progress, when set, counts the files, bytes and articles read as
	// the load goes.
	Progress *Progress
}

// defaultMaxFileSize is Options.MaxFileSize when zero.
const defaultMaxFileSize = 64 << 20

// Load reads every article of the sources into a Corpus. A source that
// cannot be read, or is read with a loss, becomes a Problem and the rest
// still loads; Load never fails as a whole. Files are parsed in parallel;
// the result does not depend on the order in which they finish. A file
// that repeats an earlier one byte for byte is loaded once and reported.
func Load(sources []Source, opts Options) (*corpus.Corpus, []Problem) {
	r := load(sources, opts, false)
	return r.Corpus, r.Problems
}

// load is Load, stamping the files on disk when stamp is set.
func load(sources []Source, opts Options, stamp bool) Result {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = defaultMaxFileSize
	}
	if opts.Format != "" {
		f, err := ParseFormat(opts.Format)
		if err != nil {
			return Result{Corpus: corpus.New(nil), Problems: []Problem{{Path: "--format " + opts.Format, Reason: err.Error()}}}
		}
		opts.Format = f
	}
	if opts.MaxMemory <= 0 {
		opts.MaxMemory = DefaultBudget()
	}
	l := &loader{text: newExtractor(NewDateFinder()), opts: opts, seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, budget: newBudget(opts.MaxMemory), stamp: stamp}
	jobs := make(chan fileJob)
	results, wait := l.work(jobs)
	var walkProblems []Problem
	skipped := make([][]skippedFile, len(sources))
	seq := 0
	for i, src := range sources {
		probs, skips := l.walk(src, func(j fileJob) {
			j.seq, j.source = seq, i
			seq++
			if p := opts.Progress; p != nil {
				p.Files.Add(1)
				if st, err := fs.Stat(j.fsys, j.rel); err == nil {
					p.Size.Add(st.Size())
				}
			}
			jobs <- j
		})
		walkProblems = append(walkProblems, probs...)
		skipped[i] = skips
	}
	close(jobs)
	wait()
	for _, r := range *results {
		if r.skipped != "" {
			skipped[r.source] = append(skipped[r.source], skippedFile{r.display, r.skipped})
		}
	}
	for i, skips := range skipped {
		if len(skips) > 0 {
			walkProblems = append(walkProblems, skipSummary(sources[i].name, skips))
		}
	}
	return l.finishLoad(dropDuplicates(*results), walkProblems)
}

// work starts the workers that read the files of jobs, and returns where
// their results go and what waits for them all, once jobs is closed.
func (l *loader) work(jobs <-chan fileJob) (*[]fileResult, func()) {
	workers := l.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]fileResult, 0, 64)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				r := l.readFile(j)
				r.seq, r.source = j.seq, j.source
				if p := l.opts.Progress; p != nil {
					p.Done.Add(1)
					if !r.arrived {
						p.arrive(r.articles)
					}
				}
				mu.Lock()
				results = append(results, r)
				mu.Unlock()
			}
		})
	}
	return &results, wg.Wait
}

// finishLoad drops the boilerplate of the results, says when the budget
// stopped the load, and makes the corpus and the Result.
func (l *loader) finishLoad(results []fileResult, walkProblems []Problem) Result {
	l.dropBoilerplate(results)
	loaded := 0
	for _, r := range results {
		loaded += len(r.articles)
	}
	res := Result{Complete: true}
	if p, ok := l.budget.problem(loaded); ok {
		walkProblems = append(walkProblems, p)
		res.Complete = false
	}
	c, probs := assemble(results, walkProblems)
	for _, r := range results {
		if r.file != nil {
			res.Files = append(res.Files, *r.file)
		}
		switch {
		case r.reused:
			res.Reused++
		case r.file != nil:
			res.Read++
		}
	}
	// File names are untrusted too: a name can hold an escape sequence.
	for i := range probs {
		probs[i].Path = Sanitize(probs[i].Path)
		probs[i].Reason = Sanitize(probs[i].Reason)
		probs[i].Duplicate = Sanitize(probs[i].Duplicate)
	}
	res.Corpus, res.Problems = c, probs
	return res
}

// assemble orders parse results by the order the walk found their files,
// so that the corpus and the problem list do not depend on scheduling.
func assemble(results []fileResult, walkProblems []Problem) (*corpus.Corpus, []Problem) {
	slices.SortFunc(results, func(a, b fileResult) int { return cmp.Compare(a.seq, b.seq) })
	var arts []*corpus.Article
	probs := walkProblems
	for _, r := range results {
		arts = append(arts, r.articles...)
		probs = append(probs, r.problems...)
	}
	slices.SortStableFunc(probs, func(a, b Problem) int { return cmp.Compare(a.Path, b.Path) })
	return corpus.New(arts), probs
}

// fileJob is one file to read.
type fileJob struct {
	seq     int
	source  int  // index of the source it was found in
	sniffed bool // its name says nothing of its format: its content does
	fsys    fs.FS
	rel     string // path inside fsys
	id      string // path relative to the source root, extension removed
	display string // path for people
	named   bool   // named on the command line rather than found in a folder
}

// fail records that the file failed for reason: nothing was read from it.
func (r *fileResult) fail(reason string) {
	r.problems = append(r.problems, Problem{Path: r.display, Reason: reason})
}

// fileResult is what reading one file gave.
type fileResult struct {
	seq      int
	source   int
	skipped  string // why a sniffed file was skipped, not read
	display  string
	digest   digest // of the file's bytes, to spot duplicates
	articles []*corpus.Article
	problems []Problem
	// file is the file on disk with its stamp, when the load stamps;
	// reused says its articles came from Options.Reuse.
	file   *File
	reused bool
	// arrived says its articles were handed to Options.Progress as they
	// were made (a JSON Lines file's, a batch at a time).
	arrived bool
}

type loader struct {
	text   *extractor
	opts   Options
	budget *budget
	// seeds seed the two hashes of every file's digest.
	seeds [2]maphash.Seed
	// buffers recycles the read buffers of files (*fileReaders).
	buffers sync.Pool
	// stamp says to stamp the files on disk (LoadFiles).
	stamp bool
}

// walk sends a job for every file of src that gazette can read and returns
// the problems of the walk itself, and the files it skipped.
func (l *loader) walk(src Source, emit func(fileJob)) (probs []Problem, skipped []skippedFile) {
	st, err := fs.Stat(src.fsys, src.root)
	if err != nil {
		return []Problem{{Path: src.name, Reason: reason(err)}}, nil
	}
	if !st.IsDir() {
		// A file named on the command line is read whatever its extension.
		emit(fileJob{fsys: src.fsys, rel: src.root, id: stripExt(src.root), display: src.name, named: true})
		return nil, nil
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
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if dfs, ok := src.fsys.(diskFS); ok && d.Type()&fs.ModeSymlink != 0 && !l.opts.FollowLinks && !dfs.within(p) {
			skipped = append(skipped, skippedFile{display, "a link to a file outside the folder (--follow-links reads it)"})
			return nil
		}
		read, sniff, why := l.walkChoice(d.Name())
		if !read {
			skipped = append(skipped, skippedFile{display, why})
			return nil
		}
		rel := p
		if src.root != "." {
			rel = strings.TrimPrefix(p, src.root+"/")
		}
		emit(fileJob{fsys: src.fsys, rel: p, id: stripExt(rel), display: display, sniffed: sniff})
		return nil
	})
	if err != nil {
		probs = append(probs, Problem{Path: src.name, Reason: reason(err)})
	}
	return probs, skipped
}

// finish turns a draft into an Article: every field sanitised and its white
// space collapsed, empty paragraphs dropped, the words counted, and a title
// derived when the source gave none. It returns nil when nothing is left.
func (l *loader) finish(d draft, j fileJob, format string) *corpus.Article {
	if len(d.paragraphs) == 0 && d.title == "" {
		return nil
	}
	a := &corpus.Article{
		ID:      d.id,
		Title:   cleanLine(d.title),
		Date:    d.date,
		Updated: d.updated,
		Source:  j.display,
		Format:  format,
		URL:     cleanLine(d.url),
	}
	if a.ID == "" {
		a.ID = j.id
	}
	// IDs and sources come from file names, which are untrusted too.
	a.ID = cleanLine(a.ID)
	a.Source = Sanitize(a.Source)
	a.Paragraphs = make([]string, 0, len(d.paragraphs))
	for _, p := range d.paragraphs {
		var n int
		if d.markdown {
			p, n = cleanBlock(p)
		} else {
			p, n = cleanWords(p)
		}
		if p != "" {
			a.Paragraphs = append(a.Paragraphs, p)
			a.Words += n
		}
	}
	a.BodyMarkdown = d.markdown && len(a.Paragraphs) > 0
	a.Tags = cleanList(d.tags)
	a.Authors = cleanList(d.authors)
	for _, f := range d.fields {
		if name, values := cleanLine(f.Name), cleanList(f.Values); name != "" && len(values) > 0 {
			a.Fields = append(a.Fields, corpus.Field{Name: name, Values: values})
		}
	}
	if a.Title == "" {
		a.Title = l.text.deriveTitle(a.Paragraphs)
		a.TitleDerived = true
	}
	if a.Title == "" && len(a.Paragraphs) == 0 {
		return nil
	}
	if !l.budget.keep(a, j.display) {
		return nil
	}
	return a
}

// cleanWords sanitises s and collapses its white space, without a copy
// when there is nothing to do (most text), and counts its words.
func cleanWords(s string) (string, int) {
	if n, ok := scanClean(s); ok {
		return s, n
	}
	s = collapseSpace(Sanitize(s))
	return s, CountWords(s)
}

// cleanBlock is cleanWords for a Markdown block: its lines are kept, each
// sanitised and its white space collapsed.
func cleanBlock(s string) (string, int) {
	lines := strings.Split(Sanitize(s), "\n")
	kept := lines[:0]
	for _, l := range lines {
		// Indentation is Markdown (a nested list, code): kept as it is.
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if l = collapseSpace(l); l != "" {
			kept = append(kept, strings.Repeat(" ", indent)+l)
		}
	}
	s = strings.Join(kept, "\n")
	return s, CountWords(s)
}

// cleanList cleans the lines of a list (tags, authors, values), dropping
// the empty ones.
func cleanList(list []string) []string {
	var out []string
	for _, s := range list {
		if s = cleanLine(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cleanLine is cleanWords for a title, an ID, a URL or a tag.
func cleanLine(s string) string {
	s, _ = cleanWords(s)
	return s
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
