package state

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/gazette-reader/gazette/corpus"
)

func ptr[T any](v T) *T { return &v }

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func keyN(i int) Key {
	return KeyOf(&corpus.Article{Title: fmt.Sprint("article ", i), Paragraphs: []string{"body"}})
}

func refN(i int) Ref {
	return Ref{Key: keyN(i), ID: fmt.Sprint("a/", i), Title: fmt.Sprint("article ", i)}
}

// TestMarksSurviveReopen: every kind of mark, a saved search and a place
// are there after the store is closed and opened again.
func TestMarksSurviveReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gazette", "state.db")
	s := open(t, path)
	must(t, s.Apply([]Ref{refN(1), refN(2)}, Change{Read: ptr(true)}))
	must(t, s.Apply([]Ref{refN(2)}, Change{Starred: ptr(true), AddTags: []string{"Cyber", "otan", "cyber"}}))
	must(t, s.Apply([]Ref{refN(3)}, Change{Note: ptr("  à relire\n\x1b[31mdemain\x1b[0m  ")}))
	must(t, s.Apply([]Ref{refN(2)}, Change{RemoveTags: []string{"otan"}}))
	must(t, s.SaveSearch(" my  search ", "otan is:starred"))
	must(t, s.SetPlace(Place{Article: "a/2", Key: keyN(2), Query: "otan", Scroll: 0.5, Reader: true}, "paths", "content"))
	must(t, s.Close())

	s = open(t, path)
	m, err := s.Marks()
	must(t, err)
	want := map[int]Mark{
		1: {Read: true},
		2: {Read: true, Starred: true, Tags: []string{"cyber"}},
		3: {Note: "à relire\ndemain"},
		4: {},
	}
	for i, w := range want {
		if got := m.Of(keyN(i)); fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("article %d: marks %+v, want %+v", i, got, w)
		}
	}
	if m.Len() != 3 {
		t.Errorf("Len = %d, want 3", m.Len())
	}
	ss, err := s.Searches()
	must(t, err)
	if len(ss) != 1 || ss[0] != (SavedSearch{Name: "my search", Query: "otan is:starred"}) {
		t.Errorf("searches = %+v", ss)
	}
	p, ok, err := s.Place("moved", "content")
	must(t, err)
	if !ok || p.Article != "a/2" || p.Key != keyN(2) || p.Query != "otan" || p.Scroll != 0.5 || !p.Reader {
		t.Errorf("place = %+v, %v", p, ok)
	}
	if _, ok, _ := s.Place("elsewhere"); ok {
		t.Error("a place for a corpus never seen")
	}
}

// TestPack: marks read the same packed or not, and after changes made
// since the pack, unmarking included.
func TestPack(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "state.db"))
	for i := range 50 {
		must(t, s.Apply([]Ref{refN(i)}, Change{Read: ptr(true), Starred: ptr(i%3 == 0)}))
	}
	before, err := s.Marks()
	must(t, err)
	must(t, s.Pack())
	must(t, s.Apply([]Ref{refN(0)}, Change{Read: ptr(false), Starred: ptr(false)}))
	must(t, s.Apply([]Ref{refN(1)}, Change{Starred: ptr(true)}))
	after, err := s.Marks()
	must(t, err)
	if after.stale != 2 {
		t.Errorf("%d flags read past the pack, want 2", after.stale)
	}
	for i := range 50 {
		w := before.Of(keyN(i))
		switch i {
		case 0:
			w = Mark{}
		case 1:
			w.Starred = true
		}
		if got := after.Of(keyN(i)); fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("article %d: %+v after the pack, want %+v", i, got, w)
		}
	}
}

