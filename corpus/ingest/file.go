package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus"
)

// gzipMagic starts every gzip stream.
const gzipMagic = "\x1f\x8b"

// Past minBomb bytes inflated, a gzip stream may not inflate more than
// maxInflation times what it read: text compresses three to fifteen times;
// a hundred times more is a decompression bomb, stopped while reading,
// before it costs the time and memory it is made to.
const (
	minBomb      = 4 << 20
	maxInflation = 100
)

// errBomb is the error of a gzip stream that inflates past maxInflation.
var errBomb = fmt.Errorf("inflates more than %d times its size (a decompression bomb?): not read further", maxInflation)

// bombGuard reads an inflating stream, and stops it with errBomb once it
// has given more than maxInflation times what *read says it consumed.
type bombGuard struct {
	r    io.Reader
	read *int64
	out  int64
}

func (g *bombGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.out += int64(n)
	if g.out > minBomb && g.out > maxInflation*max(*g.read, 1) {
		return n, errBomb
	}
	return n, err
}

// readFile reads and parses one file: it picks the format, undoes gzip,
// decodes the text, hands it to the format's parser and finishes each
// article. Every failure is a Problem naming the file (and the line, for
// one bad record of many).
func (l *loader) readFile(j fileJob) fileResult {
	res := fileResult{display: j.display}
	if l.budget.spent.Load() {
		return res // the load takes no more articles: the budget's problem says so
	}
	fail := func(reason string) fileResult {
		res.fail(reason)
		return res
	}
	st, ok := l.statFile(&res, j)
	if !ok {
		return res
	}
	f, err := j.fsys.Open(j.rel)
	if err != nil {
		return fail(reason(err))
	}
	defer f.Close()
	hash := l.newDigester()
	rd := l.readers()
	defer l.release(rd)
	br := rd.raw
	br.Reset(io.TeeReader(f, hash))
	var src io.Reader = br
	compressed := false
	if magic, _ := br.Peek(2); string(magic) == gzipMagic {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fail("not a valid gzip file: " + err.Error())
		}
		defer zr.Close()
		src = &bombGuard{r: zr, read: &hash.n}
		compressed = true
	}
	format := l.opts.Format
	if format == "" {
		format = formatOf(j.rel)
	}
	if l.counting && format != "" && !scrapedFormat(format) {
		return res // the count of chrome reads scraped pages only
	}
	if !compressed && strings.HasSuffix(strings.ToLower(j.rel), ".gz") {
		return fail("not a valid gzip file: no gzip header")
	}
	dsrc := rd.text
	dsrc.Reset(src)
	head, err := dsrc.Peek(8192)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return fail(readReason(err, compressed))
	}
	if format == "" {
		format = sniffFormat(head)
	}
	if l.counting && !scrapedFormat(format) {
		return res
	}
	if len(bytes.TrimSpace(head)) == 0 && isAtEnd(dsrc, len(head)) {
		return fail("empty file")
	}
	if looksBinary(head) {
		if j.sniffed {
			res.skipped = "binary, not text"
			return res
		}
		return fail("not text (binary data)")
	}
	if format == formatJSONL {
		l.readJSONLines(&res, j, dsrc, l.opts.MaxFileSize)
		finishDigest(&res, hash, f)
		return res
	}
	text, cost, ok := l.readWhole(&res, dsrc, format, st.Size(), compressed)
	if !ok {
		return res // not read to its end: a skipped file is no one's copy
	}
	defer l.budget.give(cost)
	finishDigest(&res, hash, f)
	return l.parse(res, j, format, text)
}

// statFile stats the file of j before it is opened (opening a named pipe
// would block the load; the size is a hint, the reads enforce the limits,
// so the file is not stat'ed again once open), and takes its articles
// from the snapshot when it is unchanged. It reports whether the file is
// still to be read; when not, res says why or holds its articles.
func (l *loader) statFile(res *fileResult, j fileJob) (fs.FileInfo, bool) {
	st, err := fs.Stat(j.fsys, j.rel)
	switch {
	case err != nil:
		res.fail(reason(err))
		return nil, false
	case !st.Mode().IsRegular():
		res.fail(notRegular(st.Mode()))
		return nil, false
	case l.stamp && l.reuse(res, j, st):
		return nil, false
	}
	return st, true
}

// reuse stamps the file of j, whose stat is st, and takes its articles
// from Options.Reuse when it knows them: it reports whether it did.
func (l *loader) reuse(res *fileResult, j fileJob, st fs.FileInfo) bool {
	s, ok := stampFile(j.fsys, j.rel, st)
	if !ok {
		return false
	}
	res.file = &File{Path: j.display, Stamp: s}
	if l.opts.Reuse == nil {
		return false
	}
	arts, probs, ok := l.opts.Reuse.Reuse(j.display, s)
	if ok {
		res.articles, res.problems, res.reused = arts, probs, true
	}
	return ok
}

