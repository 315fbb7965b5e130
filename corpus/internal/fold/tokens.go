package fold

import (
	"strings"
	"unicode/utf8"
)

// TokenKind says what a Token is: a word, or one of the longer tokens
// that searching adds over several words.
type TokenKind uint8

// The kinds of Token.
const (
	// Word is a word as Words gives it.
	Word TokenKind = iota
	// Joined is a compound written with hyphens, its words joined:
	// "plate-forme" gives "plateforme", "e-mail" "email".
	Joined
	// Symbol is a run of words and symbols as typed: "c++", "c#", ".net",
	// "asp.net", "2.4.1", "20%", "#1".
	Symbol
)

// MaxTokenLen is the longest Joined or Symbol token, in folded bytes:
// longer runs (long URLs, base64) are not tokens of their own.
const MaxTokenLen = 64

// Symbols are the ASCII characters that make a Symbol token of the words
// around them. Hyphens make Joined tokens; apostrophes and other
// punctuation only separate words.
const Symbols = "+#.%&@/_$:"

// leadKeep are the symbols kept before the first word of a Symbol token
// (".net", "#1", "@user", "$5", "+33"), tailKeep those kept after the
// last ("c++", "c#", "20%"); other symbols at either end are punctuation.
const (
	leadKeep = "#.@$+"
	tailKeep = "+#%"
)

// IsHyphen reports whether r joins the words of a compound: the hyphen-minus
// and the Unicode hyphens U+2010 and U+2011 (not the dashes).
func IsHyphen(r rune) bool { return r == '-' || r == 0x2010 || r == 0x2011 }

// Token is one token of a text (see Tokens).
type Token struct {
	Kind TokenKind
	// Start and End are the byte range of the token in the text.
	Start, End int
	// Folded is the token folded, valid until the next call to Next.
	Folded []byte
	// Pos is the word position of the token's first word (words count
	// from 0 in the text); Width is how many words it spans, 1 for a word.
	Pos, Width int
}

// Tokens walks the tokens of a text: its words, in order, each as Words
// gives it, and after the last word of each chunk (a run of text between
// white space) the longer tokens the chunk holds: first each compound
// written with hyphens, joined ("plate-forme" also gives "plateforme";
// "CVE-2021-44228" gives "cve202144228"), then the chunk as typed when it
// holds symbols ("(c++)," gives "c++"; "ASP.NET" gives "asp.net").
// Longer tokens share the position of their first word and do not move
// the positions of the words after them.
//
// It is the reference of the index's tokenizer, and what queries and
// match spans are cut with. It costs a pass over each chunk with symbols
// or hyphens on top of Words.
type Tokens struct {
	s   string
	i   int // where the next chunk is looked for
	pos int // the position of the next word
	// queue holds the tokens of the current chunk, from next on; buf their
	// folded forms.
	queue []Token
	next  int
	buf   []byte
	Token
}

// NewTokens returns a walk over the tokens of s.
func NewTokens(s string) *Tokens { return &Tokens{s: s} }

// Reset starts a walk over the tokens of s, reusing t's buffers.
func (t *Tokens) Reset(s string) {
	*t = Tokens{s: s, queue: t.queue[:0], buf: t.buf[:0]}
}

// Next advances to the next token, reporting false at the end.
func (t *Tokens) Next() bool {
	for t.next >= len(t.queue) {
		if !t.chunk() {
			return false
		}
	}
	t.Token = t.queue[t.next]
	t.next++
	return true
}

