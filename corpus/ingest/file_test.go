package ingest_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// article is a small valid plain-text article.
func article(title string) string {
	return title + " en plusieurs mots\n\n2019-10-09\n\nUn paragraphe de texte.\n"
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// problemFor returns the reason given for path, or "".
func problemFor(probs []ingest.Problem, path string) string {
	for _, p := range probs {
		if p.Path == path {
			return p.Reason
		}
	}
	return ""
}

// TestSymlinks: a link loop and a dangling link are reported, a link to a
// folder is not followed (so a loop of folders cannot trap the walk), and
// a link to a file is read.
func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real.txt"), article("Vrai"))
	links := map[string]string{
		"loop.txt":      "loop.txt",
		"a.txt":         "b.txt",
		"b.txt":         "a.txt",
		"dangling.txt":  "nowhere.txt",
		"alias.txt":     "real.txt",
		"sub/up":        "..",
		"sub/upfile.md": "..",
	}
	for name, target := range links {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if c.Len() != 1 {
		t.Errorf("%d articles, want real.txt once (alias.txt is its byte-identical copy)", c.Len())
	}
	for name, want := range map[string]string{
		"loop.txt":      "too many levels of symbolic links",
		"a.txt":         "too many levels of symbolic links",
		"b.txt":         "too many levels of symbolic links",
		"dangling.txt":  "no such file or directory",
		"sub/upfile.md": "is a directory",
		"real.txt":      "byte-identical to " + filepath.Join(dir, "alias.txt"),
	} {
		if got := problemFor(probs, filepath.Join(dir, name)); !strings.Contains(got, want) {
			t.Errorf("%s: problem %q, want %q", name, got, want)
		}
	}
}

// TestNamedPipe: a FIFO with an article's name is reported, not opened
// (opening it would block the load forever).
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.txt"), article("Bon"))
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	c, probs := ingest.LoadPaths([]string{dir, filepath.Join(dir, "pipe.txt")}, ingest.Options{})
	if c.Len() != 1 {
		t.Errorf("%d articles, want 1", c.Len())
	}
	if got := problemFor(probs, filepath.Join(dir, "pipe.txt")); got != "not a regular file (named pipe): skipped" {
		t.Errorf("pipe: %q (all: %v)", got, probs)
	}
}

// TestUnreadableOnDisk: a file and a folder without read permission are
// reported and the rest loads. Root reads them anyway, so the test needs
// another user; TestUnreadable covers the same path with a file system
// that refuses.
func TestUnreadableOnDisk(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which may read files whatever their mode; TestUnreadable checks the same reporting through an fs.FS that denies access")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.txt"), article("Bon"))
	write(t, filepath.Join(dir, "secret.txt"), article("Secret"))
	write(t, filepath.Join(dir, "closed", "inside.txt"), article("Dedans"))
	for _, p := range []string{"secret.txt", "closed"} {
		if err := os.Chmod(filepath.Join(dir, p), 0); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "closed"), 0o755) })
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if c.Len() != 1 {
		t.Errorf("%d articles, want 1", c.Len())
	}
	for _, p := range []string{"secret.txt", "closed"} {
		if got := problemFor(probs, filepath.Join(dir, p)); got != "permission denied" {
			t.Errorf("%s: %q (all %v)", p, got, probs)
		}
	}
}

// denyFS refuses to open the paths in deny, as a file system does for
// files its user may not read.
type denyFS struct {
	fstest.MapFS
	deny map[string]bool
}

