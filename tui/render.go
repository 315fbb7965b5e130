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
// and taken out of its output, to find the line where each match ends up.
// It is the word joiner, of zero width, so that it does not change the
// wrapping; it is removed from corpus text beforehand (it shows nothing).
const matchMark = "\u2060"

// findMarks takes the match marks out of rendered content and returns
// their lines.
func findMarks(content string) rendering {
	if !strings.Contains(content, matchMark) {
		return rendering{content: content}
	}
	var marks []int
	for i, line := range strings.Split(content, "\n") {
		for range strings.Count(line, matchMark) {
			marks = append(marks, i)
		}
	}
	return rendering{content: strings.ReplaceAll(content, matchMark, ""), marks: marks}
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
		b.WriteString("**")
		at = end
	}
	b.WriteString(escapeText(a, text[at:]))
}

// escapeText makes corpus text Markdown to render and removes the match
// mark from it.
func escapeText(a *corpus.Article, s string) string {
	return a.BodyText(strings.ReplaceAll(s, matchMark, ""))
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
