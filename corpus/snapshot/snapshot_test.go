package snapshot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/similar"
	"github.com/gazette-reader/gazette/corpus/state"
)

// request returns a request for dir's snapshot in a cache folder of the
// test's own, and the notes it gives.
func request(t *testing.T, cache string, paths ...string) (Request, *[]string) {
	t.Helper()
	notes := &[]string{}
	return Request{
		Paths:   paths,
		Version: "test",
		Dir:     cache,
		What:    strings.Join(paths, ", "),
		Note:    func(s string) { *notes = append(*notes, s) },
	}, notes
}

// mustLoad loads req and saves its snapshot.
func mustLoad(t *testing.T, req Request) *Loaded {
	t.Helper()
	l, err := Load(req)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	return l
}

// titles returns the IDs and titles of what query finds, in order.
func titles(t *testing.T, l *Loaded, query string) []string {
	t.Helper()
	hits, err := l.Index.Search(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		a := l.Corpus.At(h.Index)
		out = append(out, fmt.Sprintf("%s %s %.4f %s %v", a.ID, a.Title, h.Score, h.Snippet, h.Body))
	}
	return out
}

func TestReopenGivesTheSameCorpusAndAnswers(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	arts, err := corpustest.WriteDir(dir, 398, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Two reprints, for groups of copies.
	for i, a := range arts[:2] {
		reprint := "Repris : " + a.Title + "\n\n" + strings.Join(a.Paragraphs, "\n\n") + "\n"
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("reprint-%d.txt", i)), []byte(reprint), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	req, notes := request(t, cache, dir)
	req.Copies = true
	first := mustLoad(t, req)
	if first.FromSnapshot || first.Read != 400 {
		t.Fatalf("first load: from snapshot %v, %d files read; want the 400 read", first.FromSnapshot, first.Read)
	}
	again := mustLoad(t, req)
	if !again.FromSnapshot {
		t.Fatalf("second load read %d files; want the snapshot", again.Read)
	}
	if len(*notes) != 0 {
		t.Errorf("notes: %q", *notes)
	}
	if a, b := first.Corpus.Articles(), again.Corpus.Articles(); !reflect.DeepEqual(a, b) {
		t.Fatalf("the snapshot's articles differ from those loaded")
	}
	// The first load's corpus reads its text from the file it wrote
	// before building the index: the same articles and answers as a load
	// that keeps everything in memory.
	c, _ := ingest.LoadPaths([]string{dir}, ingest.Options{})
	plain := &Loaded{Corpus: c, Index: search.New(c)}
	if a, b := c.Articles(), first.Corpus.Articles(); !reflect.DeepEqual(a, b) {
		t.Fatalf("the first load's articles differ from those loaded in memory")
	}
	// The content keys that tie the marks to the articles are those of
	// the articles loaded, read from the file (the first load's as the
	// reopened one's), not hashed again.
	want := state.Keys(c)
	for _, l := range []*Loaded{first, again} {
		if got := state.Keys(l.Corpus); !reflect.DeepEqual(got, want) {
			t.Fatalf("the snapshot's content keys differ from the articles'")
		}
		if _, ok := l.Corpus.Source().(interface{ ContentKeys() []state.Key }); !ok {
			t.Fatalf("the snapshot's corpus does not give its keys")
		}
	}
	// So are the groups of copies.
	plainCopies, err := similar.Find(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	// The first load found them for its caller and the snapshot at once;
	// the snapshot reopened gives them.
	if first.Copies == nil {
		t.Fatal("a load that writes the snapshot and keeps the copies does not find them")
	}
	if got, err := first.Copies(); err != nil || !reflect.DeepEqual(got, plainCopies) {
		t.Fatalf("the first load's groups of copies differ from the articles' (%v)", err)
	}
	kept, ok := again.Corpus.Source().(interface{ CopyGroups() []int32 })
	got, err := similar.Find(context.Background(), again.Corpus)
	if !ok || err != nil || !reflect.DeepEqual(kept.CopyGroups(), plainCopies.GroupOf()) || !reflect.DeepEqual(got, plainCopies) {
		t.Fatalf("the snapshot's groups of copies differ from the articles' (kept %t, %v)", ok, err)
	}
	if plainCopies.Len() == 0 {
		t.Fatal("no copies among the articles: the test shows nothing")
	}
	// Not asked for, they are not kept, and found from the text.
	req.Copies, req.Dir = false, t.TempDir()
	for _, l := range []*Loaded{mustLoad(t, req), mustLoad(t, req)} {
		kept := l.Corpus.Source().(interface{ CopyGroups() []int32 })
		got, err := similar.Find(context.Background(), l.Corpus)
		if l.Copies != nil || kept.CopyGroups() != nil || err != nil || !reflect.DeepEqual(got, plainCopies) {
			t.Fatalf("groups of copies not asked for: kept %d, found %v (%v)", len(kept.CopyGroups()), got.Len(), err)
		}
	}
	for _, q := range []string{"sécurité", "otan sécurité", "co", "cybdef", "cyberdefnse", `"secteur privé"`, "date:2015..2018", "-otan", "title:otan"} {
		a, b, p := titles(t, first, q), titles(t, again, q), titles(t, plain, q)
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, p) {
			t.Errorf("%s: %d hits loaded, %d from the snapshot, %d in memory, or other ones", q, len(a), len(b), len(p))
		}
	}
}

func TestChangingOneFileRereadsThatFileOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and loads 10,000 files")
	}
	dir, cache := t.TempDir(), t.TempDir()
	arts, err := corpustest.WriteDir(dir, 10000, 5)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := request(t, cache, dir)
	mustLoad(t, req)

	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	changed := files[len(files)/2]
	text, err := os.ReadFile(changed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(changed, append(text, "\n\nUn paragraphe ajouté sur les zorglubs.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t, req)
	if l.FromSnapshot || l.Read != 1 || l.Reused != len(files)-1 {
		t.Fatalf("after changing one file: from snapshot %v, %d read, %d reused; want 1 read, %d reused", l.FromSnapshot, l.Read, l.Reused, len(files)-1)
	}
	if l.Corpus.Len() != len(arts) {
		t.Errorf("%d articles; want %d", l.Corpus.Len(), len(arts))
	}
	if got := titles(t, l, "zorglubs"); len(got) != 1 {
		t.Errorf("the new paragraph is found in %d articles; want 1", len(got))
	}
	again := mustLoad(t, req)
	if !again.FromSnapshot || len(titles(t, again, "zorglubs")) != 1 {
		t.Errorf("the snapshot written after the change is not used, or lacks the change")
	}
}

func TestDamagedSnapshotIsRebuilt(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := corpustest.WriteDir(dir, 50, 7); err != nil {
		t.Fatal(err)
	}
	req, notes := request(t, cache, dir)
	want := titles(t, mustLoad(t, req), "sécurité")
	snaps, _ := filepath.Glob(filepath.Join(cache, "*"+Ext))
	if len(snaps) != 1 {
		t.Fatalf("%d snapshots; want 1", len(snaps))
	}
	data, err := os.ReadFile(snaps[0])
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x10
	if err := os.WriteFile(snaps[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t, req)
	if l.FromSnapshot || l.Read != 50 {
		t.Fatalf("damaged snapshot: from snapshot %v, %d read; want the sources read", l.FromSnapshot, l.Read)
	}
	if len(*notes) != 1 || !strings.Contains((*notes)[0], "damaged") {
		t.Errorf("notes %q; want one saying the snapshot is damaged", *notes)
	}
	if got := titles(t, l, "sécurité"); !reflect.DeepEqual(got, want) {
		t.Errorf("answers after the rebuild differ")
	}
	if again := mustLoad(t, req); !again.FromSnapshot {
		t.Errorf("the rebuilt snapshot is not used")
	}
}

func TestSnapshotOfAnotherVersionIsIgnored(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := corpustest.WriteDir(dir, 20, 7); err != nil {
		t.Fatal(err)
	}
	req, notes := request(t, cache, dir)
	mustLoad(t, req)
	req.Version = "test-2"
	if l := mustLoad(t, req); l.FromSnapshot {
		t.Fatal("a snapshot of another version was used")
	}
	if len(*notes) != 1 || !strings.Contains((*notes)[0], "another version") {
		t.Errorf("notes %q; want one about the version", *notes)
	}
}

func TestNewAndRemovedFilesAreSeen(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := corpustest.WriteDir(dir, 30, 9); err != nil {
		t.Fatal(err)
	}
	req, _ := request(t, cache, dir)
	before := mustLoad(t, req).Corpus.Len()
	extra := filepath.Join(dir, "nouveau.txt")
	if err := os.WriteFile(extra, []byte("Un titre neuf\n\nUn texte sur les quasars.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t, req)
	if l.Read != 1 || l.Corpus.Len() != before+1 {
		t.Fatalf("after adding a file: %d read, %d articles; want 1 read, %d articles", l.Read, l.Corpus.Len(), before+1)
	}
	if err := os.Remove(extra); err != nil {
		t.Fatal(err)
	}
	if l := mustLoad(t, req); l.FromSnapshot || l.Corpus.Len() != before {
		t.Fatalf("after removing it: from snapshot %v, %d articles; want %d loaded again", l.FromSnapshot, l.Corpus.Len(), before)
	}
}

func TestSameSecondEditIsSeenByItsContent(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	p := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(p, []byte("Titre\n\nLes pommes.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stamp := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	os.Chtimes(p, stamp, stamp)
	req, _ := request(t, cache, dir)
	mustLoad(t, req)
	// Same size, same time: only the content tells.
	if err := os.WriteFile(p, []byte("Titre\n\nLes poires.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(p, stamp, stamp)
	if l := mustLoad(t, req); l.FromSnapshot || len(titles(t, l, "poires")) != 1 {
		t.Errorf("an edit keeping size and time was not seen")
	}
}

func TestListAndClear(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := corpustest.WriteDir(dir, 10, 1); err != nil {
		t.Fatal(err)
	}
	req, _ := request(t, cache, dir)
	mustLoad(t, req)
	list, err := List(cache)
	if err != nil || len(list) != 1 || list[0].What != dir || list[0].Size == 0 {
		t.Fatalf("List = %+v, %v; want one snapshot of %s", list, err, dir)
	}
	freed, err := Clear(cache)
	if err != nil || freed != list[0].Size {
		t.Fatalf("Clear = %d, %v; want %d freed", freed, err, list[0].Size)
	}
	if list, _ := List(cache); len(list) != 0 {
		t.Errorf("%d snapshots left after Clear", len(list))
	}
}

func TestArticlesFromTheSnapshotAreBuiltOnDemand(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := corpustest.WriteDir(dir, 30, 4); err != nil {
		t.Fatal(err)
	}
	req, _ := request(t, cache, dir)
	loaded := mustLoad(t, req).Corpus
	again := mustLoad(t, req)
	if !again.FromSnapshot {
		t.Fatal("the second load did not come from the snapshot")
	}
	c := again.Corpus
	for i := range c.Len() {
		want := loaded.At(i)
		if c.DateAt(i) != want.Date || c.IDAt(i) != want.ID {
			t.Errorf("article %d: DateAt %v, IDAt %q; want %v, %q", i, c.DateAt(i), c.IDAt(i), want.Date, want.ID)
		}
		if a := c.Read(i); !reflect.DeepEqual(a, want) {
			t.Errorf("article %d: Read gives another article", i)
		}
		if got, ok := c.ByID(want.ID); !ok || !reflect.DeepEqual(got, want) || c.At(i) != got {
			t.Errorf("article %d: ByID(%q) gives another article, or At another one", i, want.ID)
		}
	}
	if _, ok := c.ByID("no such article"); ok {
		t.Error("ByID found an ID the corpus does not hold")
	}
}

// TestDiscardLeavesNoFile: a load whose snapshot is discarded (through
// Request.Writing) before it is saved, the reader quitting first, leaves
// no file in the cache, its corpus stays readable, and the next load
// reads the sources; discarding after a save keeps the snapshot.
func TestDiscardLeavesNoFile(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := corpustest.WriteDir(dir, 50, 3); err != nil {
		t.Fatal(err)
	}
	req, _ := request(t, cache, dir)
	var discard func()
	req.Writing = func(d func()) { discard = d }
	l, err := Load(req)
	if err != nil {
		t.Fatal(err)
	}
	discard()
	if files, _ := os.ReadDir(cache); len(files) != 0 {
		t.Errorf("after Discard the cache holds %v", files)
	}
	if a := l.Corpus.At(l.Corpus.Len() - 1); len(a.Paragraphs) == 0 || strings.HasPrefix(a.ID, "damaged") {
		t.Errorf("the corpus is no longer readable: %+v", a)
	}
	if err := l.Save(); err == nil {
		t.Errorf("Save after Discard: want an error")
	}
	again := mustLoad(t, req)
	if again.FromSnapshot || again.Read != 50 {
		t.Fatalf("after a discarded snapshot: from snapshot %v, %d read; want the sources read", again.FromSnapshot, again.Read)
	}
	discard()
	if third := mustLoad(t, req); !third.FromSnapshot {
		t.Errorf("Discard after Save removed the snapshot")
	}
}
