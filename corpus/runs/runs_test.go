package runs_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gazette-reader/gazette/corpus/runs"
)

// TestRunsOfKeys: runs made from a key a position give every position
// its key back, read in order, backward or at random, with or without
// a hint; a key repeated goes on with its run.
func TestRunsOfKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	keys := make([]int32, 10_000)
	k := int32(0)
	for i := range keys {
		if rng.IntN(40) == 0 {
			k = rng.Int32N(30) - 1 // -1 too, and keys coming back
		}
		keys[i] = k
	}
	r := runs.New(len(keys))
	for i, k := range keys {
		r.Add(i, k)
	}
	r.Add(len(keys), 99) // past the end: ignored
	total := 0
	for i := range r.Len() {
		if i > 0 && r.Key(i) == r.Key(i-1) {
			t.Fatalf("runs %d and %d have the same key", i-1, i)
		}
		total += r.Size(i)
	}
	if total != len(keys) || r.Positions() != len(keys) {
		t.Fatalf("the runs hold %d positions of %d", total, len(keys))
	}
	hint := 0
	for p, k := range keys {
		hint = r.Of(p, hint)
		if r.Key(hint) != k || r.KeyOf(p, -9) != k {
			t.Fatalf("position %d: key %d, want %d", p, r.Key(hint), k)
		}
	}
	for range 1000 {
		p := rng.IntN(len(keys))
		if got := r.Key(r.Of(p, rng.IntN(r.Len()+2)-1)); got != keys[p] {
			t.Fatalf("position %d at random: key %d, want %d", p, got, keys[p])
		}
	}
	if got := runs.New(0).KeyOf(0, -9); got != -9 {
		t.Errorf("no run: key %d", got)
	}
}
