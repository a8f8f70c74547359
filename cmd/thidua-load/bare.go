package main

import (
	"database/sql"
	"errors"
	"net"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/seed"
)

// bareServer is the comparison: Echo with no middleware, one handler per
// path that runs one SQL query through database/sql and answers JSON.
type bareServer struct {
	*echo.Echo
	Listener net.Listener
}

func startBare(db *sql.DB) (*bareServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	query := func(q string, args ...func(c echo.Context) (any, error)) echo.HandlerFunc {
		return func(c echo.Context) error {
			vals := make([]any, len(args))
			for i, a := range args {
				v, err := a(c)
				if err != nil {
					return echo.NewHTTPError(http.StatusBadRequest, err.Error())
				}
				vals[i] = v
			}
			rows, err := db.QueryContext(c.Request().Context(), q, vals...)
			if err != nil {
				return err
			}
			out, err := scanAll(rows)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, out)
		}
	}
	e.GET("/units", query(seed.BareUnitSearchSQL, param("q", false)))
	e.GET("/filing", query(seed.BareFilingSQL, param("year", true), param("unit", true)))
	e.GET("/ranking", query(seed.BareRankingSQL, param("year", true)))
	e.GET("/person", query(seed.BarePersonSQL, param("id", true)))
	e.POST("/save", func(c echo.Context) error {
		var vals []any
		for _, name := range []string{"filing", "criterion", "num"} {
			v, err := param(name, true)(c)
			if err != nil {
				return echo.NewHTTPError(http.StatusBadRequest, err.Error())
			}
			vals = append(vals, v)
		}
		res, err := db.ExecContext(c.Request().Context(), seed.BareSaveEntrySQL, vals...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return echo.NewHTTPError(http.StatusNotFound, "no such entry")
		}
		return c.NoContent(http.StatusNoContent)
	})
	e.Listener = ln
	go func() { _ = e.Start("") }()
	return &bareServer{Echo: e, Listener: ln}, nil
}

// param reads a query parameter, as a number when asked.
func param(name string, number bool) func(c echo.Context) (any, error) {
	return func(c echo.Context) (any, error) {
		raw := c.QueryParam(name)
		if !number {
			return raw, nil
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return nil, errors.New(name + ": not a number")
		}
		return n, nil
	}
}

// scanAll reads every row as column → value.
func scanAll(rows *sql.Rows) ([]map[string]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b)
			}
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
