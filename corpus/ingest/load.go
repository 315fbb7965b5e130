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
// # Streaming
//
// Stream reads as Load does but hands the articles on in batches, in walk
// order, as they are read, and forgets them: what it holds is the files
// being read and a window of those read ahead, not the corpus (an import
// into a database uses it). Scraped pages are read twice: their short
// paragraphs counted per folder first (on disk past two million distinct
// ones, a part of the hashes at a time when adding up), then handed on
// without their chrome. Records are read once.
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
	opts, bad := prepare(opts)
	if bad != nil {
		return Result{Corpus: corpus.New(nil), Problems: bad}
	}
	l := newLoader(opts, stamp)
	jobs := make(chan fileJob)
	var mu sync.Mutex
	results := make([]fileResult, 0, 64)
	wait := l.work(jobs, func(r fileResult) {
		mu.Lock()
		results = append(results, r)
		mu.Unlock()
	})
	walkProblems, skipped := l.dispatch(sources, jobs)
	close(jobs)
	wait()
	for _, r := range results {
		if r.skipped != "" {
			skipped[r.source] = append(skipped[r.source], skippedFile{r.display, r.skipped})
		}
	}
	return l.finishLoad(dropDuplicates(results), append(walkProblems, skipSummaries(sources, skipped)...))
}

// prepare fills in the defaults of opts, or returns the problem of a
// format that does not exist.
func prepare(opts Options) (Options, []Problem) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = defaultMaxFileSize
	}
	if opts.Format != "" {
		f, err := ParseFormat(opts.Format)
		if err != nil {
			return opts, []Problem{{Path: "--format " + opts.Format, Reason: err.Error()}}
		}
		opts.Format = f
	}
	if opts.MaxMemory <= 0 {
		opts.MaxMemory = DefaultBudget()
	}
	return opts, nil
}

// newLoader returns a loader for opts, as prepare left them.
func newLoader(opts Options, stamp bool) *loader {
	return &loader{text: newExtractor(NewDateFinder()), opts: opts, seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, budget: newBudget(opts.MaxMemory), stamp: stamp}
}

// dispatch walks the sources, numbering their files in walk order and
// sending them to jobs (a worker returns at once from a file once the load
// has stopped); it returns the problems of the walks and the files each
// skipped.
func (l *loader) dispatch(sources []Source, jobs chan<- fileJob) ([]Problem, [][]skippedFile) {
	var walkProblems []Problem
	skipped := make([][]skippedFile, len(sources))
	seq := 0
	for i, src := range sources {
		probs, skips := l.walk(src, func(j fileJob) {
			j.seq, j.source = seq, i
			seq++
			if p := l.opts.Progress; p != nil && !l.sized {
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
	return walkProblems, skipped
}

// skipSummaries is one problem for each source that skipped files.
func skipSummaries(sources []Source, skipped [][]skippedFile) []Problem {
	var out []Problem
	for i, skips := range skipped {
		if len(skips) > 0 {
			out = append(out, skipSummary(sources[i].name, skips))
		}
	}
	return out
}

// work starts the workers that read the files of jobs and hand what
// each file gave to take (from several workers at once), and returns
// what waits for them all, once jobs is closed.
func (l *loader) work(jobs <-chan fileJob, take func(fileResult)) func() {
	var wg sync.WaitGroup
	for range l.workers() {
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
				take(r)
			}
		})
	}
	return wg.Wait
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
	res.Corpus, res.Problems = c, sanitizeProblems(probs)
	return res
}

// sanitizeProblems cleans the problems' text: file names are untrusted
// too, and a name can hold an escape sequence.
func sanitizeProblems(probs []Problem) []Problem {
	for i := range probs {
		probs[i].Path = Sanitize(probs[i].Path)
		probs[i].Reason = Sanitize(probs[i].Reason)
		probs[i].Duplicate = Sanitize(probs[i].Duplicate)
	}
	return probs
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
	// stream, when set, takes the articles as they are read (Stream);
	// counting says the load only counts the chrome of scraped pages
	// (Stream's first pass): other files are not read.
	stream   *streamer
	counting bool
	// sized says the Progress has the files and their bytes already.
	sized bool
}

// workers is the number of files read at once (and of a JSON Lines
// file's batches parsed at once).
func (l *loader) workers() int {
	if l.opts.Workers > 0 {
		return l.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
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
