package ingest

import (
	"strconv"
	"strings"
	"testing"
)

func TestReadCSV(t *testing.T) {
	r := newExtractor(NewDateFinder())
	tests := []struct {
		name, in string
		comma    rune
		want     []string // "LINE title date body" or "LINE !problem"
	}{
		{"comma", "title,date,text\nUn,2019-10-09,Corps un.\nDeux,,Corps deux.\n", 0,
			[]string{"2 Un 2019-10-09 Corps un.", "3 Deux  Corps deux."}},
		{"semicolon sniffed", "titre;date;content\nUn;20/09/2014;Corps.\n", 0,
			[]string{"2 Un 2014-09-20 Corps."}},
		{"quoted newlines", "headline,body\n\"Un, deux\",\"Premier.\n\nSecond \"\"cité\"\".\"\nTrois,x\n", 0,
			[]string{"2 Un, deux  Premier.|Second \"cité\".", "5 Trois  x"}},
		{"tab", "title\tbody\nUn\tCorps.\n", '\t', []string{"2 Un  Corps."}},
		{"ragged rows", "title,text\nUn\nDeux,b,extra\n,\n", 0,
			[]string{"2 Un  ", "3 Deux  b !3 fields, the header has 2: the extra ones are ignored", "4 !no title or text"}},
		{"quote never closed in a title", "title,date,text\nUn,2020-01-01,a\n\"Deux,2020-01-02,b\nTrois,2020-01-03,c\nQuatre,2020-01-04,d\n", 0,
			[]string{"2 Un 2020-01-01 a", "3 !a quote opened in this row never closes: the row is skipped", "4 Trois 2020-01-03 c", "5 Quatre 2020-01-04 d"}},
		{"quote never closed in a text", "title,text\nUn,\"a\nDeux,b\n\nTrois,\"c\nsuite\"\n", 0,
			[]string{"2 !a quote opened in this row never closes: the row is skipped", "3 Deux  b", "5 Trois  c suite"}},
		{"stray quote inside a field", "title,text\nIl a dit \"oui\" hier,b\nDeux,c\n", 0,
			[]string{"2 Il a dit \"oui\" hier  b", "3 Deux  c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := r.readCSV(tt.in, tt.comma)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range recs {
				s := ""
				if p.draft.title != "" || len(p.draft.paragraphs) > 0 {
					s = strings.TrimSpace(strings.Join([]string{p.draft.title, p.draft.date.String(), strings.Join(p.draft.paragraphs, "|")}, " "))
				}
				if p.problem != "" {
					s = strings.TrimSpace(s + " !" + p.problem)
				}
				got = append(got, strings.TrimSpace(strconv.Itoa(p.n)+" "+s))
			}
			want := make([]string, len(tt.want))
			for i, w := range tt.want {
				want[i] = strings.Join(strings.Fields(w), " ")
			}
			for i := range got {
				got[i] = strings.Join(strings.Fields(got[i]), " ")
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	if _, err := r.readCSV("a,b\n1,2\n", 0); err == nil || !strings.Contains(err.Error(), "no title or text column") {
		t.Errorf("header without known columns: %v", err)
	}
}
