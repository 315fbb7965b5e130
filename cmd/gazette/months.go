package main

import (
	"slices"
	"strings"
)

// monthNames returns the month names of a language for the timeline's
// headings, January first, capitalised as a heading starts.
func monthNames(lang string) ([12]string, bool) {
	names, ok := map[string]string{
		"en": "January February March April May June July August September October November December",
		"fr": "Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre",
		"de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
		"es": "Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre",
		"it": "Gennaio Febbraio Marzo Aprile Maggio Giugno Luglio Agosto Settembre Ottobre Novembre Dicembre",
		"pt": "Janeiro Fevereiro Março Abril Maio Junho Julho Agosto Setembro Outubro Novembro Dezembro",
		"nl": "Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December",
		"ca": "Gener Febrer Març Abril Maig Juny Juliol Agost Setembre Octubre Novembre Desembre",
		"sv": "Januari Februari Mars April Maj Juni Juli Augusti September Oktober November December",
		"da": "Januar Februar Marts April Maj Juni Juli August September Oktober November December",
		"nb": "Januar Februar Mars April Mai Juni Juli August September Oktober November Desember",
		"pl": "Styczeń Luty Marzec Kwiecień Maj Czerwiec Lipiec Sierpień Wrzesień Październik Listopad Grudzień",
		"cs": "Leden Únor Březen Duben Květen Červen Červenec Srpen Září Říjen Listopad Prosinec",
		"tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
		"ru": "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь",
	}[lang]
	var out [12]string
	if !ok {
		return out, false
	}
	copy(out[:], strings.Fields(names))
	return out, true
}

// monthLanguages returns the languages monthNames knows, sorted.
func monthLanguages() []string {
	var langs []string
	for _, l := range []string{"en", "fr", "de", "es", "it", "pt", "nl", "ca", "sv", "da", "nb", "pl", "cs", "tr", "ru"} {
		if _, ok := monthNames(l); ok {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	return langs
}
