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
// match spans are cut with. It walks the words once and looks at what
// separates them: only a chunk with a hyphen or a symbol between or
// around its words is read again, for its longer tokens. tokensRef cuts
// the text chunk by chunk; TestTokensAgreeWithReference holds the two
// together.
type Tokens struct {
	s   string
	w   Words
	pos int // the position of the next word
	// prevEnd is where the last word given ends, -1 before the first.
	prevEnd int
	// The current chunk: the separator before its first word starts at
	// from, the word at first; flagged is set once a hyphen or a symbol
	// is seen in it.
	from, first, firstPos int
	flagged               bool
	done                  bool
	// queue holds tokens to give out, from next on.
	queue []Token
	next  int
	Token
}

// NewTokens returns a walk over the tokens of s.
func NewTokens(s string) *Tokens { return &Tokens{s: s, w: NewWords(s), prevEnd: -1} }

// Reset starts a walk over the tokens of s, reusing t's buffers.
func (t *Tokens) Reset(s string) {
	*t = Tokens{s: s, w: Words{s: s, Folded: t.w.Folded[:0]}, prevEnd: -1, queue: t.queue[:0]}
}

// Next advances to the next token, reporting false at the end.
func (t *Tokens) Next() bool {
	if t.next < len(t.queue) {
		t.Token = t.queue[t.next]
		t.next++
		return true
	}
	t.queue, t.next = t.queue[:0], 0
	if t.done {
		return false
	}
	if !t.w.Next() {
		t.done = true
		if t.prevEnd >= 0 {
			t.closeChunk(t.s[t.prevEnd:])
		}
		return t.Next()
	}
	start := t.w.Start
	switch sep := t.s[max(t.prevEnd, 0):start]; {
	case t.prevEnd < 0:
		t.openChunk(0, start)
	case spaceIndex(sep) >= 0:
		t.closeChunk(sep)
		t.openChunk(t.prevEnd, start)
	case symbolish(sep):
		t.flagged = true
	}
	word := Token{Kind: Word, Start: start, End: t.w.End, Folded: t.w.Folded, Pos: t.pos, Width: 1}
	t.pos++
	t.prevEnd = t.w.End
	if len(t.queue) == 0 {
		t.Token = word
		return true
	}
	// The longer tokens of the chunk before come first.
	t.queue = append(t.queue, word)
	return t.Next()
}

// openChunk starts a chunk whose first word starts at first, after a
// separator from from.
func (t *Tokens) openChunk(from, first int) {
	t.from, t.first, t.firstPos = from, first, t.pos
	t.flagged = symbolish(t.s[from+lastSpaceEnd(t.s[from:first]) : first])
}

// closeChunk queues the longer tokens of the current chunk, which its
// last word and the separator after it, sep, end.
func (t *Tokens) closeChunk(sep string) {
	end := t.prevEnd + len(sep)
	if i := spaceIndex(sep); i >= 0 {
		end = t.prevEnd + i
	}
	if !t.flagged && !symbolish(t.s[t.prevEnd:end]) {
		return
	}
	start := t.from + lastSpaceEnd(t.s[t.from:t.first])
	chunk := t.s[start:end]
	if !MayHaveExtras(chunk) {
		return
	}
	for _, x := range Extras(chunk, t.firstPos) {
		x.Start += start
		x.End += start
		t.queue = append(t.queue, x)
	}
}

// spaceIndex returns the index of the first white space in s, or -1.
func spaceIndex(s string) int {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c == ' ' || ('\t' <= c && c <= '\r') {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if IsSpace(r) {
			return i
		}
		i += size
	}
	return -1
}

// lastSpaceEnd returns the index after the last white space in s, or 0.
func lastSpaceEnd(s string) int {
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if IsSpace(r) {
			return i
		}
		i -= size
	}
	return 0
}

// symbolish reports whether s holds a byte of a symbol or a hyphen (or
// the first byte of U+2010-U+203F, to be looked at closer).
func symbolish(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '+', '#', '.', '%', '&', '@', '/', '_', '$', ':', '-', 0xe2:
			return true
		}
	}
	return false
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
// it holds a hyphen or a symbol that something follows, or a symbol kept
// at a token's end (+ # %). A sentence's last period is neither. It is
// cheap and never false when Extras finds something.
func MayHaveExtras(chunk string) bool {
	last := len(chunk) - 1
	for i := 0; i < len(chunk); i++ {
		c := chunk[i]
		switch {
		case c == '+' || c == '#' || c == '%':
			return true
		case c == '-' || c == '.' || c == '&' || c == '@' || c == '/' || c == '_' || c == '$' || c == ':':
			if i < last {
				return true
			}
		case c == 0xe2 && i+2 < len(chunk) && chunk[i+1] == 0x80 && (chunk[i+2] == 0x90 || chunk[i+2] == 0x91):
			if i+2 < last {
				return true
			}
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
