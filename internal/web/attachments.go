package web

import (
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/dossier"
	"thidua/internal/errs"
	"thidua/internal/limits"
)

// The dossier's files: upload (a plain multipart form, streamed into the
// app as it arrives), download and preview, the bundle for the level
// above and its import. Pages and API share the URLs.

// previewCSP is the Content-Security-Policy of a file shown in the
// browser: no script, no connection, no form, no frame around it. Styles
// are left to the browser's own image and PDF viewers (Chromium styles
// its image page inline); object-src 'self' lets its PDF viewer open.
const previewCSP = "script-src 'none'; connect-src 'none'; object-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// streamingUpload reports a request whose multipart body the handler
// reads itself, as it arrives: neither the body limit of forms nor the
// form check may read it first.
func streamingUpload(c echo.Context) bool {
	p, r := c.Path(), c.Request()
	ct, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	return r.Method == http.MethodPost && ct == echo.MIMEMultipartForm && (strings.HasSuffix(p, "/attachments") || strings.HasSuffix(p, "/bundle"))
}

// dossierTarget reads the record a dossier route names.
func dossierTarget(c echo.Context) (app.AttachmentTarget, error) {
	rel := strings.TrimPrefix(c.Path(), "/api/v1")
	switch {
	case strings.HasPrefix(rel, "/proposals/"), strings.HasPrefix(rel, "/decisions/"):
		id, err := pathID(c, "id")
		owner := dossier.OfProposal
		if strings.HasPrefix(rel, "/decisions/") {
			owner = dossier.OfDecision
		}
		return app.AttachmentTarget{Owner: owner, OwnerID: id}, err
	default:
		year, yerr := yearParam(c)
		unit, uerr := pathID(c, "unit")
		crit, cerr := pathID(c, "criterion")
		if yerr != nil || uerr != nil || cerr != nil {
			return app.AttachmentTarget{}, errs.New(errs.NotFound, "Không tìm thấy trang yêu cầu.")
		}
		return app.AttachmentTarget{Owner: dossier.OfEntry, Year: year, UnitID: unit, CriterionID: &crit}, nil
	}
}

// recordURL is the page a dossier belongs to.
func recordURL(t app.AttachmentTarget) string {
	switch t.Owner {
	case dossier.OfProposal:
		return proposalURL(t.OwnerID)
	case dossier.OfDecision:
		return fmt.Sprintf("/decisions/%d/attachments", t.OwnerID)
	}
	return fmt.Sprintf("/years/%d/filings/%d/entries/%d/attachments", t.Year, t.UnitID, *t.CriterionID)
}

// dossierUI is what the dossier partial shows: the dossier, where its
// forms post, the page's CSRF token and errors.
type dossierUI struct {
	app.DossierView
	Base    string // the record's dossier URL, without /attachments
	Bundled bool   // the record has a bundle (a proposal, a decision)
	CSRF    string
	Errors  map[string]string
	Labels  map[dossier.Part]string
}

func newDossierUI(v app.DossierView, pg Page) dossierUI {
	base := strings.TrimSuffix(recordURL(v.Target), "/attachments")
	if v.Target.Owner == dossier.OfDecision {
		base = fmt.Sprintf("/decisions/%d", v.Target.OwnerID)
	}
	lb := map[dossier.Part]string{}
	for _, p := range dossier.Parts {
		lb[p] = p.Label()
	}
	return dossierUI{DossierView: v, Base: base, Bundled: v.Target.Owner != dossier.OfEntry, CSRF: pg.CSRF, Errors: pg.Errors, Labels: lb}
}

func (s *Server) dossierPage(c echo.Context, st int, t app.AttachmentTarget, formErr error) error {
	v, err := s.app.Dossier(c.Request().Context(), principal(c), t)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(st, v)
	}
	title := "Hồ sơ điện tử"
	switch t.Owner {
	case dossier.OfDecision:
		title = fmt.Sprintf("Hồ sơ của quyết định khen thưởng (mã %d)", t.OwnerID)
	case dossier.OfEntry:
		title = fmt.Sprintf("Tài liệu minh chứng của tiêu chí (năm %d)", t.Year)
	case dossier.OfProposal:
		title = fmt.Sprintf("Hồ sơ đề nghị khen thưởng (mã %d)", t.OwnerID)
	}
	pg := s.page(c, title, "proposals", nil)
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	pg.Data = struct {
		Dossier dossierUI
		Back    string
	}{newDossierUI(v, pg), backURL(t)}
	return c.Render(st, "dossier", pg)
}

