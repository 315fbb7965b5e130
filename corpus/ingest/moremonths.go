package ingest

import (
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// moreMonths maps the folded names of months in languages the DateFinder
// does not read (Romanian, Polish, Czech, Slovak, Hungarian, Turkish,
// Indonesian and Malay, Swedish, Danish, Norwegian, Finnish, Greek,
// Ukrainian, Bulgarian, Serbian, Arabic) to months, in the forms a date
// uses (the genitive, where a language has one). Names the DateFinder
// knows are left to it; a name two languages share means the same month
// in both (Croatian, whose listopad is October, is left out for that).
var moreMonths = sync.OnceValue(func() map[string]time.Month {
	names := [12]string{
		"ianuarie ian stycznia styczeń ledna leden januára január januari tammikuuta tammikuu ocak ιανουαρίου ιανουάριος січня січень януари يناير جانفي كانون_الثاني",
		"februarie lutego luty února únor februára február februari helmikuuta helmikuu şubat φεβρουαρίου φεβρουάριος лютого лютий февруари فبراير فيفري شباط",
		"martie marca marzec března březen március mart maret mac mars marts maaliskuuta maaliskuu μαρτίου μάρτιος березня березень март مارس آذار",
		"aprilie kwietnia kwiecień dubna duben apríla április nisan huhtikuuta huhtikuu απριλίου απρίλιος квітня квітень април أبريل ابريل أفريل نيسان",
		"maja maj května květen mája május mayıs toukokuuta toukokuu μαΐου μάιος травня травень май مايو ماي أيار",
		"iunie czerwca czerwiec června červen júna június haziran kesäkuuta kesäkuu ιουνίου ιούνιος червня червень юни يونيو يونيه جوان حزيران",
		"iulie lipca lipiec července červenec júla július temmuz heinäkuuta heinäkuu ιουλίου ιούλιος липня липень юли يوليو يوليه جويلية تموز",
		"sierpnia sierpień srpna srpen augusta augusztus ağustos agustus ogos augusti elokuuta elokuu αυγούστου αύγουστος серпня серпень август أغسطس اغسطس أوت آب",
		"septembrie września wrzesień září septembra szeptember eylül syyskuuta syyskuu σεπτεμβρίου σεπτέμβριος вересня вересень септември septembar سبتمبر أيلول",
		"octombrie października październik října říjen októbra október ekim lokakuuta lokakuu οκτωβρίου οκτώβριος жовтня жовтень октомври oktobar أكتوبر اكتوبر تشرين_الأول",
		"noiembrie listopada listopad novembra kasım marraskuuta marraskuu νοεμβρίου νοέμβριος листопада листопад ноември novembar نوفمبر تشرين_الثاني",
		"decembrie grudnia grudzień prosince prosinec decembra december aralık disember desember joulukuuta joulukuu δεκεμβρίου δεκέμβριος грудня грудень декември decembar ديسمبر كانون_الأول",
	}
	m := map[string]time.Month{}
	for i, line := range names {
		for _, n := range strings.Fields(line) {
			if _, known := monthByName(fold.String(n)); !known {
				m[fold.String(n)] = time.Month(i + 1)
			}
		}
	}
	return m
})

// arabicTwoWordMonths are the Levantine names of months written in two
// words, joined as moreMonths has them.
var arabicTwoWordMonths = strings.NewReplacer("كانون الثاني", "كانون_الثاني", "كانون الأول", "كانون_الأول",
	"تشرين الأول", "تشرين_الأول", "تشرين الثاني", "تشرين_الثاني")

// findMoreMonths finds a date written with a month name of moreMonths: day,
// month, year ("20 septembrie 2020", "07 أكتوبر 2020", "4 Mei 2020");
// month, day, year; or year, month, day ("2020. szeptember 20."). Arabic
// and Persian digits are read as digits. It gives the day, not the time.
func findMoreMonths(s string) (corpus.Date, bool) {
	s = arabicTwoWordMonths.Replace(fold.String(s))
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' })
	for i, w := range words {
		mo, ok := moreMonths()[w]
		if !ok {
			continue
		}
		// "24 نيسان / أبريل 2020": a month may be named twice.
		j, k := i+1, i-1
		for isMonthName(wordAt(words, j)) {
			j++
		}
		for isMonthName(wordAt(words, k)) {
			k--
		}
		before, after, after2 := wordAt(words, k), wordAt(words, j), wordAt(words, j+1)
		for _, c := range [][2]string{{before, after}, {after, after2}, {after, before}} {
			day, year := arabicDigits(c[0]), arabicDigits(c[1])
			if len(year) == 4 && len(day) >= 1 && len(day) <= 2 && digits(day) >= 1 && digits(year) > 0 {
				if d, ok := dateOf(digits(year), mo, digits(day), "", "", ""); ok {
					return d, true
				}
			}
		}
	}
	return corpus.Date{}, false
}

// isMonthName reports whether a folded word names a month in any language
// gazette reads.
func isMonthName(w string) bool {
	if _, ok := moreMonths()[w]; ok {
		return true
	}
	_, ok := monthByName(w)
	return ok
}

func wordAt(words []string, i int) string {
	if i < 0 || i >= len(words) {
		return ""
	}
	return words[i]
}

// arabicDigits turns Arabic-Indic and Persian digits into ASCII ones.
func arabicDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		}
		return r
	}, s)
}
