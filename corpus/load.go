package corpus

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
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
	// have no limit.
	MaxFileSize int64
}

// defaultMaxFileSize is Options.MaxFileSize when zero.
const defaultMaxFileSize = 64 << 20

// Load reads every article of the sources into a Corpus. A source that
// cannot be read, or is read with a loss, becomes a Problem and the rest
// still loads; Load never fails as a whole. Files are parsed in parallel;
// the result does not depend on the order in which they finish. A file
// that repeats an earlier one byte for byte is loaded once and reported.
func Load(sources []Source, opts Options) (*Corpus, []Problem) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = defaultMaxFileSize
	}
	if opts.Format != "" {
		f, err := ParseFormat(opts.Format)
		if err != nil {
			return New(nil), []Problem{{Path: "--format " + opts.Format, Reason: err.Error()}}
		}
		opts.Format = f
	}
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
				r := l.readFile(j)
				r.seq = j.seq
				mu.Lock()
				results = append(results, r)
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
	c, probs := assemble(dropDuplicates(results), walkProblems)
	// File names are untrusted too: a name can hold an escape sequence.
	for i := range probs {
		probs[i].Path = Sanitize(probs[i].Path)
		probs[i].Reason = Sanitize(probs[i].Reason)
		probs[i].Duplicate = Sanitize(probs[i].Duplicate)
	}
	return c, probs
}

// dropDuplicates keeps the first of the files that are byte for byte the
// same, in walk order, and reports the others.
func dropDuplicates(results []result) []result {
	slices.SortFunc(results, func(a, b result) int { return cmp.Compare(a.seq, b.seq) })
	first := make(map[[sha256.Size]byte]string, len(results))
	for i := range results {
		r := &results[i]
		if len(r.articles) == 0 || r.digest == ([sha256.Size]byte{}) {
			continue
		}
		orig, seen := first[r.digest]
		if !seen {
			first[r.digest] = r.display
			continue
		}
		r.articles = nil
		r.problems = []Problem{{Path: r.display, Reason: "byte-identical to " + orig + ": loaded once", Duplicate: orig}}
	}
	return results
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
	named   bool   // named on the command line rather than found in a folder
}

// result is what reading one file gave.
type result struct {
	seq      int
	display  string
	digest   [sha256.Size]byte // of the file's bytes, to spot duplicates
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
		emit(job{fsys: src.fsys, rel: src.root, id: stripExt(src.root), display: src.name, named: true})
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

// finish turns a draft into an Article: every field sanitised and its white
// space collapsed, empty paragraphs dropped, the words counted, and a title
// derived when the source gave none. It returns nil when nothing is left.
func (l *loader) finish(d draft, j job, format string) *Article {
	if len(d.paragraphs) == 0 && d.title == "" {
		return nil
	}
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
	// IDs and sources come from file names, which are untrusted too.
	a.ID = collapseSpace(Sanitize(a.ID))
	a.Source = Sanitize(a.Source)
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

// The formats gazette reads, as Options.Format and Article.Format name
// them.
const (
	formatText     = "text"
	formatMarkdown = "markdown"
	formatJSON     = "json"
	formatJSONL    = "jsonl"
	formatCSV      = "csv"
	formatTSV      = "tsv"
	formatHTML     = "html"
)

// Formats returns the names Options.Format accepts, in the order people
// meet them.
func Formats() []string {
	return []string{formatText, formatMarkdown, formatJSON, formatJSONL, formatCSV, formatTSV, formatHTML}
}

// ParseFormat reads a --format value: one of Formats, or a usual extension
// for one ("md", "ndjson", "htm", "txt"). It returns the format's name.
func ParseFormat(name string) (string, error) {
	n := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "."))
	if slices.Contains(Formats(), n) {
		return n, nil
	}
	if f := formatOf("x." + n); f != "" && !strings.Contains(n, ".") {
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(Formats(), ", "))
}

// wants reports whether a file found in a folder walk is an article file.
func (l *loader) wants(name string) bool {
	if l.opts.Format != "" {
		return true
	}
	return formatOf(name) != ""
}