// backURL is the record's own page.
func backURL(t app.AttachmentTarget) string {
	switch t.Owner {
	case dossier.OfProposal:
		return proposalURL(t.OwnerID)
	case dossier.OfDecision:
		return fmt.Sprintf("/decisions/%d", t.OwnerID)
	}
	return fmt.Sprintf("/years/%d/filings/%d", t.Year, t.UnitID)
}

// dossierShow is a record's dossier: its files, and what it lacks.
func (s *Server) dossierShow(c echo.Context) error {
	t, err := dossierTarget(c)
	if err != nil {
		return err
	}
	return s.dossierPage(c, http.StatusOK, t, nil)
}

// multipartFile reads a multipart request's text fields into fields and
// hands the part named "file" to use as it streams in, with its name; the
// text fields must come before it (a form puts its file input last). A
// body the CSRF check has already parsed (a page without Sec-Fetch-Site)
// is read from the parsed form instead.
func multipartFile(c echo.Context, limit int64, fields map[string]string, use func(name string, r io.Reader) error) error {
	r := c.Request()
	c.Request().Body = http.MaxBytesReader(c.Response(), r.Body, limit)
	if r.MultipartForm != nil {
		for k, vs := range r.MultipartForm.Value {
			if len(vs) > 0 {
				fields[k] = normalize(vs[0])
			}
		}
		if err := checkText(fields); err != nil {
			return err
		}
		fh, err := c.FormFile("file")
		if err != nil {
			return use("", strings.NewReader(""))
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		return use(normalize(fh.Filename), f)
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	if ct != echo.MIMEMultipartForm {
		return use("", strings.NewReader("")) // no file: the app authorises, then asks for one
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return errs.New(errs.Invalid, "Không đọc được dữ liệu biểu mẫu gửi lên.")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return use("", strings.NewReader("")) // no file sent
		}
		if err != nil {
			return errs.New(errs.Invalid, "Không đọc được dữ liệu biểu mẫu gửi lên.")
		}
		if part.FormName() == "file" {
			if err := checkText(fields); err != nil {
				return err
			}
			return use(normalize(part.FileName()), part)
		}
		if err := readField(part, fields); err != nil {
			return err
		}
	}
}

// readField reads one text field of a multipart body.
func readField(part *multipart.Part, fields map[string]string) error {
	b, err := io.ReadAll(io.LimitReader(part, 4*MaxFieldLength+1))
	if err != nil {
		return errs.New(errs.Invalid, "Không đọc được dữ liệu biểu mẫu gửi lên.")
	}
	if !utf8.Valid(b) {
		return fieldError(part.FormName(), "Trường "+part.FormName()+" có ký tự không hợp lệ.")
	}
	fields[part.FormName()] = normalize(string(b))
	return nil
}

// checkText applies checkInput's rules to fields read from a stream.
func checkText(fields map[string]string) error {
	m := map[string][]string{}
	for k, v := range fields {
		m[k] = []string{v}
	}
	return checkValues("trường", m)
}

// attachmentUpload stores one file in a record's dossier: the form's
// part (or doc_no, the document it replaces) then file.
func (s *Server) attachmentUpload(c echo.Context) error {
	t, err := dossierTarget(c)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	var out dossier.File
	err = multipartFile(c, limits.MaxAttachmentBytes+1<<20, fields, func(name string, r io.Reader) error {
		in := app.AttachmentUpload{AttachmentTarget: t, Part: dossier.Part(fields["part"]), Name: name, Unparsed: errs.Fields{}}
		if raw := fields["doc_no"]; raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n <= 0 {
				in.Unparsed.Add("doc_no", "Tài liệu cần thay không hợp lệ.")
			}
			in.DocNo = n
		}
		var err error
		out, err = s.app.UploadAttachment(c.Request().Context(), principal(c), in, r)
		return err
	})
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.dossierPage(c, status(errs.CodeOf(err)), t, err)
		}
		return err
	}
	return s.done(c, http.StatusCreated, out, fmt.Sprintf("Đã tải lên %s: %s (phiên bản %d).", out.Part.Label(), out.Name, out.Version), recordURL(t))
}

