package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readCSV parses a table with a header row whose column names are the
// record fields (title, date, text...). comma is the separator: ',' for
// CSV, '\t' for TSV, or 0 to guess it from the header line (',' ';' or
// tab, as spreadsheets export). A row that cannot be read is reported by
// its line number and the others are kept.
func (r *extractor) readCSV(text string, comma rune) ([]parsedRecord, error) {
	if comma == 0 {
		comma = sniffComma(text)
	}
	cr := newCSVReader(text, comma)
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("no header row")
		}
		return nil, fmt.Errorf("header row: %w", err)
	}
	names := make([]string, len(header))
	known := false
	for i, h := range header {
		names[i] = strings.TrimSpace(h)
		nk := normKey(names[i])
		for _, keys := range [][]string{titleKeys, textKeys} {
			for _, k := range keys {
				if nk == k {
					known = true
				}
			}
		}
	}
	if !known {
		return nil, fmt.Errorf("header row names no title or text column (%s)", strings.Join(names, ", "))
	}
	var out []parsedRecord
	rows := csvRows{text: text, comma: comma, header: len(names)}
	rows.start(cr)
	for {
		row, line, problem, err := rows.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if problem != "" {
			out = append(out, parsedRecord{n: line, line: true, problem: problem})
			continue
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		rec := make(record, len(names))
		for i, v := range row {
			if i < len(names) && names[i] != "" {
				rec[names[i]] = v
			}
		}
		p := parsedRecord{n: line, line: true}
		p.draft, p.key = r.recordDraft(rec)
		if p.draft.title == "" && len(p.draft.paragraphs) == 0 {
			p.problem = "no title or text"
		} else if len(row) > len(names) {
			p.problem = fmt.Sprintf("%d fields, the header has %d: the extra ones are ignored", len(row), len(names))
		}
		out = append(out, p)
	}
}

// csvRows reads the rows of a table after its header, so that one broken
// row cannot take the others with it: a row read over several lines (a
// quoted field holds line breaks) must hold well-formed quotes, else its
// quote never closed and it swallowed the rows after it. Then only its
// first line is the bad row, reported, and reading starts again on the
// line after it.
type csvRows struct {
	text   string
	comma  rune
	header int
	cr     *csv.Reader
	// base is the byte offset of cr's input in text, baseLine the number
	// of lines before it.
	base, baseLine int
}

// start reads on with cr, which has read the header.
func (c *csvRows) start(cr *csv.Reader) { c.cr = cr }

// restart reads anew from byte offset at of the text, line line.
func (c *csvRows) restart(at, line int) {
	c.cr = newCSVReader(c.text[at:], c.comma)
	c.base, c.baseLine = at, line-1
}

// next returns the next row and its line, or the reason the row on that
// line cannot be read, or io.EOF.
func (c *csvRows) next() (row []string, line int, problem string, err error) {
	from := c.base + int(c.cr.InputOffset())
	row, err = c.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, "", err
	}
	first, _ := c.cr.FieldPos(0)
	line = c.baseLine + first
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line, err = c.baseLine+pe.Line, pe.Err
		}
		return nil, line, err.Error(), nil
	}
	to := c.base + int(c.cr.InputOffset())
	raw := c.text[from:to]
	if strings.Count(strings.TrimRight(raw, "\r\n"), "\n") > 0 && !wellQuoted(raw, c.comma) {
		// The quote opened on this line never closed: the line is the bad
		// row; the rows it swallowed are read again.
		for from < to && (c.text[from] == '\n' || c.text[from] == '\r') {
			from++ // blank lines before the row
		}
		c.restart(from+strings.IndexByte(c.text[from:], '\n')+1, line+1)
		return nil, line, "a quote opened in this row never closes: the row is skipped", nil
	}
	return row, line, "", nil
}

// wellQuoted reports whether raw, one row of a table, reads without error
// when quotes must be well formed.
func wellQuoted(raw string, comma rune) bool {
	cr := csv.NewReader(strings.NewReader(raw))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	_, err := cr.Read()
	return err == nil
}

// newCSVReader returns a reader of a table as gazette reads them: quotes
// read leniently (a stray quote inside a field is text), rows of any
// length.
func newCSVReader(text string, comma rune) *csv.Reader {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	return cr
}

// sniffComma guesses the separator of a table from its first line: the
// most frequent of tab, semicolon and comma.
func sniffComma(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(first, ",")
	for _, c := range []rune{';', '\t'} {
		if k := strings.Count(first, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}
