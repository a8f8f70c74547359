package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/decision"
	"thidua/internal/errs"
)

// The councils of the deciding levels (Hội đồng thi đua – khen thưởng):
// the list of a year, one council with its members; each level's board
// keeps its own.

func councilURL(id int64) string { return fmt.Sprintf("/councils/%d", id) }

func (s *Server) councilListPage(c echo.Context, st int, year int, form map[string]string, formErr error) error {
	d, err := s.app.CouncilsPage(c.Request().Context(), principal(c), year)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(st, d)
	}
	pg := s.page(c, fmt.Sprintf("Hội đồng thi đua – khen thưởng năm %d", d.Year), "councils", d)
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "council_list", pg)
}

// councilList lists a year's councils.
func (s *Server) councilList(c echo.Context) error {
	return s.councilListPage(c, http.StatusOK, queryYear(c), nil, nil)
}

// councilCreate sets up the council of the reader's level for a year.
func (s *Server) councilCreate(c echo.Context) error {
	var in app.CouncilInput
	if err := bind(c, &in); err != nil {
		return err
	}
	in.Name, in.FoundedBy = normalize(in.Name), normalize(in.FoundedBy)
	out, err := s.app.CreateCouncil(c.Request().Context(), principal(c), in)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.councilListPage(c, status(errs.CodeOf(err)), in.Year, map[string]string{"name": in.Name, "founded_by": in.FoundedBy}, err)
		}
		return err
	}
	return s.done(c, http.StatusCreated, out, "Đã lập Hội đồng thi đua – khen thưởng.", councilURL(out.ID))
}

type councilShowData struct {
	app.CouncilPage
	SeatLabels map[string]string
}

func (s *Server) councilPage(c echo.Context, st int, id int64, form map[string]string, formErr error) error {
	d, err := s.app.CouncilPage(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(st, d.Council)
	}
	labels := map[string]string{}
	for _, r := range decision.Seats {
		labels[r] = decision.SeatLabel(r)
	}
	pg := s.page(c, d.Name+" — năm "+fmt.Sprint(d.Year), "councils", councilShowData{d, labels})
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "council_show", pg)
}

func (s *Server) councilShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.councilPage(c, http.StatusOK, id, nil, nil)
}

// councilUpdate changes a council's name and founding decision.
func (s *Server) councilUpdate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.CouncilInput
	if err := bind(c, &in); err != nil {
		return err
	}
	in.Name, in.FoundedBy = normalize(in.Name), normalize(in.FoundedBy)
	out, err := s.app.UpdateCouncil(c.Request().Context(), principal(c), id, in)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.councilPage(c, status(errs.CodeOf(err)), id, map[string]string{"name": in.Name, "founded_by": in.FoundedBy}, err)
		}
		return err
	}
	return s.done(c, http.StatusOK, out, "Đã lưu Hội đồng.", councilURL(id))
}

// councilMemberAdd adds a member to a council.
func (s *Server) councilMemberAdd(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.MemberInput
	if err := bind(c, &in); err != nil {
		return err
	}
	in.FullName, in.Position, in.Username, in.Seat = normalize(in.FullName), normalize(in.Position), normalize(in.Username), normalize(in.Seat)
	out, err := s.app.AddCouncilMember(c.Request().Context(), principal(c), id, in)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			return s.councilPage(c, status(errs.CodeOf(err)), id, map[string]string{"full_name": in.FullName, "position": in.Position,
				"username": in.Username, "role": in.Seat}, err)
		}
		return err
	}
	return s.done(c, http.StatusCreated, out, "Đã thêm thành viên Hội đồng.", councilURL(id))
}

// councilMemberDelete removes a member from a council.
func (s *Server) councilMemberDelete(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	mid, err := pathID(c, "member")
	if err != nil {
		return err
	}
	if err := s.app.RemoveCouncilMember(c.Request().Context(), principal(c), id, mid); err != nil {
		return err
	}
	return s.done(c, http.StatusOK, map[string]any{"ok": true}, "Đã bỏ thành viên khỏi Hội đồng.", councilURL(id))
}
