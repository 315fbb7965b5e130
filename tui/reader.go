package tui

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// maxTextWidth is the widest the article text runs, however wide the pane:
// long lines are hard to read.
const maxTextWidth = 100

// reader is the right pane: the selected article rendered by Glamour in a
// viewport.
type reader struct {
	c     Articles
	cache *renderCache
	vp    viewport.Model

	width, height int
	dark          bool

	article int         // corpus index of the article shown, -1 for none
	hit     *search.Hit // its matches, when a filter is active
	query   string

	want  renderKey // what the pane should show
	shown renderKey // what the viewport holds
	// marks are the content lines of the matches highlighted, in reading
	// order; match is the one n or N moved to last, -1 for none.
	marks []int
	match int
	// frac is the reading position (0 top, 1 bottom) to restore when the
	// rendering of want arrives.
	frac float64
}

func newReader(c Articles) reader {
	vp := viewport.New()
	vp.MouseWheelEnabled = false // the root routes the wheel
	return reader{c: c, cache: newRenderCache(), vp: vp, article: -1, match: -1}
}

// textWidth is the width Glamour wraps to.
func (r *reader) textWidth() int { return max(10, min(r.width-1, maxTextWidth)) }

// setSize resizes the pane; the article is rendered again at the new
// width, at the same reading position.
func (r *reader) setSize(width, height int) tea.Cmd {
	pos := r.fraction() // measured before the viewport changes
	r.width, r.height = width, height
	r.vp.SetWidth(width)
	r.fitViewport()
	cmd := r.refreshAt(pos)
	if r.want == r.shown {
		r.vp.SetYOffset(int(math.Round(pos * float64(r.maxOffset()))))
	}
	return cmd
}

// setDark switches the Glamour style.
func (r *reader) setDark(dark bool) tea.Cmd {
	r.dark = dark
	return r.refresh()
}

// show makes the reader follow article a (a corpus index) with its hit.
func (r *reader) show(a int, hit *search.Hit, query string) tea.Cmd {
	r.article, r.hit, r.query = a, hit, query
	if hit == nil {
		r.query = ""
	}
	return r.refresh()
}

// refresh asks for the rendering the pane needs now: from the cache, or
// from a command.
func (r *reader) refresh() tea.Cmd { return r.refreshAt(r.fraction()) }

// refreshAt is refresh, keeping the reading position pos when the
// article stays the same.
func (r *reader) refreshAt(pos float64) tea.Cmd {
	if r.article < 0 || r.width <= 0 {
		return nil
	}
	a := r.c.At(r.article)
	k := renderKey{id: a.ID, width: r.textWidth(), dark: r.dark, query: r.query}
	if k == r.want {
		return nil
	}
	if k.id == r.shown.id && r.shown.id != "" {
		r.frac = pos
	} else {
		r.frac = 0
	}
	r.want = k
	r.fitViewport()
	if s, ok := r.cache.articles[k]; ok {
		r.apply(k, s)
		return nil
	}
	g, err := r.cache.renderer(rendererKey{width: k.width, dark: k.dark})
	if err != nil {
		return func() tea.Msg { return renderedMsg{key: k, err: err} }
	}
	md := articleMarkdown(a, r.hit)
	return func() tea.Msg {
		out, err := g.render(md)
		if err != nil {
			return renderedMsg{key: k, err: fmt.Errorf("render %s: %w", k.id, err)}
		}
		return renderedMsg{key: k, rendered: findMarks(keepSGR(strings.Trim(out, "\n")))}
	}
}

// rendered takes a rendering back from its command; one the pane no
// longer wants is cached but not shown.
func (r *reader) rendered(msg renderedMsg) {
	content := msg.rendered
	if msg.err != nil {
		content = rendering{content: "  " + msg.err.Error()}
	} else {
		r.cache.put(msg.key, content)
	}
	if msg.key == r.want {
		r.apply(msg.key, content)
	}
}

