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

	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// maxTextWidth is the widest the article text runs by default, however
// wide the pane: long lines are hard to read (WithReaderWidth sets it).
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
	// marks are where the matches highlighted are in the content, in
	// reading order; match is the one n or N moved to last (drawn in its
	// own style), -1 for none.
	marks []matchPos
	match int
	// frac is the reading position (0 top, 1 bottom) to restore when the
	// rendering of want arrives.
	frac float64
	// restoreID is the article whose first rendering opens at
	// restoreFrac: where the reader was when it last quit.
	restoreID   string
	restoreFrac float64
	// kept are the reader's marks, shown in the header (nil when none).
	kept *state.Table
	// measure is the widest the text runs.
	measure int
	// pendingMatch is the match to move to once the rendering shows
	// (see openAt), noPendingMatch for none.
	pendingMatch int
}

func newReader(c Articles) reader {
	vp := viewport.New()
	vp.MouseWheelEnabled = false // the root routes the wheel
	return reader{c: c, cache: newRenderCache(), vp: vp, article: -1, match: -1, measure: maxTextWidth, pendingMatch: noPendingMatch}
}

// textWidth is the width Glamour wraps to.
func (r *reader) textWidth() int { return max(10, min(r.width-1, r.measure)) }

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
	switch {
	case k.id == r.shown.id && r.shown.id != "":
		r.frac = pos
	case k.id == r.restoreID:
		r.frac, r.restoreID = r.restoreFrac, ""
	default:
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
	r.jumpPending()
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
	firstAtOrAfter := func(line int) int {
		i, _ := slices.BinarySearchFunc(r.marks, line, func(m matchPos, l int) int { return m.line - l })
		return i
	}
	switch {
	case r.match >= 0 && r.match < k && visible(r.marks[r.match].line):
		r.match = (r.match + dir + k) % k
	case dir > 0:
		// The first match from the top of the screen on.
		r.match = firstAtOrAfter(top) % k
	default:
		// The last match above the bottom of the screen.
		r.match = (firstAtOrAfter(top+h) - 1 + k) % k
	}
	if m := r.marks[r.match]; !visible(m.line) || !visible(m.endLine) {
		r.vp.SetYOffset(max(m.line-h/3, 0))
	}
}

// markCurrent draws the current match (see nextMatch) in its own style
// on the lines of the viewport, lines[0] being the content's line top.
func (r *reader) markCurrent(s *Styles, lines []string, top int) {
	if r.match < 0 || r.match >= len(r.marks) {
		return
	}
	m := r.marks[r.match]
	for l := max(m.line, top); l <= m.endLine && l-top < len(lines); l++ {
		line := lines[l-top]
		from, to := 0, ansi.StringWidth(strings.TrimRight(ansi.Strip(line), " "))
		if l == m.line {
			from = m.col
		} else {
			from = ansi.StringWidth(ansi.Strip(line)) - ansi.StringWidth(strings.TrimLeft(ansi.Strip(line), " "))
		}
		if l == m.endLine {
			to = m.endCol
		}
		if from >= to {
			continue
		}
		lines[l-top] = ansi.Cut(line, 0, from) + "\x1b[m" + s.CurrentMatch.Render(ansi.Strip(ansi.Cut(line, from, to))) + ansi.Cut(line, to, ansi.StringWidth(line))
	}
}

// fitViewport gives the viewport the height left under the header.
func (r *reader) fitViewport() {
	r.vp.SetHeight(max(r.height-1-r.headerHeight(), 1))
}

// view returns the pane, height lines: the header, the text, then a line
// with where the reader is (left) and the percent read (right), marked
// when the reader has the focus.
func (r *reader) view(s *Styles, where string, focused bool) string {
	var body []string
	switch {
	case r.article < 0:
		body = []string{s.Placeholder.Render("  no article")}
	case !r.ready():
		body = []string{s.Placeholder.Render("  rendering…")}
	default:
		body = strings.Split(r.vp.View(), "\n")
		r.markCurrent(s, body, r.vp.YOffset())
	}
	lines := append(r.header(s), body...)
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
	left := ansi.Truncate(" "+where, max(r.width-len(pct)-1-markWidth, 0), "…")
	gap := max(r.width-ansi.StringWidth(left)-len(pct)-1-markWidth, 0)
	mark := " "
	if focused {
		mark = s.Mark.Render(markFocused)
	}
	lines = append(lines, mark+s.Dim.Render(left+strings.Repeat(" ", gap)+pct))
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
	before := r.vp.YOffset()
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
	if r.vp.YOffset() != before && r.ready() && r.vp.AtBottom() {
		return requestReachedEnd
	}
	return requestNone
}

// refit gives the viewport the height the header leaves it, after the
// header changed (the marks shown in it), at the same reading position.
func (r *reader) refit() tea.Cmd {
	pos := r.fraction()
	r.fitViewport()
	if r.ready() {
		r.vp.SetYOffset(int(math.Round(pos * float64(r.maxOffset()))))
	}
	return nil
}

// shortHelp is the reader's part of the help line: n and N share an
// entry, to leave the line room.
func (r *reader) shortHelp(k KeyMap) []key.Binding {
	matches := key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n/N", "next/prev match"))
	matches.SetEnabled(k.NextMatch.Enabled())
	return []key.Binding{k.Down, k.Up, k.Back, k.NextArticle, matches, k.Filter, k.Star, k.Tag}
}
