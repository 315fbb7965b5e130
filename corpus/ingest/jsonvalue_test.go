package ingest

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// stdJSON decodes data as jsonLine's fallback does: encoding/json with
// UseNumber, one value and nothing after it.
func stdJSON(data []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return v, true
}

func TestParseJSONValue(t *testing.T) {
	accepted := []string{
		`{"title":"L’OTAN","n":-12.5e+3,"ok":true,"no":false,"x":null,"tags":["a",[],{}]}`,
		` {"a":1,"a":2} `,
		`"caf\u00e9 \ud83d\ude00 \n\t\"\\\/ \b\f\r"`,
		`"lone \ud83d half"`,
		`"\ud83d\u0041"`,
		`0`, `-0.0`, `1E9`, `[1,2 , 3]`, "\t[\r\n]\n",
		`{"deep":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`,
	}
	for _, in := range accepted {
		got, ok := parseJSONValue([]byte(in), false)
		want, wantOK := stdJSON([]byte(in))
		if !ok || !wantOK {
			t.Errorf("%q: fast %v, encoding/json %v; want both to accept", in, ok, wantOK)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %#v, want %#v", in, got, want)
		}
	}
	// Invalid JSON, and what the fast path leaves to encoding/json (invalid
	// UTF-8, which it replaces; nesting past maxJSONDepth).
	refused := []string{
		``, ` `, `{`, `{"a"}`, `{"a":1,}`, `[1,]`, `01`, `1.`, `-`, `1e`, `+1`,
		`"\x"`, `"\u12"`, "\"tab\tinside\"", `tru`, `nul`, `{} {}`, `[] x`,
		"\"\xff\"", `{'a':1}`, `"\ud83d\u12"`,
		strings.Repeat("[", maxJSONDepth+2) + strings.Repeat("]", maxJSONDepth+2),
	}
	for _, in := range refused {
		if v, ok := parseJSONValue([]byte(in), false); ok {
			t.Errorf("%q: accepted as %#v", in, v)
		}
	}
}

// FuzzParseJSONValue: whatever the fast path accepts, encoding/json
// accepts too and decodes to the same value.
func FuzzParseJSONValue(f *testing.F) {
	addHostile(f, true, ".jsonl", ".json")
	f.Add([]byte(`{"a":"\ud800\udc00\ud800x","b":[1.5e-3,true,null]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := parseJSONValue(data, false)
		if utf8.Valid(data) {
			// Told the data is valid, the parser must read it the same.
			if again, okAgain := parseJSONValue(data, true); okAgain != ok || !reflect.DeepEqual(again, got) {
				t.Fatalf("%q: unchecked %#v, %v; checked %#v, %v", data, again, okAgain, got, ok)
			}
		}
		if !ok {
			return
		}
		want, wantOK := stdJSON(data)
		if !wantOK {
			t.Fatalf("%q: accepted, encoding/json refuses it", data)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", data, got, want)
		}
	})
}

// TestParseJSONStringAtEveryOffset puts a control character, an invalid
// byte and an escaped quote at every character boundary of a French line,
// so at every offset within the eight-byte steps of the string scanner: the
// first two must send the line to encoding/json, the last must decode.
func TestParseJSONStringAtEveryOffset(t *testing.T) {
	base := "Le réseau, l’OTAN « coopère » : été 2019 — très bien, fin"
	for i := 0; i <= len(base); i++ {
		if i < len(base) && !utf8.RuneStart(base[i]) {
			continue
		}
		for _, valid := range []bool{false, true} {
			if _, ok := parseJSONValue([]byte(`"`+base[:i]+"\x01"+base[i:]+`"`), valid); ok {
				t.Errorf("control character at %d accepted (valid %v)", i, valid)
			}
		}
		if _, ok := parseJSONValue([]byte(`"`+base[:i]+"\xff"+base[i:]+`"`), false); ok {
			t.Errorf("invalid UTF-8 at %d accepted", i)
		}
		v, ok := parseJSONValue([]byte(`["`+base[:i]+`\"`+base[i:]+`"]`), false)
		if want := []any{base[:i] + `"` + base[i:]}; !ok || !reflect.DeepEqual(v, want) {
			t.Errorf("escaped quote at %d: %q, %v", i, v, ok)
		}
	}
}
