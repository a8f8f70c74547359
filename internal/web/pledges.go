package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
)

type pledgeData = app.PledgePage

func (s *Server) pledgeData(c echo.Context, clusterID int64) (pledgeData, error) {
	return s.app.PledgePage(c.Request().Context(), principal(c), clusterID)
}

// pledgeShow is the cluster's pledge: its text, who has and has not
// signed, and the actions the user may take.
func (s *Server) pledgeShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.pledgeData(c, id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		if !d.Exists {
			return errs.New(errs.NotFound, "Cụm chưa có giao ước thi đua.")
		}
		return c.JSON(http.StatusOK, d.PledgeView)
	}
	return c.Render(http.StatusOK, "pledge_show", s.page(c, "Giao ước thi đua – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d))
}

func (s *Server) pledgeEdit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.pledgeData(c, id)
	if err != nil {
		return err
	}
	if !d.CanEdit {
		return auth.Authorize(principal(c), auth.EditPledge, d.Cluster.Target())
	}
	return s.pledgeFormPage(c, http.StatusOK, d, pledgeValues(d), nil)
}

func pledgeValues(d pledgeData) map[string]string {
	pl := d.Pledge
	v := map[string]string{"title": pl.Title, "place": pl.Place, "signed_on": formatDate(pl.SignedOn), "preamble": pl.Preamble,
		"commitments": cluster.FormatCommitments(pl.Commitments), "version": strconv.Itoa(pl.Version)}
	if !d.Exists {
		v["title"] = "Giao ước thi đua năm " + strconv.Itoa(d.Cluster.Year) + " – " + d.Cluster.Title
		v["version"] = "0"
	}
	for _, sg := range pl.Signatures {
		k := strconv.FormatInt(sg.UnitID, 10)
		v["rep_"+k], v["pos_"+k] = sg.Representative, sg.Position
	}
	return v
}

func (s *Server) pledgeFormPage(c echo.Context, st int, d pledgeData, form map[string]string, formErr error) error {
	pg := s.page(c, "Soạn giao ước – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d)
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "pledge_form", pg)
}

// pledgeBody is the pledge's content as the API sends it.
type pledgeBody struct {
	Title       string               `json:"title"`
	Place       string               `json:"place"`
	SignedOn    string               `json:"signed_on"`
	Preamble    string               `json:"preamble"`
	Commitments []cluster.Commitment `json:"commitments"`
	Lines       []struct {
		UnitID         int64  `json:"unit_id"`
		Representative string `json:"representative"`
		Position       string `json:"position"`
	} `json:"signature_lines"`
	Version int `json:"version"`
}

