package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gazette-reader/gazette/corpus/corpustest"
	"github.com/gazette-reader/gazette/corpus/pgstore/pgtest"
)

// searchJSON returns the IDs and snippets of search --json output, sorted
// by ID.
func searchJSON(t *testing.T, out string) []string {
	t.Helper()
	var hits []hitObject
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var got []string
	for _, h := range hits {
		got = append(got, h.ID+" "+h.Snippet+" "+strings.Join(spanTexts(h.SnippetMatches), "|"))
	}
	slices.Sort(got)
	return got
}

// withoutScoreFields is JSON Lines output with its scores and copy groups
// taken out.
func withoutScoreFields(out string) string {
	return withoutField(withoutField(out, `"score":`), `"group":`)
}

// withoutField is out with the JSON field that starts with name taken
// off each line (a number or a string without a comma). The copies of a
// corpus are not grouped through the database: its lines have no group.
func withoutField(out, name string) string {
	var b strings.Builder
	for _, line := range strings.Split(out, "\n") {
		i := strings.Index(line, name)
		if i < 0 {
			b.WriteString(line + "\n")
			continue
		}
		j := strings.Index(line[i:], ",")
		if j < 0 { // the last field: from the comma before it
			b.WriteString(line[:strings.LastIndex(line[:i], ",")] + line[strings.LastIndex(line, "}"):] + "\n")
			continue
		}
		b.WriteString(line[:i] + line[i+j+1:] + "\n")
	}
	return b.String()
}

// withoutScores is search --json output with every score 0.
func withoutScores(t *testing.T, out string) string {
	t.Helper()
	var hits []map[string]any
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, h := range hits {
		h["score"] = 0
	}
	b, _ := json.MarshalIndent(hits, "", "  ")
	return string(b)
}

func spanTexts(spans []spanObject) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Text)
	}
	return out
}