func TestNormalizeTag(t *testing.T) {
	for in, want := range map[string]string{"Cyber": "cyber", " otan ": "otan", "c++": "c++", "à-lire": "à-lire", "a\x1b[31mb": "ab"} {
		if got, err := NormalizeTag(in); err != nil || got != want {
			t.Errorf("NormalizeTag(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", " ", "two words", "a,b", "-x", "!x", "=x", `"x"`, "x:y", strings.Repeat("x", MaxTag+1)} {
		if _, err := NormalizeTag(bad); err == nil {
			t.Errorf("NormalizeTag(%q) took it", bad)
		}
	}
}

// TestBadFiles: a file that is not a store, a damaged store and a store of
// a newer version are each an *Error naming the file, with a reason a
// person can act on.
func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	must(t, os.WriteFile(garbage, []byte(strings.Repeat("not a database at all\n", 300)), 0o600))

	newer := filepath.Join(dir, "newer.db")
	s := open(t, newer)
	_, err := s.db.Exec(`UPDATE schema_version SET version = 99`)
	must(t, err)
	must(t, s.Close())

	damaged := filepath.Join(dir, "damaged.db")
	s = open(t, damaged)
	for i := range 2000 {
		must(t, s.Apply([]Ref{refN(i)}, Change{Read: ptr(true), AddTags: []string{"t"}, Note: ptr(strings.Repeat("note ", 20))}))
	}
	must(t, s.Close())
	damage(t, damaged)

	foreign := filepath.Join(dir, "foreign.db")
	s = open(t, foreign)
	_, err = s.db.Exec(`DROP TABLE schema_version`)
	must(t, err)
	must(t, s.Close())

	for path, want := range map[string]string{
		garbage: "not a gazette state store",
		newer:   "written by a newer gazette (schema version 99; this one reads up to 1)",
		damaged: "damaged",
		foreign: "not a gazette state store",
	} {
		err := func() error {
			s, err := Open(path)
			if err != nil {
				return err
			}
			defer s.Close()
			_, err = s.Marks()
			return err
		}()
		var se *Error
		if !errors.As(err, &se) || se.Path != path || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want an *Error naming the file and saying %q", filepath.Base(path), err, want)
		}
		if errors.Is(err, ErrNewer) != (path == newer) {
			t.Errorf("%s: errors.Is(err, ErrNewer) = %v", filepath.Base(path), errors.Is(err, ErrNewer))
		}
	}
}

// damage overwrites the middle of a database file with garbage, past its
// first page: SQLite opens it and finds the damage when it reads.
func damage(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	if len(data) < 16<<10 {
		t.Fatalf("%s: %d bytes, too small to damage", path, len(data))
	}
	for i := 4096; i < len(data)-4096; i++ {
		data[i] = byte(i * 7)
	}
	must(t, os.WriteFile(path, data, 0o600))
}

// childEnv asks the test binary, run again, to mark articles in the store
// it names (see TestMain).
const childEnv = "GAZETTE_STATE_TEST_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(child(spec))
	}
	os.Exit(m.Run())
}

// child marks articles from..to of the store at path, one transaction
// each, and prints each number once committed; "star" stars them instead
// of marking them read. Spec: "path from to read|star".
func child(spec string) int {
	f := strings.Fields(spec)
	from, _ := strconv.Atoi(f[1])
	to, _ := strconv.Atoi(f[2])
	s, err := Open(f[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	w := bufio.NewWriter(os.Stdout)
	for i := from; i < to; i++ {
		ch := Change{Read: ptr(true), AddTags: []string{"t" + strconv.Itoa(i%7)}, Note: ptr(strings.Repeat("x", i%300))}
		if f[3] == "star" {
			ch = Change{Starred: ptr(true), AddTags: []string{"s"}}
		}
		if err := s.Apply([]Ref{refN(i)}, ch); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintln(w, i)
		w.Flush()
	}
	return 0
}

func childCmd(t *testing.T, spec string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+spec)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestKill9MidWrite kills a process that marks as fast as it can, with
// SIGKILL, after a few hundred commits: the store opens intact, and every
// mark the process had committed is there.
func TestKill9MidWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	for round := range 3 {
		cmd := childCmd(t, fmt.Sprintf("%s %d %d read", path, round*100000, round*100000+1000000))
		out, err := cmd.StdoutPipe()
		must(t, err)
		must(t, cmd.Start())
		sc := bufio.NewScanner(out)
		last := -1
		for sc.Scan() {
			last, _ = strconv.Atoi(sc.Text())
			if last >= round*100000+200+round*37 {
				break
			}
		}
		must(t, cmd.Process.Signal(syscall.SIGKILL))
		_ = cmd.Wait()
		if last < 0 {
			t.Fatal("the child committed nothing")
		}

		s := open(t, path)
		var check string
		must(t, s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check))
		if check != "ok" {
			t.Fatalf("round %d: integrity_check after kill -9: %s", round, check)
		}
		m, err := s.Marks()
		must(t, err)
		for i := round * 100000; i <= last; i++ {
			got := m.Of(keyN(i))
			if !got.Read || len(got.Tags) != 1 || got.Tags[0] != "t"+strconv.Itoa(i%7) || len(got.Note) != len(strings.TrimSpace(strings.Repeat("x", i%300))) {
				t.Fatalf("round %d: article %d, committed before the kill, has %+v", round, i, got)
			}
		}
		must(t, s.Close())
	}
}

