// Package corpustest generates synthetic corpora of French-like news
// articles for tests and benchmarks. Output depends only on the count and
// the seed: the same arguments give the same articles on every machine.
package corpustest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gazette-reader/gazette/corpus"
)

// commonWords are frequent French words, with their accents and
// apostrophes; they make up most of the running text, as in real prose.
const commonWords = `le la les de des du un une et en à au aux pour par sur dans avec
qui que ne pas plus est sont a ont été être fait faire cette ces son sa ses leur leurs nous vous
il elle ils elles on se ce comme mais ou où donc ainsi après avant entre contre sans sous selon
depuis lors très aussi encore déjà toujours jamais bien même tous toute toutes autre autres
l’OTAN l’Union l’Europe d’un d’une qu’il qu’elle c’est n’est l’accord l’industrie l’État
sécurité cybersécurité cyberdéfense cyberattaques cybermenaces coopération défense réseau réseaux
gouvernement ministre président conférence sommet accord alliance partenariat stratégie
numérique informatique données protection menace menaces attaque attaques pays États nations
internationale international mondiale mondial européenne européen française français
développement capacités renforcement dialogue échange entretiens responsables experts
secteur privé public entreprises industrie technologies innovation recherche formation
politique économie société infrastructure infrastructures critiques énergie télécommunications
année années mois semaine jour jours décembre janvier février mars avril mai juin juillet
août septembre octobre novembre Paris Bruxelles Genève Tokyo Washington Berlin Rabat Mons
réunion programme initiative projet plan mesures règles normes principes valeurs confiance
annoncé déclaré souligné expliqué rappelé indiqué présenté lancé signé adopté organisé
nouvelle nouveau nouveaux nouvelles important importante grande grand premier première
efficace durable commune communes ensemble plusieurs nombreux certains chaque tout`

// syllables build the long tail of rare words.
const syllables = `ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu
ga ge gi go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru
sa se si so su ta te ti to tu va ve vi vo vu tré pré cré dé fé lé mé né ré sé té vé
an en in on un ar er ir or ur al el il ol ul eau oi ou ai ei`

// Generator makes articles from one seed. Each call to Article continues
// the same deterministic stream.
type Generator struct {
	rng    *rand.Rand
	common []string
	rare   []string
	n      int
	// opts and what they write (see NewGeneratorWith).
	opts               Options
	symbols, compounds []string
}

// NewGenerator returns a generator for seed.
func NewGenerator(seed uint64) *Generator {
	g := &Generator{rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), common: strings.Fields(commonWords)}
	syl := strings.Fields(syllables)
	// The rare vocabulary is the same for every seed, so benchmark queries
	// can name rare words.
	vr := rand.New(rand.NewPCG(1, 2))
	g.rare = make([]string, 20000)
	for i := range g.rare {
		var b strings.Builder
		for range 2 + vr.IntN(3) {
			b.WriteString(syl[vr.IntN(len(syl))])
		}
		g.rare[i] = b.String()
	}
	return g
}

// RareWord returns the i-th word of the rare vocabulary, which appears in
// few articles (the lower i, the more often).
func RareWord(i int) string { return NewGenerator(0).rare[i] }

// word picks a word: mostly common ones, skewed to the head of the list;
// one in eight from the long tail.
func (g *Generator) word() string {
	f := g.rng.Float64()
	var w string
	if g.rng.IntN(8) == 0 {
		w = g.rare[int(float64(len(g.rare))*f*f*f)]
	} else {
		w = g.common[int(float64(len(g.common))*f*f)]
	}
	if g.opts != (Options{}) {
		w = g.extra(w)
	}
	return w
}