// formatOf names the format a file's extension announces, looking through
// a ".gz" suffix, or "".
func formatOf(name string) string {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	switch path.Ext(name) {
	case ".txt", ".text":
		return formatText
	case ".md", ".markdown":
		return formatMarkdown
	case ".json":
		return formatJSON
	case ".jsonl", ".ndjson":
		return formatJSONL
	case ".csv":
		return formatCSV
	case ".tsv", ".tab":
		return formatTSV
	case ".html", ".htm", ".xhtml":
		return formatHTML
	}
	return ""
}

// sniffFormat guesses the format of a file whose name says nothing, from
// its first bytes.
func sniffFormat(head []byte) string {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, bomUTF8), " \t\r\n")
	lower := bytes.ToLower(h[:min(len(h), 512)])
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")):
		return formatHTML
	case bytes.HasPrefix(h, []byte("{")):
		// One object a line is JSON Lines; readJSON also falls back to it.
		if i := bytes.IndexByte(h, '\n'); i > 0 && bytes.HasPrefix(bytes.TrimLeft(h[i:], " \t\r\n"), []byte("{")) {
			return formatJSONL
		}
		return formatJSON
	case bytes.HasPrefix(h, []byte("[")):
		return formatJSON
	case bytes.HasPrefix(h, []byte("---\n")), bytes.HasPrefix(h, []byte("---\r\n")):
		return formatMarkdown
	}
	return formatText
}

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// readFile reads and parses one file: it picks the format, undoes gzip,
// decodes the text, hands it to the format's parser and finishes each
// article. Every failure is a Problem naming the file (and the line, for
// one bad record of many).
func (l *loader) readFile(j job) result {
	res := result{display: j.display}
	fail := func(reason string) result {
		res.problems = append(res.problems, Problem{Path: j.display, Reason: reason})
		return res
	}
	// Stat before Open: opening a named pipe would block the load.
	if st, err := fs.Stat(j.fsys, j.rel); err != nil {
		return fail(reason(err))
	} else if !st.Mode().IsRegular() {
		return fail(notRegular(st.Mode()))
	}
	f, err := j.fsys.Open(j.rel)
	if err != nil {
		return fail(reason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fail(reason(err))
	}
	hash := sha256.New()
	// Buffers sized to the file: most articles are a few KB, and two 64 KB
	// buffers a file were most of what a load allocated.
	bufSize := int(min(max(st.Size()+1, 16<<10), 64<<10))
	br := bufio.NewReaderSize(io.TeeReader(f, hash), bufSize)
	var src io.Reader = br
	compressed := false
	if magic, _ := br.Peek(2); bytes.Equal(magic, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fail("not a valid gzip file: " + err.Error())
		}
		defer zr.Close()
		src = zr
		compressed = true
	}
	format := l.opts.Format
	if format == "" {
		format = formatOf(j.rel)
	}
	if !compressed && strings.HasSuffix(strings.ToLower(j.rel), ".gz") {
		return fail("not a valid gzip file: no gzip header")
	}
	limit := l.opts.MaxFileSize
	if compressed {
		bufSize = 64 << 10
	}
	dsrc := bufio.NewReaderSize(src, bufSize)
	head, err := dsrc.Peek(8192)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return fail(readReason(err, compressed))
	}
	if format == "" {
		format = sniffFormat(head)
	}
	if len(bytes.TrimSpace(head)) == 0 && isAtEnd(dsrc, len(head)) {
		return fail("empty file")
	}
	if looksBinary(head) {
		return fail("not text (binary data)")
	}

	if format == formatJSONL {
		l.readJSONLines(&res, j, dsrc, limit)
		finishDigest(&res, hash, f)
		return res
	}

	if format == formatJSON || format == formatCSV || format == formatTSV {
		limit *= 16
	}
	if !compressed && st.Size() > limit {
		return fail(tooLarge(st.Size(), limit, format))
	}
	var buf bytes.Buffer
	if !compressed {
		buf.Grow(int(st.Size()) + 1)
	}
	if _, err := buf.ReadFrom(io.LimitReader(dsrc, limit+1)); err != nil {
		return fail(readReason(err, compressed))
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return fail("larger than " + sizeString(limit) + " uncompressed, the limit for a " + format + " file: skipped")
	}
	finishDigest(&res, hash, f)
	dec := decodeText(data)
	if len(bytes.TrimSpace(data)) == 0 || strings.TrimSpace(dec.text) == "" {
		return fail("empty file")
	}
	if dec.loss != "" {
		res.problems = append(res.problems, Problem{Path: j.display, Reason: "read as " + dec.encoding + ": " + dec.loss, Partial: true})
	}
	text := Sanitize(dec.text)

	switch format {
	case formatJSON, formatCSV, formatTSV:
		var recs []parsedRecord
		var err error
		switch format {
		case formatJSON:
			recs, err = l.text.readJSON(text)
		case formatCSV:
			recs, err = l.text.readCSV(text, 0)
		default:
			recs, err = l.text.readCSV(text, '\t')
		}
		if err != nil {
			return fail(err.Error())
		}
		if len(recs) == 1 && recs[0].single {
			return l.addOne(res, recs[0].draft, j, format)
		}
		l.addRecords(&res, j, format, recs)
		if len(res.articles) == 0 && len(recs) == 0 {
			return fail("no articles")
		}
		return res
	case formatHTML:
		d, err := l.text.readHTMLPage(text)
		if err != nil {
			return fail(err.Error())
		}
		return l.addOne(res, d, j, format)
	case formatMarkdown:
		d, warn := l.text.readMarkdown(text)
		if warn != "" {
			res.problems = append(res.problems, Problem{Path: j.display, Reason: warn, Partial: true})
		}
		return l.addOne(res, d, j, format)
	}
	return l.addOne(res, l.text.read(text), j, formatText)
}

