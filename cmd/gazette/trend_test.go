package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrendSeeds: otan is in one article of 2014 and one of 2019, each
// the only article of its year; the years between are there with their
// articles and no hit.
func TestTrendSeeds(t *testing.T) {
	out, errOut, code := gazette(t, "trend", "otan")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := `year  articles  otan    share
2014         1     1    100 %
2015         1     0      0 %
2016         0     0
2017         1     0      0 %
2018         1     0      0 %
2019         1     1    100 %
`
	if out != want {
		t.Errorf("gazette trend otan:\n%s\nwant:\n%s", out, want)
	}
}

func TestTrendJSON(t *testing.T) {
	out, _, code := gazette(t, "trend", "otan", "japon", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got trendObject
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if got.By != "year" || len(got.Queries) != 2 || got.Queries[0].Hits != 2 || got.Queries[1].Hits != 1 {
		t.Errorf("by %q, queries %+v; want year, otan 2, japon 1", got.By, got.Queries)
	}
	counts := map[string][]int{}
	for _, p := range got.Periods {
		counts[p.Period] = append([]int{p.Articles}, p.Hits...)
	}
	for period, want := range map[string][]int{"2014": {1, 1, 0}, "2016": {0, 0, 0}, "2019": {1, 1, 1}} {
		if g := counts[period]; len(g) != 3 || g[0] != want[0] || g[1] != want[1] || g[2] != want[2] {
			t.Errorf("%s: articles and hits %v, want %v", period, g, want)
		}
	}
}

// TestTrendByDay: by day, the seeds dated only to the month are counted
// on a line of their own, not in a day they may not belong to.
func TestTrendByDay(t *testing.T) {
	out, _, code := gazette(t, "trend", "cyber", "--by", "day")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if !strings.HasPrefix(lines[1], "2014-09-20 ") || !strings.HasPrefix(lines[len(lines)-2], "2019-10-09 ") {
		t.Errorf("first and last days: %q, %q", lines[1], lines[len(lines)-2])
	}
	if f := strings.Fields(lines[len(lines)-1]); strings.Join(f, " ") != "no day 2 2 100 %" {
		t.Errorf("last line %q, want the two seeds dated by month", lines[len(lines)-1])
	}
}

func TestTrendCSV(t *testing.T) {
	out, _, code := gazette(t, "trend", "--csv", "--", "-otan", "=cyber", "--csv")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !strings.HasPrefix(out, "period,articles,'-otan,'=cyber,'--csv\n2014,1,0,1,0\n") {
		t.Errorf("CSV:\n%s", out)
	}
}

// TestTrendPaths: the queries end at the first argument that names a
// file or folder, or at "--".
func TestTrendPaths(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Un titre\n\n date 2020-03-04 \n\nL'otan et le japon.\n"), 0o644)
	for _, args := range [][]string{{"trend", "otan", "japon", dir}, {"trend", "otan", "japon", "--", dir}} {
		out, errOut, code := gazette(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s", args, code, errOut)
		}
		if want := "year  articles  otan    share  japon    share\n2020         1     1    100 %      1    100 %\n"; out != want {
			t.Errorf("%v:\n%s\nwant:\n%s", args, out, want)
		}
	}
}

func TestTrendBadInput(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"trend"}, "trend needs a query"},
		{[]string{"trend", "otan", "--by", "week"}, `--by "week": want year, month or day`},
		{[]string{"trend", "otan", "--json", "--csv"}, "--json and --csv: one or the other"},
		{[]string{"trend", "otan", "date:abc"}, `query "date:abc": "abc" is not a date`},
	} {
		_, errOut, code := gazette(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
