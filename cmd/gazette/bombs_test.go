package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// writeBomb writes to path a gzip stream of about size bytes of repeated
// chunk, as many gzip members of one compressed MiB: a 10 GiB bomb takes
// a few megabytes on disk and a fraction of a second to make.
func writeBomb(t *testing.T, path string, chunk []byte, size int64) {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	for written := 0; written < 1<<20; written += len(chunk) {
		zw.Write(chunk)
	}
	zw.Close()
	var all bytes.Buffer
	for range size >> 20 {
		all.Write(member.Bytes())
	}
	if err := os.WriteFile(path, all.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBombsUnderAnAddressSpaceLimit runs gazette check, as a process
// limited to 2 GiB of address space, on a folder holding a 10 GiB gzip
// bomb of JSON Lines, one of JSON and an ordinary article: it ends with
// exit 0 or 1, one problem line per bomb, the article loaded, and no
// "fatal error: out of memory".
func TestBombsUnderAnAddressSpaceLimit(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the address-space limit is set with ulimit -v")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gazette")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v: %s", err, out)
	}
	corpus := filepath.Join(dir, "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	writeBomb(t, filepath.Join(corpus, "lines.jsonl.gz"), []byte(`{"title":"Encore","text":"La même ligne, encore et encore, et encore."}`+"\n"), 10<<30)
	writeBomb(t, filepath.Join(corpus, "doc.json.gz"), []byte(`[{"title":"Encore","text":"La même ligne."},`), 10<<30)
	if err := os.WriteFile(filepath.Join(corpus, "ok.txt"), []byte("Un article ordinaire\n\n2020-01-02\n\nSon texte.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", `ulimit -v 2097152 && exec "$0" check "$1"`, bin, corpus)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if code != 0 && code != 1 || strings.Contains(stderr.String(), "fatal error") {
		t.Fatalf("exit %d (%v)\nstdout:\n%s\nstderr:\n%s", code, err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "Articles        ") || strings.Count(out, "decompression bomb") != 2 {
		t.Errorf("report:\n%s", out)
	}
	if !strings.Contains(out, "text 1") {
		t.Errorf("the ordinary article did not load:\n%s", out)
	}
}
