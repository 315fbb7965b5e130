package tui

import (
	"fmt"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// renderKey is what a Glamour rendering depends on.
type renderKey struct {
	id    string
	width int
	dark  bool
	query string // the filter whose matches are highlighted
}

// rendererKey picks one Glamour renderer: one per width and style.
type rendererKey struct {
	width int
	dark  bool
}

// glamourRenderer is a Glamour renderer with a lock: a TermRenderer keeps
// state while it renders, and renders run in commands, concurrently.
type glamourRenderer struct {
	mu sync.Mutex
	tr *glamour.TermRenderer
}

func (g *glamourRenderer) render(md string) (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.tr.Render(md)
}

// renderCache holds the renderers and the rendered articles. It is only
// touched from Update; commands get a renderer and send results back.
type renderCache struct {
	renderers map[rendererKey]*glamourRenderer
	articles  map[renderKey]rendering
}

// maxCached bounds the rendered articles kept, maxRenderers the Glamour
// renderers (one per width and style).
const (
	maxCached    = 256
	maxRenderers = 8
)

func newRenderCache() *renderCache {
	return &renderCache{renderers: map[rendererKey]*glamourRenderer{}, articles: map[renderKey]rendering{}}
}

func (rc *renderCache) renderer(k rendererKey) (*glamourRenderer, error) {
	if g, ok := rc.renderers[k]; ok {
		return g, nil
	}
	if len(rc.renderers) >= maxRenderers {
		// A run of resizes: drop the old widths (renders in flight keep
		// their own renderer).
		clear(rc.renderers)
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(glamourStyle(k.dark)), glamour.WithWordWrap(k.width))
	if err != nil {
		return nil, fmt.Errorf("glamour renderer for width %d: %w", k.width, err)
	}
	g := &glamourRenderer{tr: tr}
	rc.renderers[k] = g
	return g, nil
}

func (rc *renderCache) put(k renderKey, s rendering) {
	if len(rc.articles) >= maxCached {
		for old := range rc.articles {
			delete(rc.articles, old)
			if len(rc.articles) < maxCached/2 {
				break
			}
		}
	}
	rc.articles[k] = s
}

// glamourStyle is Glamour's dark or light style, with strong emphasis
// (which escaped corpus text never produces) turned into the match
// highlight.
func glamourStyle(dark bool) gansi.StyleConfig {
	cfg, fg, bg := styles.LightStyleConfig, "#FFFFFF", "#B3261E"
	if dark {
		cfg, fg, bg = styles.DarkStyleConfig, "#1A1A1A", "#FFC857"
	}
	bold := true
	cfg.Strong = gansi.StylePrimitive{Color: &fg, BackgroundColor: &bg, Bold: &bold}
	return cfg
}

// matchMark is put before each match in the Markdown given to Glamour,
// and matchEnd after it; both are taken out of its output, to find where
// each match ends up: line and column. They are the word joiner and the
// function application, of zero width, so that they do not change the
// wrapping; they are removed from corpus text beforehand (they show
// nothing).
const (
	matchMark = "\u2060"
	matchEnd  = "\u2061"
)

// findMarks takes the match marks out of rendered content and returns
// where each match is, in reading order.
func findMarks(content string) rendering {
	if !strings.Contains(content, matchMark) {
		return rendering{content: strings.ReplaceAll(content, matchEnd, "")}
	}
	var marks []matchPos
	open := -1 // the match whose end is not found yet
	lines := strings.Split(content, "\n")
	for i, line := range lines {
		for j := 0; j < len(line); {
			k := strings.IndexAny(line[j:], matchMark+matchEnd)
			if k < 0 {
				break
			}
			at := j + k
			col := ansi.StringWidth(line[:at]) // the marks have no width
			if strings.HasPrefix(line[at:], matchMark) {
				marks = append(marks, matchPos{line: i, col: col, endLine: i, endCol: col})
				open = len(marks) - 1
				j = at + len(matchMark)
				continue
			}
			if open >= 0 {
				marks[open].endLine, marks[open].endCol = i, col
				open = -1
			}
			j = at + len(matchEnd)
		}
		lines[i] = strings.NewReplacer(matchMark, "", matchEnd, "").Replace(line)
	}
	return rendering{content: strings.Join(lines, "\n"), marks: marks}
}

// articleMarkdown is the article's body as Markdown, the matches of hit
// wrapped in strong emphasis (styled as highlights). The title and the
// metadata line are the pane's header, outside the scrolled text. Corpus
// text is escaped piece by piece, or made safe when the source wrote it in
// Markdown, so nothing in it is markup of another kind.
func articleMarkdown(a *corpus.Article, hit *search.Hit) string {
	paras := map[int][]search.Span{}
	if hit != nil {
		for _, bs := range hit.Body {
			paras[bs.Para] = append(paras[bs.Para], bs.Span)
		}
	}
	var b strings.Builder
	for i, p := range a.Paragraphs {
		if i > 0 {
			b.WriteString("\n")
		}
		writeEscaped(&b, a, p, paras[i])
		b.WriteString("\n")
	}
	return b.String()
}

// writeEscaped writes text of a's body made Markdown, with the spans in
// strong emphasis.
func writeEscaped(b *strings.Builder, a *corpus.Article, text string, spans []search.Span) {
	at := 0
	for _, sp := range spans {
		start, end := max(sp.Start, at), min(sp.End, len(text))
		if start >= end {
			continue
		}
		b.WriteString(escapeText(a, text[at:start]))
		b.WriteString("**" + matchMark)
		b.WriteString(escapeText(a, text[start:end]))
		b.WriteString(matchEnd + "**")
		at = end
	}
	b.WriteString(escapeText(a, text[at:]))
}

// escapeText makes text of a's body Markdown for Glamour, the match marks
// removed: made safe when the source wrote the body in Markdown (see
// corpus.SafeMarkdown), else escaped whatever comes before or after it: every character that can take part in markup is escaped in
// a form Glamour prints as the character (a backslash, or a character
// reference for the three it would print the backslash of), and the
// match marks are removed. Unlike corpus.EscapeMarkdown, made for
// people reading Markdown, it does not depend on the text around, so
// that the text of a paragraph can be escaped between its matches.
func escapeText(a *corpus.Article, s string) string {
	if a.BodyMarkdown {
		return corpus.SafeMarkdown(strings.NewReplacer(matchMark, "", matchEnd, "").Replace(s))
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '+', '-', '.', ')', '!', '{', '}':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '~':
			b.WriteString("&#126;")
		case ':':
			b.WriteString("&#58;") // a definition, a link's scheme
		case '=':
			b.WriteString("&#61;")
		case '&':
			// Glamour decodes a character reference even after a
			// backslash ("\&#27;" prints ESC).
			b.WriteString("&amp;")
		default:
			if strings.HasPrefix(s[i:], matchMark) || strings.HasPrefix(s[i:], matchEnd) {
				i += len(matchMark) - 1 // both are three bytes
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// keepSGR removes every escape sequence but colours and attributes (SGR)
// from Glamour's output: no hyperlink, title or clipboard sequence may come
// out of corpus text, even through Markdown that Glamour turns into one.
func keepSGR(s string) string {
	if !strings.ContainsRune(s, ansi.ESC) && !strings.ContainsRune(s, '\u009b') && !strings.ContainsRune(s, '\u009d') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var state byte
	for len(s) > 0 {
		seq, _, n, newState := ansi.DecodeSequence(s, state, nil)
		state = newState
		if n <= 0 {
			break
		}
		switch {
		case ansi.HasCsiPrefix(seq) && strings.HasSuffix(seq, "m"):
			b.WriteString(seq)
		case seq[0] == ansi.ESC || (len(seq) > 1 && seq[0] == 0xc2 && seq[1] >= 0x80 && seq[1] <= 0x9f):
			// another escape sequence: dropped
		case len(seq) == 1 && seq[0] < 0x20 && seq[0] != '\n' && seq[0] != '\t':
			// a stray control character: dropped
		default:
			b.WriteString(seq)
		}
		s = s[n:]
	}
	return b.String()
}
