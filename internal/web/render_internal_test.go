package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

type renderData struct{ fail bool }

func (d renderData) Part() (string, error) {
	if d.fail {
		return "", errors.New("broken")
	}
	return "phần sau", nil
}

// A page rendered through renderContext's reused buffers is sent whole or
// not at all: a template error sends nothing, and the next page carries
// nothing of the one before.
func TestPooledRenderSendsWholePagesOnly(t *testing.T) {
	e := echo.New()
	e.Renderer = &renderer{pages: map[string]*template.Template{
		"p": template.Must(template.New("p").Parse(`{{define "layout"}}` + strings.Repeat("phần đầu ", 500) + `{{.Part}}{{end}}`)),
	}}
	render := func(fail bool) (*httptest.ResponseRecorder, error) {
		rec := httptest.NewRecorder()
		c := e.NewContext(httptest.NewRequest(http.MethodGet, "/", nil), rec)
		var err error
		_ = pooledRender(func(c echo.Context) error { err = c.Render(http.StatusOK, "p", renderData{fail}); return nil })(c)
		return rec, err
	}
	want := strings.Repeat("phần đầu ", 500) + "phần sau"
	for i := range 3 {
		if rec, err := render(true); err == nil || rec.Body.Len() != 0 || rec.Code != http.StatusOK && rec.Code != 0 {
			t.Fatalf("round %d: a failing page sent %d bytes (HTTP %d), err %v", i, rec.Body.Len(), rec.Code, err)
		}
		rec, err := render(false)
		if err != nil || rec.Body.String() != want || !strings.HasPrefix(rec.Header().Get(echo.HeaderContentType), "text/html") {
			t.Fatalf("round %d: %v, %d bytes %q", i, err, rec.Body.Len(), rec.Header().Get(echo.HeaderContentType))
		}
	}
}
