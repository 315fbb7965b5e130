package ingest

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
)

// The formats gazette reads, as Options.Format and Article.Format name
// them.
const (
	formatText     = "text"
	formatMarkdown = "markdown"
	formatJSON     = "json"
	formatJSONL    = "jsonl"
	formatCSV      = "csv"
	formatTSV      = "tsv"
	formatHTML     = "html"
)

// Formats returns the names Options.Format accepts, in the order people
// meet them.
func Formats() []string {
	return []string{formatText, formatMarkdown, formatJSON, formatJSONL, formatCSV, formatTSV, formatHTML, formatFeed}
}

// ParseFormat reads a --format value: one of Formats, or a usual extension
// for one ("md", "ndjson", "htm", "txt"). It returns the format's name.
func ParseFormat(name string) (string, error) {
	n := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "."))
	if slices.Contains(Formats(), n) {
		return n, nil
	}
	if f := formatOf("x." + n); f != "" && !strings.Contains(n, ".") {
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(Formats(), ", "))
}

// notArticleExts are extensions of files that hold no article: pictures,
// styles and scripts of saved pages, fonts, media, archives, programs and
// office documents. A folder walk skips them, and counts them.
var notArticleExts = strings.Fields(`.png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .avif .heic
	.css .js .mjs .map .ts .wasm .woff .woff2 .ttf .otf .eot
	.mp3 .mp4 .m4a .m4v .wav .ogg .oga .ogv .webm .flac .avi .mov .mkv
	.zip .tar .tgz .bz2 .xz .7z .rar .zst .exe .dll .so .dylib .o .a .class .jar .pyc .bin .iso .dmg
	.pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .epub .db .sqlite`)

// walkChoice says what a folder walk does with a file, by its name: read
// it as its extension says, sniff its content, or skip it (the reason
// for the count).
func (l *loader) walkChoice(name string) (read, sniff bool, skip string) {
	if l.opts.Format != "" || formatOf(name) != "" {
		return true, false, ""
	}
	ext := strings.ToLower(path.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	if slices.Contains(notArticleExts, ext) {
		return false, false, "not an article by its extension (" + ext + ")"
	}
	return true, true, ""
}

// formatOf names the format a file's extension announces, looking through
// a ".gz" suffix, or "".
func formatOf(name string) string {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	switch path.Ext(name) {
	case ".txt", ".text":
		return formatText
	case ".md", ".markdown":
		return formatMarkdown
	case ".json":
		return formatJSON
	case ".jsonl", ".ndjson":
		return formatJSONL
	case ".csv":
		return formatCSV
	case ".tsv", ".tab":
		return formatTSV
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case ".rss", ".atom":
		return formatFeed
	}
	return ""
}

// sniffFormat guesses the format of a file whose name says nothing, from
// its first bytes.
func sniffFormat(head []byte) string {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, bomUTF8), " \t\r\n")
	lower := bytes.ToLower(h[:min(len(h), 512)])
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")):
		return formatHTML
	case bytes.HasPrefix(lower, []byte("<")) && isFeed(lower):
		return formatFeed
	case bytes.HasPrefix(h, []byte("{")):
		// One object a line is JSON Lines; readJSON also falls back to it.
		if i := bytes.IndexByte(h, '\n'); i > 0 && bytes.HasPrefix(bytes.TrimLeft(h[i:], " \t\r\n"), []byte("{")) {
			return formatJSONL
		}
		return formatJSON
	case bytes.HasPrefix(h, []byte("[")):
		return formatJSON
	case bytes.HasPrefix(h, []byte("---\n")), bytes.HasPrefix(h, []byte("---\r\n")):
		return formatMarkdown
	}
	return formatText
}
