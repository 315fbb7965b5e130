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
