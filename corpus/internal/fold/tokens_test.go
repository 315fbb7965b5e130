package fold

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestTokens: the longer tokens a text holds besides its words, and where
// they stand.
func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		want []string // folded@pos/width, longer tokens marked +
	}{
		{"Le C++ moderne", []string{"le@0", "c@1", "+c++@1/1", "moderne@2"}},
		{"(asp.net),", []string{"asp@0", "net@1", "+asp.net@0/2"}},
		{"la plate-forme", []string{"la@0", "plate@1", "forme@2", "+plateforme@1/2"}},
		{"l’e‐mail", []string{"l@0", "e@1", "mail@2", "+email@1/2"}},
		{"20%.", []string{"20@0", "+20%@0/1"}},
		{"«#1»", []string{"1@0", "+#1@0/1"}},
		{".NET et C#", []string{"net@0", "+.net@0/1", "et@1", "c@2", "+c#@2/1"}},
		{"fin. Début", []string{"fin@0", "debut@1"}},
		{"l'otan", []string{"l@0", "otan@1"}},
		{"Note: 10:30", []string{"note@0", "10@1", "30@2", "+10:30@1/2"}},
		{"a--b x- -y", []string{"a@0", "b@1", "x@2", "y@3"}},
		{"Jean-Pierre-Raffarin", []string{"jean@0", "pierre@1", "raffarin@2", "+jeanpierreraffarin@0/3"}},
		{"CVE-2021-44228", []string{"cve@0", "2021@1", "44228@2", "+cve202144228@0/3"}},
		{"version 2.4.1.", []string{"version@0", "2@1", "4@2", "1@3", "+2.4.1@1/3"}},
		{"a-b.c-d", []string{"a@0", "b@1", "c@2", "d@3", "+ab@0/2", "+cd@2/2", "+a-b.c-d@0/4"}},
		{"+++ ... %", nil},
	}
	for _, tt := range tests {
		var got []string
		for tk := NewTokens(tt.text); tk.Next(); {
			s := fmt.Sprintf("%s@%d", tk.Folded, tk.Pos)
			if tk.Kind != Word {
				s = fmt.Sprintf("+%s/%d", s, tk.Width)
			}
			if got := tt.text[tk.Start:tk.End]; String(got) != string(tk.Folded) && tk.Kind != Joined {
				t.Errorf("%q: token %q spans %q", tt.text, tk.Folded, got)
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestTokensWordsAreWords: the words Tokens gives are those of Words, at
// their positions, and MayHaveExtras is never false where Extras finds a
// token.
func TestTokensWordsAreWords(t *testing.T) {
	pieces := []string{"a", "Bé", "12", " ", "-", "‐", "+", "#", ".", "%", "/", "_", ":", "'", "’", "\u00a0", "«", "»", ",", "\u0301", "中"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(16) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		var words []string
		for w := NewWords(s); w.Next(); {
			words = append(words, fmt.Sprintf("%s@%d-%d", w.Folded, w.Start, w.End))
		}
		var got []string
		n := 0
		for tk := NewTokens(s); tk.Next(); {
			if tk.Kind == Word {
				if tk.Pos != n {
					t.Fatalf("%q: word %q at position %d, want %d", s, tk.Folded, tk.Pos, n)
				}
				n++
				got = append(got, fmt.Sprintf("%s@%d-%d", tk.Folded, tk.Start, tk.End))
			}
		}
		if !slices.Equal(got, words) {
			t.Fatalf("%q: Tokens' words %q, Words %q", s, got, words)
		}
		for _, chunk := range strings.FieldsFunc(s, IsSpace) {
			if len(Extras(chunk, 0)) > 0 && !MayHaveExtras(chunk) {
				t.Fatalf("%q: Extras finds tokens, MayHaveExtras says none", chunk)
			}
		}
	}
}
