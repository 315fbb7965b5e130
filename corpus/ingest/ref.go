package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/gazette-reader/gazette/corpus"
)

// The references of the loader's fast paths: each computes the plain way
// what its fast path computes with a shortcut. equivalence_test.go holds
// each pair together, and its fuzzers search for inputs where they part.

// scanCleanRef is scanClean the long way: the text is clean when
// sanitising and collapsing its spaces leave it as it is, and its words
// are CountWords's.
func scanCleanRef(s string) (words int, ok bool) {
	if collapseSpace(Sanitize(s)) != s {
		return 0, false
	}
	return CountWords(s), true
}

// isCollapsedRef is isCollapsed by collapseSpace's general path.
func isCollapsedRef(s string) bool { return collapseRuns(s) == s }

// isoDateRef is isoDate by the general date finder: what it reads in s
// when the date is all of s.
func isoDateRef(f *DateFinder, s string) (corpus.Date, bool) {
	d, start, end, ok := f.Find(s)
	return d, ok && start == 0 && end == len(s)
}

// isPageDumpRef is isPageDump with the patterns of the dump reader.
func isPageDumpRef(lines []string) bool {
	refs, bullets, forms := 0, 0, 0
	for i, l := range lines {
		t := strings.TrimSpace(l)
		for _, m := range browserMarks {
			if strings.HasPrefix(t, m) {
				return true
			}
		}
		if t == "References" && i+2 < len(lines) && referenceLine().MatchString(lines[i+2]) {
			return true
		}
		if linkRef().MatchString(t) {
			refs++
		}
		if bulletLine().MatchString(l) && len(strings.Fields(t)) <= 6 {
			bullets++
		}
		if formField().MatchString(t) {
			forms++
		}
	}
	return refs >= 8 || (forms >= 1 && bullets >= 8) || bullets >= 25
}

// readLineRef is readLine in one growing buffer.
func readLineRef(br *bufio.Reader, limit int) ([]byte, bool, error) {
	line, err := br.ReadBytes('\n')
	if len(line) > limit+2 {
		return nil, true, err
	}
	return bytes.TrimRight(line, "\r\n"), false, err
}

// parseJSONValueRef decodes data as jsonLine's fallback does, and as
// parseJSONValue must: encoding/json with UseNumber, one value and
// nothing after it.
func parseJSONValueRef(data []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return v, true
}