func (d denyFS) Open(name string) (fs.File, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

func (d denyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadDir(name)
}

func (d denyFS) Stat(name string) (fs.FileInfo, error) { return d.MapFS.Stat(name) }

// TestUnreadable: a file and a folder that cannot be opened are reported
// by name, and the rest loads.
func TestUnreadable(t *testing.T) {
	fsys := denyFS{
		MapFS: fstest.MapFS{
			"ok.txt":            {Data: []byte(article("Bon"))},
			"secret.txt":        {Data: []byte(article("Secret"))},
			"closed/inside.txt": {Data: []byte(article("Dedans"))},
		},
		deny: map[string]bool{"secret.txt": true, "closed": true},
	}
	c, probs := ingest.LoadFS("news", fsys)
	if c.Len() != 1 {
		t.Errorf("%d articles, want 1", c.Len())
	}
	want := []string{"news/closed: permission denied", "news/secret.txt: permission denied"}
	if len(probs) != 2 || probs[0].Error() != want[0] || probs[1].Error() != want[1] || probs[0].Partial {
		t.Errorf("problems %v, want %v", probs, want)
	}
}

// TestDeepNesting: a file 200 folders down loads, with its path as ID.
func TestDeepNesting(t *testing.T) {
	dir := t.TempDir()
	rel := strings.Repeat("d/", 200) + "deep.txt"
	write(t, filepath.Join(dir, filepath.FromSlash(rel)), article("Profond"))
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if _, ok := c.ByID(strings.TrimSuffix(rel, ".txt")); !ok || len(probs) != 0 {
		t.Errorf("deep file not loaded: %d articles, problems %v", c.Len(), probs)
	}
}

// TestGzipBomb: a small gzip file that inflates past the size limit is
// reported without being inflated whole.
func TestGzipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("Titre\n\n"))
	zeros := make([]byte, 1<<20)
	for range 3 {
		zw.Write(bytes.ReplaceAll(zeros, []byte{0}, []byte{'a'}))
	}
	zw.Close()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "bomb.txt.gz"), buf.String())
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{MaxFileSize: 1 << 20})
	if c.Len() != 0 || len(probs) != 1 || probs[0].Reason != "larger than 1 MiB uncompressed, the limit for a text file: skipped" {
		t.Errorf("%d articles, problems %v", c.Len(), probs)
	}
}

// hugeTests gates the tests that write hundreds of megabytes or a hundred
// thousand files: run them with GAZETTE_HUGE=1 go test -run Huge ./corpus.
func hugeTests(t *testing.T) {
	t.Helper()
	if testing.Short() || os.Getenv("GAZETTE_HUGE") == "" {
		t.Skip("writes hundreds of MB; set GAZETTE_HUGE=1 to run")
	}
}

