package search

import (
	"context"
	"slices"
	"testing"
)

// TestTypoDistance: the typo search finds the words one edit away, or
// two with the first letter kept, a swap of neighbours counting as one,
// and no others.
func TestTypoDistance(t *testing.T) {
	lx := lexicon{words: []string{"abcde", "cyberdefense", "cyberdefenses", "secrutiy", "securite", "security", "vwxyz"}}
	tests := []struct {
		q    string
		d    int
		want []string
	}{
		{"securty", 1, []string{"security"}},
		{"secuirte", 1, []string{"securite"}},
		{"sceurity", 1, []string{"security"}},
		{"securityy", 1, []string{"security"}},
		{"cyberdefnse", 1, []string{"cyberdefense"}},
		{"cyberdefnse", 2, []string{"cyberdefense", "cyberdefenses"}},
		{"xyberdefnse", 2, nil}, // two typos, one of them in the first letter
		{"xyberdefense", 2, []string{"cyberdefense"}},
		{"secrutiy", 1, []string{"secrutiy"}},
		{"abcde", 1, []string{"abcde"}},
		{"abxye", 1, nil},
	}
	for _, tt := range tests {
		var got []string
		lx.typos(context.Background(), tt.q, tt.d == 2, func(id int32, _ int) { got = append(got, lx.words[id]) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("typos(%q, %d) = %q, want %q", tt.q, tt.d, got, tt.want)
		}
	}
}

func TestIsSubsequence(t *testing.T) {
	tests := []struct {
		q, w string
		want bool
	}{
		{"cybdef", "cyberdefense", true},
		{"cbdf", "cyberdefense", true},
		{"fed", "cyberdefense", false},
		{"ybdf", "cyberdefense", false},                    // an abbreviation keeps the first letter
		{"cyd", "cyxxxxxxxxxxxxxxxxxxxxxxxxxxxxxd", false}, // too spread out
		{"otn", "otan", true},
	}
	for _, tt := range tests {
		if got := isSubsequence(tt.q, tt.w); got != tt.want {
			t.Errorf("isSubsequence(%q, %q) = %v, want %v", tt.q, tt.w, got, tt.want)
		}
	}
}
