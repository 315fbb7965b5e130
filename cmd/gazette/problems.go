package main

import (
	"fmt"
	"io"

	"github.com/gazette-reader/gazette/corpus/ingest"
)

// maxEach is the most problems of one kind printed one by one on stderr;
// past it, the kind gets one line that counts them.
const maxEach = 3

// kindMeaning says what each kind of problem means, for the line that
// counts them.
var kindMeaning = map[string]string{
	ingest.KindFailed:    "nothing could be read from them",
	ingest.KindPartial:   "read with a loss",
	ingest.KindDuplicate: "byte-identical copies, loaded once",
	ingest.KindSkipped:   "files that hold no article, skipped",
}

// byKind groups problems by kind, in the order of ingest.Kinds.
func byKind(probs []ingest.Problem) map[string][]ingest.Problem {
	groups := map[string][]ingest.Problem{}
	for _, p := range probs {
		groups[p.Kind()] = append(groups[p.Kind()], p)
	}
	return groups
}

// reportProblems prints the problems of a load on w, one line each
// ("gazette: PATH: reason"), but for a kind that has more than maxEach:
// it gets one line, with the count, what the kind means and the first
// of them; gazette check lists them all.
func reportProblems(w io.Writer, probs []ingest.Problem) {
	groups := byKind(probs)
	for _, kind := range ingest.Kinds() {
		g := groups[kind]
		if len(g) <= maxEach {
			for _, p := range g {
				fmt.Fprintf(w, "gazette: %s\n", p.Line())
			}
			continue
		}
		fmt.Fprintf(w, "gazette: %d %s (%s), the first %s; gazette check lists them\n", len(g), kind, kindMeaning[kind], g[0].Line())
	}
}
