package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"sync"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// linesPerBatch is how many JSON Lines records a worker parses at a time.
const linesPerBatch = 256

// lineBatch is a run of JSON Lines handed to a parsing worker: the lines'
// bytes one after another in buf, which goes back to the reader for
// another batch once parsed (nothing parsed keeps a slice of it).
type lineBatch struct {
	seq   int
	lines []rawLine
	buf   []byte
}

type rawLine struct {
	n          int
	start, end int // the line is buf[start:end]
	tooLong    bool
}

// batchBufSize is the capacity a batch buffer starts with; one that grew
// past maxBatchBuf for a huge line is not reused.
const (
	batchBufSize = 1 << 20
	maxBatchBuf  = 8 << 20
)

// readJSONLines streams a JSON Lines file: one goroutine reads lines while
// the others parse and finish them in batches, so that a single large
// dump uses every core; records keep their file order.
func (l *loader) readJSONLines(res *fileResult, j fileJob, src *bufio.Reader, limit int64) {
	var r io.Reader = src
	if head, _ := src.Peek(2); bytes.Equal(head, bomUTF16LE) || bytes.Equal(head, bomUTF16BE) {
		r = transform.NewReader(src, unicode.BOMOverride(unicode.UTF8.NewDecoder()))
	}
	workers := l.workers()
	p := &jsonlParse{l: l, j: j, maxLine: int(min(limit, math.MaxInt32)), free: make(chan []byte, 2*workers+2)}
	batches := make(chan lineBatch, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { p.work(batches) })
	}
	count := 0
	cur := p.newBatch(0)
	err := scanLines(r, p.maxLine, func(n int, line []byte, tooLong bool) bool {
		if l.budget.spent.Load() {
			return false // the load takes no more articles: stop reading
		}
		count++
		// line's buffer is reused; the workers check and decode the copy.
		start := len(cur.buf)
		cur.buf = append(cur.buf, line...)
		cur.lines = append(cur.lines, rawLine{n: n, start: start, end: len(cur.buf), tooLong: tooLong})
		if len(cur.lines) == linesPerBatch || len(cur.buf) >= batchBufSize {
			batches <- cur
			cur = p.newBatch(cur.seq + 1)
		}
		return true
	})
	if len(cur.lines) > 0 {
		batches <- cur
	}
	close(batches)
	wg.Wait()
	res.arrived = true // the batches handed their articles to the progress
	var all recordTally
	for _, done := range p.results {
		if done != nil {
			all.merge(done)
		}
	}
	all.collect(res, j)
	if err != nil {
		res.problems = append(res.problems, Problem{Path: j.display, Reason: "read stopped: " + reason(err), Partial: len(res.articles)+all.emitted > 0})
	}
	if p.invalid > 0 {
		res.problems = append(res.problems, Problem{Path: j.display, Partial: true,
			Reason: fmt.Sprintf("invalid UTF-8 on %d line%s replaced with U+FFFD", p.invalid, plural(p.invalid))})
	}
	if count == 0 && err == nil {
		res.problems = append(res.problems, Problem{Path: j.display, Reason: "empty file"})
	}
}

// jsonlParse is what the workers parsing one JSON Lines file share: the
// batch buffers to reuse, and the records parsed, by batch.
type jsonlParse struct {
	l       *loader
	j       fileJob
	maxLine int
	free    chan []byte

	mu      sync.Mutex
	results []*recordTally // by batch
	invalid int            // lines whose invalid UTF-8 was replaced
	// sent counts the batches handed on, in a stream.
	sent int
}

// newBatch returns an empty batch, with a buffer given back by a worker
// when there is one.
func (p *jsonlParse) newBatch(seq int) lineBatch {
	b := lineBatch{seq: seq, lines: make([]rawLine, 0, linesPerBatch)}
	select {
	case b.buf = <-p.free:
	default:
		b.buf = make([]byte, 0, batchBufSize)
	}
	return b
}

// work parses and finishes the batches it receives until there are no
// more, giving their buffers back.
func (p *jsonlParse) work(batches <-chan lineBatch) {
	for b := range batches {
		done := &recordTally{}
		lossy := 0
		for _, ln := range b.lines {
			if p.l.budget.spent.Load() {
				break
			}
			rec := tooLongRecord(ln.n, p.maxLine)
			if !ln.tooLong {
				var loss bool
				if rec, loss = p.l.text.jsonLine(b.buf[ln.start:ln.end], ln.n); loss {
					lossy++
				}
			}
			done.add(p.l.finishRecord(rec, p.j, formatJSONL))
		}
		if cap(b.buf) <= maxBatchBuf {
			select {
			case p.free <- b.buf[:0]:
			default:
			}
		}
		p.l.opts.Progress.arrive(done.articles)
		p.mu.Lock()
		for len(p.results) <= b.seq {
			p.results = append(p.results, nil)
		}
		p.results[b.seq] = done
		p.invalid += lossy
		if p.l.stream != nil {
			// A stream hands the batches on in order, as they come.
			for p.sent < len(p.results) && p.results[p.sent] != nil {
				t := p.results[p.sent]
				p.l.stream.part(p.j.seq, t.articles)
				t.emitted, t.articles = len(t.articles), nil
				p.sent++
			}
		}
		p.mu.Unlock()
	}
}
