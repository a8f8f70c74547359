package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"thidua/internal/auth"
	"thidua/internal/dossier"
	"thidua/internal/limits"
	"thidua/internal/org"
	"thidua/internal/web/static"
	"thidua/templates"
)

// renderer holds one parsed template set per page: the layout, every
// partial and the page itself, parsed once at start-up.
type renderer struct {
	pages map[string]*template.Template
}

func newRenderer() (*renderer, error) {
	assets, err := assetVersions()
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"date":     formatDate,
		"datetime": formatDateTime,
		"isoDate":  isoDate,
		"asset": func(name string) (string, error) {
			v, ok := assets[name]
			if !ok {
				return "", fmt.Errorf("no asset %q", name)
			}
			return "/static/" + name + "?v=" + v, nil
		},
		"unitTypes": func() []org.UnitType { return org.Types },
		"lineageKinds": func() []org.LineageKind {
			return []org.LineageKind{org.LineageMerge, org.LineageRename, org.LineageSplit}
		},
		"roles":      func() []auth.Role { return auth.Roles },
		"roleLabel":  func(r string) string { return auth.Role(r).Label() },
		"auditLabel": auditLabel,
		"args":       func(v ...any) []any { return v },
		"filesize":   formatBytes,
		"hex":        dossier.Hex,
		"maxFile":    func() string { return limits.MB(limits.MaxAttachmentBytes) },
		"partMissing": func(m []dossier.Requirement, p dossier.Part) bool {
			return slices.ContainsFunc(m, func(r dossier.Requirement) bool { return r.Part == p })
		},
		"inc": func(i int) int { return i + 1 },
		"dec": func(i int) int { return i - 1 },
		"deref": func(p *int64) int64 {
			if p == nil {
				return 0
			}
			return *p
		},
		"auditChanges": auditChanges,
		"longDate":     longDate,        // "ngày 30 tháng 11 năm 2020"
		"upper":        strings.ToUpper, // Vietnamese capitals: "thanh hóa" → "THANH HÓA"
	}
	for k, f := range pageFuncs {
		funcs[k] = f
	}
	pageFiles, err := fs.Glob(templates.FS, "pages/*.html")
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(templates.FS, "partials/*.html")
	if err != nil {
		return nil, err
	}
	texts := map[string]string{}
	for _, f := range slices.Concat([]string{"layout.html"}, partials, pageFiles) {
		b, err := fs.ReadFile(templates.FS, f)
		if err != nil {
			return nil, err
		}
		if texts[f], err = withAssets(string(b), assets); err != nil {
			return nil, fmt.Errorf("template %s: %w", f, err)
		}
	}
	r := &renderer{pages: map[string]*template.Template{}}
	for _, pf := range pageFiles {
		name := strings.TrimSuffix(path.Base(pf), ".html")
		t := template.New(name).Funcs(funcs)
		for _, f := range slices.Concat([]string{"layout.html"}, partials, []string{pf}) {
			if _, err := t.New(path.Base(f)).Parse(texts[f]); err != nil {
				return nil, fmt.Errorf("template %s: %w", pf, err)
			}
		}
		r.pages[name] = t
	}
	return r, nil
}

// assetCall is a template's {{asset "name"}}.
var assetCall = regexp.MustCompile(`{{asset "([^"{}]+)"}}`)

// withAssets writes the address of each {{asset "name"}} into the
// template's text: the versions are known at start-up, and a constant
// costs a page nothing where a call (and its escapers) costs reflection.
// The addresses are /static/ paths with a hex version, which the
// escapers would have left as they are.
func withAssets(text string, versions map[string]string) (string, error) {
	var missing error
	out := assetCall.ReplaceAllStringFunc(text, func(call string) string {
		name := assetCall.FindStringSubmatch(call)[1]
		v, ok := versions[name]
		if !ok {
			missing = fmt.Errorf("no asset %q", name)
		}
		return "/static/" + name + "?v=" + v
	})
	return out, missing
}

// Render writes a whole page (the layout around the page's "content"), or
// only the block named by "page#block" for htmx requests that swap a part.
func (r *renderer) Render(w io.Writer, name string, data any, _ echo.Context) error {
	page, block, _ := strings.Cut(name, "#")
	t, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("no page template %q", page)
	}
	if block == "" {
		block = "layout"
	}
	if b, ok := w.(*bytes.Buffer); ok { // Echo's or renderContext's: nothing is sent on an error
		return t.ExecuteTemplate(b, block, data)
	}
	var buf bytes.Buffer // a template error must not leave half a page
	if err := t.ExecuteTemplate(&buf, block, data); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}

// renderContext renders pages into buffers reused across requests,
// where Echo's Context.Render grows a new one for each page (a filing
// page's buffer is grown a dozen times). Only the buffer is reused,
// never what was written in it.
type renderContext struct {
	echo.Context
}

// pooledRender gives the handlers after it a renderContext.
func pooledRender(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error { return next(renderContext{c}) }
}

var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer: a buffer grown beyond this by an unusual page is left
// to the collector rather than kept.
const maxPooledBuffer = 4 << 20

// Render renders as Echo's Context.Render does, into a reused buffer: a
// template error still sends nothing.
func (c renderContext) Render(code int, name string, data any) error {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			renderBuffers.Put(buf)
		}
	}()
	if err := c.Echo().Renderer.Render(buf, name, data, c); err != nil {
		return err
	}
	return c.HTMLBlob(code, buf.Bytes())
}

// assetVersions hashes every embedded asset so URLs change when content does.
func assetVersions() (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(static.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static.FS, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	return out, err
}

var vnZone = time.FixedZone("ICT", 7*3600) // Vietnam has no daylight saving

func formatDate(v any) string {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return ""
		}
		return t.Format("02/01/2006")
	case *time.Time:
		if t == nil {
			return ""
		}
		return t.Format("02/01/2006")
	}
	return ""
}

func formatDateTime(t time.Time) string { return t.In(vnZone).Format("15:04 02/01/2006") }

func isoDate(v any) string {
	switch t := v.(type) {
	case time.Time:
		if !t.IsZero() {
			return t.Format("2006-01-02")
		}
	case *time.Time:
		if t != nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}
