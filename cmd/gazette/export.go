package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/search"
	"github.com/gazette-reader/gazette/corpus/state"
)

// exportFormats are the formats gazette export writes, by name.
func exportFormats() []string { return []string{"jsonl", "csv", "md", "txt"} }

// exportFormatOf returns the format a file name's extension asks for, ""
// when it says none.
func exportFormatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		return "jsonl"
	case ".csv":
		return "csv"
	case ".md", ".markdown":
		return "md"
	case ".txt", ".text":
		return "txt"
	}
	return ""
}

// exportSource is where an export reads its articles and their marks,
// by timeline position: a corpus in memory, or one in a database.
type exportSource struct {
	at   func(i int) *corpus.Article
	mark func(i int) state.Mark
}

// localSource is the export source of c with marks.
func localSource(c *corpus.Corpus, marks *state.Table) exportSource {
	return exportSource{at: c.At, mark: func(i int) state.Mark { return markOf(marks, i) }}
}

// exportArticles writes the articles of src at the indexes given, in that
// order, with their marks, in format.
func exportArticles(w io.Writer, format string, src exportSource, indexes []int) error {
	at, markOf := src.at, src.mark
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case "jsonl":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, i := range indexes {
			if err = enc.Encode(articleOf(at(i), markOf(i), true)); err != nil {
				break
			}
		}
	case "csv":
		err = exportCSV(bw, src, indexes)
	case "md":
		for n, i := range indexes {
			if n > 0 {
				bw.WriteString("\n---\n\n")
			}
			bw.WriteString(at(i).Markdown() + marksMarkdown(markOf(i)))
		}
	case "txt":
		for n, i := range indexes {
			if n > 0 {
				bw.WriteString("\n\n")
			}
			bw.WriteString(plainText(at(i), markOf(i)))
		}
	default:
		return fmt.Errorf("no format %q: %s", format, strings.Join(exportFormats(), ", "))
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", format, err)
	}
	return nil
}

