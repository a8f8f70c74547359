package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// The pages' own URLs from before pages and the API shared one URL per
// resource (a unit in ?unit=, the own unit by default) answer with a
// redirect to the shared one, so the links people keep (notifications,
// bookmarks, the menu's "my filing") still land. Not permanent: where the
// unit is the signed-in user's own, the target depends on who asks.

// movedFiling: /years/:year/filing[/…]?unit= → /years/:year/filings/:unit[/…].
func (s *Server) movedFiling(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	return moved(c, filingURL(year, unit)+strings.TrimPrefix(c.Path(), "/years/:year/filing"), "unit")
}

// movedReview: /years/:year/review?unit= → /years/:year/filings/:unit/review.
func (s *Server) movedReview(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	return moved(c, filingURL(year, unit)+"/review", "unit")
}

// movedRegistration: /years/:year/registration?unit= → /years/:year/registrations/:unit.
func (s *Server) movedRegistration(c echo.Context) error {
	year, unit, err := filingUnit(c)
	if err != nil {
		return err
	}
	return moved(c, "/years/"+strconv.Itoa(year)+"/registrations/"+strconv.FormatInt(unit, 10), "unit")
}

// movedFacts: /units/:id/facts?year= → /units/:id/facts/:year (this year by default).
func (s *Server) movedFacts(c echo.Context) error {
	year, err := factsYear(c)
	if err != nil {
		return err
	}
	if year == 0 {
		year = s.app.Today().Year()
	}
	return moved(c, c.Request().URL.Path+"/"+strconv.Itoa(year), "year")
}

// moved redirects to location with the request's query, less the
// parameters the path now carries.
func moved(c echo.Context, location string, carried ...string) error {
	q := c.Request().URL.Query()
	for _, k := range carried {
		q.Del(k)
	}
	if len(q) > 0 {
		location += "?" + q.Encode()
	}
	return c.Redirect(http.StatusSeeOther, location)
}
