package search_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/internal/flat"
	"github.com/gazette-reader/gazette/corpus/search"
)

// TestPostingsCheckedAsRead saves an index, damages one byte of a common
// word's postings, and reads it back: opening does not read the
// postings; a search that does not read the damaged block answers as
// the index built in memory does; one that reads it fails, saying the
// index is damaged, and calls damaged (once, however many fail).
func TestPostingsCheckedAsRead(t *testing.T) {
	c := corpustest.Corpus(6000, 3)
	built := search.New(c)
	r, _ := corpustest.ReadBack(t, built.Encode)
	damaged := 0
	read, err := search.Decode(c, r, func() { damaged++ })
	if err != nil {
		t.Fatal(err)
	}
	if !search.DamagePostings(read, "securite") {
		t.Fatal("the postings are too small to damage one block of several")
	}

	ctx := context.Background()
	answered := 0
	for i := range 300 {
		q := corpustest.RareWord(i)
		got, err := read.Find(ctx, q, nil)
		if err != nil {
			if !errors.Is(err, flat.ErrDamaged) {
				t.Fatalf("%s: %v; want an answer or damage found", q, err)
			}
			continue
		}
		want, err := built.Find(ctx, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Hits(), want.Hits()) {
			t.Fatalf("%s: %d hits read back, %d built", q, got.Len(), want.Len())
		}
		answered++
	}
	if answered < 200 {
		t.Errorf("%d of 300 rare words answered; want most: their postings lie in other blocks", answered)
	}
	for _, q := range []string{"sécurité", "otan sécurité", `"sécurité internationale"`} {
		if _, err := read.Find(ctx, q, nil); !errors.Is(err, flat.ErrDamaged) {
			t.Errorf("%s, reading the damaged block: %v; want damage found", q, err)
		}
	}
	if damaged != 1 {
		t.Errorf("damage reported %d times; want once", damaged)
	}
}
