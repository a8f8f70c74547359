package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/docx"
	"thidua/internal/errs"
	"thidua/internal/pdf"
)

// The award documents as Word files (internal/docx) for offices to edit
// before signing, and as PDF (internal/pdf) where they are final.

const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	pdfType  = "application/pdf"
)

// sendFile answers a download: ascii and utf are its file names, typ its
// media type.
func sendFile(c echo.Context, typ, ascii, utf string, write func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition,
		fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, rfc5987(utf)))
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, typ, buf.Bytes())
}

// awardListWord is the award list of a unit, a cluster or the sector.
func (s *Server) awardListWord(c echo.Context) error {
	q, err := awardDocsQuery(c)
	if err != nil {
		return err
	}
	page, err := s.app.AwardListDocument(c.Request().Context(), principal(c), q)
	if err != nil {
		return err
	}
	return sendFile(c, docxType, fmt.Sprintf("danh-sach-khen-thuong-%d.docx", q.Year),
		fmt.Sprintf("Danh sách khen thưởng năm %d.docx", q.Year), func(b *bytes.Buffer) error { return docx.Write(b, page) })
}

// submissionWord is a unit's tờ trình with its list annexed.
func (s *Server) submissionWord(c echo.Context) error {
	q, err := awardDocsQuery(c)
	if err != nil {
		return err
	}
	page, err := s.app.SubmissionDocument(c.Request().Context(), principal(c), q)
	if err != nil {
		return err
	}
	return sendFile(c, docxType, fmt.Sprintf("to-trinh-khen-thuong-%d.docx", q.Year),
		fmt.Sprintf("Tờ trình đề nghị khen thưởng năm %d.docx", q.Year), func(b *bytes.Buffer) error { return docx.Write(b, page) })
}

// decisionID is the :id of a decision's path.
func decisionID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.New(errs.NotFound, "Không tìm thấy quyết định.")
	}
	return id, nil
}

// decisionDraftWord is the draft decision with its list annexed.
func (s *Server) decisionDraftWord(c echo.Context) error {
	id, err := decisionID(c)
	if err != nil {
		return err
	}
	page, err := s.app.DecisionDocument(c.Request().Context(), principal(c), id, true)
	if err != nil {
		return err
	}
	slug := decisionSlug(page.Number)
	return sendFile(c, docxType, fmt.Sprintf("du-thao-quyet-dinh-%s.docx", slug),
		fmt.Sprintf("Dự thảo quyết định %s.docx", strings.ReplaceAll(page.Number, "/", "-")),
		func(b *bytes.Buffer) error { return docx.Write(b, page) })
}

// decisionListPDF is the list annexed to the signed decision, final, as PDF.
func (s *Server) decisionListPDF(c echo.Context) error {
	id, err := decisionID(c)
	if err != nil {
		return err
	}
	page, err := s.app.DecisionDocument(c.Request().Context(), principal(c), id, false)
	if err != nil {
		return err
	}
	return sendFile(c, pdfType, fmt.Sprintf("danh-sach-khen-thuong-quyet-dinh-%d.pdf", id),
		fmt.Sprintf("Danh sách khen thưởng kèm theo quyết định %d.pdf", id), func(b *bytes.Buffer) error { return pdf.Page(b, page) })
}

// achievementReport is a proposal's báo cáo thành tích, prefilled.
func (s *Server) achievementReport(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	page, err := s.app.AchievementReport(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return sendFile(c, docxType, fmt.Sprintf("bao-cao-thanh-tich-%d.docx", id),
		fmt.Sprintf("Báo cáo thành tích %d.docx", id), func(b *bytes.Buffer) error { return docx.Write(b, page) })
}

// voteMinutes is the biên bản of a cluster's flag vote.
func (s *Server) voteMinutes(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	page, err := s.app.VoteMinutes(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return sendFile(c, docxType, fmt.Sprintf("bien-ban-binh-xet-%d.docx", id),
		fmt.Sprintf("Biên bản bình xét %d.docx", id), func(b *bytes.Buffer) error { return docx.Write(b, page) })
}
