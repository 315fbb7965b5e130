// Command benchengines builds the same generated articles into a bleve
// index and an SQLite FTS5 database, and answers one query from either
// as a whole process: what docs/bench-vs-engines.sh times beside
// gazette's search from its snapshot. It is a module of its own so that
// neither engine weighs on gazette's.
//
//	benchengines build -n 100000 -dir D   # D/corpus.jsonl, D/bleve, D/fts.db
//	benchengines bleve -dir D -q ministre # the first 10 IDs, best first
//	benchengines fts5 -dir D -q ministre
package main

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	_ "modernc.org/sqlite"

	"github.com/gazette-reader/gazette/corpus/corpustest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchengines build|bleve|fts5 [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	n := fs.Int("n", 100000, "articles to generate")
	dir := fs.String("dir", "bench-engines", "folder of the corpus and the indexes")
	q := fs.String("q", "ministre", "query")
	fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "build":
		err = build(*n, *dir)
	case "bleve":
		err = searchBleve(*dir, *q)
	case "fts5":
		err = searchFTS5(*dir, *q)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchengines:", err)
		os.Exit(1)
	}
}

type doc struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date,omitempty"`
	Text  string `json:"text"`
}

// build writes the generated articles as JSON Lines, then indexes them
// in bleve (the default mapping, batches of 1 000) and in an FTS5 table
// (unicode61 without diacritics, as gazette folds accents).
func build(n int, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	arts := corpustest.Articles(n, 1)
	f, err := os.Create(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	docs := make([]doc, len(arts))
	for i, a := range arts {
		d := doc{ID: fmt.Sprintf("a%07d", i), Title: a.Title, Text: strings.Join(a.Paragraphs, "\n\n")}
		if !a.Date.IsZero() {
			d.Date = a.Date.Time.Format("2006-01-02")
		}
		docs[i] = d
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	f.Close()

	os.RemoveAll(filepath.Join(dir, "bleve"))
	idx, err := bleve.New(filepath.Join(dir, "bleve"), bleve.NewIndexMapping())
	if err != nil {
		return err
	}
	b := idx.NewBatch()
	for i, d := range docs {
		if err := b.Index(d.ID, map[string]string{"title": d.Title, "text": d.Text}); err != nil {
			return err
		}
		if (i+1)%1000 == 0 {
			if err := idx.Batch(b); err != nil {
				return err
			}
			b = idx.NewBatch()
		}
	}
	if err := idx.Batch(b); err != nil {
		return err
	}
	if err := idx.Close(); err != nil {
		return err
	}

	os.Remove(filepath.Join(dir, "fts.db"))
	db, err := sql.Open("sqlite", filepath.Join(dir, "fts.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	st, err := tx.Prepare(`INSERT INTO a(id, title, text) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if _, err := st.Exec(d.ID, d.Title, d.Text); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func searchBleve(dir, q string) error {
	idx, err := bleve.Open(filepath.Join(dir, "bleve"))
	if err != nil {
		return err
	}
	defer idx.Close()
	mq := bleve.NewMatchQuery(q)
	mq.SetOperator(query.MatchQueryOperatorAnd) // every term, as gazette and FTS5
	req := bleve.NewSearchRequestOptions(mq, 10, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		return err
	}
	fmt.Printf("%d hits\n", res.Total)
	for _, h := range res.Hits {
		fmt.Println(h.ID)
	}
	return nil
}

func searchFTS5(dir, q string) error {
	db, err := sql.Open("sqlite", filepath.Join(dir, "fts.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	var total int
	if err := db.QueryRow(`SELECT count(*) FROM a WHERE a MATCH ?`, q).Scan(&total); err != nil {
		return err
	}
	fmt.Printf("%d hits\n", total)
	rows, err := db.Query(`SELECT id FROM a WHERE a MATCH ? ORDER BY rank LIMIT 10`, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		fmt.Println(id)
	}
	return rows.Err()
}
