package ingest_test

import (
	"testing"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

func TestProblemKindAndLine(t *testing.T) {
	for _, tt := range []struct {
		p          ingest.Problem
		kind, line string
	}{
		{ingest.Problem{Path: "a.txt", Reason: "empty file"}, "failed", "a.txt: empty file"},
		{ingest.Problem{Path: "d.jsonl:4", Reason: "invalid JSON", Partial: true}, "partial", "d.jsonl:4: invalid JSON"},
		{ingest.Problem{Path: "copy.txt", Reason: "byte-identical to a.txt: loaded once", Duplicate: "a.txt"}, "duplicate", "copy.txt: byte-identical to a.txt: loaded once"},
		// A file name cannot forge a line: "gazette: x: y" stays on this one.
		{ingest.Problem{Path: "evil\ngazette: fake.txt\x1b[2J", Reason: "bad\tthing"}, "failed", `evil\ngazette: fake.txt\x1b[2J: bad\tthing`},
	} {
		if got := tt.p.Kind(); got != tt.kind {
			t.Errorf("%+v: kind %q, want %q", tt.p, got, tt.kind)
		}
		if got := tt.p.Line(); got != tt.line || tt.p.Error() != tt.line {
			t.Errorf("%+v: line %q, want %q", tt.p, got, tt.line)
		}
	}
}
