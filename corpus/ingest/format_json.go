package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// wrapperKeys name the array of articles inside a wrapping object
// ({"metadata": ..., "articles": [...]}), in order of preference.
var wrapperKeys = []string{"articles", "items", "results", "data", "entries", "posts", "documents", "docs", "records", "stories", "news", "hits", "response"}

// readJSON parses a JSON document: an array of article objects, an object
// that wraps such an array, or one article object. A file that holds
// several documents one after another is read as JSON Lines.
func (r *extractor) readJSON(text string) ([]parsedRecord, error) {
	if doc, ok := parseJSONValue([]byte(text), false); ok {
		return r.jsonRecords(doc, 0)
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("invalid JSON: %s", jsonReason(err, text))
	}
	if _, err := dec.Token(); err != io.EOF {
		// Another value follows: JSON Lines under a .json name.
		return r.readJSONLinesText(text), nil
	}
	return r.jsonRecords(doc, 0)
}

// jsonRecords finds the articles of a decoded JSON document.
func (r *extractor) jsonRecords(doc any, depth int) ([]parsedRecord, error) {
	switch v := doc.(type) {
	case []any:
		out := make([]parsedRecord, 0, len(v))
		for i, e := range v {
			out = append(out, r.jsonRecord(e, i+1, "record"))
		}
		return out, nil
	case map[string]any:
		if list, ok := articleList(v); ok && depth < 2 {
			return r.jsonRecords(list, depth+1)
		}
		rec := r.jsonRecord(v, 1, "object")
		if rec.problem != "" {
			return nil, errors.New("no articles: neither an article object nor an object holding a list of articles")
		}
		rec.single = depth == 0
		return []parsedRecord{rec}, nil
	}
	return nil, errors.New("no articles: the document is not an object or an array")
}

// articleList returns the list of articles an object wraps, if it is a
// wrapper rather than an article: it has no text field of its own and a
// value under a known key (or its only list of objects) is a list, or an
// object that holds one ({"response": {"results": [...]}}).
func articleList(obj map[string]any) (any, bool) {
	f := fieldsOf(obj)
	for _, k := range textKeys {
		if v, ok := f[k]; ok && !isEmpty(v) {
			if _, isList := v.([]any); !isList || !listOfObjects(v) {
				return nil, false
			}
		}
	}
	for _, k := range wrapperKeys {
		v, ok := f[k]
		if !ok {
			continue
		}
		if listOfObjects(v) {
			return v, true
		}
		if inner, ok := v.(map[string]any); ok {
			if list, ok := articleList(inner); ok {
				return list, true
			}
		}
	}
	// The only list of objects, whatever its name.
	var found any
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(revisionKeys, k) || slices.Contains(personKeys, k) || slices.Contains(tagKeys, k) {
			continue
		}
		if listOfObjects(f[k]) {
			if found != nil {
				return nil, false
			}
			found = f[k]
		}
	}
	return found, found != nil
}

func listOfObjects(v any) bool {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return false
	}
	_, ok = list[0].(map[string]any)
	return ok
}

// jsonRecord maps one decoded value onto an article.
func (r *extractor) jsonRecord(v any, n int, what string) parsedRecord {
	obj, ok := v.(map[string]any)
	if !ok {
		return parsedRecord{n: n, problem: recordReason(what, n, "not an object")}
	}
	d, key := r.recordDraft(obj)
	if d.title == "" && len(d.paragraphs) == 0 {
		return parsedRecord{n: n, problem: recordReason(what, n, "no title or text field")}
	}
	return parsedRecord{draft: d, key: key, n: n}
}

// jsonLines reads JSON Lines from src and hands each record to emit as
// soon as it is read; see scanLines. invalid counts the lines whose invalid
// UTF-8 was replaced.
func (r *extractor) jsonLines(src io.Reader, maxLine int, emit func(parsedRecord)) (invalid int, err error) {
	err = scanLines(src, maxLine, func(n int, line []byte, tooLong bool) bool {
		if tooLong {
			emit(tooLongRecord(n, maxLine))
			return true
		}
		p, lossy := r.jsonLine(line, n)
		if lossy {
			invalid++
		}
		emit(p)
		return true
	})
	return invalid, err
}