// readWhole reads what is left of a file of the given format into memory
// (size is the file's, or a guess when compressed), within the limit of
// its format and the share of the memory budget it may take while it is
// parsed, and returns its text decoded and sanitised, with what it took
// of the budget, to give back once parsed; it reports false, with the
// reason in res, when the file is skipped.
func (l *loader) readWhole(res *fileResult, src io.Reader, format string, size int64, compressed bool) (string, int64, bool) {
	limit := l.opts.MaxFileSize
	if format == formatJSON || format == formatCSV || format == formatTSV || format == formatFeed {
		limit *= 16
	}
	if !compressed && size > limit {
		res.fail(tooLarge(size, limit, format))
		return "", 0, false
	}
	byBudget := false
	if share := l.budget.free() / parseWeight; share < limit {
		limit, byBudget = share, true
	}
	if !compressed && size > limit {
		res.fail(fmt.Sprintf("too large for what is left of the memory budget (%s, %s while parsed): skipped", sizeString(size), sizeString(size*parseWeight)))
		return "", 0, false
	}
	var buf bytes.Buffer
	if !compressed {
		// ReadFrom wants MinRead bytes free before each read, the one that
		// meets the end too: with less, it would double the buffer.
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(src, limit+1)); err != nil {
		res.fail(readReason(err, compressed))
		return "", 0, false
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		why := "the limit for a " + format + " file"
		if byBudget {
			why = "what is left of the memory budget to parse it"
		}
		res.fail("larger than " + sizeString(limit) + " uncompressed, " + why + ": skipped")
		return "", 0, false
	}
	cost := int64(len(data)) * parseWeight
	if !l.budget.take(cost) {
		res.fail("too large for what is left of the memory budget: skipped")
		return "", 0, false
	}
	dec := decode(data, format)
	if len(bytes.TrimSpace(data)) == 0 || strings.TrimSpace(dec.text) == "" {
		l.budget.give(cost)
		res.fail("empty file")
		return "", 0, false
	}
	if dec.loss != "" {
		res.problems = append(res.problems, Problem{Path: res.display, Reason: "read as " + dec.encoding + ": " + dec.loss, Partial: true})
	}
	return Sanitize(dec.text), cost, true
}

// parse hands the text of a file to its format's parser and finishes
// the articles it makes.
func (l *loader) parse(res fileResult, j fileJob, format, text string) fileResult {
	switch format {
	case formatJSON, formatCSV, formatTSV, formatFeed:
		var recs []parsedRecord
		var err error
		switch format {
		case formatJSON:
			recs, err = l.text.readJSON(text)
		case formatFeed:
			recs, err = l.text.readFeed(text)
		case formatCSV:
			recs, err = l.text.readCSV(text, 0)
		default:
			recs, err = l.text.readCSV(text, '\t')
		}
		if err != nil {
			res.fail(err.Error())
			return res
		}
		if len(recs) == 1 && recs[0].single {
			return l.addOne(res, recs[0].draft, j, format)
		}
		l.addRecords(&res, j, format, recs)
		if len(res.articles) == 0 && len(recs) == 0 {
			res.fail("no articles")
		}
		return res
	case formatHTML:
		d, err := l.text.readHTMLPage(text)
		if err != nil {
			res.fail(err.Error())
			return res
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
func (l *loader) addOne(res fileResult, d draft, j fileJob, format string) fileResult {
	if a := l.finish(d, j, format); a != nil {
		res.articles = append(res.articles, a)
		return res
	}
	if !l.budget.spent.Load() {
		res.problems = append(res.problems, Problem{Path: j.display, Reason: "no article text found"})
	}
	return res
}

// finished is one record of a multi-article file after finishing: its
// article, or the reason it made none (or both, for a record read with a
// loss).
type finished struct {
	rec     parsedRecord
	article *corpus.Article
}

// finishRecord turns one parsed record into an article. A record that
// would have made one past the memory budget makes none, and no problem:
// the budget's own says so.
func (l *loader) finishRecord(p parsedRecord, j fileJob, format string) finished {
	if p.draft.title == "" && len(p.draft.paragraphs) == 0 {
		return finished{rec: p}
	}
	jj := j
	jj.id = recordID(j.id, p.key, p.n)
	a := l.finish(p.draft, jj, format)
	if a == nil && !l.budget.spent.Load() {
		p.problem = "no title or text"
	}
	return finished{rec: p, article: a}
}

// addRecords finishes the articles of a multi-article file.
func (l *loader) addRecords(res *fileResult, j fileJob, format string, recs []parsedRecord) {
	var t recordTally
	for _, p := range recs {
		if l.budget.spent.Load() {
			break
		}
		t.add(l.finishRecord(p, j, format))
	}
	t.collect(res, j)
}

// finishDigest reads what is left of f into the hash, so that the digest
// covers the whole file even when parsing stopped early.
func finishDigest(res *fileResult, hash *digester, f fs.File) {
	var buf [4096]byte
	if _, err := io.CopyBuffer(hash, struct{ io.Reader }{f}, buf[:]); err != nil {
		return
	}
	res.digest = hash.sum()
}

// fileReaders are the read buffers of one file: its bytes, and its text
// (the same, or what gzip makes of them).
type fileReaders struct{ raw, text *bufio.Reader }

// readers returns read buffers recycled from a file done with, or new
// ones: most articles are a few KB, and zeroing fresh buffers for each
// was a tenth of the time a folder took to load.
func (l *loader) readers() *fileReaders {
	if rd, ok := l.buffers.Get().(*fileReaders); ok {
		return rd
	}
	return &fileReaders{raw: bufio.NewReaderSize(nil, 64<<10), text: bufio.NewReaderSize(nil, 64<<10)}
}

// release gives back read buffers that nothing reads any more.
func (l *loader) release(rd *fileReaders) {
	rd.raw.Reset(nil)
	rd.text.Reset(nil)
	l.buffers.Put(rd)
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
	if errors.Is(err, errBomb) {
		return err.Error()
	}
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
		if c := head[i]; c < utf8.RuneSelf { // ASCII, most of it: no decoding
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
				bad++
			}
			i++
			continue
		}
		// A multi-byte character is no control character: only a byte
		// that is not UTF-8 nor a Windows-1252 letter counts against.
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && head[i] < 0xa0 && !isWindows1252Printable(head[i]) {
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