// exportCSV writes one row an article under a header row. A cell that a
// spreadsheet would run as a formula (starting with =, +, -, @, a tab or
// a carriage return) is written after a quote mark: the corpus's text is
// not to be trusted.
func exportCSV(w io.Writer, src exportSource, indexes []int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "date", "title", "url", "source", "authors", "tags", "read", "starred", "own_tags", "note", "words"})
	for _, i := range indexes {
		a, m := src.at(i), src.mark(i)
		row := []string{a.ID, a.Date.String(), a.Title, a.URL, a.Source, strings.Join(a.Authors, "; "),
			strings.Join(allTags(a, m), "; "), strconv.FormatBool(m.Read), strconv.FormatBool(m.Starred),
			strings.Join(m.Tags, "; "), m.Note, strconv.Itoa(a.Words)}
		for j, cell := range row {
			row[j] = safeCell(cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell returns a CSV cell that a spreadsheet will not run as a
// formula: one starting with =, +, -, @, a tab or a carriage return gets
// a quote mark in front.
func safeCell(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// plainText is an article as plain text: the title, its metadata line, its
// marks, a blank line, the paragraphs.
func plainText(a *corpus.Article, m state.Mark) string {
	var b strings.Builder
	b.WriteString(a.Title + "\n")
	b.WriteString(strings.Join(a.MetaParts(), corpus.MetaSeparator) + "\n")
	if a.URL != "" {
		b.WriteString(a.URL + "\n")
	}
	if t := strings.TrimPrefix(marksText(m), "  "); t != "" {
		b.WriteString(t + "\n")
	}
	if m.Note != "" {
		b.WriteString("Note: " + strings.ReplaceAll(m.Note, "\n", "\n      ") + "\n")
	}
	for _, p := range a.Paragraphs {
		b.WriteString("\n" + p + "\n")
	}
	return b.String()
}

// writeFileAtomic writes a file through fn: to a temporary file beside it,
// renamed over it once whole, so that a failed export leaves no half file.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

func newExportCmd(e env) *cobra.Command {
	var lf loadFlags
	var sf stateFlags
	var df dbFlags
	var format, out string
	cmd := &cobra.Command{
		Use:   "export [QUERY] [PATH...]",
		Short: "Write the articles that match a query, with their marks",
		Long: `Write the articles that match QUERY, in timeline order, with their text and
their marks (read, starred, tags, note): JSON Lines (one object a line, as
list --json and show --json), CSV (one row an article), Markdown or plain
text. QUERY is the first argument unless it names a file or folder that
exists; with none, or '', every article is written. The format is
--format, else the extension of -o, else JSON Lines.

` + queryHelp(),
		Example: `  gazette export otan --format csv
  gazette export 'is:starred' ~/news -o starred.md
  gazette export '' dump.jsonl --format txt | less`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			query, paths := "", args
			if before, rest := splitPaths(args); len(before) > 0 {
				query, paths = before[0], append(before[1:], rest...)
			}
			if format == "" {
				format = exportFormatOf(out)
			}
			if format == "" {
				format = "jsonl"
			}
			if exportFormatOf("x."+format) == "" {
				return usageErrFor(cmd, fmt.Errorf("--format %q: one of %s", format, strings.Join(exportFormats(), ", ")))
			}
			src, indexes, check, closeDB, err := exportInput(cmd, e, &lf, &sf, &df, query, paths)
			if err != nil {
				return err
			}
			defer closeDB()
			write := func(w io.Writer) error {
				if err := exportArticles(w, format, src, indexes); err != nil {
					return err
				}
				return check()
			}
			if out == "" || out == "-" {
				return write(e.stdout)
			}
			if err := writeFileAtomic(out, write); err != nil {
				return &exitError{code: exitFailure, err: fmt.Errorf("%s: %w", corpus.OneLine(out), err)}
			}
			fmt.Fprintf(e.stderr, "gazette: %d articles written to %s\n", len(indexes), corpus.OneLine(out))
			return nil
		},
	}
	lf.addAs(cmd, "input-format")
	sf.add(cmd)
	df.add(cmd)
	cmd.Flags().StringVar(&format, "format", "", "write `FORMAT`: jsonl, csv, md or txt")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

// exportInput returns what export writes: the source of the articles,
// the positions of those that match query, a check of the reads to call
// once written (an article a database failed to give), and what closes
// the database (nothing for files).
func exportInput(cmd *cobra.Command, e env, lf *loadFlags, sf *stateFlags, df *dbFlags, query string, paths []string) (exportSource, []int, func() error, func(), error) {
	none := func() {}
	if s, err := df.openIfUsed(cmd, paths); s != nil || err != nil {
		if err != nil {
			return exportSource{}, nil, nil, none, err
		}
		src, indexes, check, err := matchingDB(cmd, e, sf, s, query)
		if err != nil {
			s.Close()
			return exportSource{}, nil, nil, none, err
		}
		return src, indexes, check, s.Close, nil
	}
	c, _, err := lf.load(e, paths)
	if err != nil {
		return exportSource{}, nil, nil, none, err
	}
	indexes, marks, err := matching(cmd, e, sf, lf.searchIndex(c), query)
	if err != nil {
		return exportSource{}, nil, nil, none, err
	}
	return localSource(c, marks), indexes, func() error { return nil }, none, nil
}

// matching returns the indexes of the index's articles that match query, in
// timeline order (every article for an empty query), and the marks of c's
// articles.
func matching(cmd *cobra.Command, e env, sf *stateFlags, idx *search.Index, query string) ([]int, *state.Table, error) {
	c := idx.Corpus()
	q, err := search.Parse(query)
	marks := sf.marksOf(e, c, err == nil && q.UsesMarks())
	if strings.TrimSpace(query) == "" {
		all := make([]int, c.Len())
		for i := range all {
			all[i] = i
		}
		return all, marks, nil
	}
	var m search.Marks
	if marks != nil {
		m = marks
	}
	r, err := idx.FindMarked(cmd.Context(), query, nil, m)
	if err != nil {
		var qe *search.QueryError
		if errors.As(err, &qe) {
			return nil, nil, usageErrFor(cmd, fmt.Errorf("query %q: %w", query, err))
		}
		return nil, nil, fmt.Errorf("search %q: %w", query, err)
	}
	out := make([]int, r.Len())
	for i := range out {
		out[i] = r.Hit(i).Index
	}
	return out, marks, nil
}
