package templates

import (
	"io/fs"
	"regexp"
	"testing"
)

// The Content-Security-Policy allows no inline style or script, so an
// attribute such as style="…" or onclick="…" is silently ignored by the
// browser; styles belong in app.css, behaviour in app.js.
func TestNoInlineStyleOrHandlers(t *testing.T) {
	inline := regexp.MustCompile(`\s(style|on[a-z]+)\s*=\s*["']`)
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(FS, path)
		if err != nil {
			return err
		}
		for _, m := range inline.FindAllIndex(b, -1) {
			t.Errorf("%s: inline %q, blocked by the CSP", path, b[m[0]:m[1]])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
