package ingest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// parseJSONValue decodes data, one JSON value with nothing but white space
// around it, as encoding/json decodes into an any with UseNumber: objects
// as map[string]any, arrays as []any, numbers as json.Number. It is the
// fast path of JSON Lines, where the standard decoder (a buffered copy of
// every line and two scans of it) took a third of the loading time. It
// reports false for anything it does not accept, invalid or not, and the
// caller then asks encoding/json, which gives the value or the error
// message people read: the two agree on every input (FuzzParseJSONValue).
//
// When valid is set, data is known to be valid UTF-8 and is not checked
// again.
func parseJSONValue(data []byte, valid bool) (any, bool) {
	p := jsonParser{data: data, valid: valid}
	p.space()
	v, ok := p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return v, p.i == len(data)
}

// maxJSONDepth bounds the nesting parseJSONValue follows itself; deeper
// documents go to encoding/json, which has its own limit.
const maxJSONDepth = 512

type jsonParser struct {
	data  []byte
	i     int
	valid bool // data is valid UTF-8
}

func (p *jsonParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (any, bool) {
	if p.i >= len(p.data) || depth > maxJSONDepth {
		return nil, false
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.string()
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, false
}

func (p *jsonParser) literal(word string) bool {
	if len(p.data)-p.i < len(word) || string(p.data[p.i:p.i+len(word)]) != word {
		return false
	}
	p.i += len(word)
	return true
}

// take skips white space and consumes c if it comes next.
func (p *jsonParser) take(c byte) bool {
	p.space()
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

// more reads what follows a member or an element: a comma (more) or the
// closing byte (not more); anything else is not JSON (not ok).
func (p *jsonParser) more(closing byte) (more, ok bool) {
	if p.take(',') {
		p.space()
		return true, true
	}
	return false, p.take(closing)
}

func (p *jsonParser) object(depth int) (any, bool) {
	p.i++ // {
	m := make(map[string]any)
	if p.take('}') {
		return m, true
	}
	for {
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil, false
		}
		k, ok := p.string()
		if !ok || !p.take(':') {
			return nil, false
		}
		p.space()
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		m[k] = v
		if more, ok := p.more('}'); !more {
			return m, ok
		}
	}
}

func (p *jsonParser) array(depth int) (any, bool) {
	p.i++ // [
	a := []any{}
	if p.take(']') {
		return a, true
	}
	for {
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		a = append(a, v)
		if more, ok := p.more(']'); !more {
			return a, ok
		}
	}
}

// string decodes the string starting at the quote at p.i. It finds the
// closing quote and the backslashes with bytes.IndexByte, which reads many
// bytes at a step, and checks the rest eight bytes at a time: this reads
// every byte of a JSON Lines dump.
func (p *jsonParser) string() (string, bool) {
	start := p.i + 1
	q := indexFrom(p.data, start, '"')
	if q < 0 {
		return "", false
	}
	escaped := false
	for i := start; ; {
		b := indexFrom(p.data[:q], i, '\\')
		if b < 0 {
			break
		}
		escaped = true
		if i = b + 2; i > q { // the quote was escaped: find the next
			if q = indexFrom(p.data, i, '"'); q < 0 {
				return "", false
			}
		}
	}
	raw := p.data[start:q]
	p.i = q + 1
	if !p.clean(raw) {
		return "", false
	}
	if !escaped {
		return string(raw), true
	}
	return unescape(raw)
}

// indexFrom is the index of the first c in data from i, or -1.
func indexFrom(data []byte, i int, c byte) int {
	if i > len(data) {
		return -1
	}
	if j := bytes.IndexByte(data[i:], c); j >= 0 {
		return i + j
	}
	return -1
}

// clean reports whether the inside of a string, raw, holds no byte below
// 0x20, which JSON forbids, and is valid UTF-8 (unless known to be):
// encoding/json rejects the one and replaces the other, so the fast path
// leaves both to it. ASCII goes eight bytes at a step.
func (p *jsonParser) clean(raw []byte) bool {
	const low, high, seven = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	for i := 0; i < len(raw); {
		if i+8 <= len(raw) {
			x := binary.LittleEndian.Uint64(raw[i:])
			// An ASCII byte is below 0x20 when adding 0x60 to it does
			// not set its high bit.
			control := ^(x&seven + 0x60*low | x) & high
			nonASCII := x & high
			if nonASCII == 0 {
				if control != 0 {
					return false
				}
				i += 8
				continue
			}
			k := bits.TrailingZeros64(nonASCII) / 8
			if control&(1<<(8*k)-1) != 0 {
				return false
			}
			i += k
		} else if raw[i] < utf8.RuneSelf {
			if raw[i] < 0x20 {
				return false
			}
			i++
			continue
		}
		// raw[i] starts a multi-byte character.
		if p.valid {
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

// unescape decodes the escapes of the inside of a JSON string.
func unescape(raw []byte) (string, bool) {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		j := bytes.IndexByte(raw[i:], '\\')
		if j < 0 {
			b.Write(raw[i:])
			break
		}
		b.Write(raw[i : i+j])
		i += j
		if i+1 >= len(raw) {
			return "", false
		}
		e := raw[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(raw[i:])
			if !ok {
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// A pair, or a lone half that decodes to U+FFFD.
				r2 := rune(-1)
				if len(raw)-i >= 6 && raw[i] == '\\' && raw[i+1] == 'u' {
					if r2, ok = hex4(raw[i+2:]); !ok {
						return "", false
					}
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError // the second escape stands alone
				}
			}
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// hex4 reads the four hex digits of a \\u escape at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number reads a number as JSON's grammar has it.
func (p *jsonParser) number() (any, bool) {
	d, start := p.data, p.i
	i := p.i
	if d[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		return i > j
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		return nil, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			return nil, false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return nil, false
		}
	}
	p.i = i
	return json.Number(d[start:i]), true
}