// TestHugeSingleFile: a 200 MB text file is reported as too large without
// being read, a 200 MB JSON Lines file streams and loads, and the other
// files of the folder load.
func TestHugeSingleFile(t *testing.T) {
	hugeTests(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.txt"), article("Bon"))
	big, err := os.Create(filepath.Join(dir, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line := bytes.Repeat([]byte("Une ligne de texte sans fin. "), 1000)
	line = append(line, '\n')
	for written := 0; written < 200<<20; written += len(line) {
		if _, err := big.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	big.Close()
	jl, err := os.Create(filepath.Join(dir, "big.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for written := 0; written < 200<<20; n++ {
		k, err := fmt.Fprintf(jl, `{"id":%d,"title":"Article %d","date":"2024-06-17","text":"%s"}`+"\n", n, n, bytes.TrimSpace(line))
		if err != nil {
			t.Fatal(err)
		}
		written += k
	}
	jl.Close()
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if c.Len() != n+1 {
		t.Errorf("%d articles, want %d", c.Len(), n+1)
	}
	if len(probs) != 1 || probs[0].Reason != "too large: 200 MiB, the limit for a text file is 64 MiB: skipped" {
		t.Errorf("problems %v", probs)
	}
}

// TestHugeJSONLine: one 50 MB line among short ones loads.
func TestHugeJSONLine(t *testing.T) {
	hugeTests(t)
	dir := t.TempDir()
	body := strings.Repeat("Une phrase du très long article. ", 50<<20/33)
	text := `{"title":"court","text":"a"}` + "\n" + fmt.Sprintf(`{"title":"long","text":%q}`, body) + "\n" + `{"title":"fin","text":"b"}` + "\n"
	write(t, filepath.Join(dir, "line.jsonl"), text)
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	a, ok := c.ByID("line/2")
	if c.Len() != 3 || !ok || a.Words != 6*(50<<20/33) || len(probs) != 0 {
		t.Errorf("%d articles, long one %v, problems %v", c.Len(), ok, probs)
	}
}

// TestHugeFolder: 100 000 files in one folder all load.
func TestHugeFolder(t *testing.T) {
	hugeTests(t)
	dir := t.TempDir()
	const n = 100_000
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%06d.txt", i)), []byte(article(fmt.Sprintf("Article %d", i))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if c.Len() != n || len(probs) != 0 {
		t.Errorf("%d articles, want %d; %d problems", c.Len(), n, len(probs))
	}
}

// TestSniffNamedFiles: a file named on the command line with an extension
// that says nothing is read in the format its content shows.
func TestSniffNamedFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"export.dat":  `{"title":"Un","text":"a"}` + "\n" + `{"title":"Deux","text":"b"}` + "\n",
		"array.out":   `[{"title":"Trois","text":"c"}]`,
		"page.bin":    "<!DOCTYPE html><html><head><title>Quatre</title></head><body><article><p>" + strings.Repeat("Du texte de page web. ", 20) + "</p></article></body></html>",
		"notes":       "---\ntitle: Cinq\n---\nCorps.\n",
		"README":      article("Six"),
		"wrongly.txt": `{"title":"Sept","text":"g"}`,
	}
	var paths []string
	for name, text := range files {
		write(t, filepath.Join(dir, name), text)
		paths = append(paths, filepath.Join(dir, name))
	}
	c, probs := ingest.LoadPaths(paths, ingest.Options{})
	got := map[string]string{}
	for _, a := range c.Articles() {
		got[a.ID] = a.Format + " " + a.Title
	}
	want := map[string]string{
		"export/1": "jsonl Un", "export/2": "jsonl Deux", "array/1": "json Trois", "page": "html Quatre",
		"notes": "markdown Cinq", "README": "text Six en plusieurs mots",
		// The extension wins when it names a format.
		"wrongly": `text {"title":"Sept","text":"g"}`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(probs) != 0 {
		t.Errorf("got %v\nwant %v\nproblems %v", got, want, probs)
	}
}

// TestNamesNotUTF8: a file whose name is not UTF-8 loads, its name shown
// with U+FFFD.
func TestNamesNotUTF8(t *testing.T) {
	dir := t.TempDir()
	name := "r\xe9sum\xe9.txt" // Latin-1, as an old archive names it
	if err := os.WriteFile(filepath.Join(dir, name), []byte(article("Un nom en Latin-1")), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if c.Len() != 1 || len(probs) != 0 {
		t.Fatalf("%d articles, problems %q", c.Len(), probs)
	}
	if a := c.At(0); a.ID != "r\ufffdsum\ufffd" || !utf8.ValidString(a.Source) {
		t.Errorf("ID %q, source %q", a.ID, a.Source)
	}
}

// TestLinksOutsideTheFolder: a link to a file elsewhere on the machine is
// not read, and is counted; a link inside the folder is; --follow-links
// reads both.
func TestLinksOutsideTheFolder(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.txt"), article("Ailleurs"))
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real.txt"), article("Ici"))
	for name, target := range map[string]string{"passwd.txt": filepath.Join(outside, "secret.txt"), "inside.txt": "real.txt"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	want := dir + ": 1 file skipped, no articles: 1 a link to a file outside the folder (--follow-links reads it)"
	if _, ok := c.ByID("passwd"); ok || c.Len() != 1 || problemFor(probs, dir) == "" || probs[0].Error() != want {
		t.Errorf("%d articles, problems %q, want %q", c.Len(), probs, want)
	}
	c, _ = ingest.LoadPaths([]string{dir}, ingest.Options{FollowLinks: true})
	if _, ok := c.ByID("passwd"); !ok {
		t.Error("--follow-links did not read the link's target")
	}
}
