// Command benchfilter compares gazette's search with other ways of
// filtering the same generated articles, one query at a time: fzf
// --filter and fzf --exact --filter over the articles written one per line
// (whole process, when fzf is installed), the bubbles list's default
// filter (sahilm/fuzzy, what a Bubble Tea list does out of the box), and
// a brute-force scan of the folded text in Go. It prints a Markdown table
// with each time and its ratio to gazette's.
//
// It is a module of its own under testdata, so that neither sahilm/fuzzy
// nor this program weighs on gazette's module or on "go test ./...". Run
// it with docs/bench-vs-fzf.sh, or:
//
//	cd testdata/benchfilter && go run . -n 100000
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/list"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
)

func main() {
	n := flag.Int("n", 100_000, "number of generated `articles`")
	seed := flag.Uint64("seed", 1, "generator seed")
	lines := flag.String("lines", "", "write the articles one per line to `FILE` (default: a temporary file, when fzf is installed)")
	queries := flag.String("queries", "ministre,tokyo,"+corpustest.RareWord(2000)+",cybdef,partenraiat", "comma-separated `queries`")
	skipSahilm := flag.Bool("skip-sahilm", false, "do not time sahilm/fuzzy (a few seconds a query at 100k)")
	flag.Parse()
	if err := run(*n, *seed, *lines, strings.Split(*queries, ","), *skipSahilm); err != nil {
		fmt.Fprintln(os.Stderr, "benchfilter:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, linesPath string, queries []string, skipSahilm bool) error {
	arts := corpustest.Articles(n, seed)
	targets := make([]string, len(arts))
	raw := 0
	for i, a := range arts {
		targets[i] = a.Title + " " + strings.Join(a.Paragraphs, " ")
		raw += len(targets[i])
	}
	fzf, _ := exec.LookPath("fzf")
	if linesPath == "" && fzf != "" {
		dir, err := os.MkdirTemp("", "benchfilter")
		if err != nil {
			return fmt.Errorf("temporary folder: %w", err)
		}
		defer os.RemoveAll(dir)
		linesPath = filepath.Join(dir, "articles.txt")
	}
	if linesPath != "" {
		if err := os.WriteFile(linesPath, []byte(strings.Join(targets, "\n")+"\n"), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", linesPath, err)
		}
	}
	start := time.Now()
	c := corpus.New(arts)
	fmt.Printf("%d articles, %.0f MB of text; gazette's index built in %v\n", n, float64(raw)/(1<<20), time.Since(start).Round(time.Millisecond))
	if fzf == "" {
		fmt.Println("fzf not found: install it (apt-get install fzf) to compare with it")
	}

	// The brute-force scan folds the text once, as an index would, then
	// looks for each folded term at the start of a word.
	folded := make([]string, len(targets))
	for i, t := range targets {
		folded[i] = " " + corpus.Fold(t)
	}

	fmt.Println()
	fmt.Println("| query | gazette Find (median of 5) | hits | folded scan in Go | hits | sahilm/fuzzy (bubbles list) | hits | fzf --filter | hits | fzf --exact --filter | hits |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|")
	for _, q := range queries {
		var times []time.Duration
		hits := 0
		for range 5 {
			t0 := time.Now()
			r, err := c.Find(context.Background(), q, nil)
			if err != nil {
				return fmt.Errorf("query %q: %w", q, err)
			}
			times = append(times, time.Since(t0))
			hits = r.Len()
		}
		slices.Sort(times)
		g := times[2]
		cell := func(d time.Duration) string {
			return fmt.Sprintf("%v (x%.0f)", d.Round(time.Millisecond), float64(d)/float64(g))
		}

		t0 := time.Now()
		scanHits := 0
		terms := strings.Fields(corpus.Fold(q))
		for _, f := range folded {
			ok := true
			for _, t := range terms {
				if !strings.Contains(f, " "+t) {
					ok = false
					break
				}
			}
			if ok {
				scanHits++
			}
		}
		scan := time.Since(t0)

		sahilm, sahilmHits := "not run", "-"
		if !skipSahilm {
			t0 = time.Now()
			ranks := list.DefaultFilter(q, targets)
			sahilm, sahilmHits = cell(time.Since(t0)), fmt.Sprint(len(ranks))
		}
		fz, fzHits, fze, fzeHits := "not run", "-", "not run", "-"
		if fzf != "" {
			d, h, err := runFzf(fzf, linesPath, "--filter", q)
			if err != nil {
				return err
			}
			fz, fzHits = cell(d), fmt.Sprint(h)
			d, h, err = runFzf(fzf, linesPath, "--exact", "--filter", q)
			if err != nil {
				return err
			}
			fze, fzeHits = cell(d), fmt.Sprint(h)
		}
		fmt.Printf("| %s | %v | %d | %s | %d | %s | %s | %s | %s | %s | %s |\n",
			q, g.Round(time.Microsecond), hits, cell(scan), scanHits, sahilm, sahilmHits, fz, fzHits, fze, fzeHits)
	}
	return nil
}

// runFzf times one whole fzf process filtering the lines file, and counts
// the lines it prints.
func runFzf(fzf, lines string, args ...string) (time.Duration, int, error) {
	in, err := os.Open(lines)
	if err != nil {
		return 0, 0, fmt.Errorf("fzf input: %w", err)
	}
	defer in.Close()
	cmd := exec.Command(fzf, args...)
	cmd.Stdin = in
	start := time.Now()
	out, err := cmd.Output()
	took := time.Since(start)
	// fzf exits 1 when nothing matches.
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		err = nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("fzf %s: %w", strings.Join(args, " "), err)
	}
	return took, strings.Count(string(out), "\n"), nil
}
