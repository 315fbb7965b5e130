package search

import "testing"

func TestOneTypo(t *testing.T) {
	tests := []struct {
		q, w string
		want bool
	}{
		{"securty", "security", true},
		{"securite", "securite", true},
		{"secuirte", "securite", true},
		{"securie", "securite", true},
		{"securiteq", "securite", true},
		{"cyberdefnse", "cyberdefense", true},
		{"cyberdefnse", "cyberdefenses", true},
		{"sceurity", "security", true},
		{"secrutiy", "security", false},
		{"abcde", "vwxyz", false},
	}
	for _, tt := range tests {
		if got := oneTypo(tt.q, tt.w); got != tt.want {
			t.Errorf("oneTypo(%q, %q) = %v, want %v", tt.q, tt.w, got, tt.want)
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
		{"cyd", "xxxxxxxxxxxcyxxxxxxxxxxxxxxxxxxd", false}, // too spread out
		{"otn", "otan", true},
	}
	for _, tt := range tests {
		if got := isSubsequence(tt.q, tt.w); got != tt.want {
			t.Errorf("isSubsequence(%q, %q) = %v, want %v", tt.q, tt.w, got, tt.want)
		}
	}
}
