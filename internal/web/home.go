package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
)

type homeData struct {
	app.Home
	Links map[int]string // the exact place each task leads to, by its index in Tasks
}

// home is the signed-in person's work list for the year (app.Home).
func (s *Server) home(c echo.Context) error {
	h, err := s.app.Home(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	d := homeData{Home: h, Links: map[int]string{}}
	for i, t := range h.Tasks {
		d.Links[i] = taskLink(t)
	}
	return c.Render(http.StatusOK, "home", s.page(c, "Trang chủ", "home", d))
}

// taskLink is the page where a task is done.
func taskLink(t app.Task) string {
	y := t.Year
	switch t.Kind {
	case app.TaskFiling:
		return filingURL(y, t.UnitID)
	case app.TaskReview:
		return filingURL(y, t.UnitID) + "/review"
	case app.TaskClusterReview:
		return fmt.Sprintf("/years/%d/progress?cluster=%d", y, t.ClusterID)
	case app.TaskPledge:
		return fmt.Sprintf("/clusters/%d/pledge", t.ClusterID)
	case app.TaskRegistration:
		return fmt.Sprintf("/years/%d/registration", y)
	case app.TaskProposals:
		if t.ProposalID != 0 {
			return fmt.Sprintf("/proposals/%d", t.ProposalID)
		}
		q := url.Values{"year": {fmt.Sprint(y)}}
		if t.Status != "" {
			q.Set("status", t.Status)
		}
		return "/proposals?" + q.Encode()
	case app.TaskPublication:
		return fmt.Sprintf("/years/%d/publication", y)
	case app.TaskVotes:
		return fmt.Sprintf("/clusters/%d/votes", t.ClusterID)
	case app.TaskVote:
		return fmt.Sprintf("/votes/%d", t.VoteID)
	}
	return fmt.Sprintf("/years/%d/ranking", y)
}