// spaceAt returns the size of the white-space rune at s[i], or 0.
func spaceAt(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		if c == ' ' || ('\t' <= c && c <= '\r') {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if IsSpace(r) {
		return size
	}
	return 0
}

// chunk queues the tokens of the next chunk, reporting false when there
// is none.
func (t *Tokens) chunk() bool {
	s := t.s
	for t.i < len(s) {
		size := spaceAt(s, t.i)
		if size == 0 {
			break
		}
		t.i += size
	}
	if t.i >= len(s) {
		return false
	}
	start, end := t.i, t.i
	for end < len(s) && spaceAt(s, end) == 0 {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	t.i = end
	chunk := s[start:end]
	first := t.pos
	t.queue, t.next, t.buf = t.queue[:0], 0, t.buf[:0]
	for w := NewWords(chunk); w.Next(); {
		from := len(t.buf)
		t.buf = append(t.buf, w.Folded...)
		t.queue = append(t.queue, Token{Kind: Word, Start: start + w.Start, End: start + w.End, Folded: t.buf[from:len(t.buf):len(t.buf)], Pos: t.pos, Width: 1})
		t.pos++
	}
	if MayHaveExtras(chunk) {
		for _, x := range Extras(chunk, first) {
			x.Start += start
			x.End += start
			t.queue = append(t.queue, x)
		}
	}
	return true
}

// countWords returns the number of words of s.
func countWords(s string) int {
	n := 0
	for w := NewWords(s); w.Next(); {
		n++
	}
	return n
}

// MayHaveExtras reports whether a chunk may hold Joined or Symbol tokens:
// it holds a hyphen or a symbol. It is cheap and never false when Extras
// finds something.
func MayHaveExtras(chunk string) bool {
	for i := 0; i < len(chunk); i++ {
		c := chunk[i]
		if strings.IndexByte(Symbols, c) >= 0 || c == '-' {
			return true
		}
		if c == 0xe2 && i+2 < len(chunk) && chunk[i+1] == 0x80 && (chunk[i+2] == 0x90 || chunk[i+2] == 0x91) {
			return true
		}
	}
	return false
}

// Extras returns the Joined and Symbol tokens of one chunk (a run of text
// without white space) whose first word is at position first, with byte
// ranges in the chunk, in the order Tokens gives them.
func Extras(chunk string, first int) []Token {
	type word struct {
		start, end int
		folded     string
	}
	var words []word
	for w := NewWords(chunk); w.Next(); {
		words = append(words, word{w.Start, w.End, string(w.Folded)})
	}
	var out []Token
	// Hyphen chains: words separated by exactly one hyphen.
	for i := 0; i < len(words); {
		j := i
		for j+1 < len(words) && singleHyphen(chunk[words[j].end:words[j+1].start]) {
			j++
		}
		if j > i {
			var b strings.Builder
			for k := i; k <= j; k++ {
				b.WriteString(words[k].folded)
			}
			if b.Len() <= MaxTokenLen {
				out = append(out, Token{Kind: Joined, Start: words[i].start, End: words[j].end, Folded: []byte(b.String()), Pos: first + i, Width: j - i + 1})
			}
		}
		i = j + 1
	}
	if start, end, ok := SymbolCore(chunk); ok {
		folded := String(chunk[start:end])
		if len(folded) <= MaxTokenLen {
			fw, n := -1, 0
			for k, w := range words {
				if w.start >= start && w.end <= end {
					if fw < 0 {
						fw = k
					}
					n++
				}
			}
			out = append(out, Token{Kind: Symbol, Start: start, End: end, Folded: []byte(folded), Pos: first + fw, Width: n})
		}
	}
	return out
}

// singleHyphen reports whether sep is exactly one hyphen.
func singleHyphen(sep string) bool {
	r, size := utf8.DecodeRuneInString(sep)
	return size == len(sep) && size > 0 && IsHyphen(r)
}

// SymbolCore returns the part of a chunk (a run of text without white
// space) that is a Symbol token, and whether there is one: the chunk
// without the punctuation around it ("(c++)," gives "c++", "20%." gives
// "20%"), when what is left holds a word and one of Symbols.
func SymbolCore(chunk string) (start, end int, ok bool) {
	start, end = 0, len(chunk)
	for start < end {
		r, size := utf8.DecodeRuneInString(chunk[start:end])
		if IsWordRune(r) {
			break
		}
		if strings.ContainsRune(leadKeep, r) && start+size < end {
			if next, _ := utf8.DecodeRuneInString(chunk[start+size : end]); IsWordRune(next) {
				break
			}
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(chunk[start:end])
		if IsWordRune(r) || strings.ContainsRune(tailKeep, r) {
			break
		}
		end -= size
	}
	core := chunk[start:end]
	if !strings.ContainsAny(core, Symbols) || countWords(core) == 0 {
		return 0, 0, false
	}
	return start, end, true
}
