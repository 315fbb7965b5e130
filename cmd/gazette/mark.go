package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/state"
)

// splitPaths splits arguments into those before the first one that names
// a file or folder that exists (or "-", standard input) and the paths from
// there on.
func splitPaths(args []string) (before, paths []string) {
	for i, a := range args {
		if a == stdinPath {
			return args[:i], args[i:]
		}
		if _, err := os.Stat(a); err == nil {
			return args[:i], args[i:]
		}
	}
	return args, nil
}

// markFlags are the changes gazette mark makes.
type markFlags struct {
	read, unread, star, unstar bool
	tags, untags               []string
	note                       string
	noteSet                    bool
}

// change returns the change the flags ask for; none, or two that
// contradict each other, is a usage error.
func (f *markFlags) change(cmd *cobra.Command) (state.Change, error) {
	var ch state.Change
	both := func(a, b bool, what string) error {
		if a && b {
			return usageErrFor(cmd, fmt.Errorf("%s: one or the other", what))
		}
		return nil
	}
	if err := errors.Join(both(f.read, f.unread, "--read and --unread"), both(f.star, f.unstar, "--star and --unstar")); err != nil {
		return ch, err
	}
	if f.read || f.unread {
		ch.Read = &f.read
	}
	if f.star || f.unstar {
		ch.Starred = &f.star
	}
	for _, group := range []struct {
		in  []string
		out *[]string
	}{{f.tags, &ch.AddTags}, {f.untags, &ch.RemoveTags}} {
		for _, t := range group.in {
			n, err := state.NormalizeTag(t)
			if err != nil {
				return ch, usageErrFor(cmd, err)
			}
			*group.out = append(*group.out, n)
		}
	}
	if f.noteSet {
		ch.Note = &f.note
	}
	if ch.Read == nil && ch.Starred == nil && len(ch.AddTags) == 0 && len(ch.RemoveTags) == 0 && ch.Note == nil {
		return ch, usageErrFor(cmd, errors.New("mark needs a change: --read, --unread, --star, --unstar, --tag, --untag or --note"))
	}
	return ch, nil
}

func newMarkCmd(e env) *cobra.Command {
	var lf loadFlags
	var sf stateFlags
	var mf markFlags
	cmd := &cobra.Command{
		Use:   "mark ID... [PATH...]",
		Short: "Mark articles read or unread, starred, tagged, or give them a note",
		Long: `Change the marks of the articles with the given IDs, kept in the state store
as the reader keeps them. The IDs come first; the first argument that names a
file or folder that exists (or "-") starts the PATHs of the corpus. --tag and
--untag may be given several times; --note '' removes the note. Every
article is changed, or none: an unknown ID changes nothing.`,
		Example: `  gazette mark 004_a37cb0af5b3f89bb --star --tag otan
  gazette mark 2024/05/budget 2024/05/vote ~/news --read
  gazette search otan --jsonl | jq -r .id | xargs gazette mark --tag otan --`,
		Args: needs(1, "the IDs of articles (gazette list prints them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			mf.noteSet = cmd.Flags().Changed("note")
			ch, err := mf.change(cmd)
			if err != nil {
				return err
			}
			ids, paths := splitPaths(args)
			if len(ids) == 0 {
				return usageErrFor(cmd, errors.New("mark needs the IDs of articles before the PATHs"))
			}
			if sf.off {
				return usageErrFor(cmd, errors.New("mark writes to the state store: not with --no-state"))
			}
			c, _, err := lf.load(e, paths)
			if err != nil {
				return err
			}
			refs, err := refsOf(c, ids)
			if err != nil {
				return err
			}
			s, err := sf.open()
			if err != nil {
				return &exitError{code: exitFailure, err: errors.New(storeProblem(err))}
			}
			defer s.Close()
			if err := s.Apply(refs, ch); err != nil {
				return &exitError{code: exitFailure, err: errors.New(storeProblem(err))}
			}
			packIfStale(s)
			return nil
		},
	}
	lf.add(cmd)
	sf.add(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&mf.read, "read", false, "mark them read")
	fl.BoolVar(&mf.unread, "unread", false, "mark them unread")
	fl.BoolVar(&mf.star, "star", false, "star them")
	fl.BoolVar(&mf.unstar, "unstar", false, "take their star away")
	fl.StringArrayVar(&mf.tags, "tag", nil, "add the tag `T` (one word; may be repeated)")
	fl.StringArrayVar(&mf.untags, "untag", nil, "remove the tag `T` (may be repeated)")
	fl.StringVar(&mf.note, "note", "", "set the note to `TEXT` ('' removes it)")
	return cmd
}

// refsOf returns the articles of c with the given IDs; an unknown ID is an
// error naming the closest ones.
func refsOf(c *corpus.Corpus, ids []string) ([]state.Ref, error) {
	refs := make([]state.Ref, 0, len(ids))
	var unknown []string
	for _, id := range ids {
		a, ok := c.ByID(id)
		if !ok {
			unknown = append(unknown, fmt.Sprintf("%q (closest: %s)", corpus.OneLine(id), strings.Join(c.Closest(id, 3), ", ")))
			continue
		}
		refs = append(refs, state.Ref{Key: state.KeyOf(a), ID: a.ID, Title: a.Title})
	}
	if len(unknown) > 0 {
		return nil, &exitError{code: exitFailure, err: fmt.Errorf("no article %s; nothing marked", strings.Join(unknown, ", "))}
	}
	return refs, nil
}

// packIfStale packs the store's flags when many changed since the last
// pack, so that the next start reads them quickly; a failure only costs
// that.
func packIfStale(s *state.Store) {
	if m, err := s.Marks(); err == nil && m.Stale() {
		_ = s.Pack()
	}
}