// contentDisposition names a file for the browser, in UTF-8 (RFC 6266).
func contentDisposition(kind, name string) string {
	ascii := dossier.Slug(strings.TrimSuffix(name, "."+strings.ToLower(extOf(name))))
	return fmt.Sprintf("%s; filename=%q; filename*=UTF-8''%s", kind, ascii+"."+extOf(name), rfc5987(name))
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && i < len(name)-1 {
		return dossier.Slug(name[i+1:])
	}
	return "bin"
}

// sendFile streams an attachment: inline (preview) or as a download.
func (s *Server) sendFile(c echo.Context, preview bool) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f, err := s.app.OpenAttachment(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	name := strings.TrimSuffix(f.Name, "."+extOf(f.Name)) + "." + f.Kind.Ext()
	disp := "attachment"
	if preview && f.Kind.Previewable() {
		disp = "inline"
		h.Set("Content-Security-Policy", previewCSP)
	}
	h.Set(echo.HeaderContentType, f.Kind.ContentType())
	h.Set(echo.HeaderContentLength, strconv.FormatInt(f.Size, 10))
	h.Set(echo.HeaderContentDisposition, contentDisposition(disp, name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, max-age=0")
	h.Set("X-Checksum-SHA256", dossier.Hex(f.SHA256))
	c.Response().WriteHeader(http.StatusOK)
	return f.WriteTo(c.Response())
}

// attachmentDownload sends a file as a download.
func (s *Server) attachmentDownload(c echo.Context) error { return s.sendFile(c, false) }

// attachmentPreview shows a PDF or a picture in the browser, scripts
// forbidden; a DOCX is downloaded.
func (s *Server) attachmentPreview(c echo.Context) error { return s.sendFile(c, true) }

// bundleDownload streams the ZIP of a proposal's or a decision's dossier.
func (s *Server) bundleDownload(c echo.Context) error {
	t, err := dossierTarget(c)
	if err != nil {
		return err
	}
	b, err := s.app.DossierBundle(c.Request().Context(), principal(c), t)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "application/zip")
	h.Set(echo.HeaderContentDisposition, contentDisposition("attachment", b.Name))
	h.Set("Cache-Control", "private, max-age=0")
	c.Response().WriteHeader(http.StatusOK)
	return b.WriteTo(c.Response())
}

// bundleImport adds the files of an uploaded bundle to a record, after
// checking every file against the bundle's index. The ZIP is spooled to a
// temporary file (a ZIP is read from its end), never held in memory.
func (s *Server) bundleImport(c echo.Context) error {
	t, err := dossierTarget(c)
	if err != nil {
		return err
	}
	var out []dossier.File
	err = multipartFile(c, limits.MaxDossierBytes+1<<20, map[string]string{}, func(name string, r io.Reader) error {
		tmp, err := os.CreateTemp("", "thidua-bundle-*.zip")
		if err != nil {
			return err
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		n, err := io.Copy(tmp, io.LimitReader(r, limits.MaxDossierBytes+1))
		if err != nil {
			return errs.New(errs.Invalid, "Không nhận được trọn gói hồ sơ; vui lòng gửi lại.")
		}
		if n > limits.MaxDossierBytes {
			return errs.Fields{"file": "Gói hồ sơ vượt quá " + limits.MB(limits.MaxDossierBytes) + "."}.Err()
		}
		out, err = s.app.ImportBundle(c.Request().Context(), principal(c), t, tmp, n)
		return err
	})
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.dossierPage(c, status(errs.CodeOf(err)), t, err)
		}
		return err
	}
	return s.done(c, http.StatusCreated, map[string]any{"files": out},
		fmt.Sprintf("Đã nhập gói hồ sơ: %d tệp, mã SHA-256 của từng tệp khớp danh mục.", len(out)), recordURL(t))
}

// formatBytes is a file size Vietnamese style: "850 B", "12,4 KB", "5,0 MB".
func formatBytes(n int64) string {
	switch {
	case n < 1<<10:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1<<20:
		return strings.Replace(strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64), ".", ",", 1) + " KB"
	}
	return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
}
