package ingest_test

import (
	"fmt"
	"testing/fstest"

	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/seeds"
)

func ExampleLoad() {
	c, problems := ingest.Load([]ingest.Source{ingest.FromFS("seeds", seeds.FS)}, ingest.Options{})
	for _, p := range problems {
		fmt.Println("problem:", p)
	}
	for i := range c.Len() {
		a := c.At(i)
		fmt.Printf("%-16s %-6s %.3s %v\n", a.Date.Display(), a.Date.Precision, a.ID, a.TitleDerived)
	}
	// Output:
	// 2014-09-20 15:04 minute 004 false
	// 2015-04-21       day    003 false
	// 2017-01          month  000 true
	// 2018-07          month  001 true
	// 2019-10-09       day    002 false
}

func ExampleLoadFS() {
	fsys := fstest.MapFS{
		"2024/budget.txt": {Data: []byte("Le budget de la défense adopté\n\nPublié le 27/12/22 à 08h02\n\nLes députés ont voté le texte.\n")},
		"broken.txt":      {Data: []byte{}},
	}
	c, problems := ingest.LoadFS("news", fsys)
	a := c.At(0)
	fmt.Println(a.ID, "|", a.Date, "|", a.Title, "|", a.Paragraphs[0])
	fmt.Println(problems[0])
	// Output:
	// 2024/budget | 2022-12-27T08:02 | Le budget de la défense adopté | Les députés ont voté le texte.
	// news/broken.txt: empty file
}