func (r *reader) apply(k renderKey, content rendering) {
	r.vp.SetContent(content.content)
	if k.id != r.shown.id || k.query != r.shown.query {
		r.match = -1
	}
	r.marks = content.marks
	r.shown = k
	r.vp.SetYOffset(int(math.Round(r.frac * float64(r.maxOffset()))))
}

func (r *reader) maxOffset() int { return max(0, r.vp.TotalLineCount()-r.vp.Height()) }

// fraction is the reading position: 0 at the top, 1 at the bottom.
func (r *reader) fraction() float64 {
	if m := r.maxOffset(); m > 0 {
		return float64(r.vp.YOffset()) / float64(m)
	}
	return 0
}

// ready reports whether the viewport holds a rendering fit to show: the
// article wanted at the width and style wanted, with the matches of the
// query wanted or of a previous one, kept on screen while the new
// highlights render so that typing in the filter does not flash
// "rendering…".
func (r *reader) ready() bool {
	return r.want.id != "" && r.shown.id == r.want.id && r.shown.width == r.want.width && r.shown.dark == r.want.dark
}

func (r *reader) scroll(n int) {
	if n > 0 {
		r.vp.ScrollDown(n)
	} else {
		r.vp.ScrollUp(-n)
	}
}

// nextMatch moves to the next match (dir 1) or the previous one (dir
// -1), from the one moved to last when it is still on screen, else from
// the screen, round the end; the viewport scrolls so that its line shows.
func (r *reader) nextMatch(dir int) {
	k := len(r.marks)
	if k == 0 || !r.ready() {
		return
	}
	top, h := r.vp.YOffset(), r.vp.Height()
	visible := func(line int) bool { return line >= top && line < top+h }
	switch {
	case r.match >= 0 && r.match < k && visible(r.marks[r.match]):
		r.match = (r.match + dir + k) % k
	case dir > 0:
		// The first match from the top of the screen on.
		r.match, _ = slices.BinarySearch(r.marks, top)
		r.match %= k
	default:
		// The last match above the bottom of the screen.
		i, _ := slices.BinarySearch(r.marks, top+h)
		r.match = (i - 1 + k) % k
	}
	if line := r.marks[r.match]; !visible(line) {
		r.vp.SetYOffset(max(line-h/3, 0))
	}
}

// headerMargin is the left margin of the header, the same as Glamour's.
const headerMargin = "  "

// header returns the lines above the text: the title (two lines at most,
// matches highlighted), the metadata line, a blank line.
func (r *reader) header(s *Styles) []string {
	if r.article < 0 {
		return nil
	}
	a := r.c.At(r.article)
	w := max(r.textWidth()-len(headerMargin), 1)
	ts := s.ReaderTitle
	if a.TitleDerived {
		ts = ts.Italic(true)
	}
	var spans []search.Span
	if r.hit != nil {
		spans = r.hit.Title
	}
	// Wrap the plain title, then style each line on its own: a style
	// must not run across a line, the panes are joined line by line.
	lines := make([]string, 0, 5)
	at := 0
	for i, l := range strings.SplitN(ansi.Wordwrap(a.Title, w, ""), "\n", 3) {
		start := at
		if j := strings.Index(a.Title[at:], l); j >= 0 {
			start = at + j
		}
		text := l
		if i == 1 {
			text = a.Title[start:] // the rest, cut below with an ellipsis
		}
		var shifted []search.Span
		for _, sp := range spans {
			if lo, hi := max(sp.Start, start)-start, min(sp.End, start+len(text))-start; lo < hi {
				shifted = append(shifted, search.Span{Start: lo, End: hi})
			}
		}
		var b strings.Builder
		writeMarked(&b, text, shifted, ts, s.Match)
		lines = append(lines, headerMargin+ansi.Truncate(b.String(), w, "…"))
		at = start + len(l)
		if i == 1 {
			break
		}
	}
	for _, l := range metaLines(a, w) {
		lines = append(lines, headerMargin+s.Dim.Render(l))
	}
	return append(lines, "")
}