func (g *Generator) sentence(words int) string {
	var b strings.Builder
	quoted := g.rng.IntN(6) == 0
	if quoted {
		b.WriteString("« ")
	}
	for i := range words {
		w := g.word()
		if i == 0 {
			w = capitalize(w)
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i > 2 && i < words-2 && g.rng.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
	if quoted {
		b.WriteString(" »")
	}
	return b.String()
}

func capitalize(w string) string {
	for i, r := range w {
		return strings.ToUpper(string(r)) + w[i+len(string(r)):]
	}
	return w
}

// Article returns the next article: a title, a date over 2005-2024 at a
// random precision (about 3% undated), and seven to ten paragraphs of about
// 50 words, some 3 KB of text.
func (g *Generator) Article() *corpus.Article {
	g.n++
	a := &corpus.Article{
		ID:     fmt.Sprintf("gen/%07d", g.n),
		Title:  strings.TrimSuffix(g.sentence(5+g.rng.IntN(7)), "."),
		Source: fmt.Sprintf("generated/%07d.txt", g.n),
		Format: "text",
	}
	a.Title = strings.TrimSuffix(strings.TrimPrefix(a.Title, "« "), ". »")
	if g.rng.IntN(33) != 0 {
		y := 2005 + g.rng.IntN(20)
		mo := time.Month(1 + g.rng.IntN(12))
		d := 1 + g.rng.IntN(28)
		p := []corpus.Precision{corpus.PrecisionYear, corpus.PrecisionMonth, corpus.PrecisionDay, corpus.PrecisionDay, corpus.PrecisionMinute}[g.rng.IntN(5)]
		a.Date = corpus.NewDate(y, mo, d, g.rng.IntN(24), g.rng.IntN(60), p)
	}
	for range 7 + g.rng.IntN(4) {
		var p strings.Builder
		for s := range 3 + g.rng.IntN(3) {
			if s > 0 {
				p.WriteByte(' ')
			}
			p.WriteString(g.sentence(8 + g.rng.IntN(12)))
		}
		para := p.String()
		a.Paragraphs = append(a.Paragraphs, para)
		a.Words += len(strings.Fields(para))
	}
	if g.opts.Metadata {
		g.metadata(a)
	}
	return a
}

// Articles returns n articles generated from seed.
func Articles(n int, seed uint64) []*corpus.Article {
	g := NewGenerator(seed)
	out := make([]*corpus.Article, n)
	for i := range out {
		out[i] = g.Article()
	}
	return out
}

// Corpus returns a corpus of n articles generated from seed.
func Corpus(n int, seed uint64) *corpus.Corpus {
	return corpus.New(Articles(n, seed))
}

// Text renders a as a plain-text scrape of the kind gazette reads: the
// title, a date line in one of several French and English forms, then the
// paragraphs separated by blank lines.
func Text(a *corpus.Article, form int) string {
	var b strings.Builder
	b.WriteString(a.Title)
	b.WriteString("\n\n")
	if !a.Date.IsZero() {
		t := a.Date.Time
		switch a.Date.Precision {
		case corpus.PrecisionMinute:
			b.WriteString(t.Format("02/01/2006 15:04"))
		case corpus.PrecisionDay:
			if form%2 == 0 {
				fmt.Fprintf(&b, "%d %s %d", t.Day(), frenchMonth(t.Month()), t.Year())
			} else {
				b.WriteString(t.Format("January 2, 2006"))
			}
		default:
			fmt.Fprintf(&b, "%s %d", frenchMonth(t.Month()), t.Year())
		}
		b.WriteString("\n\n")
	}
	for _, p := range a.Paragraphs {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return b.String()
}

func frenchMonth(m time.Month) string {
	return strings.Fields("janvier février mars avril mai juin juillet août septembre octobre novembre décembre")[m-1]
}

// WriteDir writes n generated articles under dir as plain-text files,
// nested by year ("2017/gen-0000042.txt", "undated/…"), and returns the
// articles as generated.
func WriteDir(dir string, n int, seed uint64) ([]*corpus.Article, error) {
	arts := Articles(n, seed)
	made := map[string]bool{}
	for i, a := range arts {
		sub := "undated"
		if !a.Date.IsZero() {
			sub = fmt.Sprint(a.Date.Time.Year())
		}
		d := filepath.Join(dir, sub)
		if !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return nil, fmt.Errorf("generate %s: %w", d, err)
			}
			made[d] = true
		}
		name := filepath.Join(d, strings.ReplaceAll(a.ID, "/", "-")+".txt")
		if err := os.WriteFile(name, []byte(Text(a, i)), 0o644); err != nil {
			return nil, fmt.Errorf("generate %s: %w", name, err)
		}
	}
	return arts, nil
}

// record is one line of the JSON Lines output.
type record struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date,omitempty"`
	Text  string `json:"text"`
}

// WriteJSONL writes n generated articles to path as JSON Lines, one object
// a line with the fields id, title, date (ISO 8601 at its precision, absent
// when undated) and text (paragraphs separated by blank lines), and returns
// the articles as generated.
func WriteJSONL(path string, n int, seed uint64) ([]*corpus.Article, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", path, err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	g := NewGenerator(seed)
	arts := make([]*corpus.Article, n)
	for i := range arts {
		a := g.Article()
		arts[i] = a
		if err := enc.Encode(record{ID: a.ID, Title: a.Title, Date: a.Date.String(), Text: strings.Join(a.Paragraphs, "\n\n")}); err != nil {
			f.Close()
			return nil, fmt.Errorf("generate %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, fmt.Errorf("generate %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("generate %s: %w", path, err)
	}
	return arts, nil
}
