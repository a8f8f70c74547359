package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/docx"
	"thidua/internal/errs"
)

// councilSessionList is a council's sessions of secret ballot, with the
// button that opens one for the board.
func (s *Server) councilSessionList(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.CouncilSessions(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, d)
	}
	return c.Render(http.StatusOK, "council_session_list", s.page(c, "Bỏ phiếu kín – "+d.Council.Name+" năm "+strconv.Itoa(d.Council.Year), "proposals", d))
}

// councilSessionOpen opens a session on the proposals awaiting the council's vote.
func (s *Server) councilSessionOpen(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.app.OpenCouncilSession(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return s.done(c, http.StatusCreated, v, "Đã mở phiên bỏ phiếu kín; các thành viên Hội đồng có thể bỏ phiếu.", sessionURL(v.ID))
}

func sessionURL(id int64) string { return "/council-sessions/" + strconv.FormatInt(id, 10) }

// councilSessionShow is one session: the nominees, the member's ballot
// form while it is open, the results once closed.
func (s *Server) councilSessionShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.CouncilSession(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, d)
	}
	return s.councilSessionRender(c, http.StatusOK, d, nil)
}

func (s *Server) councilSessionRender(c echo.Context, st int, d app.CouncilSessionView, formErr error) error {
	pg := s.page(c, "Phiên bỏ phiếu kín – "+d.Council.Name+" năm "+strconv.Itoa(d.Council.Year), "proposals", d)
	withBallotError(&pg, formErr)
	return c.Render(st, "council_session_show", pg)
}

// councilSessionWithError shows the session again with a refusal of the
// rules on it; other errors go to the error handler.
func (s *Server) councilSessionWithError(c echo.Context, id int64, formErr error) error {
	if _, _, ok := fieldErrors(formErr); !ok || isAPI(c) {
		return formErr
	}
	d, err := s.app.CouncilSession(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return s.councilSessionRender(c, status(errs.CodeOf(formErr)), d, formErr)
}

// councilBallot casts the member's secret ballot: for or against each nominee.
func (s *Server) councilBallot(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Choices map[int64]bool `json:"choices"`
	}
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
	} else {
		body.Choices = ballotChoices(c)
	}
	if err := s.app.CastCouncilBallot(c.Request().Context(), principal(c), id, body.Choices); err != nil {
		return s.councilSessionWithError(c, id, err)
	}
	return s.done(c, http.StatusCreated, map[string]any{"session_id": id, "voted": true},
		"Đã ghi nhận phiếu của anh/chị. Phiếu kín: hệ thống chỉ lưu số phiếu, không lưu ai bỏ phiếu thế nào.", sessionURL(id))
}

// councilSessionClose ends the session (the board), guarded by version,
// and writes the results into the proposals.
func (s *Server) councilSessionClose(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version int `json:"version"`
	}
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
	} else {
		body.Version, _ = strconv.Atoi(formValue(c, "version"))
	}
	v, err := s.app.CloseCouncilSession(c.Request().Context(), principal(c), id, body.Version)
	if err != nil {
		return s.councilSessionWithError(c, id, err)
	}
	return s.done(c, http.StatusOK, v, "Đã kết thúc phiên bỏ phiếu; kết quả đã được ghi vào các đề nghị.", sessionURL(id))
}

// councilMinutes is the minutes (biên bản) of a closed session as a Word
// file, for the secretary to finish and the chair to sign.
func (s *Server) councilMinutes(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	page, err := s.app.CouncilSessionMinutes(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return sendFile(c, docxType, fmt.Sprintf("bien-ban-hop-hoi-dong-%d.docx", id),
		fmt.Sprintf("Biên bản họp Hội đồng %d.docx", id), func(b *bytes.Buffer) error { return docx.Write(b, page) })
}