// TestTwoProcessesMarking: two processes mark at once, one reading, one
// starring, some articles in common: every change of both is kept, both
// marks on the common ones.
func TestTwoProcessesMarking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	must(t, func() error { s, err := Open(path); s.Close(); return err }())
	a := childCmd(t, path+" 0 400 read")
	b := childCmd(t, path+" 200 600 star")
	must(t, a.Start())
	must(t, b.Start())
	errA, errB := a.Wait(), b.Wait()
	if errA != nil || errB != nil {
		t.Fatalf("a child failed: %v, %v", errA, errB)
	}
	s := open(t, path)
	m, err := s.Marks()
	must(t, err)
	for i := range 600 {
		got := m.Of(keyN(i))
		if got.Read != (i < 400) || got.Starred != (i >= 200) {
			t.Errorf("article %d: %+v", i, got)
		}
	}
}

// TestTwoStoresOneFile: what one open store writes, another open store of
// the same file reads.
func TestTwoStoresOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	a, b := open(t, path), open(t, path)
	must(t, a.Apply([]Ref{refN(1)}, Change{Starred: ptr(true)}))
	m, err := b.Marks()
	must(t, err)
	if !m.Of(keyN(1)).Starred {
		t.Error("the other store does not see the star")
	}
	must(t, b.Apply([]Ref{refN(2)}, Change{Read: ptr(true)}))
	m, err = a.Marks()
	must(t, err)
	if !m.Of(keyN(2)).Read || !m.Of(keyN(1)).Starred {
		t.Errorf("the first store reads %+v, %+v", m.Of(keyN(1)), m.Of(keyN(2)))
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestTextReadIsClean: tags, notes and saved searches that another
// program wrote into the file with escape sequences and control
// characters come out clean (a C1 CSI takes its final byte with it).
func TestTextReadIsClean(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "state.db"))
	k := keyN(1)
	for _, q := range []string{
		`INSERT INTO tags (key, tag, added) VALUES (?, 'a` + "\x1b]52;c;aGk=\x07" + `b', 0)`,
		`INSERT INTO notes (key, note, changed) VALUES (?, 'x` + "\x1b[2J\u202e\u009b" + `y', 0)`,
	} {
		if _, err := s.db.Exec(q, k[:]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.Exec(`INSERT INTO searches (name, query, created) VALUES (?, ?, 0)`, "n\x1b[31m", "otan\x00\x1b]0;t\x07"); err != nil {
		t.Fatal(err)
	}
	m, err := s.Marks()
	must(t, err)
	ss, err := s.Searches()
	must(t, err)
	got := fmt.Sprint(m.Of(k).Tags, m.Of(k).Note, ss)
	if strings.ContainsAny(got, "\x1b\x00\x07\u202e\u009b") {
		t.Errorf("text read from the store holds control characters: %q", got)
	}
	if m.Of(k).Note != "x" || len(ss) != 1 || ss[0].Query != "otan" {
		t.Errorf("read %q, %+v", m.Of(k).Note, ss)
	}
}

// Closing the store keeps its log files, emptied: every command that
// shows marks opens and closes the store, and making both files again at
// each open cost more than a search. The marks written are in the
// database itself once the last connection is closed.
func TestCloseKeepsTheLogFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s := open(t, path)
	must(t, s.Apply([]Ref{refN(1)}, Change{Starred: ptr(true)}))
	must(t, s.Close())
	for _, ext := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + ext); err != nil {
			t.Errorf("%s after close: %v; want it kept", ext, err)
		}
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 1<<20 {
		t.Errorf("the log holds %d bytes after close; want at most 1 MiB", fi.Size())
	}
	// Without its log, the database alone holds the mark.
	must(t, os.Remove(path+"-wal"))
	must(t, os.Remove(path+"-shm"))
	s = open(t, path)
	m, err := s.Marks()
	must(t, err)
	if !m.Of(keyN(1)).Starred {
		t.Error("the mark was in the log only")
	}
	must(t, s.Close())
}
