package state

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"runtime"
	"strings"
	"sync"

	"github.com/gazette-reader/gazette/corpus"
)

// Key is an article's identity: the first 128 bits of the SHA-256 of its
// normalised title and body (see KeyOf). It survives moving or renaming
// the corpus, since it is not made from a path, and 128 bits make two
// different articles sharing one out of reach, by chance or by design.
type Key [16]byte

// String returns the key in hexadecimal, 32 digits.
func (k Key) String() string { return hex.EncodeToString(k[:]) }

// ParseKey reads a key written by String.
func ParseKey(s string) (Key, bool) {
	var k Key
	if len(s) != 2*len(k) {
		return k, false
	}
	if _, err := hex.Decode(k[:], []byte(s)); err != nil {
		return k, false
	}
	return k, true
}

// KeyOf returns the identity of a: the SHA-256, cut to 128 bits, of its
// title, a newline, then its paragraphs separated by newlines, each without
// white space at its ends, as the loader normalised them (NFC, runs of white
// space collapsed).
//
// What changes it: a word of the title or the body changed, added or
// removed, or a paragraph split or joined. What does not: the file's name,
// path, folder or format, the order of the corpus, the date, the URL, the
// authors, the source's tags and fields, white space at the ends of a
// paragraph, and a title that the loader derived from the first sentence
// (it is not part of the key, so a loader that derives it differently
// keeps it). A loader that cleans a page differently (more page chrome
// taken out) makes a new key.
//
// It costs one pass of SHA-256 over the text, about 2.5 µs for an article
// of 3 KB on one core (Keys uses every core).
func KeyOf(a *corpus.Article) Key {
	k, _ := keyWith(sha256.New(), a, nil)
	return k
}

// keyWith is KeyOf with a hash and a buffer to reuse; it returns the
// buffer, grown.
func keyWith(h hash.Hash, a *corpus.Article, buf []byte) (Key, []byte) {
	h.Reset()
	buf = buf[:0]
	if !a.TitleDerived {
		buf = append(buf, strings.TrimSpace(a.Title)...)
	}
	buf = append(buf, '\n')
	for i, p := range a.Paragraphs {
		if i > 0 {
			buf = append(buf, '\n')
		}
		// Copied: a string written as []byte to a hash.Hash would be
		// copied to the heap anyway.
		buf = append(buf, strings.TrimSpace(p)...)
		if len(buf) >= 32<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	var sum [sha256.Size]byte
	var k Key
	copy(k[:], h.Sum(sum[:0]))
	return k, buf
}

// Articles is a list of articles, in timeline order: *corpus.Corpus is
// one.
type Articles interface {
	Len() int
	At(i int) *corpus.Article
}

// Keys returns the key of every article of c, by index: those its source
// keeps, when it is a corpus made from one that does (a snapshot, see
// corpus.Corpus.Source), else computed on every core: about 150 ms of CPU
// for 100,000 articles of 3 KB. A corpus read from a mapped file
// (corpus.Corpus.Release) is told, a stretch at a time, that the text
// read can leave memory.
func Keys(c Articles) []Key {
	n := c.Len()
	if cs, ok := c.(interface{ Source() corpus.Source }); ok {
		if ks, ok := cs.Source().(interface{ ContentKeys() []Key }); ok {
			if keys := ks.ContentKeys(); len(keys) == n {
				return keys
			}
		}
	}
	keys := make([]Key, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/64))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() {
			h, buf := sha256.New(), make([]byte, 0, 8<<10)
			at := c.At
			if r, ok := c.(interface{ Read(int) *corpus.Article }); ok {
				// Each article once: a corpus that builds them on demand
				// need not keep them all.
				at = r.Read
			}
			release, prefetch := func(i, j int) {}, func(i, j int) {}
			if r, ok := c.(interface{ Release(i, j int) }); ok {
				// Nor keep the pages of a mapped file they were read from.
				release = r.Release
			}
			if r, ok := c.(interface{ Prefetch(i, j int) }); ok {
				// Whose pages are read ahead of the pass.
				prefetch = r.Prefetch
			}
			for from := lo; from < hi; from += corpus.ReleaseStep {
				to := min(from+corpus.ReleaseStep, hi)
				prefetch(from, to)
				for i := from; i < to; i++ {
					keys[i], buf = keyWith(h, at(i), buf)
				}
				release(from, to)
			}
		})
	}
	wg.Wait()
	return keys
}
