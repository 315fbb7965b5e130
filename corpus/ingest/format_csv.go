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
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
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
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
				err = pe.Err
			}
			out = append(out, parsedRecord{n: line, line: true, problem: err.Error()})
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
