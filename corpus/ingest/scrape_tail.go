package ingest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gazette-reader/gazette/corpus/internal/fold"
)

// cutTail removes what follows the article on a scraped page: everything
// from the first view counter, comment heading, comment policy or section
// menu on, then chrome lines left at the end.
func (r *extractor) cutTail(paras []string) []string {
	for i := 1; i < len(paras); i++ {
		if r.endsArticle(paras[i]) {
			paras = paras[:i]
			break
		}
	}
	for len(paras) > 0 && (isChromeLine(paras[len(paras)-1]) || isFiller(paras[len(paras)-1])) {
		paras = paras[:len(paras)-1]
	}
	return paras
}

// endsArticle reports whether p is page furniture that only ever comes after
// an article's text.
func (r *extractor) endsArticle(p string) bool {
	// Furniture comes in short lines; a longer one must look like a menu
	// or a comment policy before it is worth folding.
	if len(p) > 600 {
		return false
	}
	if len(p) > 80 && strings.Count(p, "|")+strings.Count(p, "·")+strings.Count(p, "•") < 4 && !mayBePolicy(p) {
		return false
	}
	f := strings.TrimSpace(fold.String(p))
	if r.views.MatchString(f) || r.comments.MatchString(f) {
		return true
	}
	if isMenu(f) {
		return true
	}
	if strings.HasPrefix(f, "votre avis nous interesse") || slices.Contains(teaserHeadings, strings.TrimRight(f, " :.»>")) {
		return true
	}
	policy := 0
	for _, w := range []string{"commentaire", "diffamatoire", "haineux", "injure", "raciste", "courtoisie", "moderat", "charte", "calomni", "offensive comments", "comment policy"} {
		if strings.Contains(f, w) {
			policy++
		}
	}
	return policy >= 2
}

// teaserHeadings head the links to other articles that follow an
// article on its page, in the languages DateFinder reads, folded.
var teaserHeadings = []string{"a lire aussi", "lire aussi", "a lire egalement", "voir aussi", "a voir aussi", "sur le meme sujet", "dans la meme rubrique", "les plus lus", "les plus partages",
	"read more", "read also", "related", "related articles", "related stories", "related content", "more on this story", "more from", "you may also like", "recommended", "most read", "most popular", "more stories", "top stories",
	"auch interessant", "mehr zum thema", "das konnte sie auch interessieren", "lea tambien", "te puede interesar", "leggi anche", "potrebbe interessarti", "leia tambem", "veja tambem", "lees ook",
	"читайте также", "смотрите также", "相关新闻", "相关阅读", "推荐阅读", "延伸阅读", "関連記事"}