func (s *Server) pledgeSave(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := mayTry(c, auth.EditPledge); err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	var b pledgeBody
	var form map[string]string
	content := cluster.PledgeContent{Lines: map[int64]cluster.SignatureLine{}}
	if isAPI(c) {
		if err := decodeJSON(c, &b); err != nil {
			return err
		}
		content.Commitments = b.Commitments
		for i := range content.Commitments {
			content.Commitments[i].No = i + 1
		}
		for _, l := range b.Lines {
			content.Lines[l.UnitID] = cluster.SignatureLine{Representative: l.Representative, Position: l.Position}
		}
	} else {
		b = pledgeBody{Title: formValue(c, "title"), Place: formValue(c, "place"), SignedOn: formValue(c, "signed_on"), Preamble: formValue(c, "preamble")}
		b.Version, _ = strconv.Atoi(formValue(c, "version"))
		content.Commitments = cluster.ParseCommitments(formValue(c, "commitments"))
		form = map[string]string{"title": b.Title, "place": b.Place, "signed_on": b.SignedOn, "preamble": b.Preamble,
			"commitments": formValue(c, "commitments"), "version": strconv.Itoa(b.Version)}
		// A line per member: rep_<unit id>, pos_<unit id> (SavePledge keeps
		// the members' lines only).
		params, _ := c.FormParams()
		for k := range params {
			m, err := strconv.ParseInt(strings.TrimPrefix(k, "rep_"), 10, 64)
			if !strings.HasPrefix(k, "rep_") || err != nil {
				continue
			}
			k = strconv.FormatInt(m, 10)
			l := cluster.SignatureLine{Representative: formValue(c, "rep_"+k), Position: formValue(c, "pos_"+k)}
			content.Lines[m] = l
			form["rep_"+k], form["pos_"+k] = l.Representative, l.Position
		}
	}
	content.Title, content.Place, content.Preamble = b.Title, b.Place, b.Preamble
	fe := errs.Fields{}
	content.SignedOn = dateField(fe, "signed_on", "Ngày ký kết", b.SignedOn, false)
	if len(fe) > 0 { // report the unreadable date together with the rest of the form
		if e, ok := errs.As(cluster.ValidatePledge(content, nil)); ok {
			for k, v := range e.Fields {
				fe.Add(k, v)
			}
		}
	}
	err = fe.Err()
	var saved cluster.Pledge
	if err == nil {
		saved, err = s.app.SavePledge(ctx, p, id, b.Version, content)
	}
	if err != nil {
		return formFailed(c, err, func(st int) error {
			d, derr := s.pledgeData(c, id)
			if derr != nil {
				return derr
			}
			if errs.CodeOf(err) == errs.Conflict {
				form = pledgeValues(d)
			}
			return s.pledgeFormPage(c, st, d, form, err)
		})
	}
	msg := "Đã lưu giao ước."
	if saved.SignedCount() == 0 && len(saved.Signatures) > 0 {
		msg += " Các đơn vị thành viên có thể xác nhận chữ ký."
	}
	return s.done(c, http.StatusOK, saved, msg, "/clusters/"+strconv.FormatInt(id, 10)+"/pledge")
}

// pledgeSign confirms the signing unit's line; the unit is the signer's own.
func (s *Server) pledgeSign(c echo.Context) error {
	if err := mayTry(c, auth.SignPledge); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	var body struct {
		UnitID         int64  `json:"unit_id"`
		Representative string `json:"representative"`
		Position       string `json:"position"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	if body.UnitID == 0 {
		body.UnitID = p.UnitID
	}
	pl, err := s.app.SignPledge(ctx, p, id, body.UnitID, cluster.SignatureLine{Representative: body.Representative, Position: body.Position})
	if err != nil {
		if pl.ClusterID != 0 {
			return s.pledgeWithError(c, pl.ClusterID, err)
		}
		return err
	}
	msg := "Đã xác nhận chữ ký của đơn vị."
	if pl.Status == cluster.PledgeFinal {
		msg = "Đã xác nhận chữ ký. Tất cả thành viên đã ký: giao ước đã được ký kết."
	}
	return s.done(c, http.StatusOK, pl, msg, "/clusters/"+strconv.FormatInt(pl.ClusterID, 10)+"/pledge")
}

func (s *Server) pledgeAmend(c echo.Context) error {
	if err := mayTry(c, auth.EditPledge); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Reason string `json:"reason"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	pl, err := s.app.AmendPledge(c.Request().Context(), principal(c), id, body.Reason)
	if err != nil {
		return s.pledgeWithError(c, id, err)
	}
	return s.done(c, http.StatusCreated, pl, "Đã tạo bản sửa đổi lần "+strconv.Itoa(pl.VersionNo-1)+"; bản đã ký trước đó vẫn được lưu.",
		"/clusters/"+strconv.FormatInt(id, 10)+"/pledge/edit")
}

// pledgeWithError shows the pledge page again with a form's problem on it,
// rather than a bare error page; other errors go to the error handler.
func (s *Server) pledgeWithError(c echo.Context, clusterID int64, formErr error) error {
	return formFailed(c, formErr, func(st int) error {
		d, err := s.pledgeData(c, clusterID)
		if err != nil {
			return err
		}
		pg := s.page(c, "Giao ước thi đua – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d)
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
		if len(pg.Errors) > 0 {
			for _, msg := range pg.Errors {
				pg.Error += " " + msg
			}
		}
		return c.Render(st, "pledge_show", pg)
	})
}
