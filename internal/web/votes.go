package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
)

// voteList is a cluster's votes for the sector's Cờ thi đua, with the
// form that opens one on the ranking's leaders.
func (s *Server) voteList(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.ClusterVotes(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return respondWith(c, http.StatusOK, d, func() error {
		return c.Render(http.StatusOK, "vote_list", s.page(c, "Bình xét Cờ thi đua – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d))
	})
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
		return formFailed(c, err, func(st int) error {
			d, derr := s.app.ClusterVotes(c.Request().Context(), principal(c), id)
			if derr != nil {
				return derr
			}
			pg := s.page(c, "Bình xét Cờ thi đua – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d)
			pg.Errors, pg.Error, _ = fieldErrors(err)
			for _, m := range pg.Errors {
				pg.Error += " " + m
			}
			return c.Render(st, "vote_list", pg)
		})
	}
	return s.done(c, http.StatusCreated, v, "Đã mở bình xét; các đơn vị thành viên có thể bỏ phiếu.", "/votes/"+strconv.FormatInt(v.ID, 10))
}

// voteShow is one vote: candidates, who has voted, the user's ballot, the tally.
func (s *Server) voteShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.Vote(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return respondWith(c, http.StatusOK, d, func() error {
		return s.voteRender(c, http.StatusOK, d, nil)
	})
}

func (s *Server) voteRender(c echo.Context, st int, d app.VoteView, formErr error) error {
	pg := s.page(c, "Bình xét Cờ thi đua – "+d.Cluster.Title+" năm "+strconv.Itoa(d.Cluster.Year), "clusters", d)
	withBallotError(&pg, formErr)
	return c.Render(st, "vote_show", pg)
}

// withBallotError puts a refusal of a ballot page's rules on pg: beside
// its fields, and all of it in the banner (a ballot's fields are radio
// groups that may be far down the page).
func withBallotError(pg *Page, formErr error) {
	if formErr == nil {
		return
	}
	pg.Errors, pg.Error, _ = fieldErrors(formErr)
	for _, m := range pg.Errors {
		pg.Error += " " + m
	}
}

// voteWithError shows the vote page again with a refusal of the rules on
// it; other errors go to the error handler.
func (s *Server) voteWithError(c echo.Context, id int64, formErr error) error {
	return formFailed(c, formErr, func(st int) error {
		d, err := s.app.Vote(c.Request().Context(), principal(c), id)
		if err != nil {
			return err
		}
		return s.voteRender(c, st, d, formErr)
	})
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
		body.Choices = ballotChoices(c)
	}
	if body.UnitID == 0 {
		body.UnitID = p.UnitID
	}
	d, err := s.app.CastBallotView(c.Request().Context(), p, id, body.UnitID, body.Choices)
	if err != nil {
		return s.voteWithError(c, id, err)
	}
	return s.done(c, http.StatusCreated, d, "Đã ghi nhận phiếu của đơn vị.", "/votes/"+strconv.FormatInt(id, 10))
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
	if err := bind(c, &body); err != nil {
		return err
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
	if err := bind(c, &body); err != nil {
		return err
	}
	pr, err := s.app.ProposeFromVote(c.Request().Context(), principal(c), id, body.UnitID)
	if err != nil {
		return s.voteWithError(c, id, err)
	}
	return s.done(c, http.StatusCreated, pr, "Đã lập dự thảo đề nghị Cờ thi đua từ kết quả bình xét.", "/proposals/"+strconv.FormatInt(pr.ID, 10))
}

// ballotChoices reads a ballot form: approve_<id> = yes or no per
// candidate (the cluster's and the council's ballots alike).
func ballotChoices(c echo.Context) map[int64]bool {
	choices := map[int64]bool{}
	form, _ := c.FormParams()
	for k := range form {
		if cand, ok := strings.CutPrefix(k, "approve_"); ok {
			if n, err := strconv.ParseInt(cand, 10, 64); err == nil {
				switch formValue(c, k) {
				case "yes":
					choices[n] = true
				case "no":
					choices[n] = false
				}
			}
		}
	}
	return choices
}
