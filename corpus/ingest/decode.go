package ingest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decoded is a file's text turned into UTF-8, with what was learnt on the
// way.
type decoded struct {
	text string
	// encoding names what the bytes were read as ("UTF-8", "UTF-16LE",
	// "Windows-1252").
	encoding string
	// loss says what could not be decoded, or "" when nothing was lost.
	loss string
}

// Byte-order marks that announce an encoding.
var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

// decodeText turns the bytes of a text file into UTF-8. A byte-order mark
// decides first (UTF-8, UTF-16 LE or BE); then valid UTF-8 is kept as is;
// text that is mostly UTF-8 keeps its valid part and has its invalid bytes
// replaced by U+FFFD; anything else is read as Windows-1252, the superset
// of Latin-1 that old Windows and web text use. Line endings are left to
// Sanitize.
func decodeText(data []byte) decoded {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		d := decodeUTF8(data[len(bomUTF8):])
		return d
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeWith(data, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE")
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeWith(data, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE")
	}
	if utf8.Valid(data) {
		return decoded{text: string(data), encoding: "UTF-8"}
	}
	good, bad := utf8Evidence(data)
	if good > bad {
		return decodeUTF8(data)
	}
	return decodeWindows1252(data)
}

// decodeUTF8 keeps valid UTF-8 and replaces each invalid byte with U+FFFD,
// reporting how many there were.
func decodeUTF8(data []byte) decoded {
	if utf8.Valid(data) {
		return decoded{text: string(data), encoding: "UTF-8"}
	}
	_, bad := utf8Evidence(data)
	return decoded{
		text:     string(bytes.ToValidUTF8(data, []byte("\uFFFD"))),
		encoding: "UTF-8",
		loss:     fmt.Sprintf("%d invalid UTF-8 byte%s replaced with U+FFFD", bad, plural(bad)),
	}
}

// decodeWith decodes data with enc, whose decoder replaces what it cannot
// read with U+FFFD; those replacements are counted as the loss.
func decodeWith(data []byte, enc encoding.Encoding, name string) decoded {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return decoded{text: string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), encoding: name,
			loss: fmt.Sprintf("not decodable as %s: %v", name, err)}
	}
	d := decoded{text: string(out), encoding: name}
	if n := bytes.Count(out, []byte("\uFFFD")) - bytes.Count(data, []byte("\uFFFD")); n > 0 {
		d.loss = fmt.Sprintf("%d invalid %s sequence%s replaced with U+FFFD", n, name, plural(n))
	}
	return d
}

// decodeWindows1252 reads single-byte legacy text. The five bytes that
// Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the only
// loss.
func decodeWindows1252(data []byte) decoded {
	undefined := 0
	for _, c := range data {
		switch c {
		case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
			undefined++
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		// The decoder maps every byte; an error here is a bug in x/text.
		return decoded{text: string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), encoding: "Windows-1252",
			loss: fmt.Sprintf("not decodable as Windows-1252: %v", err)}
	}
	d := decoded{text: string(out), encoding: "Windows-1252"}
	if undefined > 0 {
		d.loss = fmt.Sprintf("%d byte%s undefined in Windows-1252 replaced with U+FFFD", undefined, plural(undefined))
	}
	return d
}

// utf8Evidence counts the valid multi-byte UTF-8 sequences of data (good)
// and the bytes that start no valid sequence (bad). Legacy single-byte text
// has almost no good sequences; damaged UTF-8 has far more good than bad.
func utf8Evidence(data []byte) (good, bad int) {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		i += size
	}
	return good, bad
}

// decode turns the bytes of a file of the given format into UTF-8: a web
// page by the charset it declares (decodeHTML), any other text by
// decodeText.
func decode(data []byte, format string) decoded {
	if format == formatHTML || format == formatFeed {
		return decodeHTML(data) // a feed declares its charset as a page does
	}
	return decodeText(data)
}

// decodeHTML turns the bytes of a web page into UTF-8. A byte-order mark
// decides first, and valid UTF-8 stays UTF-8 whatever the page says (a
// page saved as UTF-8 often keeps the charset it was served with); else
// the charset the page declares in its head (<meta charset>, a
// Content-Type in <meta http-equiv>, an XML declaration) is used, with
// the WHATWG's names (gb2312 is read as GBK, iso-8859-1 as
// Windows-1252); a page that declares none, or one unknown, is read as
// decodeText reads any text. What the declared charset cannot read is
// replaced with U+FFFD and counted as the loss.
func decodeHTML(data []byte) decoded {
	if bytes.HasPrefix(data, bomUTF8) || bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) || utf8.Valid(data) {
		return decodeText(data)
	}
	label := declaredCharset(data)
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil:
		return decodeText(data)
	case name == "utf-8", strings.HasPrefix(name, "utf-16"):
		// A page that declares UTF-16 without a byte-order mark is not
		// UTF-16 (WHATWG): it is read as UTF-8.
		return decodeUTF8(data)
	case name == "windows-1252":
		return decodeWindows1252(data)
	}
	return decodeWith(data, enc, strings.ToUpper(name))
}

// maxCharsetScan is how far into a page its charset is looked for: the
// WHATWG says 1,024 bytes, but pages put long scripts and comments
// before their <meta charset>, and browsers then find it while parsing.
const maxCharsetScan = 64 << 10

// xmlEncoding reads the encoding of an XML declaration.
var xmlEncoding = lazyRegexp(`^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// declaredCharset returns the charset a page declares in its head, or "".
func declaredCharset(data []byte) string {
	head := data[:min(len(data), maxCharsetScan)]
	if m := xmlEncoding().FindSubmatch(head); m != nil {
		return string(m[1])
	}
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
				if cs := metaCharset(z, hasAttr); cs != "" {
					return cs
				}
			}
		}
	}
}

// metaCharset reads the charset of the <meta> the tokenizer is on: its
// charset attribute, or the charset parameter of its content when it is
// an http-equiv Content-Type.
func metaCharset(z *html.Tokenizer, more bool) string {
	var content string
	contentType := false
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "charset":
			return strings.TrimSpace(string(v))
		case "content":
			content = string(v)
		case "http-equiv":
			contentType = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
		}
	}
	if !contentType {
		return ""
	}
	lower := strings.ToLower(content)
	i := strings.Index(lower, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(content[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.Trim(strings.TrimLeft(rest[1:], " \t"), `"'`)
	if j := strings.IndexAny(rest, ` ;"'`); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// lazyRegexp returns a function that compiles pattern on its first call
// and returns the same Regexp from then on: compiled with the package,
// the loader's patterns (Unicode classes among them) cost every command
// a few milliseconds before it starts, a load or not.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
