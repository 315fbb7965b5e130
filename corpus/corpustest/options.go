package corpustest

import (
	"fmt"
	"strings"

	"github.com/gazette-reader/gazette/corpus"
)

// Options make the generator write what real corpora hold beside plain
// prose, for the tests and benchmarks of searching. The zero Options
// writes exactly what Articles does.
type Options struct {
	// Letters writes single letters as words ("a", "x", "e" as in
	// "e-mail" or "vitamine E"), every letter of the alphabet among them.
	Letters bool
	// Symbols writes tokens with symbols and digits: "C++", "C#", ".NET",
	// "ASP.NET", "20%", "#1", "2.4.1", identifiers like
	// "CVE-2021-44228" and "KB5034441".
	Symbols bool
	// Compounds writes compounds in their three spellings: "plate-forme",
	// "plateforme", "plate forme".
	Compounds bool
	// Typos misspells some common words, as real text does (a letter
	// dropped, doubled, changed or two swapped).
	Typos bool
	// Metadata gives articles tags, authors, a URL and fields (cves).
	Metadata bool
}

// AllOptions returns Options with every option set.
func AllOptions() Options {
	return Options{Letters: true, Symbols: true, Compounds: true, Typos: true, Metadata: true}
}

// symbolTokens are the tokens with symbols Symbols writes, besides
// generated identifiers.
const symbolTokens = `C++ C# .NET ASP.NET Node.js 20% 3,5% #1 #MeToo 2.4.1 1.0 10:30 AT&T R&D TCP/IP
e-commerce B2B 24/7 x86_64 @OTAN $5 U.S.`

// compounds are the compounds Compounds writes, each as its hyphenated
// form: the joined and spaced forms come from it.
const compounds = `plate-forme e-mail anti-virus cyber-attaque porte-parole hp-ux
half-time co-opération micro-entreprise start-up vice-président`

// NewGeneratorWith returns a generator for seed that writes what o asks
// for besides the prose of NewGenerator.
func NewGeneratorWith(seed uint64, o Options) *Generator {
	g := NewGenerator(seed)
	g.opts = o
	g.symbols, g.compounds = strings.Fields(symbolTokens), strings.Fields(compounds)
	return g
}

// ArticlesWith returns n articles generated from seed with options o.
func ArticlesWith(n int, seed uint64, o Options) []*corpus.Article {
	g := NewGeneratorWith(seed, o)
	out := make([]*corpus.Article, n)
	for i := range out {
		out[i] = g.Article()
	}
	return out
}

// CorpusWith returns a corpus of n articles generated from seed with
// options o.
func CorpusWith(n int, seed uint64, o Options) *corpus.Corpus {
	return corpus.New(ArticlesWith(n, seed, o))
}

// extra returns w, or in place of it what the options write now and then.
func (g *Generator) extra(w string) string {
	o := g.opts
	switch x := g.rng.IntN(1000); {
	case o.Letters && x < 25:
		return string(rune('a' + g.rng.IntN(26)))
	case o.Symbols && x >= 25 && x < 35:
		switch g.rng.IntN(4) {
		case 0:
			return fmt.Sprintf("CVE-%d-%d", 2005+g.rng.IntN(20), 1000+g.rng.IntN(50000))
		case 1:
			return fmt.Sprintf("KB%d", 4000000+g.rng.IntN(100000))
		}
		return g.symbols[g.rng.IntN(len(g.symbols))]
	case o.Compounds && x >= 35 && x < 45:
		c := g.compounds[g.rng.IntN(len(g.compounds))]
		switch g.rng.IntN(3) {
		case 0:
			return strings.ReplaceAll(c, "-", "")
		case 1:
			return strings.ReplaceAll(c, "-", " ")
		}
		return c
	case o.Typos && x >= 45 && x < 47 && len(w) > 4:
		return misspell(w, g.rng.IntN(4), 1+g.rng.IntN(len(w)-2))
	}
	return w
}

// misspell returns w with one typo of a kind (0 drop, 1 double, 2 change,
// 3 swap) at its i-th rune.
func misspell(w string, kind, i int) string {
	r := []rune(w)
	i = min(i, len(r)-2)
	switch kind {
	case 0:
		return string(append(r[:i:i], r[i+1:]...))
	case 1:
		return string(r[:i+1]) + string(r[i:])
	case 2:
		if r[i] >= 'a' && r[i] < 'z' {
			r[i]++
		} else {
			r[i] = 'e'
		}
		return string(r)
	}
	r[i], r[i+1] = r[i+1], r[i]
	return string(r)
}

// metadata gives a the tags, authors, URL and fields of Metadata.
func (g *Generator) metadata(a *corpus.Article) {
	tags := strings.Fields("sécurité défense politique économie numérique international diplomatie industrie")
	for range 1 + g.rng.IntN(3) {
		a.Tags = append(a.Tags, tags[g.rng.IntN(len(tags))])
	}
	first := strings.Fields("Jean Marie Pierre Sophie Paul Claire Luc Anne")
	last := strings.Fields("Dupont Martin Bernard Durand Lefèvre Moreau Laurent Simon")
	a.Authors = []string{first[g.rng.IntN(len(first))] + " " + last[g.rng.IntN(len(last))]}
	sites := strings.Fields("www.lemonde.fr www.lefigaro.fr www.nato.int www.itu.int lesechos.fr")
	a.URL = fmt.Sprintf("https://%s/article/%d", sites[g.rng.IntN(len(sites))], g.n)
	if g.rng.IntN(4) == 0 {
		a.Fields = []corpus.Field{{Name: "cves", Values: []string{fmt.Sprintf("CVE-%d-%d", 2005+g.rng.IntN(20), 1000+g.rng.IntN(50000))}}}
	}
}
