package ingest_test

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/ingest"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

func loadOne(t *testing.T, name, text string) *corpus.Article {
	t.Helper()
	c, probs := ingest.LoadFS("t", fstest.MapFS{name: {Data: []byte(text)}})
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if c.Len() != 1 {
		t.Fatalf("loaded %d articles, want 1", c.Len())
	}
	return c.At(0)
}

// TestPlainTextScrapes holds real-scrape shapes beyond the seeds, in French
// and English.
func TestPlainTextScrapes(t *testing.T) {
	tests := []struct {
		name, text  string
		title       string
		derived     bool
		date        string
		first, last string // prefixes of the first and suffix of the last paragraph
		absent      []string
	}{{
		name:  "english headline, date line and share links",
		text:  "Share\nTweet\nEmail\n\nEU and Japan agree on cyber dialogue\n\nMay 31, 2025\n\nThe European Union and Japan held their first cyber dialogue on Friday.\n\nBoth sides agreed to meet again next year.\n\nShare this article\nFacebook | Twitter | LinkedIn\n",
		title: "EU and Japan agree on cyber dialogue", date: "2025-05-31",
		first: "The European Union", last: "meet again next year.",
		absent: []string{"Share", "Tweet", "Facebook"},
	}, {
		name:  "published line with time, French",
		text:  "La France renforce son commandement cyber\nPublié le 27/12/22 à 08h02\nLe ministère des Armées a annoncé mardi une hausse des effectifs.\nLes recrutements commenceront en janvier.\n",
		title: "La France renforce son commandement cyber", date: "2022-12-27T08:02",
		first: "Le ministère des Armées", last: "commenceront en janvier.",
	}, {
		name:  "no title: derived from the first sentence, short enough to keep whole",
		text:  "Le sommet s'est ouvert lundi à Genève. Les délégations ont discuté pendant trois jours.\n",
		title: "Le sommet s'est ouvert lundi à Genève", derived: true, date: "",
		first: "Le sommet s'est ouvert", last: "pendant trois jours.",
	}, {
		name:  "a year in the text is not a date",
		text:  "Un plan pour 2030\n\nEn 2019, le gouvernement a présenté un plan qui court jusqu'en 2030.\n",
		title: "Un plan pour 2030", date: "",
		first: "En 2019", last: "jusqu'en 2030.",
	}, {
		name:  "a date in a sentence is not the publication date",
		text:  "Accord signé à Rabat\n\nLe 17 septembre 2014, les deux pays ont signé un accord.\n",
		title: "Accord signé à Rabat", date: "",
		first: "Le 17 septembre 2014", last: "signé un accord.",
	}, {
		name:  "view counter, comment heading and menu after the text",
		text:  "Titre de l'article du jour\n\n1er janvier 2020\n\nLe texte de l'article commence ici.\n\nIl se termine là.\n\nVu 1 234 fois\n\n3 commentaires\n\nAccueil | Monde | Économie | Sport | Culture | Contact\n",
		title: "Titre de l'article du jour", date: "2020-01-01",
		first: "Le texte", last: "Il se termine là.",
		absent: []string{"Vu 1 234", "commentaires", "Sport"},
	}, {
		name:  "hard-wrapped lines are joined into one paragraph",
		text:  "Un titre court\n\nCette phrase est coupée au milieu\nparce que le fichier a été formaté\nà soixante-dix colonnes.\n\nDeuxième paragraphe.\n",
		title: "Un titre court",
		first: "Cette phrase est coupée au milieu parce que le fichier a été formaté à soixante-dix colonnes.", last: "Deuxième paragraphe.",
	}, {
		name:  "markdown heading",
		text:  "# Cyber: the week in review\n\nNothing much happened this week.\n",
		title: "Cyber: the week in review",
		first: "Nothing much", last: "this week.",
	}, {
		name:  "CRLF, BOM and a date header with a full day",
		text:  "\ufeff date 2021-03-04 Les ministres se sont réunis jeudi.\r\n\r\nIls ont adopté une déclaration.\r\n",
		title: "Les ministres se sont réunis jeudi", derived: true, date: "2021-03-04",
		first: "Les ministres se sont réunis jeudi.", last: "une déclaration.",
		absent: []string{"date 2021", "\r"},
	}, {
		name:  "long first sentence without comma is cut at a word, not on a function word",
		text:  "Les représentants des vingt-huit pays membres de l'Alliance atlantique ont approuvé mardi soir à Bruxelles un programme commun de formation des experts.\n",
		title: "Les représentants des vingt-huit pays membres de l'Alliance atlantique ont…", derived: true,
		first: "Les représentants", last: "des experts.",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := loadOne(t, "a.txt", tt.text)
			if a.Title != tt.title || a.TitleDerived != tt.derived {
				t.Errorf("title %q derived=%v, want %q derived=%v", a.Title, a.TitleDerived, tt.title, tt.derived)
			}
			if a.Date.String() != tt.date {
				t.Errorf("date %q, want %q", a.Date, tt.date)
			}
			if len(a.Paragraphs) == 0 {
				t.Fatal("no paragraphs")
			}
			if !strings.HasPrefix(a.Paragraphs[0], tt.first) {
				t.Errorf("first paragraph %q, want prefix %q", a.Paragraphs[0], tt.first)
			}
			if l := a.Paragraphs[len(a.Paragraphs)-1]; !strings.HasSuffix(l, tt.last) {
				t.Errorf("last paragraph %q, want suffix %q", l, tt.last)
			}
			all := a.Title + "\n" + strings.Join(a.Paragraphs, "\n")
			for _, s := range tt.absent {
				if strings.Contains(all, s) {
					t.Errorf("article still holds %q:\n%s", s, all)
				}
			}
		})
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain\ttext\nline", "plain\ttext\nline"},
		{"a\r\nb\rc", "a\nb\nc"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"\x1b]8;;http://x\x07link\x1b]8;;\x07", "link"},
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"\x1b]52;c;ZXZpbA==\x07after", "after"},
		{"\x1b]0;title\nnext", "]0;title\nnext"}, // unterminated: only ESC goes
		{"\x1bc\x1b(Breset", "reset"},
		{"\u009b31mred", "red"},
		{"\u009d8;;u\u009ctext", "text"},
		{"\x1b[999999999999999999999999999999999999999999999999999999999999999999999m", "[999999999999999999999999999999999999999999999999999999999999999999999m"},
		{"a\x00b\x7fc", "abc"},
		{"\u202eevil\u202c \u2066iso\u2069", "evil iso"},
		{"\ufeffbom", "bom"},
		{"e\u0301t\u00e9", "été"}, // NFC
		{"bad \xff byte", "bad \ufffd byte"},
	}
	for _, tt := range tests {
		if got := ingest.Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"L’OTAN", "l'otan"},
		{"Cyberdéfense", "cyberdefense"},
		{"SÉCURITÉ", "securite"},
		{"cœur", "coeur"},
		{"OTAN\u2011industrie", "otan-industrie"},
	}
	for _, tt := range tests {
		if got := fold.String(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHeadlines: a first line that is a complete headline is the title as
// written, whatever it holds: quotes closed inside it, a trailing
// ellipsis, a currency sign or a brand in front, a kicker in capitals, a
// character reference; and the headline repeated as the first paragraph
// is dropped.
func TestHeadlines(t *testing.T) {
	for _, tt := range []struct{ text, title string }{
		{"Umaga ready for \"fearsome\" Lions\n\nNew Zealand captain Tana Umaga says his side are ready for the Lions.\n", "Umaga ready for \"fearsome\" Lions"},
		{"Ferrero Rocher maker sees sales rise...\n\nThe maker of Ferrero Rocher has seen its sales rise by 10% last year.\n", "Ferrero Rocher maker sees sales rise..."},
		{"Le gouvernement recule…\n\nLe projet de loi est retiré de l'ordre du jour de l'Assemblée.\n", "Le gouvernement recule…"},
		{"$10bn deal for Rio Tinto as shares jump\n\nThe mining group has agreed a deal worth $10bn, it said on Monday.\n", "$10bn deal for Rio Tinto as shares jump"},
		{"iTunes now selling Band Aid song\n\nIpods can now download the Band Aid single after Apple agreed a deal.\n", "iTunes now selling Band Aid song"},
		{"Price of a pint rises to &#163;3\n\nThe average price of a pint has risen to &pound;3 in London pubs.\n", "Price of a pint rises to £3"},
		{"TÉMOIGNAGES. \"Tous les gens qui ont vu le film sont sortis bouleversés\"\n\nTÉMOIGNAGES. \"Tous les gens qui ont vu le film sont sortis bouleversés\"\n\nLe film sort mercredi en salles, et les premiers spectateurs racontent leur émotion.\n",
			"TÉMOIGNAGES. \"Tous les gens qui ont vu le film sont sortis bouleversés\""},
		{"VRAI OU FAUX. Le gouvernement a-t-il menti sur les masques ?\n\nLa question revient dans le débat depuis le début de l'épidémie, et les documents publiés éclairent la réponse.\n",
			"VRAI OU FAUX. Le gouvernement a-t-il menti sur les masques ?"},
	} {
		a := loadOne(t, "a.txt", tt.text)
		if a.Title != tt.title || a.TitleDerived {
			t.Errorf("title %q (derived %v), want %q", a.Title, a.TitleDerived, tt.title)
		}
		if len(a.Paragraphs) != 1 || strings.Contains(a.Paragraphs[0], "&") {
			t.Errorf("%q: body %q: want its one paragraph, references decoded", tt.title, a.Paragraphs)
		}
	}
}

// TestTeaserHeadingEndsTheArticle: the links to other articles after a
// scraped article, under their heading, are not its text.
func TestTeaserHeadingEndsTheArticle(t *testing.T) {
	a := loadOne(t, "a.txt", "Un titre assez long pour un article\n\nLe texte de l'article, qui dit ce qui s'est passé.\n\nLe deuxième paragraphe du texte.\n\nÀ lire aussi :\n\nUn autre article sans rapport\n\nEncore un autre\n")
	if len(a.Paragraphs) != 2 {
		t.Errorf("body %q: want the two paragraphs before \"À lire aussi\"", a.Paragraphs)
	}
}

// TestBoilerplateLearntFromTheFolder: the chrome a site repeats in every
// page (its name above the headline, a newsletter box, a cookie notice,
// app buttons), in words no list knows, is learnt from the folder and
// taken out of every article; a paragraph two articles share is kept.
func TestBoilerplateLearntFromTheFolder(t *testing.T) {
	dir := t.TempDir()
	headlines := []string{"Le port agrandit ses quais pour les porte-conteneurs", "La mairie rouvre la piscine après deux ans de travaux",
		"Un festival de jazz attire dix mille visiteurs", "Les pêcheurs inquiets après une saison médiocre", "La ligne de bus 12 prolongée jusqu'à la gare"}
	for i, h := range headlines {
		shared := ""
		if i < 2 {
			shared = "Une phrase que deux articles citent tous les deux, mot pour mot.\n\n"
		}
		text := "Le Quotidien du Littoral\n\n" + h + "\n\nRecevez chaque matin l'essentiel de l'actualité de votre région\n\n" +
			"Le texte de l'article " + strconv.Itoa(i) + " raconte ce qui s'est passé cette semaine dans la ville, qui en parle encore.\n\n" +
			"Les habitants de " + h + " ont été nombreux à venir voir, et les élus ont promis de revenir sur le sujet lors du prochain conseil municipal.\n\n" +
			"Le maire a rappelé que le projet " + strconv.Itoa(i) + " avait été voté il y a deux ans, après une longue concertation avec les associations.\n\n" + shared +
			"Nos partenaires et nous utilisons des traceurs pour mesurer l'audience et vous proposer des contenus adaptés.\n\nTéléchargez notre appli gratuite\n"
		write(t, filepath.Join(dir, "site", "a"+strconv.Itoa(i)+".txt"), text)
	}
	c, probs := ingest.LoadPaths([]string{dir}, ingest.Options{})
	if len(probs) != 0 || c.Len() != len(headlines) {
		t.Fatalf("%d articles, problems %v", c.Len(), probs)
	}
	shared := 0
	for i := range c.Len() {
		a := c.At(i)
		if !slices.Contains(headlines, a.Title) || a.TitleDerived {
			t.Errorf("title %q: want the headline, not the site's name", a.Title)
		}
		body := strings.Join(a.Paragraphs, "\n")
		for _, chrome := range []string{"Recevez chaque matin", "traceurs", "Téléchargez", "Quotidien du Littoral"} {
			if strings.Contains(body, chrome) {
				t.Errorf("%s keeps %q:\n%s", a.ID, chrome, body)
			}
		}
		if !strings.Contains(body, "Le texte de l'article") {
			t.Errorf("%s lost its text:\n%s", a.ID, body)
		}
		if strings.Contains(body, "deux articles citent") {
			shared++
		}
	}
	if shared != 2 {
		t.Errorf("the paragraph two articles share is in %d of them, want 2", shared)
	}
}

// TestCopiesAreNotChrome: the same wire story in several files of a
// folder is their text, not chrome: every copy keeps it.
func TestCopiesAreNotChrome(t *testing.T) {
	dir := t.TempDir()
	story := "La dépêche dit ce qui s'est passé, dans une phrase assez longue pour un article.\n\nUn deuxième paragraphe la complète, avec d'autres détails.\n"
	for i := range 4 {
		write(t, filepath.Join(dir, "wire", "copie"+strconv.Itoa(i)+".txt"), "Titre de la copie "+strconv.Itoa(i)+"\n\n"+story)
	}
	c, _ := ingest.LoadPaths([]string{dir}, ingest.Options{})
	for i := range c.Len() {
		if a := c.At(i); len(a.Paragraphs) != 2 {
			t.Errorf("%s: body %q, want the story's two paragraphs", a.ID, a.Paragraphs)
		}
	}
}

// TestBoxBeforeTheDate: a short line that is not a sentence, between a
// scrape's headline and its date line (a newsletter box, a button), does
// not end the head: the date is read and the line left out of the text.
// A sentence there, or a date line further down, is the article's.
func TestBoxBeforeTheDate(t *testing.T) {
	body := "The council met on Tuesday and voted the budget of the town, after a long debate on the schools."
	for _, c := range []struct {
		name, text string
		dated      bool
		want       []string
	}{
		{"box.txt", "The council votes its budget\n\nSubscribe to our newsletter\n\nPublished on 2 March 2021\n\n" + body + "\n", true, []string{body}},
		{"two.txt", "Le conseil vote son budget\n\nNewsletter\n\nÉcouter cet article\n\n2 mars 2021\n\n" + body + "\n", true, []string{body}},
		{"sentence.txt", "The council votes its budget\n\nIt rained.\n\n2 March 2021\n\n" + body + "\n", false, []string{"It rained.", "2 March 2021", body}},
		{"far.txt", "The council votes its budget\n\nAnalysis\n\n" + body + "\n\n" + body + "\n\n2 March 2021\n", false, []string{"Analysis", body, body, "2 March 2021"}},
	} {
		a := loadOne(t, c.name, c.text)
		if a.Date.IsZero() == c.dated || !slices.Equal(a.Paragraphs, c.want) {
			t.Errorf("%s: date %v, body %q; want dated %v, %q", c.name, a.Date, a.Paragraphs, c.dated, c.want)
		}
	}
}
