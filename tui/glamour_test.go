package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The reader's Glamour is patched (tui/third_party/glamour): code blocks
// are drawn without chroma, HTML is stripped without bluemonday. What a
// reader sees of both must not change: the code as written, the text of
// HTML without its tags or scripts.
func TestGlamourPatchShowsCodeAndText(t *testing.T) {
	for _, dark := range []bool{true, false} {
		r, err := newRenderCache().renderer(rendererKey{width: 60, dark: dark})
		if err != nil {
			t.Fatal(err)
		}
		md := "Before.\n\n```go\nfunc main() { fmt.Println(\"hi\") }\n```\n\n<div>An <b>HTML</b> block &amp; more<script>alert(1)</script></div>\n\nAfter.\n"
		out, err := r.render(md)
		if err != nil {
			t.Fatal(err)
		}
		plain := ansi.Strip(out)
		for _, want := range []string{"Before.", `func main() { fmt.Println("hi") }`, "An HTML block & more", "After."} {
			if !strings.Contains(plain, want) {
				t.Errorf("dark %t: %q not shown in:\n%s", dark, want, plain)
			}
		}
		if strings.Contains(plain, "```") {
			t.Errorf("dark %t: the fence is shown:\n%s", dark, plain)
		}
		for _, bad := range []string{"<b>", "<div>", "alert", "<script"} {
			if strings.Contains(plain, bad) {
				t.Errorf("dark %t: %q shown:\n%s", dark, bad, plain)
			}
		}
	}
}
