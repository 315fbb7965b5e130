package ingest_test

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// TestFromReader loads a corpus from a stream whose format only its
// content tells: JSON Lines, gzip'ed JSON Lines, and a plain-text scrape.
func TestFromReader(t *testing.T) {
	dump := `{"id":"a","title":"Premier titre","date":"2019-10-09","text":"Un texte."}` + "\n" +
		`{"id":"b","title":"Second titre","text":"Un autre texte."}` + "\n" + "not json\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(dump))
	zw.Close()
	for name, in := range map[string]string{"jsonl": dump, "gzip": gz.String()} {
		c, probs := ingest.Load([]ingest.Source{ingest.FromReader("stdin", strings.NewReader(in))}, ingest.Options{})
		if c.Len() != 2 || c.At(0).ID != "stdin/a" || c.At(0).Format != "jsonl" || c.At(0).Source != "stdin" {
			t.Errorf("%s: %d articles, first %+v", name, c.Len(), c.At(0))
		}
		if len(probs) != 1 || !strings.HasPrefix(probs[0].Line(), "stdin:3: invalid JSON") || probs[0].Kind() != ingest.KindPartial {
			t.Errorf("%s: problems %v", name, probs)
		}
	}
	c, probs := ingest.Load([]ingest.Source{ingest.FromReader("stdin", strings.NewReader("Un titre de scrape\n\n2019-10-09\n\nLe texte de l'article.\n"))}, ingest.Options{})
	if c.Len() != 1 || c.At(0).Title != "Un titre de scrape" || c.At(0).Format != "text" || len(probs) != 0 {
		t.Errorf("text: %d articles %+v, problems %v", c.Len(), c.At(0), probs)
	}
	_, probs = ingest.Load([]ingest.Source{ingest.FromReader("stdin", strings.NewReader(""))}, ingest.Options{})
	if len(probs) != 1 || probs[0].Line() != "stdin: empty file" {
		t.Errorf("empty: %v", probs)
	}
}