// mayBePolicy is a cheap test that p could be a comment policy: it names
// comments, hate, insults or courtesy.
func mayBePolicy(p string) bool {
	for _, w := range []string{"omment", "diffamat", "haineu", "injur", "racist", "ourtois", "harte", "calomni", "avis nous int"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// isMenu reports whether f (folded) is a navigation bar: four or more
// short items between separators.
func isMenu(f string) bool {
	items := strings.FieldsFunc(f, func(c rune) bool { return c == '|' || c == '·' || c == '•' })
	if len(items) < 5 {
		return false
	}
	long := 0
	for _, it := range items {
		if len(strings.Fields(it)) > 5 {
			long++
		}
	}
	return long*4 < len(items)
}

// isFiller reports whether p holds no words at all: bullets, pipes, dashes.
func isFiller(p string) bool {
	for _, c := range p {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// isChromeLine reports whether p is a page control rather than text: text
// size buttons, share and print links, or a run of them ("Teilen auf
// Facebook | Twitter"), or a breadcrumb trail.
func isChromeLine(p string) bool {
	if len(p) > 160 {
		return false
	}
	f := strings.TrimSpace(fold.String(p))
	if utf8.RuneCountInString(f) > 80 {
		return false
	}
	if isBreadcrumb(f) {
		return true
	}
	parts := strings.FieldsFunc(f, func(c rune) bool { return c == '|' || c == '·' || c == '•' || c == '/' })
	if len(parts) == 0 {
		return false
	}
	for _, part := range parts {
		if !chromePhrases[strings.Trim(part, " :.-–")] {
			// "Facebook Twitter LinkedIn" has no separators; "Teilen auf
			// Facebook" is a control and a network joined by a little word.
			controls := 0
			for _, w := range strings.Fields(part) {
				switch {
				case chromePhrases[w]:
					controls++
				case !chromeJoiners[w]:
					return false
				}
			}
			if controls == 0 {
				return false
			}
		}
	}
	return true
}

// isBreadcrumb reports whether f (folded) is a trail of where a page sits
// on its site: three or more short items between ">", "›", "»" or "→",
// with no sentence in them ("Startseite > Politik > Deutschland").
func isBreadcrumb(f string) bool {
	items := strings.FieldsFunc(f, func(c rune) bool { return c == '>' || c == '›' || c == '»' || c == '→' })
	if len(items) < 3 || strings.ContainsAny(f, ".!?") {
		return false
	}
	for _, it := range items {
		if n := len(strings.Fields(it)); n == 0 || n > 4 {
			return false
		}
	}
	return true
}

// chromePhrases are the page controls, folded, in the languages whose
// dates are read: text size, share, print, send, listen, comment, save,
// subscribe, home, advertisement, copy the link, skip links, and the
// networks they lead to.
var chromePhrases = setOf(
	// French and English, whole phrases.
	"augmenter la taille du texte", "diminuer la taille du texte", "taille du texte",
	"reduire la taille du texte", "agrandir le texte", "reduire le texte",
	"increase text size", "decrease text size", "text size", "font size",
	"a+", "a-", "a", "aa",
	"partager", "partager sur facebook", "partager sur twitter", "partager cet article",
	"share", "share this", "share this article", "share on facebook", "share on twitter",
	"imprimer", "print", "envoyer", "envoyer par email", "envoyer par e-mail", "envoyer a un ami",
	"email", "e-mail", "mail", "tweet", "tweeter",
	"ecouter", "ecouter l'article", "listen", "listen to this article",
	"commenter", "lire plus tard", "sauvegarder", "save", "copier le lien", "copy link",
	"publicite", "advertisement", "pub", "menu", "accueil", "home",
	"skip to content", "skip to main content", "skip to navigation", "skip navigation", "jump to navigation",
	"aller au contenu", "passer au contenu", "aller au menu", "zum inhalt springen", "ir al contenido", "vai al contenuto",
	"s'abonner", "abonnez-vous", "subscribe", "newsletter", "rss", "favoris", "bookmark",
	// The networks.
	"facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "messenger",
	"vk", "vkontakte", "weibo", "wechat", "xing", "bluesky", "mastodon", "flipboard",
	// German, Spanish, Italian, Portuguese, Dutch, Polish, Russian, Chinese,
	// Japanese: share, print, send, listen, comment, save, subscribe, home,
	// advertisement, copy the link.
	"teilen", "drucken", "senden", "versenden", "anhoren", "vorlesen", "kommentieren", "kommentare", "speichern", "merken", "abonnieren", "startseite", "anzeige", "werbung", "link kopieren", "artikel teilen",
	"compartir", "imprimir", "enviar", "escuchar", "comentar", "comentarios", "guardar", "suscribirse", "suscribete", "inicio", "portada", "publicidad", "copiar enlace", "copiar link",
	"condividi", "condividere", "stampa", "invia", "ascolta", "commenta", "commenti", "salva", "iscriviti", "abbonati", "pubblicita", "copia link",
	"compartilhar", "partilhar", "ouvir", "comentarios", "salvar", "assine", "inscreva-se", "publicidade",
	"delen", "afdrukken", "verzenden", "luister", "reageer", "opslaan", "abonneren", "advertentie",
	"udostepnij", "drukuj", "wyslij", "komentarze", "zapisz", "subskrybuj", "reklama",
	"поделиться", "печать", "распечатать", "отправить", "слушать", "комментировать", "комментарии", "сохранить", "подписаться", "главная", "реклама", "скопировать ссылку",
	"分享", "打印", "发送", "评论", "收藏", "订阅", "首页", "广告", "复制链接",
	"共有", "シェア", "印刷", "送る", "コメント", "保存", "購読", "ホーム", "広告",
)

// chromeJoiners are the little words that join a control to a network
// ("share on", "teilen auf", "compartir en"), folded.
var chromeJoiners = setOf("on", "sur", "par", "via", "by", "auf", "per", "en", "su", "em", "no", "op", "w", "na", "в", "через", "到")

// setOf returns a set of the words.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// deriveTitle makes a short title from the first sentence of the body: the
// whole sentence when short, else its first clause or its first words, cut
// at a word and marked with an ellipsis.
func (r *extractor) deriveTitle(paras []string) string {
	if len(paras) == 0 {
		return ""
	}
	p := paras[0]
	if loc := r.sentence.FindStringIndex(p); loc != nil {
		// The match ends on the next sentence's first letter: drop it.
		_, size := utf8.DecodeLastRuneInString(p[:loc[1]])
		p = strings.TrimRightFunc(p[:loc[1]-size], fold.IsSpace)
	}
	p = strings.TrimRight(p, ".!?… ")
	const max = 80
	if utf8.RuneCountInString(p) <= max {
		return p
	}
	// The longest clause (ending before a comma) that fits.
	best := ""
	for i, c := range p {
		if i > 0 && (c == ',' || c == ';' || c == ':' || c == '(') {
			if utf8.RuneCountInString(p[:i]) > max {
				break
			}
			best = p[:i]
		}
	}
	if utf8.RuneCountInString(best) < 30 {
		best = ""
		words := strings.Fields(p)
		for _, w := range words {
			next := w
			if best != "" {
				next = best + " " + w
			}
			if utf8.RuneCountInString(next) > max {
				break
			}
			best = next
		}
		best = trimStopWords(best)
	}
	return strings.TrimRightFunc(best, func(c rune) bool { return fold.IsSpace(c) || unicode.IsPunct(c) && c != ')' }) + "…"
}

// trimStopWords drops the short function words a cut may leave at the end
// ("…une déclaration commune afin de").
func trimStopWords(s string) string {
	for {
		i := strings.LastIndexByte(s, ' ')
		if i < 0 {
			return s
		}
		switch fold.String(s[i+1:]) {
		case "de", "du", "des", "la", "le", "les", "l'", "d'", "un", "une", "a", "au", "aux", "et", "ou", "en", "afin", "pour", "par", "sur", "dans", "avec", "que", "qui",
			"the", "a ", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "at", "that":
			s = s[:i]
		default:
			return s
		}
	}
}
