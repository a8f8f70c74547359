package web

import (
	"html/template"
	"strings"
)

// htmlLines writes the lines a page repeats hundreds of times (the
// ranking's table rows, a verdict's criteria, a select's options) as HTML
// here rather than through html/template: every value a template prints
// costs a reflection call into its escaper, and on the ranking page of a
// national year those calls were most of the request's time. Markup comes
// only from string constants (raw); every value goes through text, which
// escapes exactly as html/template does in text and in quoted attributes,
// so the page reads the same either way (html_lines_test.go compares the
// two on hostile values).
type htmlLines struct{ b strings.Builder }

// htmlEscaper is html/template's escaping of text and quoted attribute
// values.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// grow makes room for n more bytes.
func (w *htmlLines) grow(n int) { w.b.Grow(n) }

// len is how many bytes were written.
func (w *htmlLines) len() int { return w.b.Len() }

// raw writes markup: a constant, never data.
func (w *htmlLines) raw(markup string) { w.b.WriteString(markup) }

// text writes a value, escaped.
func (w *htmlLines) text(s string) { htmlEscaper.WriteString(&w.b, s) }

// html is what was written, safe to print.
func (w *htmlLines) html() template.HTML {
	return template.HTML(w.b.String()) //nolint:gosec // markup from constants, every value escaped
}

// orElse is what was written, or none when nothing was; w is then empty
// again, for the next list.
func (w *htmlLines) orElse(none template.HTML) template.HTML {
	if w.b.Len() == 0 {
		return none
	}
	out := w.html()
	w.b = strings.Builder{}
	return out
}
