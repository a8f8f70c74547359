package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/errs"
)

type voteListData struct {
	app.VoteList
	Leaders []app.Standing `json:"leaders"`
	// Blockers say why the vote cannot open yet (members not reviewed,
	// leaders not registered); empty when it can.
	Blockers []string `json:"blockers"`
	CanRun   bool     `json:"can_run"`
}

// voteList is a cluster's votes for the sector's Cờ thi đua, with the
// form that opens one on the ranking's leaders.
func (s *Server) voteList(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.voteListData(c, id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, d)
	}
	return c.Render(http.StatusOK, "vote_list", s.page(c, "Bình xét Cờ thi đua – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d))
}

func (s *Server) voteListData(c echo.Context, clusterID int64) (voteListData, error) {
	ctx, p := c.Request().Context(), principal(c)
	l, err := s.app.ClusterVotes(ctx, p, clusterID)
	if err != nil {
		return voteListData{}, err
	}
	d := voteListData{VoteList: l, CanRun: app.CanRunVote(p, l.Cluster)}
	if d.CanRun {
		if d.Leaders, d.Blockers, err = s.app.VoteLeaders(ctx, p, l.Cluster); err != nil {
			return d, err
		}
	}
	return d, nil
}

// voteOpen opens a vote on the chosen candidates (the first-ranked by default).
func (s *Server) voteOpen(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Candidates []int64 `json:"candidates"`
	}
	if isAPI(c) {
		if c.Request().ContentLength != 0 {
			if err := decodeJSON(c, &body); err != nil {
				return err
			}
		}
	} else {
		form, _ := c.FormParams()
		for _, v := range form["candidates"] {
			if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				body.Candidates = append(body.Candidates, n)
			}
		}
	}
	v, err := s.app.OpenVote(c.Request().Context(), principal(c), id, body.Candidates)
	if err != nil {
		if _, _, ok := fieldErrors(err); ok && !isAPI(c) {
			d, derr := s.voteListData(c, id)
			if derr != nil {
				return derr
			}
			pg := s.page(c, "Bình xét Cờ thi đua – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d)
			pg.Errors, pg.Error, _ = fieldErrors(err)
			for _, m := range pg.Errors {
				pg.Error += " " + m
			}
			return c.Render(status(errs.CodeOf(err)), "vote_list", pg)
		}
		return err
	}
	return s.done(c, http.StatusCreated, v, "Đã mở bình xét; các đơn vị thành viên có thể bỏ phiếu.", "/votes/"+strconv.FormatInt(v.ID, 10))
}

type voteShowData struct {
	app.VoteView
	CanRun bool `json:"can_run"`
	// MyUnit is the signed-in officer's unit when it is a member that may still vote.
	MyUnit int64 `json:"my_unit"`
}

func (s *Server) voteShowData(c echo.Context, id int64) (voteShowData, error) {
	p := principal(c)
	v, err := s.app.Vote(c.Request().Context(), p, id)
	if err != nil {
		return voteShowData{}, err
	}
	d := voteShowData{VoteView: v, CanRun: app.CanRunVote(p, v.Cluster)}
	if v.Status == app.VoteOpen && !v.HasVoted(p.UnitID) &&
		auth.Can(p, auth.SignPledge, auth.Target{UnitPath: []int64{p.UnitID}, Year: v.Cluster.Year, Cluster: v.Cluster.Target().Cluster}) {
		d.MyUnit = p.UnitID
	}
	return d, nil
}

// voteShow is one vote: candidates, who has voted, the user's ballot, the tally.
func (s *Server) voteShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.voteShowData(c, id)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return c.JSON(http.StatusOK, d)
	}
	return s.voteRender(c, http.StatusOK, d, nil)
}

func (s *Server) voteRender(c echo.Context, st int, d voteShowData, formErr error) error {
	pg := s.page(c, "Bình xét Cờ thi đua – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d)
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
		for _, m := range pg.Errors {
			pg.Error += " " + m
		}
	}
	return c.Render(st, "vote_show", pg)
}

// voteWithError shows the vote page again with a refusal of the rules on
// it; other errors go to the error handler.
func (s *Server) voteWithError(c echo.Context, id int64, formErr error) error {
	if _, _, ok := fieldErrors(formErr); !ok || isAPI(c) {
		return formErr
	}
	d, err := s.voteShowData(c, id)
	if err != nil {
		return err
	}
	return s.voteRender(c, status(errs.CodeOf(formErr)), d, formErr)
}

// voteBallot casts the user's unit's ballot: approve or not per candidate.
func (s *Server) voteBallot(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p := principal(c)
	var body struct {
		UnitID  int64          `json:"unit_id"`
		Choices map[int64]bool `json:"choices"`
	}
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
	} else {
		body.UnitID, _ = strconv.ParseInt(formValue(c, "unit_id"), 10, 64)
		body.Choices = map[int64]bool{}
		form, _ := c.FormParams()
		for k := range form {
			if cand, ok := strings.CutPrefix(k, "approve_"); ok {
				if n, err := strconv.ParseInt(cand, 10, 64); err == nil {
					switch formValue(c, k) {
					case "yes":
						body.Choices[n] = true
					case "no":
						body.Choices[n] = false
					}
				}
			}
		}
	}
	if body.UnitID == 0 {
		body.UnitID = p.UnitID
	}
	if err := s.app.CastBallot(c.Request().Context(), p, id, body.UnitID, body.Choices); err != nil {
		return s.voteWithError(c, id, err)
	}
	if isAPI(c) {
		d, err := s.voteShowData(c, id)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, d)
	}
	return s.done(c, http.StatusCreated, nil, "Đã ghi nhận phiếu của đơn vị.", "/votes/"+strconv.FormatInt(id, 10))
}

// voteClose ends the vote (the head or the board), guarded by version.
func (s *Server) voteClose(c echo.Context) error {
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
	v, err := s.app.CloseVote(c.Request().Context(), principal(c), id, body.Version)
	if err != nil {
		return s.voteWithError(c, id, err)
	}
	return s.done(c, http.StatusOK, v, "Đã kết thúc bình xét.", "/votes/"+strconv.FormatInt(id, 10))
}

// votePropose turns a candidate that reached the threshold into a draft
// Cờ thi đua proposal.
func (s *Server) votePropose(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		UnitID int64 `json:"unit_id"`
	}
	if isAPI(c) {
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
	} else {
		body.UnitID, _ = strconv.ParseInt(formValue(c, "unit_id"), 10, 64)
	}
	pr, err := s.app.ProposeFromVote(c.Request().Context(), principal(c), id, body.UnitID)
	if err != nil {
		return s.voteWithError(c, id, err)
	}
	return s.done(c, http.StatusCreated, pr, "Đã lập dự thảo đề nghị Cờ thi đua từ kết quả bình xét.", "/proposals/"+strconv.FormatInt(pr.ID, 10))
}