// scanLines reads src one line at a time, so that neither the file nor a
// long line has to fit a fixed buffer: a line may be as long as maxLine
// bytes; a longer one is passed on as tooLong without being held in
// memory. Blank lines are skipped; n counts every line from 1. line is
// only valid during the call; fn returns false to stop reading.
func scanLines(src io.Reader, maxLine int, fn func(n int, line []byte, tooLong bool) bool) error {
	br := bufio.NewReaderSize(src, 64<<10)
	var line []byte
	for n := 1; ; n++ {
		var tooLong bool
		var err error
		line, tooLong, err = readLine(br, line[:0], maxLine)
		if err != nil && err != io.EOF {
			return err
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, bomUTF8)
		}
		if tooLong || len(bytes.TrimSpace(line)) > 0 {
			if !fn(n, line, tooLong) {
				return nil
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// decodeLine makes one line of JSON Lines valid UTF-8: legacy
// Windows-1252 text is decoded, invalid bytes in UTF-8 text are replaced,
// which lossy reports.
func decodeLine(line []byte) (out []byte, lossy bool) {
	if utf8.Valid(line) {
		return line, false
	}
	d := decodeText(line)
	return []byte(d.text), d.loss != ""
}

func tooLongRecord(n, maxLine int) parsedRecord {
	return parsedRecord{n: n, line: true, problem: fmt.Sprintf("line longer than %s, skipped", sizeString(int64(maxLine)))}
}

// jsonLine parses one line of JSON Lines, and reports whether its invalid
// UTF-8 was replaced (see decodeLine).
func (r *extractor) jsonLine(line []byte, n int) (p parsedRecord, lossy bool) {
	// The fast path checks the UTF-8 of the strings as it reads them,
	// which is all a valid record needs.
	v, ok := parseJSONValue(line, false)
	if !ok && !utf8.Valid(line) {
		line, lossy = decodeLine(line)
		v, ok = parseJSONValue(line, true)
	}
	if ok {
		p = r.jsonRecord(v, n, "")
		p.line = true
		return p, lossy
	}
	return r.slowJSONLine(line, n), lossy
}

// slowJSONLine parses a line with encoding/json, for the message that
// says why it is not valid JSON.
func (r *extractor) slowJSONLine(line []byte, n int) parsedRecord {
	var v any
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return parsedRecord{n: n, line: true, problem: "invalid JSON: " + jsonReason(err, string(line))}
	}
	if _, err := dec.Token(); err != io.EOF {
		return parsedRecord{n: n, line: true, problem: "invalid JSON: more than one value on the line"}
	}
	p := r.jsonRecord(v, n, "")
	p.line = true
	return p
}

// readJSONLinesText reads JSON Lines already in memory.
func (r *extractor) readJSONLinesText(text string) []parsedRecord {
	var out []parsedRecord
	_, _ = r.jsonLines(strings.NewReader(text), len(text)+1, func(p parsedRecord) { out = append(out, p) })
	return out
}

// readLine appends the next line of br (without its line ending) to buf.
// Past limit bytes it stops keeping the line, lets go of what it held and
// reports it too long, but still consumes it to its end. A long line is
// gathered in pieces of bigPiece bytes and joined once at its end, so
// that growing it leaves no trail of ever larger copies behind: a line of
// 300 MB costs what limit allows while it is read, and nothing after.
func readLine(br *bufio.Reader, buf []byte, limit int) ([]byte, bool, error) {
	tooLong := false
	var pieces [][]byte // past bigPiece bytes, the line's bytes after buf
	size := len(buf)
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			switch {
			case size+len(chunk) > limit+2: // +2: the line ending
				tooLong = true
				buf, pieces = nil, nil // the next lines need not keep its room
			case pieces == nil && len(buf)+len(chunk) <= bigPiece:
				buf = append(buf, chunk...)
			default:
				if len(pieces) == 0 || len(pieces[len(pieces)-1])+len(chunk) > bigPiece {
					pieces = append(pieces, make([]byte, 0, max(bigPiece, len(chunk))))
				}
				last := &pieces[len(pieces)-1]
				*last = append(*last, chunk...)
			}
			size += len(chunk)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if len(pieces) > 0 {
			line := make([]byte, 0, size)
			line = append(line, buf...)
			for _, p := range pieces {
				line = append(line, p...)
			}
			buf = line
		}
		return bytes.TrimRight(buf, "\r\n"), tooLong, err
	}
}

// bigPiece is the size of the pieces in which readLine gathers a long
// line.
const bigPiece = 1 << 20

// jsonReason words a JSON error for people, with the line and column of a
// syntax error in text.
func jsonReason(err error, text string) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(min(se.Offset, int64(len(text))))
		line := 1 + strings.Count(text[:off], "\n")
		col := off - strings.LastIndexByte(text[:off], '\n')
		if line > 1 {
			return fmt.Sprintf("%v (line %d, column %d)", err, line, col)
		}
		return fmt.Sprintf("%v (column %d)", err, col)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "unexpected end of data"
	}
	return err.Error()
}
