package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/pgstore"
	"github.com/gazette-reader/gazette/corpus/state"
	"github.com/gazette-reader/gazette/corpus/trend"
	"github.com/gazette-reader/gazette/tui"
)

// The reader finds the marks of a database corpus through the server,
// rather than by reading every article's key, and lays its timeline out
// (and counts trends) from the months' runs, rather than from every
// article's date.
var (
	_ tui.MarkSource  = (*pgstore.Timeline)(nil)
	_ tui.MonthRuns   = (*pgstore.Timeline)(nil)
	_ tui.Fetcher     = (*pgstore.Timeline)(nil)
	_ trend.MonthRuns = (*pgstore.Timeline)(nil)
)

// runDB starts the reader on the corpus in the database, or prints its
// list when standard output is not a terminal. The reader reads the
// timeline a screen at a time and asks the server for each filter (see
// pgstore.Timeline); its marks are kept in the local store as on files,
// by the articles' content keys, which the database holds.
func (f *readerFlags) runDB(ctx context.Context, s *pgstore.Store, e env) error {
	if !e.tty {
		return listDB(ctx, e, s, &f.state, listText)
	}
	tl, err := s.Timeline(ctx)
	if err != nil {
		return dbError(err)
	}
	cfg := loadConfig(configPath(f.config))
	cfg.report(e.stderr)
	opts := cfg.options()
	if n := len(cfg.problems); n > 0 {
		opts = append(opts, tui.WithNotice(fmt.Sprintf("config: %s (%d in all: gazette config)", cfg.problems[0], n)))
	}
	store, reason := f.state.openOrWarn(e, "running without saved state")
	switch {
	case store != nil:
		defer store.Close()
		opts = append(opts, tui.WithKeeper(store))
	case !f.state.off:
		opts = append(opts, tui.WithoutState(reason))
	}
	_, err = runProgram(ctx, tui.New(tl, tl, opts...), e.stdin, e.stdout)
	return err
}

// matchingDB returns what export writes from the database: the positions
// of the articles that match query in timeline order (every article for
// an empty query), read with their marks from the store by content key.
// An article the server fails to give stops the export with the error
// (see check).
func matchingDB(cmd *cobra.Command, e env, sf *stateFlags, s *pgstore.Store, query string) (exportSource, []int, func() error, error) {
	tl, err := s.Timeline(cmd.Context())
	if err != nil {
		return exportSource{}, nil, nil, dbError(err)
	}
	marks := dbMarks(e, sf)
	var readErr error
	at := func(i int) *corpus.Article {
		a := tl.At(i)
		if err := tl.Err(); err != nil && readErr == nil {
			readErr = err
		}
		return a
	}
	src := exportSource{at: at, mark: func(i int) state.Mark { return marks(at(i)) }}
	check := func() error {
		if readErr != nil {
			return dbError(readErr)
		}
		return nil
	}
	if strings.TrimSpace(query) == "" {
		all := make([]int, tl.Len())
		for i := range all {
			all[i] = i
		}
		return src, all, check, nil
	}
	table, err := sf.dbMarksFor(e, tl, query)
	if err != nil {
		return exportSource{}, nil, nil, dbError(err)
	}
	r, err := tl.FindMarked(cmd.Context(), query, nil, table)
	if err != nil {
		return exportSource{}, nil, nil, dbFindError(cmd, query, err)
	}
	out := make([]int, 0, r.Len())
	for i := range r.Indexes() {
		out = append(out, i)
	}
	return src, out, check, nil
}
