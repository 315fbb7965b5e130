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
	"unicode"

	"charm.land/bubbles/v2/list"
	"golang.org/x/text/unicode/norm"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/search"
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

// bench holds what every query of a run is timed on.
type bench struct {
	index      *search.Index
	targets    []string // each article's title and text, one string
	folded     []string // the same folded, for the scan
	fzf, lines string   // fzf's path ("" when absent) and its input file
	skipSahilm bool
}

func run(n int, seed uint64, linesPath string, queries []string, skipSahilm bool) error {
	arts := corpustest.Articles(n, seed)
	b := &bench{targets: make([]string, len(arts)), skipSahilm: skipSahilm}
	raw := 0
	for i, a := range arts {
		b.targets[i] = a.Title + " " + strings.Join(a.Paragraphs, " ")
		raw += len(b.targets[i])
	}
	b.fzf, _ = exec.LookPath("fzf")
	if linesPath == "" && b.fzf != "" {
		dir, err := os.MkdirTemp("", "benchfilter")
		if err != nil {
			return fmt.Errorf("temporary folder: %w", err)
		}
		defer os.RemoveAll(dir)
		linesPath = filepath.Join(dir, "articles.txt")
	}
	if linesPath != "" {
		if err := os.WriteFile(linesPath, []byte(strings.Join(b.targets, "\n")+"\n"), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", linesPath, err)
		}
	}
	b.lines = linesPath
	start := time.Now()
	b.index = search.New(corpus.New(arts))
	b.index.Build()
	fmt.Printf("%d articles, %.0f MB of text; gazette's index built in %v\n", n, float64(raw)/(1<<20), time.Since(start).Round(time.Millisecond))
	if b.fzf == "" {
		fmt.Println("fzf not found: install it (apt-get install fzf) to compare with it")
	}

	// The brute-force scan folds the text once, as an index would, then
	// looks for each folded term at the start of a word.
	b.folded = make([]string, len(b.targets))
	for i, t := range b.targets {
		b.folded[i] = " " + fold(t)
	}

	fmt.Println()
	fmt.Println("| query | gazette Find (median of 5) | hits | folded scan in Go | hits | sahilm/fuzzy (bubbles list) | hits | fzf --filter | hits | fzf --exact --filter | hits |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|")
	for _, q := range queries {
		row, err := b.query(q)
		if err != nil {
			return err
		}
		fmt.Println(row)
	}
	return nil
}

// query times q every way and returns its row of the table.
func (b *bench) query(q string) (string, error) {
	var times []time.Duration
	hits := 0
	for range 5 {
		t0 := time.Now()
		r, err := b.index.Find(context.Background(), q, nil)
		if err != nil {
			return "", fmt.Errorf("query %q: %w", q, err)
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
	terms := strings.Fields(fold(q))
	for _, f := range b.folded {
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
	if !b.skipSahilm {
		t0 = time.Now()
		ranks := list.DefaultFilter(q, b.targets)
		sahilm, sahilmHits = cell(time.Since(t0)), fmt.Sprint(len(ranks))
	}
	fz, fzHits, fze, fzeHits := "not run", "-", "not run", "-"
	if b.fzf != "" {
		d, h, err := runFzf(b.fzf, b.lines, "--filter", q)
		if err != nil {
			return "", err
		}
		fz, fzHits = cell(d), fmt.Sprint(h)
		d, h, err = runFzf(b.fzf, b.lines, "--exact", "--filter", q)
		if err != nil {
			return "", err
		}
		fze, fzeHits = cell(d), fmt.Sprint(h)
	}
	return fmt.Sprintf("| %s | %v | %d | %s | %d | %s | %s | %s | %s | %s | %s |",
		q, g.Round(time.Microsecond), hits, cell(scan), scanHits, sahilm, sahilmHits, fz, fzHits, fze, fzeHits), nil
}

// fold lower-cases s and strips its diacritics, as gazette's index does
// to the words it holds (its own folding is internal to the corpus).
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
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