// TestDatabase runs the commands on the seeds imported into PostgreSQL
// and compares what they print with what they print on the seeds.
func TestDatabase(t *testing.T) {
	srv := pgtest.Start(t)
	db := srv.URL

	t.Run("import adds the seeds once", func(t *testing.T) {
		_, errOut, code := gazette(t, "import", "--db", db)
		if code != 0 || errOut != "gazette: 5 articles added to schema gazette, 0 already there\n" {
			t.Fatalf("first import: exit %d, stderr %q", code, errOut)
		}
		_, errOut, code = gazette(t, "import", "--db", db)
		if code != 0 || errOut != "gazette: 0 articles added to schema gazette, 5 already there\n" {
			t.Fatalf("second import: exit %d, stderr %q", code, errOut)
		}
	})

	t.Run("list, show, search, trend and kwic print what they print on files", func(t *testing.T) {
		for _, args := range [][]string{
			{"list"}, {"list", "--json"}, {"list", "--jsonl"},
			{"show", "003_a617ba8cd3b3f892"}, {"show", "002_3932c6dfc2111cbf", "--json"},
			{"search", "maroc"}, {"search", "maroc", "--json"}, {"search", "nothingofthekind", "--json"},
			{"search", "japon date:2019"}, {"search", "--", "-otan"}, {"search", `"conférence mondiale"`}, {"search", `"conférence mond`, "--json"},
			{"trend", "otan"}, {"trend", "otan", "japon", "--by", "month"}, {"trend", "maroc", "--csv"}, {"trend", "otan", "cyber*", "--json"},
			{"kwic", "otan"}, {"kwic", "cyber* OR maroc", "--sort", "right", "--width", "20"}, {"kwic", "japon", "--json"}, {"kwic", "nothingofthekind"},
		} {
			// Flags go before the arguments, which may follow "--".
			withFlags := func(flags ...string) []string {
				return append(append([]string{args[0]}, flags...), args[1:]...)
			}
			local, localErr, localCode := gazette(t, withFlags("--no-state")...)
			got, gotErr, gotCode := gazette(t, withFlags("--no-state", "--db", db)...)
			if args[0] == "search" && slices.Contains(args, "--json") {
				// The score is the server's ts_rank_cd, on another scale
				// than the in-memory engine's: everything else is the same.
				local, got = withoutScores(t, local), withoutScores(t, got)
			}
			if got != local || gotErr != localErr || gotCode != localCode {
				t.Errorf("gazette %s --db: exit %d, stderr %q, printed:\n%s\nwant exit %d, stderr %q:\n%s", strings.Join(args, " "), gotCode, gotErr, got, localCode, localErr, local)
			}
		}
	})

	t.Run("an article of more words than a tsvector holds is imported, searched on its start", func(t *testing.T) {
		// 150,000 distinct words: 1.95 MB of lexemes, past the 1 MB a
		// tsvector holds, which failed the whole import before.
		var words strings.Builder
		for i := range 150000 {
			fmt.Fprintf(&words, "mot%08dx ", i)
		}
		path := filepath.Join(t.TempDir(), "big.jsonl")
		big, _ := json.Marshal(map[string]string{"title": "Un article énorme", "date": "2020-01-02", "text": "Début du secteur privé. " + words.String()})
		small, _ := json.Marshal(map[string]string{"title": "Un article court", "date": "2020-01-03", "text": "Le secteur privé et la sécurité."})
		if err := os.WriteFile(path, append(append(append(big, '\n'), small...), '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := gazette(t, "import", path, "--db", db, "--db-schema", "huge")
		if want := "gazette: 2 articles added to schema huge, 0 already there, 1 searched on their first 256 KB only (PostgreSQL indexes at most 1 MB of words an article)\n"; code != 0 || errOut != want {
			t.Fatalf("import: exit %d, %q, want %q", code, errOut, want)
		}
		for q, want := range map[string]int{`"secteur privé"`: 2, `"mot00000001x"`: 1, `"mot00149999x"`: 0} {
			out, errOut, code := gazette(t, "search", q, "--no-state", "--db", db, "--db-schema", "huge", "--jsonl")
			// search exits 1 when it finds nothing, as grep does.
			if n := strings.Count(out, "\n"); (code != 0) != (want == 0) || n != want {
				t.Errorf("search %s: exit %d, %s, %d hits, want %d", q, code, errOut, n, want)
			}
		}
	})

	t.Run("a hostile corpus prints as it does from its files", func(t *testing.T) {
		// The corpus holds one record twice (dump.jsonl and one.json):
		// the import keeps it once, by its content; and two records of
		// dump.csv and dump.jsonl have the ID dump/2: the second is
		// added as dump/2~2, as it is loaded from the files. Every line
		// printed from the database is a line printed from the files.
		dir := corpustest.HostileDir(t)
		_, errOut, code := gazette(t, "import", dir, "-q", "--db", db, "--db-schema", "hostile")
		if want := fmt.Sprintf("gazette: %d articles added to schema hostile, 1 already there, 1 with an ID taken by another article (added as ID~2...)\n", corpustest.HostileArticles-1); code != 0 || errOut != want {
			t.Fatalf("import: exit %d, %q, want %q", code, errOut, want)
		}
		for _, args := range [][]string{{"list"}, {"list", "--jsonl"}, {"search", "Corps"}, {"search", "titre OR json", "--jsonl"}} {
			local, _, _ := gazette(t, append(append(args, dir), "--no-state", "-q")...)
			got, errOut, code := gazette(t, append(args, "--no-state", "--db", db, "--db-schema", "hostile")...)
			localLines := strings.Split(withoutScoreFields(local), "\n")
			gotLines := strings.Split(withoutScoreFields(got), "\n")
			for _, line := range gotLines {
				if !slices.Contains(localLines, line) {
					t.Errorf("gazette %s --db prints %q, not printed from the files", strings.Join(args, " "), line)
				}
			}
			if code != 0 || len(gotLines) < len(localLines)-2 {
				t.Errorf("gazette %s --db: exit %d, %s; %d lines, want %d or one article fewer", strings.Join(args, " "), code, errOut, len(gotLines), len(localLines))
			}
			if r := corpustest.FirstUnsafe(got); r >= 0 {
				t.Errorf("gazette %s --db prints %U", strings.Join(args, " "), r)
			}
		}
	})

	t.Run("scraped pages are imported without their site's chrome, as they load", func(t *testing.T) {
		// Twelve pages of one site, its newsletter box and share bar on
		// each, in a folder beside a JSON Lines dump: the import reads
		// the pages twice (their chrome counted first) and prints, from
		// the database, what list prints from the files.
		dir := t.TempDir()
		site := filepath.Join(dir, "site")
		if err := os.MkdirAll(site, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range 12 {
			page := fmt.Sprintf("The council votes budget number %d\n\nSubscribe to our newsletter\n\n%d March 2021\n\nThe council met on day %d and voted the budget of the town, after a long debate on the schools.\n\nShare on Mastodon | Print\n", i, i+1, i)
			if err := os.WriteFile(filepath.Join(site, fmt.Sprintf("p%02d.txt", i)), []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := corpustest.WriteJSONL(filepath.Join(dir, "dump.jsonl"), 40, 3); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := gazette(t, "import", dir, "--db", db, "--db-schema", "scraped")
		if code != 0 || errOut != "gazette: 52 articles added to schema scraped, 0 already there\n" {
			t.Fatalf("import: exit %d, %q", code, errOut)
		}
		local, _, _ := gazette(t, "list", dir, "--no-state", "-q", "--jsonl")
		got, errOut, code := gazette(t, "list", "--no-state", "--db", db, "--db-schema", "scraped", "--jsonl")
		// Copies are not grouped through the database (README).
		localLines, gotLines := strings.Split(withoutScoreFields(local), "\n"), strings.Split(withoutScoreFields(got), "\n")
		slices.Sort(localLines)
		slices.Sort(gotLines)
		if code != 0 {
			t.Fatalf("list --db: exit %d, %s", code, errOut)
		}
		for _, line := range gotLines {
			if _, ok := slices.BinarySearch(localLines, line); !ok {
				t.Errorf("list --db prints %s, not printed from the files", line)
			}
		}
		if len(gotLines) != len(localLines) {
			t.Errorf("list --db prints %d lines, %d from the files", len(gotLines), len(localLines))
		}
		page, errOut, code := gazette(t, "show", "site/p07", "--no-state", "--db", db, "--db-schema", "scraped")
		if code != 0 || strings.Contains(page, "Subscribe") || strings.Contains(page, "Mastodon") || !strings.Contains(page, "voted the budget") {
			t.Errorf("show --db: exit %d, %s; the page with its site's chrome, or without its text:\n%s", code, errOut, page)
		}
	})

	t.Run("export writes what it writes from files", func(t *testing.T) {
		for _, args := range [][]string{
			{"export", "otan", "--format", "csv"}, {"export", "", "--format", "md"},
			{"export", "japon OR maroc"}, {"export", "date:2019", "--format", "txt"},
		} {
			local, localErr, localCode := gazette(t, append(args, "--no-state")...)
			got, gotErr, gotCode := gazette(t, append(args, "--no-state", "--db", db)...)
			if args[len(args)-1] != "csv" && args[len(args)-1] != "md" && args[len(args)-1] != "txt" {
				local, got = withoutScoreFields(local), withoutScoreFields(got)
			}
			if got != local || gotErr != localErr || gotCode != localCode {
				t.Errorf("gazette %q --db: exit %d, stderr %q:\n%s\nwant exit %d, stderr %q:\n%s", args, gotCode, gotErr, got, localCode, localErr, local)
			}
		}
	})

	t.Run("the reader reads and filters as on files, in tmux", func(t *testing.T) {
		// The scenario of TestReaderInTmux, word for word: the timeline,
		// its headings and strip, the filter and the article read to its
		// end, through the server.
		readInTmux(t, buildGazette(t), 100, 30, "--db", db)
	})

	t.Run("the reader keeps marks on a database corpus, in tmux", func(t *testing.T) {
		// The selected article starred in the reader on the database is
		// starred for list, on the database and on the files: the marks
		// are kept by content, in the local store.
		st := "--state=" + filepath.Join(t.TempDir(), "state.db")
		tm := tmux{t: t, socket: fmt.Sprintf("gazette-e2e-%d-dbmarks", os.Getpid())}
		tm.start(100, 30, nil, buildGazette(t), "--db", db, st)
		t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
		tm.waitFor("5 of 5 articles")
		tm.run("send-keys", "-t", "e2e", "f")
		tm.waitFor("★")
		// The filter finds it by its mark: the server is given the
		// positions the marks match.
		tm.run("send-keys", "-t", "e2e", "/", "is:starred")
		tm.waitFor("1 of 5 articles · filter is:starred")
		tm.run("send-keys", "-t", "e2e", "Escape")
		tm.waitFor("5 of 5 articles")
		tm.run("send-keys", "-t", "e2e", "q")
		tm.waitGone("the reader on the database")
		for _, where := range [][]string{{"--db", db}, {}} {
			got := listed(t, append(where, st)...)
			if got[seed004]["starred"] != true || got[seed003]["starred"] != false {
				t.Errorf("list %v after starring %s in the reader: %v", where, seed004, got)
			}
		}
		// And so do the commands, with the words and on the files alike.
		for _, q := range []string{"is:starred", "otan -is:starred", "is:starred date:2014"} {
			local, _, _ := gazette(t, "search", q, st)
			got, errOut, code := gazette(t, "search", q, "--db", db, st)
			if code != 0 || !slices.Equal(searchIDs(got), searchIDs(local)) || len(searchIDs(got)) != 1 {
				t.Errorf("search %s --db: exit %d, stderr %q:\n%s\nwant the hit of:\n%s", q, code, errOut, got, local)
			}
		}
	})

	t.Run("GAZETTE_DB names the database", func(t *testing.T) {
		t.Setenv(dbEnv, db)
		local, _, _ := gazette(t, "list", "--no-state", "--db", "")
		got, errOut, code := gazette(t, "list", "--no-state")
		if code != 0 || got != local || errOut != "" {
			t.Errorf("list with $%s: exit %d, stderr %q:\n%s", dbEnv, code, errOut, got)
		}
	})

	t.Run("search hits and snippets, in another order", func(t *testing.T) {
		// The server ranks by ts_rank_cd, the in-memory engine by how each
		// term matched then BM25: the same hits and snippets, and ties
		// (both titles say OTAN once) in another order.
		local, _, _ := gazette(t, "search", "otan", "--json", "--no-state")
		got, _, code := gazette(t, "search", "otan", "--json", "--no-state", "--db", db)
		if code != 0 || !slices.Equal(searchJSON(t, got), searchJSON(t, local)) {
			t.Errorf("search otan --db:\n%s\nwant the hits of:\n%s", got, local)
		}
	})

	t.Run("a database that cannot be used says why on one line", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			code int
			want string
		}{
			{[]string{"list", "--db", "postgres://a:secret@%zz/x"}, 1, "gazette: database URL: cannot parse the URL"},
			{[]string{"list", "--db", "postgres:///x?host=/nonexistent-gazette"}, 1, "gazette: database: /nonexistent-gazette/.s.PGSQL.5432"},
			{[]string{"list", "--db", db, "--db-schema", "other"}, 1, "gazette: schema other: no corpus there: run gazette import first"},
			{[]string{"list", "--db", db, "--db-schema", "Bad;name"}, 2, `gazette: --db-schema: schema "Bad;name": want lower-case letters`},
			{[]string{"list", "seeds", "--db", db}, 2, "gazette: a corpus in a database (--db or $GAZETTE_DB) or PATHs: one or the other"},
			{[]string{"import"}, 2, "gazette: import needs a database: --db URL or $GAZETTE_DB"},
			{[]string{"search", "author:x", "--db", db}, 2, `gazette: query "author:x": author: not searchable in a database corpus`},
			{[]string{"search", "is:starred", "--db", db, "--no-state"}, 2, `gazette: query "is:starred": is: the reader's marks are not at hand here`},
			{[]string{"trend", "otan", "--by", "day", "--db", db}, 2, "gazette: --by day: a corpus in a database is counted by year or month"},
			{[]string{"trend", "site:x", "--db", db}, 2, `gazette: query "site:x": `},
			{[]string{"show", "003_a617", "--db", db, "--no-state"}, 1, `gazette: no article "003_a617"; closest: 003_a617ba8cd3b3f892`},
		} {
			out, errOut, code := gazette(t, tc.args...)
			first, _, _ := strings.Cut(errOut, "\n")
			if code != tc.code || out != "" || !strings.HasPrefix(first, tc.want) || strings.Contains(errOut, "secret") {
				t.Errorf("gazette %s: exit %d, stdout %q, stderr %q; want exit %d, %q", strings.Join(tc.args, " "), code, out, errOut, tc.code, tc.want)
			}
		}
	})
}
