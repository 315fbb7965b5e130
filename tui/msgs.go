package tui

import "github.com/gazette-reader/gazette/corpus/search"

// searchResultMsg carries the results of one filter query, in timeline
// order, without their spans (the hits on screen are explained in
// Update). It is dropped when the filter no longer holds that query.
type searchResultMsg struct {
	query   string
	results *search.Results
	err     error
	// first is set on the first hits of a FirstFinder, before all of
	// them.
	first bool
}

// renderedMsg carries an article rendered by Glamour for one key (article,
// width, style, highlighted query); it is shown only if the reader still
// wants that key.
type renderedMsg struct {
	key      renderKey
	rendered rendering
	err      error
}

// rendering is an article rendered for the viewport, with where each
// highlighted match is, in reading order.
type rendering struct {
	content string
	marks   []matchPos
}

// matchPos is where a match is in a rendering: from column col of line
// to column endCol of endLine (the same line, unless it wraps).
type matchPos struct{ line, col, endLine, endCol int }

// request is what a pane's key asks of the root model, which owns the
// focus, the layout, the searches and the other panes: a pane changes
// only itself and says what else should follow.
type request int

const (
	requestNone request = iota
	// requestFollow: the timeline's selection moved; the reader follows.
	requestFollow
	// requestRead and requestTimeline hand the focus to a pane.
	requestRead
	requestTimeline
	// requestNextArticle and requestPrevArticle move the timeline's
	// selection from the reader.
	requestNextArticle
	requestPrevArticle
	// requestNextResult and requestPrevResult move the timeline's
	// selection from the filter line.
	requestNextResult
	requestPrevResult
	// requestSearch: the filter's query changed.
	requestSearch
	// requestKeepFilter leaves the filter line with its query on;
	// requestClearFilter empties it and shows every article.
	requestKeepFilter
	requestClearFilter
	// requestClose closes the view over the panes (the problems).
	requestClose
	// requestReachedEnd: the reader was scrolled to the article's end.
	requestReachedEnd
	// requestOpenOccurrence: the concordance's line is to be read, at its
	// match.
	requestOpenOccurrence
	// requestCompare: the chart asks for a query to compare.
	requestCompare
)
