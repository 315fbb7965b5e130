// Package runs holds the positions 0 to n-1 of a timeline cut into runs
// of one key (a month, a period of a trend): what a reader needs of the
// articles' dates without an entry an article.
//
// # The algorithm
//
// A timeline is in date order, so the articles of one month (of one
// day, one year) follow one another: a run is its first position and
// its key, and run i ends where run i+1 starts. Add starts a run only
// when the key changes, so a key split by other keys (dates in another
// zone, articles dated to the year between the months) costs a run more.
//
// # Costs
//
// Eight bytes a run, whatever the number of positions. The run of a
// position is a binary search of the runs (O(log r)); Of with the run of
// the position before tries it and the next one first, so that
// positions read in order cost O(1) each.
package runs

import "sort"

// Runs are the runs of one key of the positions 0 to n-1, in order. The
// zero value holds no position; New makes those of n positions. Once
// made, Runs are read-only and safe to share.
type Runs struct {
	first, key []int32
	n          int
}

// New returns the runs of n positions, none added yet: Add every run in
// order of position, the first at 0.
func New(n int) *Runs { return &Runs{n: n} }

// Add starts a run of key k at position first, unless the last run has
// the same key (it then goes on); a position past the last is ignored.
func (r *Runs) Add(first int, k int32) {
	if first >= r.n {
		return
	}
	if l := len(r.key); l > 0 && r.key[l-1] == k {
		return
	}
	r.first = append(r.first, int32(first))
	r.key = append(r.key, k)
}

// Positions returns n, the number of positions.
func (r *Runs) Positions() int { return r.n }

// Len returns the number of runs.
func (r *Runs) Len() int { return len(r.first) }

// Key returns the key of run i.
func (r *Runs) Key(i int) int32 { return r.key[i] }

// Start returns the first position of run i.
func (r *Runs) Start(i int) int { return int(r.first[i]) }

// End returns the position after run i.
func (r *Runs) End(i int) int {
	if i+1 < len(r.first) {
		return int(r.first[i+1])
	}
	return r.n
}

// Size returns the number of positions of run i.
func (r *Runs) Size(i int) int { return r.End(i) - r.Start(i) }

// Of returns the run of position p (of the first run when p is before
// it, there being none). hint is a run to try first, with the one after
// it: the run of the position read before, for positions read in order.
func (r *Runs) Of(p, hint int) int {
	if hint >= 0 && hint < len(r.first) && p >= int(r.first[hint]) {
		if p < r.End(hint) {
			return hint
		}
		if hint+1 < len(r.first) && p < r.End(hint+1) {
			return hint + 1
		}
	}
	return max(sort.Search(len(r.first), func(i int) bool { return int(r.first[i]) > p })-1, 0)
}

// KeyOf returns the key of the run of position p, or none when there is
// no run.
func (r *Runs) KeyOf(p int, none int32) int32 {
	if len(r.key) == 0 {
		return none
	}
	return r.key[r.Of(p, -1)]
}