// addOne finishes the single article of a file.
func (l *loader) addOne(res result, d draft, j job, format string) result {
	if a := l.finish(d, j, format); a != nil {
		res.articles = append(res.articles, a)
		return res
	}
	res.problems = append(res.problems, Problem{Path: j.display, Reason: "no article text found"})
	return res
}

// finished is one record of a multi-article file after finishing: its
// article, or the reason it made none (or both, for a record read with a
// loss).
type finished struct {
	rec     parsedRecord
	article *Article
}

// finishRecord turns one parsed record into an article.
func (l *loader) finishRecord(p parsedRecord, j job, format string) finished {
	if p.draft.title == "" && len(p.draft.paragraphs) == 0 {
		return finished{rec: p}
	}
	jj := j
	jj.id = recordID(j.id, p.key, p.n)
	a := l.finish(p.draft, jj, format)
	if a == nil {
		p.problem = "no title or text"
	}
	return finished{rec: p, article: a}
}

// addRecords finishes the articles of a multi-article file.
func (l *loader) addRecords(res *result, j job, format string, recs []parsedRecord) {
	done := make([]finished, len(recs))
	for i, p := range recs {
		done[i] = l.finishRecord(p, j, format)
	}
	collect(res, j, done)
}

// collect adds the articles of a multi-article file to res and reports the
// records that made none, at most maxRecordProblems of them one by one.
func collect(res *result, j job, done []finished) {
	reported := 0
	var quiet []int
	for _, f := range done {
		if f.article != nil {
			res.articles = append(res.articles, f.article)
		}
		if f.rec.problem == "" {
			continue
		}
		if reported >= maxRecordProblems {
			quiet = append(quiet, f.rec.n)
			continue
		}
		reported++
		where := j.display
		if f.rec.line {
			where = j.display + ":" + strconv.Itoa(f.rec.n)
		}
		res.problems = append(res.problems, Problem{Path: where, Reason: f.rec.problem, Partial: true})
	}
	if len(quiet) > 0 {
		res.problems = append(res.problems, Problem{Path: j.display, Partial: true,
			Reason: fmt.Sprintf("%d more records could not be read (lines or records %d to %d)", len(quiet), quiet[0], quiet[len(quiet)-1])})
	}
	if len(res.articles) == 0 {
		// Nothing loaded: the file failed, it was not read with a loss.
		for i := range res.problems {
			res.problems[i].Partial = false
		}
	}
}

// linesPerBatch is how many JSON Lines records a worker parses at a time.
const linesPerBatch = 256

// lineBatch is a run of JSON Lines handed to a parsing worker.
type lineBatch struct {
	seq   int
	lines []rawLine
}

type rawLine struct {
	n       int
	text    []byte
	tooLong bool
}

