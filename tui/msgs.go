package tui

import "github.com/gazette-reader/gazette/corpus"

// searchResultMsg carries the hits of one filter query. It is dropped when
// the filter no longer holds that query.
type searchResultMsg struct {
	query string
	hits  []corpus.Hit
	err   error
}

// renderedMsg carries an article rendered by Glamour for one key (article,
// width, style, highlighted query); it is shown only if the reader still
// wants that key.
type renderedMsg struct {
	key     renderKey
	content string
	err     error
}
