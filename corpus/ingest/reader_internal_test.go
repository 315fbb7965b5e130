package ingest

import (
	"strings"
	"testing"
)

// TestFromReaderBound reads a stream past its bound: what came before it
// loads, and the stream is a problem that says why the rest was not read.
func TestFromReaderBound(t *testing.T) {
	line := `{"title":"Un titre","text":"Un texte assez long pour la ligne."}` + "\n"
	src := FromReader("stdin", strings.NewReader(strings.Repeat(line, 300)))
	src.fsys.(*readerFS).r.(*boundedReader).left = int64(200*len(line) + 10)
	src.fsys.(*readerFS).r.(*boundedReader).limit = int64(200*len(line) + 10)
	c, probs := Load([]Source{src}, Options{})
	if c.Len() != 200 || len(probs) != 1 || !strings.Contains(probs[0].Line(), "the limit for a stream: the rest is not read") {
		t.Errorf("%d articles, problems %v", c.Len(), probs)
	}
}