// readJSONLines streams a JSON Lines file: one goroutine reads lines while
// the others parse and finish them in batches, so that a single large
// dump uses every core; records keep their file order.
func (l *loader) readJSONLines(res *result, j job, src *bufio.Reader, limit int64) {
	var r io.Reader = src
	if head, _ := src.Peek(2); bytes.Equal(head, bomUTF16LE) || bytes.Equal(head, bomUTF16BE) {
		r = transform.NewReader(src, unicode.BOMOverride(unicode.UTF8.NewDecoder()))
	}
	maxLine := int(min(limit, math.MaxInt32))
	workers := l.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batches := make(chan lineBatch, workers)
	var mu sync.Mutex
	var results [][]finished
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for b := range batches {
				done := make([]finished, len(b.lines))
				for i, ln := range b.lines {
					p := tooLongRecord(ln.n, maxLine)
					if !ln.tooLong {
						p = l.text.jsonLine(ln.text, ln.n)
					}
					done[i] = l.finishRecord(p, j, formatJSONL)
				}
				mu.Lock()
				for len(results) <= b.seq {
					results = append(results, nil)
				}
				results[b.seq] = done
				mu.Unlock()
			}
		})
	}
	invalid, count := 0, 0
	cur := lineBatch{}
	err := scanLines(r, maxLine, func(n int, line []byte, tooLong bool) {
		count++
		text := bytes.Clone(line) // line's buffer is reused
		if !utf8.Valid(line) && !tooLong {
			var lossy bool
			if text, lossy = decodeLine(line); lossy {
				invalid++
			}
		}
		cur.lines = append(cur.lines, rawLine{n: n, text: text, tooLong: tooLong})
		if len(cur.lines) == linesPerBatch {
			batches <- cur
			cur = lineBatch{seq: cur.seq + 1}
		}
	})
	if len(cur.lines) > 0 {
		batches <- cur
	}
	close(batches)
	wg.Wait()
	var all []finished
	for _, done := range results {
		all = append(all, done...)
	}
	collect(res, j, all)
	if err != nil {
		res.problems = append(res.problems, Problem{Path: j.display, Reason: "read stopped: " + reason(err), Partial: len(res.articles) > 0})
	}
	if invalid > 0 {
		res.problems = append(res.problems, Problem{Path: j.display, Partial: true,
			Reason: fmt.Sprintf("invalid UTF-8 on %d line%s replaced with U+FFFD", invalid, plural(invalid))})
	}
	if count == 0 && err == nil {
		res.problems = append(res.problems, Problem{Path: j.display, Reason: "empty file"})
	}
}

// finishDigest reads what is left of f into the hash, so that the digest
// covers the whole file even when parsing stopped early.
func finishDigest(res *result, hash hash.Hash, f fs.File) {
	var buf [4096]byte
	if _, err := io.CopyBuffer(hash, struct{ io.Reader }{f}, buf[:]); err != nil {
		return
	}
	hash.Sum(res.digest[:0])
}

// isAtEnd reports whether r holds no more than n bytes.
func isAtEnd(r *bufio.Reader, n int) bool {
	_, err := r.Peek(n + 1)
	return err != nil
}

// notRegular says what a path that is not a regular file is.
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "is a directory"
	case m&fs.ModeNamedPipe != 0:
		return "not a regular file (named pipe): skipped"
	case m&fs.ModeSocket != 0:
		return "not a regular file (socket): skipped"
	case m&fs.ModeDevice != 0:
		return "not a regular file (device): skipped"
	}
	return "not a regular file: skipped"
}

func tooLarge(size, limit int64, format string) string {
	return fmt.Sprintf("too large: %s, the limit for a %s file is %s: skipped", sizeString(size), format, sizeString(limit))
}

func readReason(err error, compressed bool) string {
	if compressed {
		return "not a valid gzip file: " + reason(err)
	}
	return reason(err)
}

// looksBinary reports whether data is not text: a NUL byte in its first
// 8 KiB (UTF-16 aside), or mostly bytes that are neither UTF-8 nor
// printable.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.HasPrefix(head, bomUTF16LE) || bytes.HasPrefix(head, bomUTF16BE) {
		return false
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != 0x1b {
			bad++
		} else if r == utf8.RuneError && size == 1 && (head[i] < 0xa0 && !isWindows1252Printable(head[i])) {
			bad++
		}
		i += size
	}
	return bad*10 > len(head)
}

// isWindows1252Printable reports whether a byte of 0x80-0x9F is a printable
// character in Windows-1252 (curly quotes, dashes, the euro sign...).
func isWindows1252Printable(c byte) bool {
	switch c {
	case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
		return false
	}
	return c >= 0x80
}
