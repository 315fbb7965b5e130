package ingest_test

import (
	"slices"
	"testing"
)

// TestChromeInOtherLanguages: the share bars, controls and breadcrumbs a
// page puts above and below its article are cut in every language whose
// dates are read, as they are in French and English; prose that names a
// network, or holds a ">", stays.
func TestChromeInOtherLanguages(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"de.txt", "Regierung stellt neuen Plan vor\n\nStartseite > Politik > Deutschland\n\n12. März 2021\n\nBerlin – Die Bundesregierung hat am Freitag einen neuen Plan vorgestellt.\n\nDie Opposition reagierte verhalten.\n\nTeilen auf Facebook | Twitter | WhatsApp\n\nDrucken\n",
			[]string{"Berlin – Die Bundesregierung hat am Freitag einen neuen Plan vorgestellt.", "Die Opposition reagierte verhalten."}},
		{"es.txt", "El Gobierno presenta su plan económico\n\nInicio › Economía › Nacional\n\n4 de marzo de 2021\n\nEl Gobierno ha presentado este jueves su plan económico.\n\nCompartir en Facebook · Compartir en Twitter · Enviar\n",
			[]string{"El Gobierno ha presentado este jueves su plan económico."}},
		{"it.txt", "Il governo approva la manovra\n\n4 marzo 2021\n\nIl Consiglio dei ministri ha approvato la manovra economica.\n\nCondividi su Facebook | Stampa | Commenti\n",
			[]string{"Il Consiglio dei ministri ha approvato la manovra economica."}},
		{"ru.txt", "Госдума приняла бюджет\n\nГлавная » Политика » Россия\n\n5 марта 2021\n\nГосударственная дума приняла бюджет на следующий год.\n\nПоделиться в VK | Печать\n",
			[]string{"Государственная дума приняла бюджет на следующий год."}},
		{"prose.txt", "Facebook changes its rules\n\n4 March 2021\n\nFacebook said on Monday it would change its rules.\n\nThe ratio went from 2 > 1 to 3 > 2 > 1 in a year, says the report.\n\nShare on Facebook\n",
			[]string{"Facebook said on Monday it would change its rules.", "The ratio went from 2 > 1 to 3 > 2 > 1 in a year, says the report."}},
	} {
		a := loadOne(t, c.name, c.text)
		if !slices.Equal(a.Paragraphs, c.want) {
			t.Errorf("%s: body %q\nwant %q", c.name, a.Paragraphs, c.want)
		}
		if a.Date.IsZero() {
			t.Errorf("%s: undated", c.name)
		}
	}
}

// TestBylines: a byline under the headline gives the article its authors
// and, when it holds one, its date ("Par Jean Dupont · Publié le 2 mars
// 2021"); it leaves the body, and the date line after it is read. A
// headline or a sentence that opens with "By" or "De" is no byline.
func TestBylines(t *testing.T) {
	for _, c := range []struct {
		name, text, date string
		authors, body    []string
	}{
		{"en.txt", "Markets rally as rates fall\n\nBy John Smith and Jane Doe\n\nMarch 1, 2021\n\nStocks rose sharply on Monday.\n\nBonds fell.\n",
			"2021-03-01", []string{"John Smith", "Jane Doe"}, []string{"Stocks rose sharply on Monday.", "Bonds fell."}},
		{"fr.txt", "Le Parlement adopte le budget\n\nPar Jean Dupont, envoyé spécial à Bruxelles · Publié le 2 mars 2021 à 10h15\n\nLe Parlement a adopté mardi le budget.\n",
			"2021-03-02 10:15", []string{"Jean Dupont"}, []string{"Le Parlement a adopté mardi le budget."}},
		{"de.txt", "Regierung stellt neuen Plan vor\n\nVon Max Müller | 12. März 2021, 14:30 Uhr\n\nDie Bundesregierung hat am Freitag einen Plan vorgestellt.\n",
			"2021-03-12 14:30", []string{"Max Müller"}, []string{"Die Bundesregierung hat am Freitag einen Plan vorgestellt."}},
		{"es.txt", "El Gobierno presenta su plan\n\nPor María García y Juan de la Cruz\n\n4 de marzo de 2021\n\nEl Gobierno ha presentado su plan.\n",
			"2021-03-04", []string{"María García", "Juan de la Cruz"}, []string{"El Gobierno ha presentado su plan."}},
		{"not.txt", "By The Numbers: What the Budget Holds\n\n4 March 2021\n\nDe Gaulle avait raison, dit-il.\n",
			"2021-03-04", nil, []string{"De Gaulle avait raison, dit-il."}},
	} {
		a := loadOne(t, c.name, c.text)
		if a.Date.Display() != c.date || !slices.Equal(a.Authors, c.authors) || !slices.Equal(a.Paragraphs, c.body) {
			t.Errorf("%s: title %q, date %q, authors %q, body %q", c.name, a.Title, a.Date.Display(), a.Authors, a.Paragraphs)
		}
	}
}
