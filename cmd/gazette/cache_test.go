package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
)

// withCache gives the test a cache folder of its own and returns where
// the snapshots go.
func withCache(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	return filepath.Join(dir, "gazette")
}

func TestSecondRunOpensTheSnapshotAndPrintsTheSame(t *testing.T) {
	snaps := withCache(t)
	dir := t.TempDir()
	if _, err := corpustest.WriteDir(dir, 60, 2); err != nil {
		t.Fatal(err)
	}
	first, errOut, code := gazette(t, "search", "sécurité", dir, "--limit", "5")
	if code != 0 || errOut != "" {
		t.Fatalf("first run: exit %d, stderr %q", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(snaps, "*.snapshot"))
	if len(files) != 1 {
		t.Fatalf("%d snapshots after a load; want 1", len(files))
	}
	for _, args := range [][]string{{"search", "sécurité", dir, "--limit", "5"}, {"list", dir}, {"list", dir, "--no-cache"}} {
		again, errOut, code := gazette(t, args...)
		want, _, _ := gazette(t, append(args, "--no-cache")...)
		if code != 0 || errOut != "" || again != want {
			t.Errorf("%s: exit %d, stderr %q, printed:\n%s\nwant, from the sources:\n%s", strings.Join(args, " "), code, errOut, again, want)
		}
	}
	if again, _, _ := gazette(t, "search", "sécurité", dir, "--limit", "5"); again != first {
		t.Errorf("from the snapshot:\n%s\nwant:\n%s", again, first)
	}
}

func TestNoCacheWritesNoSnapshot(t *testing.T) {
	snaps := withCache(t)
	dir := t.TempDir()
	if _, err := corpustest.WriteDir(dir, 5, 2); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := gazette(t, "list", dir, "--no-cache"); code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if files, _ := filepath.Glob(filepath.Join(snaps, "*")); len(files) != 0 {
		t.Errorf("--no-cache wrote %q", files)
	}
}

// listThenDamage lists a folder of n generated articles, which saves its
// snapshot, then changes the snapshot's bytes with damage. It returns the
// folder and what the list printed.
func listThenDamage(t *testing.T, n int, damage func(data []byte)) (dir, want string) {
	t.Helper()
	snaps := withCache(t)
	dir = t.TempDir()
	if _, err := corpustest.WriteDir(dir, n, 3); err != nil {
		t.Fatal(err)
	}
	want, _, _ = gazette(t, "list", dir)
	files, _ := filepath.Glob(filepath.Join(snaps, "*.snapshot"))
	if len(files) != 1 {
		t.Fatalf("%d snapshots; want 1", len(files))
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	damage(data)
	if err := os.WriteFile(files[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, want
}

func TestDamagedSnapshotSaysSoInOneLineAndIsRebuilt(t *testing.T) {
	dir, want := listThenDamage(t, 20, func(data []byte) { data[100] ^= 1 })
	out, errOut, code := gazette(t, "list", dir)
	if code != 0 || out != want {
		t.Errorf("damaged snapshot: exit %d, printed:\n%s\nwant:\n%s", code, out, want)
	}
	if lines := strings.Split(strings.TrimSpace(errOut), "\n"); len(lines) != 1 || !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, "reading the sources again") {
		t.Errorf("stderr %q; want one line saying the snapshot is damaged and the sources are read", errOut)
	}
	if _, errOut, _ := gazette(t, "list", dir); errOut != "" {
		t.Errorf("after the rebuild: stderr %q; want nothing", errOut)
	}
}

// A damaged article record is found when the article is first read, not
// when the snapshot opens: the command shows that article as damaged, says
// so in one line, and the next run reads the sources.
func TestDamagedRecordSaysSoOnceAndIsRebuilt(t *testing.T) {
	const n = 300
	damaged := false
	dir, want := listThenDamage(t, n, func(data []byte) {
		// The records: the part of six words an article.
		off, parts := binary.NativeEndian.Uint64(data[24:]), binary.NativeEndian.Uint64(data[32:])
		for i := range parts {
			e := data[off+24*i:]
			if start, end := binary.NativeEndian.Uint64(e), binary.NativeEndian.Uint64(e[8:]); end-start == n*6*8 {
				data[start+n/2*6*8+4*8] ^= 1 // an article's word count
				damaged = true
			}
		}
	})
	if !damaged {
		t.Fatal("no part of the size of the records")
	}
	out, errOut, code := gazette(t, "list", dir)
	if shown := strings.Count(out, "damaged-snapshot-"); code != 0 || shown == 0 || shown == n {
		t.Errorf("damaged record: exit %d, %d articles shown damaged; want 0, some, not all:\n%s", code, shown, out)
	}
	if lines := strings.Split(strings.TrimSpace(errOut), "\n"); len(lines) != 1 || !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, "next run reads the sources") {
		t.Errorf("stderr %q; want one line saying the snapshot is damaged and the next run reads the sources", errOut)
	}
	for _, run := range []string{"the next run, from the sources", "the run after, from the new snapshot"} {
		if again, errOut, _ := gazette(t, "list", dir); errOut != "" || again != want {
			t.Errorf("%s: stderr %q, printed:\n%s\nwant:\n%s", run, errOut, again, want)
		}
	}
}

func TestCacheListsAndClears(t *testing.T) {
	snaps := withCache(t)
	out, _, code := gazette(t, "cache")
	if code != 0 || !strings.Contains(out, "0 snapshots, 0 B, in "+snaps) {
		t.Errorf("empty cache: exit %d, printed %q", code, out)
	}
	dir := t.TempDir()
	if _, err := corpustest.WriteDir(dir, 5, 2); err != nil {
		t.Fatal(err)
	}
	gazette(t, "list", dir)
	out, _, code = gazette(t, "cache")
	if code != 0 || !strings.Contains(out, dir) || !strings.Contains(out, "1 snapshot, ") {
		t.Errorf("gazette cache: exit %d, printed %q; want the snapshot of %s", code, out, dir)
	}
	out, _, code = gazette(t, "cache", "--clear")
	if code != 0 || !strings.HasPrefix(out, "cleared ") {
		t.Errorf("gazette cache --clear: exit %d, printed %q", code, out)
	}
	if files, _ := filepath.Glob(filepath.Join(snaps, "*.snapshot")); len(files) != 0 {
		t.Errorf("left after --clear: %q", files)
	}
}
