package ingest_test

import (
	"strings"
	"testing"
)

// lynxDump is a news page as lynx -dump writes it: frames and redirects,
// skip links, menus of numbered links, the page's own clock, the headline
// flush left, a byline and date line after share buttons, the article
// indented, the related articles, and the list of every link's address.
const lynxDump = `   #alternate [1]RSS

   REFRESH(900 sec): [2]https://www.exemple.fr/

   IFRAME: [3]https://www.googletagmanager.com/ns.html

   [4]Passer au contenu [5]Passer au menu

   Mardi 3 janvier 2023

     * [6]Accueil
     * [7]France
     * [8]Monde
     * [9]Économie
     * [10]Culture

   [11]Accueil France Info > [12]Monde

Les glaciers alpins ont perdu un dixième de leur volume en deux ans

     * [13]Partager
     * [14]Twitter

   Par Claire Dupont
   Publié le 29/12/2022 à 10h30

   Les glaciers des Alpes ont perdu près de 10 % de leur volume entre 2021
   et 2022, selon une étude publiée jeudi par des chercheurs suisses, qui
   décrivent une fonte sans précédent depuis le début des mesures.

   La chaleur de l'été et le manque de neige en hiver expliquent ce recul,
   qui menace l'approvisionnement en eau de plusieurs vallées et le
   tourisme de montagne dans les prochaines décennies.

À lire aussi

     * [15]Le lac de Genève à son plus bas niveau depuis vingt ans

References

   1. https://www.exemple.fr/rss
   2. https://www.exemple.fr/
   3. https://www.googletagmanager.com/ns.html
`

// w3mDump is another page as w3m -dump writes it: no link numbers, but
// form fields, buttons and menus of bullets.
const w3mDump = `Skip to content [Login] [                    ] [Search]

  • Home
  • Politics
  • Business
  • Sport
  • Culture
  • Weather
  • Video
  • Opinion

Business News
March 16, 2020 / 3:44 AM / Updated an hour ago

Stock markets tumble as central banks cut rates to near zero

FILE PHOTO: Traders work on the floor of the stock exchange. REUTERS/Lucas Jackson

NEW YORK (Reuters) - Stock markets fell sharply on Monday as central banks
around the world cut interest rates to near zero in an attempt to shield
their economies from the spread of the virus.

Investors sold shares in airlines, banks and energy companies, and moved
their money into government bonds, whose yields dropped to record lows.

  • About us
  • Contact
  • Careers
`

// TestPageDumps: the article of a whole page dumped by a text browser is
// found by where it stands, not by the first lines of the file: its
// headline, its date line past the menus, its text without the menus,
// the teasers or the list of addresses.
func TestPageDumps(t *testing.T) {
	tests := []struct {
		name, text, title, date string
		want, not               []string
	}{
		{"lynx.txt", lynxDump, "Les glaciers alpins ont perdu un dixième de leur volume en deux ans", "2022-12-29T10:30",
			[]string{"Les glaciers des Alpes ont perdu près de 10 % de leur volume entre 2021 et 2022", "tourisme de montagne"},
			[]string{"https://", "Accueil", "Passer au", "REFRESH", "IFRAME", "Partager", "[13]"}},
		{"w3m.txt", w3mDump, "Stock markets tumble as central banks cut rates to near zero", "2020-03-16T03:44",
			[]string{"NEW YORK (Reuters) - Stock markets fell sharply", "record lows"},
			[]string{"[Login]", "Politics", "Careers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := loadOne(t, tt.name, tt.text)
			body := strings.Join(a.Paragraphs, "\n")
			if a.Title != tt.title || a.Date.String() != tt.date {
				t.Errorf("title %q date %q, want %q %q", a.Title, a.Date, tt.title, tt.date)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("body keeps %q:\n%s", n, body)
				}
			}
		})
	}
}
