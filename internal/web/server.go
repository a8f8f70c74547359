// Package web is the HTTP edge: Echo, sessions, CSRF, and one handler file
// per page. Handlers read input, call one app method, and render; the same
// handlers answer HTML for browsers and JSON under /api/v1 for tokens.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"thidua/internal/app"
	"thidua/internal/web/static"
)

// Options configures the server.
type Options struct {
	OrgName         string
	SessionLifetime time.Duration
	SessionIdle     time.Duration
	CookieSecure    bool
	TrustProxy      bool
	Logger          *slog.Logger
}

// Server is the HTTP application.
type Server struct {
	*echo.Echo
	app      *app.App
	sessions *scs.SessionManager
	opts     Options
}

// New builds the Echo server with every route.
func New(a *app.App, opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.SessionLifetime == 0 {
		opts.SessionLifetime = 12 * time.Hour
	}
	if opts.SessionIdle == 0 {
		opts.SessionIdle = 2 * time.Hour
	}
	r, err := newRenderer()
	if err != nil {
		return nil, err
	}
	sm := scs.New()
	sm.Store = a.SessionStore(sessUserID)
	sm.Codec = a.SessionCodec()
	sm.Lifetime = opts.SessionLifetime // the idle timeout is loadSessionUser's (idle)
	sm.Cookie.Name = "thidua_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = opts.CookieSecure
	sm.Cookie.Path = "/"

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Renderer = r
	if opts.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	s := &Server{Echo: e, app: a, sessions: sm, opts: opts}
	e.HTTPErrorHandler = s.handleError
	sm.ErrorFunc = s.sessionError

	e.Pre(methodOverride)
	e.Use(middleware.Recover())
	e.Use(s.requestLog())
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection:         "0",
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		HSTSMaxAge:            hstsAge(opts.CookieSecure),
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
		ReferrerPolicy:        "same-origin",
	}))
	// Files of a dossier stream through their own limits (attachments.go).
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: "10M", Skipper: streamingUpload}))
	e.Use(checkInput)
	e.Use(pooledRender)

	e.GET("/healthz", s.healthz)
	e.StaticFS("/static", static.FS)
	e.GET("/favicon.ico", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg") })

	// Pages: a session cookie, CSRF on every unsafe method.
	ui := e.Group("", s.checkOrigin, s.loadSession(), middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     "thidua_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   opts.CookieSecure,
		CookieSameSite: http.SameSiteLaxMode,
		ErrorHandler:   csrfError,
	}), s.loadSessionUser)
	ui.GET("/login", s.loginForm)
	ui.POST("/login", s.login)
	ui.POST("/logout", s.logout)
	s.routes(ui.Group("", requireUser), false)

	// API: bearer tokens only, never cookies, so CSRF cannot reach it.
	api := e.Group("/api/v1", s.bearer, requireUser)
	api.GET("/me", s.me)
	s.routes(api, true)
	return s, nil
}

