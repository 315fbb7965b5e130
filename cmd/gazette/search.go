package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newSearchCmd(e env) *cobra.Command {
	var lf loadFlags
	var df dbFlags
	var jf jsonFlags
	var sf stateFlags
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY [PATH...]",
		Short: "Print the articles that match a query, best first",
		Long: `Print the articles that match QUERY, most relevant first, with a snippet.
Exits with status 1 when nothing matches, as grep does (--json then prints
[]). Put "--" before a query that starts with "-".

` + queryHelp(),
		Example: `  gazette search cyberdefense
  gazette search 'otan japon' --json
  gazette search -- '-otan title:cyber date:>=2015'`,
		Args: needs(1, "a query"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 0 {
				return usageErrFor(cmd, errors.New("--limit must be 0 or more"))
			}
			format, err := jf.format(cmd)
			if err != nil {
				return err
			}
			if s, err := df.openIfUsed(cmd, args[1:]); s != nil || err != nil {
				if err != nil {
					return err
				}
				defer s.Close()
				return searchInDB(cmd, e, s, &sf, args[0], limit, format)
			}
			sf.startMarks()
			c, _, err := lf.load(e, args[1:])
			if err != nil {
				return err
			}
			r, marks, err := sf.findMarked(cmd, e, lf.searchIndex(c), args[0])
			if err != nil {
				return err
			}
			r = r.TopByScore(limit)
			n := r.Len()
			if limit > 0 {
				n = min(n, limit)
			}
			groups, err := groupsFor(cmd.Context(), c, format)
			if err != nil {
				return err
			}
			if err := writeHits(e.stdout, c, marks, groups, r, n, format); err != nil {
				return err
			}
			if n == 0 {
				return &exitError{code: exitFailure, err: errors.New("no match"), silent: true}
			}
			return nil
		},
	}
	lf.add(cmd)
	jf.add(cmd, "hits")
	sf.add(cmd)
	df.add(cmd)
	cmd.Flags().IntVar(&limit, "limit", 0, "print at most `N` hits (0: all)")
	return cmd
}
