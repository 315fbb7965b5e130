package ingest

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestHTMLCharset reads pages in a legacy charset they declare: GB2312 in
// <meta charset>, Windows-1251 in an http-equiv Content-Type, and a
// declaration past the first kilobyte; bytes the charset cannot read are
// reported as a loss.
func TestHTMLCharset(t *testing.T) {
	page := func(meta, title, text string) []byte {
		return []byte("<!DOCTYPE html><html><head>" + meta + "<title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" +
			strings.Repeat(text, 4) + "</p></article></body></html>")
	}
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1251 := []byte{0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8} // "Новости"
	damaged := gbk(string(page(`<meta charset="gb2312">`, "城市新闻", "今天上午，新的公园正式开放。")))
	damaged = append(damaged[:len(damaged)-20:len(damaged)-20], append([]byte{0x81, 0x20}, damaged[len(damaged)-20:]...)...)
	fsys := fstest.MapFS{
		"gb2312.html":   {Data: gbk(string(page(`<meta charset="gb2312">`, "城市新闻", "今天上午，新的公园正式开放。")))},
		"cp1251.html":   {Data: append(page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`, "x", ""), cp1251...)},
		"late.html":     {Data: gbk(string(page("<script>"+strings.Repeat("var a = 1;\n", 200)+"</script><meta charset='GBK'>", "城市新闻", "今天上午，新的公园正式开放。")))},
		"damaged.html":  {Data: damaged},
		"declared.html": {Data: page(`<meta charset="iso-8859-1">`, "Déjà vu", "Un texte en UTF-8 valide, qui le reste. ")},
	}
	c, probs := LoadFS("cs", fsys)
	for _, id := range []string{"gb2312", "late", "damaged"} {
		if a, _ := c.ByID(id); a == nil || a.Title != "城市新闻" || !strings.Contains(strings.Join(a.Paragraphs, " "), "新的公园正式开放") {
			t.Errorf("%s: %+v", id, a)
		}
	}
	if a, _ := c.ByID("cp1251"); a == nil || !strings.Contains(strings.Join(a.Paragraphs, " "), "Новости") {
		t.Errorf("cp1251: %+v", a)
	}
	if a, _ := c.ByID("declared"); a == nil || a.Title != "Déjà vu" {
		t.Errorf("declared: %+v", a)
	}
	var lossy []string
	for _, p := range probs {
		lossy = append(lossy, p.Path+": "+p.Reason)
	}
	if len(lossy) != 1 || !strings.Contains(lossy[0], "damaged.html: read as GBK: 1 invalid GBK sequence replaced with U+FFFD") {
		t.Errorf("problems %q, want one loss for damaged.html", lossy)
	}
}
