package snapshot

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
)

// parts returns the start and end of every part of the snapshot in data.
func parts(data []byte) [][2]uint64 {
	off, n := binary.NativeEndian.Uint64(data[24:]), binary.NativeEndian.Uint64(data[32:])
	var out [][2]uint64
	for i := range n {
		e := off + 8*flat.PartWords*i
		out = append(out, [2]uint64{binary.NativeEndian.Uint64(data[e:]), binary.NativeEndian.Uint64(data[e+8:])})
	}
	return out
}

// use reads every article and runs searches of every kind, and reports
// whether it met the damage: a placeholder article or a search error.
func use(t *testing.T, s *Snapshot) bool {
	t.Helper()
	met := false
	for i := range s.Corpus.Len() {
		a := s.Corpus.At(i)
		if strings.HasPrefix(a.ID, "damaged-snapshot-") {
			met = true
		}
		if got, ok := s.Corpus.ByID(a.ID); !ok || got != a {
			met = met || !ok
		}
	}
	for _, q := range []string{"sécurité", "co", "cybdef", `"secteur privé"`, "date:2015..2018", "tag:x", "otan -paris"} {
		if _, err := s.Index.Search(context.Background(), q); err != nil {
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("%s: %v; want an error saying the snapshot is damaged", q, err)
			}
			met = true
		}
	}
	return met
}

func TestEveryDamagedPartIsCaught(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := corpustest.WriteDir(dir, 40, 11); err != nil {
		t.Fatal(err)
	}
	req, _ := request(t, cache, dir)
	mustLoad(t, req)
	snaps, _ := filepath.Glob(filepath.Join(cache, "*"+Ext))
	good, err := os.ReadFile(snaps[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range parts(good) {
		if p[0] == p[1] {
			continue
		}
		data := append([]byte(nil), good...)
		data[(p[0]+p[1])/2] ^= 0x04
		path := filepath.Join(t.TempDir(), "x"+Ext)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, "test")
		if err != nil {
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("part %d damaged: %v; want an error saying so", i, err)
			}
			continue
		}
		if !use(t, s) {
			t.Errorf("part %d damaged: opened and used without a word", i)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("part %d damaged: the snapshot was kept after its damage was seen", i)
		}
	}
}

// A damaged article record is found when that article is read, not when
// the snapshot is opened (which reads none of the article tables): the
// articles around it read as written, it comes back as a placeholder
// saying so, and the snapshot is removed.
func TestArticleRecordCheckedWhenRead(t *testing.T) {
	const n, damaged = 1000, 700
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := corpustest.WriteDir(dir, n, 5); err != nil {
		t.Fatal(err)
	}
	req, _ := request(t, cache, dir)
	want := mustLoad(t, req).Corpus
	snaps, _ := filepath.Glob(filepath.Join(cache, "*"+Ext))
	data, err := os.ReadFile(snaps[0])
	if err != nil {
		t.Fatal(err)
	}
	recs := -1
	for _, p := range parts(data) {
		if p[1]-p[0] == n*recordWords*8 {
			recs = int(p[0])
		}
	}
	if recs < 0 {
		t.Fatal("no part of the size of the records")
	}
	data[recs+damaged*recordWords*8+4*8] ^= 0x01 // its word count
	path := filepath.Join(t.TempDir(), "x"+Ext)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, "test")
	if err != nil {
		t.Fatalf("opened with a damaged record: %v; want it opened, the record checked when read", err)
	}
	for _, i := range []int{0, 1, damaged / 2, n - 1} {
		if got := s.Corpus.At(i); got.ID != want.At(i).ID || got.Words != want.At(i).Words {
			t.Errorf("article %d: %s (%d words); want %s (%d)", i, got.ID, got.Words, want.At(i).ID, want.At(i).Words)
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the snapshot was removed before its damage was read: %v", err)
	}
	if got := s.Corpus.At(damaged); !strings.HasPrefix(got.ID, "damaged-snapshot-") {
		t.Errorf("the damaged article read as %s (%d words); want a placeholder", got.ID, got.Words)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the snapshot was kept after its damage was seen: %v", err)
	}
}