// headerHeight is the number of header lines of the article shown.
func (r *reader) headerHeight() int {
	if r.article < 0 {
		return 0
	}
	a := r.c.At(r.article)
	w := max(r.textWidth()-len(headerMargin), 1)
	return min(strings.Count(ansi.Wordwrap(a.Title, w, ""), "\n")+1, 2) + len(metaLines(a, w)) + 1
}

// metaLines is the metadata line wrapped to w between its parts, two
// lines at most.
func metaLines(a *corpus.Article, w int) []string {
	var lines []string
	cur := ""
	for _, part := range a.MetaParts() {
		switch {
		case cur == "":
			cur = part
		case ansi.StringWidth(cur+corpus.MetaSeparator+part) <= w:
			cur += corpus.MetaSeparator + part
		default:
			lines = append(lines, cur)
			cur = part
		}
	}
	lines = append(lines, cur)
	if len(lines) > 2 {
		lines = []string{lines[0], strings.Join(lines[1:], corpus.MetaSeparator)}
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return lines
}

// fitViewport gives the viewport the height left under the header.
func (r *reader) fitViewport() {
	r.vp.SetHeight(max(r.height-1-r.headerHeight(), 1))
}

// view returns the pane, height lines: the header, the text, then a line
// with where the reader is (left) and the percent read (right).
func (r *reader) view(s *Styles, where string) string {
	var body string
	switch {
	case r.article < 0:
		body = s.Placeholder.Render("  no article")
	case !r.ready():
		body = s.Placeholder.Render("  rendering…")
	default:
		body = r.vp.View()
	}
	lines := append(r.header(s), strings.Split(body, "\n")...)
	h := max(r.height-1, 1)
	for len(lines) < h {
		lines = append(lines, "")
	}
	lines = lines[:h]
	pct := ""
	if r.ready() {
		pct = fmt.Sprintf("%3.0f%%", r.vp.ScrollPercent()*100)
		switch k := len(r.marks); {
		case k == 0:
		case r.match >= 0:
			where += fmt.Sprintf(" · match %d of %d", r.match+1, k)
		case k == 1:
			where += " · 1 match"
		default:
			where += fmt.Sprintf(" · %d matches", k)
		}
	}
	left := ansi.Truncate(" "+where, max(r.width-len(pct)-1, 0), "…")
	gap := max(r.width-ansi.StringWidth(left)-len(pct)-1, 0)
	lines = append(lines, s.Dim.Render(left+strings.Repeat(" ", gap)+pct))
	return strings.Join(lines, "\n")
}

// clear shows no article: the filter matched none.
func (r *reader) clear() {
	r.article = -1
	r.want, r.shown = renderKey{}, renderKey{}
}

// update handles a key while the reader has the focus: it scrolls and
// moves between matches, or asks for another article or the timeline.
func (r *reader) update(msg tea.KeyPressMsg, k KeyMap) request {
	switch {
	case key.Matches(msg, k.Down):
		r.scroll(1)
	case key.Matches(msg, k.Up):
		r.scroll(-1)
	case key.Matches(msg, k.PageDown):
		r.vp.PageDown()
	case key.Matches(msg, k.PageUp):
		r.vp.PageUp()
	case key.Matches(msg, k.Top):
		r.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		r.vp.GotoBottom()
	case key.Matches(msg, k.NextMatch):
		r.nextMatch(1)
	case key.Matches(msg, k.PrevMatch):
		r.nextMatch(-1)
	case key.Matches(msg, k.NextArticle):
		return requestNextArticle
	case key.Matches(msg, k.PrevArticle):
		return requestPrevArticle
	case key.Matches(msg, k.Back):
		return requestTimeline
	}
	return requestNone
}

// shortHelp is the reader's part of the help line: n and N share an
// entry, to leave the line room.
func (r *reader) shortHelp(k KeyMap) []key.Binding {
	matches := key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n/N", "next/prev match"))
	matches.SetEnabled(k.NextMatch.Enabled())
	return []key.Binding{k.Down, k.Up, k.Back, k.NextArticle, matches, k.Filter}
}
