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