// routes registers the handlers shared by pages and the API: one URL per
// resource. The API's verbs are REST-like; a page's form, which can only
// POST, sends ?_method=PUT or DELETE for the same route (methodOverride).
// Pages still POST where the API PUTs to the same URL.
func (s *Server) routes(g *echo.Group, api bool) {
	if !api {
		g.GET("/", s.home)
		g.GET("/account/password", s.passwordForm)
		g.POST("/account/password", s.passwordChange)
		g.GET("/units/new", s.unitNew)
		g.GET("/units/:id/edit", s.unitEdit)
		g.GET("/units/:id/retire", s.unitRetireForm)
		g.POST("/units/:id", s.unitUpdate)
		g.POST("/users/:id/email", s.userEmail)

		g.GET("/years/new", s.yearNew)
		g.GET("/years/:year/edit", s.yearEdit)
		g.POST("/years/:year", s.yearUpdate)
		g.GET("/years/:year/registration", s.movedRegistration)
		g.GET("/clusters/new", s.clusterNew)
		g.GET("/clusters/:id/edit", s.clusterEdit)
		g.POST("/clusters/:id", s.clusterUpdate)
		g.POST("/clusters/:id/designation", s.clusterDesignate)
		g.GET("/clusters/:id/pledge/edit", s.pledgeEdit)
		g.POST("/clusters/:id/pledge", s.pledgeSave)
		g.GET("/scoring", s.scoringHome)
		g.GET("/years/:year/tables/new", s.tableNew)
		g.POST("/years/:year/tables", s.tableFormSave)
		g.GET("/tables/:id/edit", s.tableEdit)
		g.POST("/tables/:id", s.tableFormSave)
		g.GET("/years/:year/filings/:unit/import", s.selfImportForm)
		g.GET("/years/:year/filings/:unit/review", s.reviewShow)
		// The pages' URLs before they shared the API's (moved.go).
		for _, p := range []string{"", "/history", "/timeline", "/workbook", "/template", "/import"} {
			g.GET("/years/:year/filing"+p, s.movedFiling)
		}
		g.GET("/years/:year/review", s.movedReview)
		g.GET("/pledges/:id/print", s.pledgePrint)
	} else {
		g.PUT("/units/:id", s.unitUpdate)
		g.PUT("/users/:id/email", s.userEmail)

		g.PUT("/years/:year", s.yearUpdate)
		g.PUT("/clusters/:id", s.clusterUpdate)
		g.PUT("/clusters/:id/designation", s.clusterDesignate)
		g.PUT("/clusters/:id/pledge", s.pledgeSave)
		g.POST("/years/:year/tables", s.tableCreate)
		g.PUT("/tables/:id", s.tableUpdate)
	}
	g.GET("/units", s.unitList)
	g.POST("/units", s.unitCreate)
	g.GET("/units/:id", s.unitShow)
	g.POST("/units/:id/retire", s.unitRetire)
	g.POST("/units/:id/lineage", s.unitLink)
	g.DELETE("/units/:id/lineage/:pred", s.unitUnlink)
	g.GET("/units/:id/history", s.unitHistory)
	g.GET("/units/:id/verdicts", s.unitVerdicts)
	g.GET("/users", s.userList)
	g.POST("/users", s.userCreate)
	g.PUT("/users/:id/active", s.userSetActive)
	g.GET("/notifications", s.notificationList)
	g.POST("/notifications/:id/read", s.notificationRead)
	g.POST("/notifications/read", s.notificationReadAll)
	g.GET("/login-throttle", s.loginThrottleList)
	g.POST("/login-throttle/clear", s.loginThrottleClear)

	g.GET("/years", s.yearList)
	g.POST("/years", s.yearCreate)
	g.GET("/years/:year", s.clusterList)
	g.POST("/years/:year/copy", s.yearCopy)
	g.GET("/years/:year/exclusions", s.exclusionList)
	g.GET("/years/:year/registrations/:unit", s.registrationShow)
	g.PUT("/years/:year/registrations/:unit", s.registrationSave)
	g.GET("/years/:year/filings/:unit", s.filingShow)
	g.PUT("/years/:year/filings/:unit", s.filingSave)
	g.GET("/years/:year/filings/:unit/history", s.filingHistory)
	g.GET("/years/:year/filings/:unit/timeline", s.timeline)
	g.GET("/years/:year/filings/:unit/workbook", s.filingWorkbook)
	g.GET("/years/:year/filings/:unit/template", s.selfTemplate)
	g.POST("/years/:year/filings/:unit/import", s.selfImport)
	g.PUT("/years/:year/filings/:unit/review", s.reviewSave)
	g.POST("/years/:year/exclusions", s.exclusionSave)
	g.POST("/clusters", s.clusterCreate)
	g.GET("/clusters/:id", s.clusterShow)
	g.GET("/clusters/:id/pledge", s.pledgeShow)
	g.GET("/pledges/:id/workbook", s.pledgeWorkbook)
	g.POST("/clusters/:id/pledge/amend", s.pledgeAmend)
	g.POST("/pledges/:id/signatures", s.pledgeSign)
	g.GET("/years/:year/ranking", s.ranking)
	g.GET("/years/:year/ranking/workbook", s.rankingWorkbook)
	g.GET("/years/:year/tables", s.tableList)
	// Criteria table workbooks (export, template, import): routes below.
	g.GET("/tables/:id/workbook", s.tableWorkbook)
	g.GET("/years/:year/tables/template", s.tableTemplate)
	g.POST("/years/:year/tables/import", s.tableImport)
	if !api {
		g.GET("/years/:year/tables/import", s.tableImportForm)
	}
	// (end of criteria table workbooks)
	g.GET("/tables/:id", s.tableShow)
	g.POST("/tables/:id/version", s.tableVersion)
	g.POST("/tables/:id/copy", s.tableCopy)
	g.POST("/tables/:id/adjustments", s.tableAdjust)
	g.GET("/years/:year/progress", s.progress)

	// People and their records.
	if !api {
		g.GET("/people/new", s.personNew)
		g.GET("/people/:id/edit", s.personEdit)
		g.POST("/people/:id", s.personUpdate)
	} else {
		g.PUT("/people/:id", s.personUpdate)
	}
	g.DELETE("/people/:id/ratings/:year", s.personUnrate)
	g.DELETE("/people/:id/initiatives/:rid", s.personInitiativeDelete)
	g.DELETE("/people/:id/disciplines/:rid", s.personDisciplineDelete)
	g.DELETE("/people/:id/absences/:rid", s.personAbsenceDelete)
	g.DELETE("/units/:id/disciplines/:rid", s.unitDisciplineDelete)
	g.GET("/people", s.peopleList)
	g.POST("/people", s.personCreate)
	g.GET("/people/:id", s.personShow)
	g.GET("/people/:id/verdicts", s.personVerdicts)
	g.POST("/people/:id/ratings", s.personRate)
	g.POST("/people/:id/initiatives", s.personInitiativeAdd)
	g.POST("/people/:id/disciplines", s.personDisciplineAdd)
	g.POST("/people/:id/absences", s.personAbsenceAdd)
	g.POST("/people/:id/pending", s.personPendingAdd)
	g.POST("/pending/:id/close", s.pendingClose)
	g.POST("/units/:id/disciplines", s.unitDisciplineAdd)
	g.POST("/units/:id/pending", s.unitPendingAdd)
	g.POST("/years/:year/quotas", s.quotaSet)
	g.GET("/years/:year/contradictions", s.contradictions)
	g.POST("/people/:id/awards", s.personAwardAdd)
	g.POST("/people/:id/awards/:rid/revoke", s.personAwardRevoke)
	// Award proposals and decisions.
	if !api {
		g.GET("/proposals/new", s.proposalNew)
		g.GET("/proposals/:id/edit", s.proposalEdit)
		g.POST("/proposals/:id", s.proposalUpdate)
	} else {
		g.PUT("/proposals/:id", s.proposalUpdate)
	}
	g.GET("/proposals", s.proposalList)
	g.POST("/proposals", s.proposalCreate)
	g.GET("/proposals/:id", s.proposalShow)
	g.POST("/proposals/:id/submit", s.proposalSubmit)
	g.POST("/proposals/:id/comments", s.proposalComment)
	g.POST("/proposals/:id/reject", s.proposalReject)
	g.POST("/proposals/:id/return", s.proposalReturn)
	g.POST("/proposals/:id/forward", s.proposalForward)
	g.POST("/decisions", s.decisionCreate)
	// Councils of the deciding levels.
	g.GET("/councils", s.councilList)
	g.POST("/councils", s.councilCreate)
	g.GET("/councils/:id", s.councilShow)
	g.PUT("/councils/:id", s.councilUpdate)
	g.POST("/councils/:id/members", s.councilMemberAdd)
	g.DELETE("/councils/:id/members/:member", s.councilMemberDelete)
	g.GET("/decisions/:id", s.decisionShow)
	// The electronic dossier: files of a proposal, a decision or a
	// self-assessment entry, and the bundle for the level above (attachments.go).
	for _, rec := range []string{"/proposals/:id", "/decisions/:id", "/years/:year/filings/:unit/entries/:criterion"} {
		g.GET(rec+"/attachments", s.dossierShow)
		g.POST(rec+"/attachments", s.attachmentUpload)
	}
	for _, rec := range []string{"/proposals/:id", "/decisions/:id"} {
		g.GET(rec+"/bundle", s.bundleDownload)
		g.POST(rec+"/bundle", s.bundleImport)
	}
	g.GET("/attachments/:id", s.attachmentDownload)
	g.GET("/attachments/:id/preview", s.attachmentPreview)

	// Cluster votes for the emulation flag: routes below.
	g.GET("/clusters/:id/votes", s.voteList)
	g.POST("/clusters/:id/votes", s.voteOpen)
	g.GET("/votes/:id", s.voteShow)
	g.POST("/votes/:id/ballots", s.voteBallot)
	g.POST("/votes/:id/close", s.voteClose)
	g.POST("/votes/:id/proposals", s.votePropose)
	// (end of cluster votes)
	// The council's secret ballot (bỏ phiếu kín của Hội đồng).
	g.GET("/councils/:id/sessions", s.councilSessionList)
	g.POST("/councils/:id/sessions", s.councilSessionOpen)
	g.GET("/council-sessions/:id", s.councilSessionShow)
	g.POST("/council-sessions/:id/ballots", s.councilBallot)
	g.POST("/council-sessions/:id/close", s.councilSessionClose)
	g.GET("/council-sessions/:id/minutes.docx", s.councilMinutes)

	// Award documents (tờ trình, draft decision, award lists): routes below.
	g.GET("/years/:year/proposals/list.xlsx", s.awardListWorkbook)
	g.GET("/years/:year/proposals/submission.xlsx", s.submissionWorkbook)
	g.GET("/decisions/:id/draft.xlsx", s.decisionDraftWorkbook)
	g.GET("/decisions/:id/list.xlsx", s.decisionListWorkbook)
	// (end of award documents)

	// Award documents as Word and PDF files: routes below.
	g.GET("/years/:year/proposals/list.docx", s.awardListWord)
	g.GET("/years/:year/proposals/submission.docx", s.submissionWord)
	g.GET("/decisions/:id/draft.docx", s.decisionDraftWord)
	g.GET("/decisions/:id/list.pdf", s.decisionListPDF)
	g.GET("/proposals/:id/report.docx", s.achievementReport)
	g.GET("/votes/:id/minutes.docx", s.voteMinutes)
	g.GET("/decisions/:id/certificates.pdf", s.decisionCertificates)
	g.GET("/units/:id/certificates/:kind", s.certLayoutShow)
	g.PUT("/units/:id/certificates/:kind", s.certLayoutSave)
	g.GET("/units/:id/certificates/:kind/calibration.pdf", s.certCalibration)
	// (end of Word and PDF documents)

	// Collective facts and publication: routes below.
	if !api {
		g.GET("/units/:id/facts", s.movedFacts)
	}
	g.GET("/units/:id/facts/:year", s.factsShow)
	g.PUT("/units/:id/facts/:year", s.factsSave)
	g.GET("/years/:year/publication", s.publicationShow)
	g.POST("/years/:year/publication", s.publicationSave)
	// (end of collective facts and publication)

	// Personnel workbooks: routes below.
	g.GET("/units/:id/people/template.xlsx", s.peopleTemplate)
	g.POST("/units/:id/people/import", s.peopleImport)
	if !api {
		g.GET("/units/:id/people/import", s.peopleImportForm)
	}
	// (end of personnel workbooks)

	// Collective award history.
	g.GET("/units/:id/awards", s.unitAwards)
	g.POST("/units/:id/awards", s.unitAwardAdd)
	g.POST("/units/:id/awards/carryover", s.unitCarryover)

	// Deadlines: extensions for one unit, the working-day calendar.
	g.GET("/years/:year/extensions", s.extensionList)
	g.POST("/years/:year/extensions", s.extensionCreate)
	g.GET("/years/:year/calendar", s.calendarShow)
	g.POST("/years/:year/calendar", s.calendarSet)
	g.DELETE("/years/:year/calendar/:day", s.calendarDelete)
	// (end of deadlines)
}

func hstsAge(secure bool) int {
	if secure {
		return 31536000
	}
	return 0
}

// Sessions exposes the session manager (for tests and sweeping).
func (s *Server) Sessions() *scs.SessionManager { return s.sessions }

// Shutdown stops accepting requests and waits for those in flight.
func (s *Server) Shutdown(ctx context.Context) error { return s.Echo.Shutdown(ctx) }
