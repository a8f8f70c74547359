package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/errs"
)

const (
	ctxPrincipal = "principal"
	ctxAPI       = "api"
	ctxSession   = "session" // set once scs has loaded the session
	sessUserID   = "user_id"
	sessStamp    = "password_stamp" // app.PasswordStamp at sign-in
	sessFlash    = "flash"
	sessSeen     = "seen" // the last recorded activity, Unix seconds (idle)
	ctxUnread    = "unread"
)

// principal returns the signed-in user, or the anonymous principal.
func principal(c echo.Context) auth.Principal {
	p, _ := c.Get(ctxPrincipal).(auth.Principal)
	return p
}

// hasSession reports whether the request went through the session middleware.
func hasSession(c echo.Context) bool { b, _ := c.Get(ctxSession).(bool); return b }

// isAPI reports whether the request came through /api/v1 (also before
// the bearer middleware ran: checkInput answers ahead of it).
func isAPI(c echo.Context) bool {
	b, _ := c.Get(ctxAPI).(bool)
	return b || strings.HasPrefix(c.Request().URL.Path, "/api/v1/")
}

// loadSession loads the request's session (scs) in a context where the
// read of the session's row also reads its user (app.SessionContext), so
// loadSessionUser finds it without a statement of its own, and what the
// request reads first (withReads).
func (s *Server) loadSession() echo.MiddlewareFunc {
	load := echo.WrapMiddleware(s.sessions.LoadAndSave)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		next = load(next)
		return func(c echo.Context) error {
			c.SetRequest(c.Request().WithContext(app.SessionContext(withReads(c))))
			return next(c)
		}
	}
}

// withReads is the request's context, in which its session's or token's
// read also reads what the request reads first, named by its path: a
// filing (its page, its API read, its draft save; app.WithFilingRead) or
// a person (their page and API read; app.WithPersonRead). Any other
// request's context is left as it is.
func withReads(c echo.Context) context.Context {
	ctx := c.Request().Context()
	m := c.Request().Method
	switch strings.TrimPrefix(c.Path(), "/api/v1") {
	case "/years/:year/filings/:unit":
		if year, unit, err := filingUnit(c); err == nil && (m == http.MethodGet || m == http.MethodPut) {
			return app.WithFilingRead(ctx, year, unit)
		}
	case "/people/:id":
		if id, err := pathID(c, "id"); err == nil && m == http.MethodGet {
			return app.WithPersonRead(ctx, id)
		}
	}
	return ctx
}

// loadSessionUser puts the session's user, re-read from the database on
// every request with the header's unread count (with the session's row),
// into the context: a locked account loses access at once.
func (s *Server) loadSessionUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		c.Set(ctxSession, true)
		id := s.sessions.GetInt64(ctx, sessUserID)
		if id == 0 {
			return next(c)
		}
		expired, touch := idle(time.Unix(s.sessions.GetInt64(ctx, sessSeen), 0), time.Now(), s.opts.SessionIdle)
		if expired {
			if err := s.sessions.Destroy(ctx); err != nil {
				return err
			}
			return next(c)
		}
		if touch {
			s.sessions.Put(ctx, sessSeen, time.Now().Unix())
		}
		u, err := s.app.Session(ctx, id, s.sessions.GetString(ctx, sessStamp))
		if errs.CodeOf(err) == errs.Unauthorized {
			if err := s.sessions.Destroy(ctx); err != nil {
				return err
			}
			return next(c)
		}
		if err != nil {
			return err
		}
		c.Set(ctxPrincipal, u.Principal)
		c.Set(ctxUnread, u.Unread)
		return next(c)
	}
}

// idle says whether a session last seen at seen has been idle too long
// at now, and whether to record now as its last activity. scs's own idle
// timeout rewrites the session row on every request to push its expiry
// on; recording activity at most once every idleStep of the timeout
// keeps most requests free of writes, at the cost of a session ending up
// to that much early. A session that never recorded it (opened before
// this rule) starts now.
func idle(seen, now time.Time, timeout time.Duration) (expired, touch bool) {
	if seen.Unix() <= 0 {
		return false, true
	}
	gone := now.Sub(seen)
	return gone > timeout, gone >= timeout/idleSteps
}

// idleSteps: a 2-hour idle timeout records activity at most every 2 minutes.
const idleSteps = 60

// checkOrigin refuses a state-changing page request whose Origin header
// names another site when the browser sent no Sec-Fetch-Site (older
// browsers, some privacy settings, some proxies strip it): Echo's CSRF
// middleware then falls back to the token alone, and this keeps the
// second wall. A request with no Origin (not a browser's form or fetch)
// is left to the token.
func (s *Server) checkOrigin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
			return next(c)
		}
		origin := r.Header.Get(echo.HeaderOrigin)
		if r.Header.Get("Sec-Fetch-Site") != "" || origin == "" {
			return next(c)
		}
		host := r.Host
		if fwd := r.Header.Get("X-Forwarded-Host"); s.opts.TrustProxy && fwd != "" {
			host, _, _ = strings.Cut(fwd, ",")
		}
		u, err := url.Parse(origin)
		if err != nil || u.Host == "" || !strings.EqualFold(u.Host, strings.TrimSpace(host)) {
			return csrfError(nil, c)
		}
		return next(c)
	}
}

// bearer authenticates API requests by "Authorization: Bearer <token>".
func (s *Server) bearer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(ctxAPI, true)
		h := c.Request().Header.Get("Authorization")
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			return errs.New(errs.Unauthorized, "Thiếu mã truy cập: gửi tiêu đề Authorization: Bearer <token>.")
		}
		ctx := withReads(c)
		c.SetRequest(c.Request().WithContext(ctx))
		p, err := s.app.PrincipalByToken(ctx, strings.TrimSpace(token))
		if err != nil {
			return err
		}
		c.Set(ctxPrincipal, p)
		return next(c)
	}
}

// requireUser refuses anonymous requests: pages redirect to the sign-in
// form, the API answers 401.
func requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if principal(c).Anonymous() {
			return errs.New(errs.Unauthorized, "Vui lòng đăng nhập để tiếp tục.")
		}
		return next(c)
	}
}

func (s *Server) requestLog() echo.MiddlewareFunc {
	log := s.opts.Logger
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogRemoteIP: true, LogError: true,
		HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			attrs := []slog.Attr{
				slog.String("method", v.Method), slog.String("uri", v.URI), slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency), slog.String("ip", v.RemoteIP),
			}
			if p := principal(c); !p.Anonymous() {
				attrs = append(attrs, slog.String("user", p.Username))
			}
			level := slog.LevelInfo
			if v.Error != nil {
				attrs = append(attrs, slog.String("err", v.Error.Error()))
				if v.Status >= 500 {
					level = slog.LevelError
				}
			}
			log.LogAttrs(c.Request().Context(), level, "request", attrs...)
			return nil
		},
	})
}
