package main

import (
	"sync"

	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
)

// source is the corpus a command that prints hits reads (trend, kwic):
// files loaded in memory, or a corpus in PostgreSQL read through its
// timeline (see openSource).
type source struct {
	// articles are the corpus's, in timeline order.
	articles interface {
		Len() int
		At(i int) *corpus.Article
		DateAt(i int) corpus.Date
	}
	// find answers a query: the hits' positions in timeline order.
	find func(query string) (*search.Results, error)
	// fetch, for a database, reads the articles at positions in one
	// query; nil for files.
	fetch func(positions []int32)
	// done closes the database and says whether every article could be
	// read; it may be called more than once.
	done func() error
}

// openSource opens the corpus of paths, or the one in the database when
// the command names one (see dbFlags.openIfUsed).
func openSource(cmd *cobra.Command, e env, lf *loadFlags, sf *stateFlags, df *dbFlags, paths []string) (*source, error) {
	s, err := df.openIfUsed(cmd, paths)
	if err != nil {
		return nil, err
	}
	if s != nil {
		tl, err := s.Timeline(cmd.Context())
		if err != nil {
			s.Close()
			return nil, dbError(err)
		}
		find := func(query string) (*search.Results, error) {
			marks, err := sf.dbMarksFor(e, tl, query)
			if err != nil {
				return nil, dbError(err)
			}
			r, err := tl.FindMarked(cmd.Context(), query, nil, marks)
			if err != nil {
				return nil, dbFindError(cmd, query, err)
			}
			return r, nil
		}
		done := sync.OnceValue(func() error {
			s.Close()
			if err := tl.Err(); err != nil {
				return dbError(err)
			}
			return nil
		})
		return &source{articles: tl, find: find, fetch: tl.Fetch, done: done}, nil
	}
	c, _, err := lf.load(e, paths)
	if err != nil {
		return nil, err
	}
	find := func(query string) (*search.Results, error) {
		r, _, err := sf.findMarked(cmd, e, lf.searchIndex(c), query)
		return r, err
	}
	return &source{articles: c, find: find, done: func() error { return nil }}, nil
}
