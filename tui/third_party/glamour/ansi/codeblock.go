package ansi

import (
	"io"
)

// A CodeBlockElement is used to render code blocks.
//
// Patched for gazette: a code block is drawn in the code block's style,
// without syntax highlighting. Upstream highlights it with chroma, whose
// packages parse every embedded lexer and style when the program starts
// (about 30 ms, before main), in every process that links glamour, even
// one that never renders. The style's Theme and Chroma fields, and the
// ChromaFormatter option, are kept (so styles and options still parse)
// and ignored.
type CodeBlockElement struct {
	Code     string
	Language string
}

// Render renders a CodeBlockElement.
func (e *CodeBlockElement) Render(w io.Writer, ctx RenderContext) error {
	bs := ctx.blockStack

	var indentation uint
	var margin uint
	rules := ctx.options.Styles.CodeBlock
	if rules.Indent != nil {
		indentation = *rules.Indent
	}
	if rules.Margin != nil {
		margin = *rules.Margin
	}

	iw := NewIndentWriter(w, int(indentation+margin), func(_ io.Writer) {
		_, _ = renderText(w, bs.Current().Style.StylePrimitive, " ")
	})
	defer iw.Close() //nolint:errcheck

	el := &BaseElement{
		Token: e.Code,
		Style: rules.StylePrimitive,
	}

	return el.Render(iw, ctx)
}
