package web_test

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"thidua/internal/web"
)

// The authorisation matrix: every route of the router, pages and API,
// requested by every kind of user, each answer checked against the table
// below. A route the table does not name fails the test, so a new route
// cannot ship without someone deciding who may use it.
//
// The roles, seen from the unit the requests are about (Nghệ An in 2026,
// see authzWorld):
//
//	anon    nobody signed in
//	viewer  xem, the read-only account
//	own     canbo.nghean, officer of the unit
//	other   canbo.dienbien, officer of a unit in another cluster
//	head    canbo.thanhhoa, officer of the unit heading the unit's cluster this year
//	deputy  canbo.hatinh, officer of the unit that is its deputy head this year
//	last    canbo.hue, officer of the unit that headed it last year
//	council hoidong.nghean, a board account of Nghệ An: its provincial council
//	board   hoidong, the sector's emulation board
//	admin   admin
//
// A table entry lists the roles that are allowed; every other signed-in
// role must be refused with 403, and anonymous requests are sent to sign
// in (303 to /login for a page, 401 for a form post and for the API).
// "signed" stands for every signed-in role, "officers" for own, other,
// head, deputy and last, "public" for everyone including anonymous, "none"
// for nobody; "role:404" says the app answers that role 404 on purpose (it
// hides what exists, or there is nothing to show: the unit under the unit
// has no filing).
//
// The routes that name the unit (its page, its people, its filing, a form
// naming it) are requested a second time about VKSND khu vực 1 – Nghệ An,
// a unit under it (authzWorld.sub); the entry's sub lists who is allowed
// then. Rights that reach down (seeing and keeping the unit's people, a
// provincial council's registry) pass; those tied to the unit itself
// (its filing, its registration) do not.
//
// A refused write must change nothing: for every refused request that is
// not a GET, a fingerprint of the whole database (every table's row count
// and the sum of its rows' xmin, authzWorld.fingerprint) is compared before
// and after. A GET, allowed or not, must not write to the change history.
//
// Allowed means the authorisation passed: a page or file (2xx, or a
// redirect that is not to the sign-in form); for a write also 409 or 422,
// since the probes send bodies that name their target but are otherwise
// empty, and the validation that follows the authorisation refuses them.
// Where a handler checks the form before the service authorises (retiring
// a unit), the probe's body is valid enough to reach the service, so a 422
// cannot stand in for a refusal.
// Writes never need a fresh database: refused requests change nothing and
// the few allowed ones either fail validation or are repeated harmlessly;
// authzWorld.prepare puts back what a delete removed.
//
// AUTHZ_MATRIX_PRINT=1 prints what each role actually got, route by route.

var authzRoles = []struct{ name, user string }{
	{"anon", ""}, {"viewer", "xem"}, {"own", "canbo.nghean"}, {"other", otherOfficer},
	{"head", "canbo.thanhhoa"}, {"deputy", deputyOfficer}, {"last", lastHeadOfficer}, {"council", councilMember},
	{"board", "hoidong"}, {"admin", "admin"},
}

// othersHidden: every signed-in role but own answered 404 (another
// user's notification does not exist for them).
const othersHidden = "viewer:404 other:404 head:404 deputy:404 last:404 council:404 board:404 admin:404"

// authzCase is one route's entry: who is allowed, and what to send.
type authzCase struct {
	allow string // roles allowed (see above)
	sub   string // roles allowed when the request is about the unit under it; routes naming the unit only
	query string // appended to the path; {unit}, {year}, … are filled in
	body  string // the form (pages) or JSON (API) to send; {unit}, … filled in
}

// authzTable: "METHOD PATH" as the router has it → its case.
var authzTable = map[string]authzCase{
	// Outside the session: health, assets, signing in and out.
	"GET /healthz":           {allow: "public"},
	"GET /static*":           {allow: "public"},
	"GET /favicon.ico":       {allow: "public"},
	"GET /login":             {allow: "public"},
	"POST /login":            {allow: "public"},
	"POST /logout":           {allow: "public"},
	"GET /api/v1/me":         {allow: "signed"},
	"GET /":                  {allow: "signed"},
	"GET /account/password":  {allow: "signed"},
	"POST /account/password": {allow: "signed"},

	// Units: officers see their own unit; the board keeps the registry.
	"GET /units":                             {allow: "signed"}, // an officer's list is filtered to their unit
	"GET /api/v1/units":                      {allow: "signed"},
	"GET /units/:id":                         {allow: "viewer own council board admin", sub: "viewer own council board admin"},
	"GET /api/v1/units/:id":                  {allow: "viewer own council board admin", sub: "viewer own council board admin"},
	"GET /units/:id/history":                 {allow: "council board admin", sub: "council board admin"},
	"GET /api/v1/units/:id/history":          {allow: "council board admin", sub: "council board admin"},
	"GET /units/new":                         {allow: "council board admin"},
	"GET /units/:id/edit":                    {allow: "council board admin", sub: "council board admin"}, // council: its own province's form opens (it keeps units under it); saving is refused
	"GET /units/:id/retire":                  {allow: "council board admin", sub: "council board admin"}, // council: as the edit form
	"POST /units":                            {allow: "council board admin", sub: "council board admin", body: "parent_id={unit}"},
	"POST /api/v1/units":                     {allow: "council board admin", sub: "council board admin", body: `{"parent_id":{unit}}`},
	"POST /units/:id":                        {allow: "board admin", sub: "council board admin", body: "parent_id={parent}"},
	"PUT /api/v1/units/:id":                  {allow: "board admin", sub: "council board admin", body: `{"parent_id":{parent}}`},
	"POST /units/:id/retire":                 {allow: "board admin", sub: "council board admin", body: "valid_to=31/12/2030&reason=thử&version=0"},
	"POST /api/v1/units/:id/retire":          {allow: "board admin", sub: "council board admin", body: `{"valid_to":"31/12/2030","reason":"thử","version":0}`},
	"POST /units/:id/lineage":                {allow: "board admin", sub: "council board admin"},
	"POST /api/v1/units/:id/lineage":         {allow: "board admin", sub: "council board admin"},
	"DELETE /units/:id/lineage/:pred":        {allow: "board admin", sub: "council board admin"},
	"DELETE /api/v1/units/:id/lineage/:pred": {allow: "board admin", sub: "council board admin"},

	// Collective facts and award history of a unit.
	"GET /units/:id/facts/:year":              {allow: "viewer own council board admin", sub: "viewer own council board admin"},
	"GET /api/v1/units/:id/facts/:year":       {allow: "viewer own council board admin", sub: "viewer own council board admin"},
	"PUT /units/:id/facts/:year":              {allow: "own council board admin", sub: "own council board admin"},
	"PUT /api/v1/units/:id/facts/:year":       {allow: "own council board admin", sub: "own council board admin"},
	"GET /units/:id/awards":                   {allow: "viewer own council board admin", sub: "viewer own council board admin"},
	"GET /api/v1/units/:id/awards":            {allow: "viewer own council board admin", sub: "viewer own council board admin"},
	"POST /units/:id/awards":                  {allow: "council board admin", sub: "council board admin"},
	"POST /api/v1/units/:id/awards":           {allow: "council board admin", sub: "council board admin"},
	"POST /units/:id/awards/carryover":        {allow: "council board admin", sub: "council board admin"},
	"POST /api/v1/units/:id/awards/carryover": {allow: "council board admin", sub: "council board admin"},
	"GET /units/:id/verdicts":                 {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "year={year}"},
	"GET /api/v1/units/:id/verdicts":          {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "year={year}"},

	// Personnel workbooks of a unit: whoever keeps its people.
	"GET /units/:id/people/template.xlsx":        {allow: "own council board admin", sub: "own council board admin"},
	"GET /api/v1/units/:id/people/template.xlsx": {allow: "own council board admin", sub: "own council board admin"},
	"GET /units/:id/people/import":               {allow: "own council board admin", sub: "own council board admin"},
	"POST /units/:id/people/import":              {allow: "own council board admin", sub: "own council board admin"},
	"POST /api/v1/units/:id/people/import":       {allow: "own council board admin", sub: "own council board admin"},

	// Accounts: the administrator only.
	"GET /users":                   {allow: "admin"},
	"GET /api/v1/users":            {allow: "admin"},
	"POST /users":                  {allow: "admin"},
	"POST /api/v1/users":           {allow: "admin"},
	"PUT /users/:id/active":        {allow: "admin", body: "active=false"},
	"PUT /api/v1/users/:id/active": {allow: "admin"},
	"POST /users/:id/email":        {allow: "admin", body: "email="},
	"PUT /api/v1/users/:id/email":  {allow: "admin", body: `{"email":null}`},
	// Notifications: each user their own; another's is "not found".
	"GET /notifications":                  {allow: "signed"},
	"GET /api/v1/notifications":           {allow: "signed"},
	"POST /notifications/read":            {allow: "signed"},
	"POST /api/v1/notifications/read":     {allow: "signed"},
	"POST /notifications/:id/read":        {allow: "own " + othersHidden},
	"POST /api/v1/notifications/:id/read": {allow: "own " + othersHidden},
	// Sign-in throttling: the administrator sees and clears it.
	"GET /login-throttle":               {allow: "admin"},
	"GET /api/v1/login-throttle":        {allow: "admin"},
	"POST /login-throttle/clear":        {allow: "admin", body: "ip=192.0.2.1"},
	"POST /api/v1/login-throttle/clear": {allow: "admin", body: `{"ip":"192.0.2.1"}`},

	// Emulation years: everyone reads, the board opens and sets deadlines.
	"GET /years":                          {allow: "signed"},
	"GET /api/v1/years":                   {allow: "signed"},
	"GET /years/:year":                    {allow: "signed"},
	"GET /api/v1/years/:year":             {allow: "signed"},
	"GET /years/new":                      {allow: "board admin"},
	"GET /years/:year/edit":               {allow: "board admin"},
	"POST /years":                         {allow: "board admin"},
	"POST /api/v1/years":                  {allow: "board admin"},
	"POST /years/:year":                   {allow: "board admin"},
	"PUT /api/v1/years/:year":             {allow: "board admin"},
	"POST /years/:year/copy":              {allow: "council board admin"},
	"POST /api/v1/years/:year/copy":       {allow: "council board admin"},
	"GET /years/:year/exclusions":         {allow: "signed"},
	"GET /api/v1/years/:year/exclusions":  {allow: "signed"},
	"POST /years/:year/exclusions":        {allow: "board admin"},
	"POST /api/v1/years/:year/exclusions": {allow: "board admin"},
	// Deadlines: the board extends one for a unit and keeps the calendar
	// of holidays and make-up working days, which everyone reads.
	"GET /years/:year/extensions":              {allow: "board admin"},
	"GET /api/v1/years/:year/extensions":       {allow: "board admin"},
	"POST /years/:year/extensions":             {allow: "board admin", sub: "board admin", body: "unit_id={unit}"},
	"POST /api/v1/years/:year/extensions":      {allow: "board admin", sub: "board admin", body: `{"unit_id":{unit}}`},
	"GET /years/:year/calendar":                {allow: "signed"},
	"GET /api/v1/years/:year/calendar":         {allow: "signed"},
	"POST /years/:year/calendar":               {allow: "board admin"},
	"POST /api/v1/years/:year/calendar":        {allow: "board admin"},
	"DELETE /years/:year/calendar/:day":        {allow: "board admin"},
	"DELETE /api/v1/years/:year/calendar/:day": {allow: "board admin"},

	// Clusters: everyone reads; the board sets them up and designates.
	"GET /clusters/:id":                    {allow: "signed"},
	"GET /api/v1/clusters/:id":             {allow: "signed"},
	"GET /clusters/new":                    {allow: "board admin"},
	"GET /clusters/:id/edit":               {allow: "board admin"},
	"POST /clusters":                       {allow: "board admin"},
	"POST /api/v1/clusters":                {allow: "board admin"},
	"POST /clusters/:id":                   {allow: "board admin"},
	"PUT /api/v1/clusters/:id":             {allow: "board admin"},
	"POST /clusters/:id/designation":       {allow: "board admin"},
	"PUT /api/v1/clusters/:id/designation": {allow: "board admin"},

	// The pledge: this year's head drafts it, each member signs its own line.
	"GET /clusters/:id/pledge":               {allow: "signed"},
	"GET /api/v1/clusters/:id/pledge":        {allow: "signed"},
	"GET /pledges/:id/print":                 {allow: "signed"},
	"GET /pledges/:id/workbook":              {allow: "signed"},
	"GET /api/v1/pledges/:id/workbook":       {allow: "signed"},
	"GET /clusters/:id/pledge/edit":          {allow: "head board admin"},
	"POST /clusters/:id/pledge":              {allow: "head board admin"},
	"PUT /api/v1/clusters/:id/pledge":        {allow: "head board admin"},
	"POST /clusters/:id/pledge/amend":        {allow: "head board admin"},
	"POST /api/v1/clusters/:id/pledge/amend": {allow: "head board admin"},
	"POST /pledges/:id/signatures":           {allow: "own", sub: "none", body: "unit_id={unit}"},
	"POST /api/v1/pledges/:id/signatures":    {allow: "own", sub: "none", body: `{"unit_id":{unit}}`},

	// Registration (đăng ký thi đua) of the unit: its officer writes it,
	// the members of its cluster read it.
	"GET /years/:year/registrations/:unit":        {allow: "viewer own head deputy last council board admin", sub: "viewer council board admin"},
	"GET /api/v1/years/:year/registrations/:unit": {allow: "viewer own head deputy last council board admin", sub: "viewer council board admin"},
	"PUT /years/:year/registrations/:unit":        {allow: "own", sub: "none"},
	"PUT /api/v1/years/:year/registrations/:unit": {allow: "own", sub: "none"},

	// Criteria tables: everyone reads; the board writes.
	"GET /scoring":                            {allow: "signed"},
	"GET /years/:year/tables":                 {allow: "signed"},
	"GET /api/v1/years/:year/tables":          {allow: "signed"},
	"GET /tables/:id":                         {allow: "signed"},
	"GET /api/v1/tables/:id":                  {allow: "signed"},
	"GET /tables/:id/workbook":                {allow: "signed"},
	"GET /api/v1/tables/:id/workbook":         {allow: "signed"},
	"GET /years/:year/tables/new":             {allow: "council board admin"},
	"GET /tables/:id/edit":                    {allow: "council board admin"}, // council: a council may keep its blocs' tables, so the form opens; saving a national table is refused
	"POST /years/:year/tables":                {allow: "board admin"},
	"POST /api/v1/years/:year/tables":         {allow: "board admin"},
	"POST /tables/:id":                        {allow: "board admin"},
	"PUT /api/v1/tables/:id":                  {allow: "board admin"},
	"POST /tables/:id/version":                {allow: "board admin"},
	"POST /api/v1/tables/:id/version":         {allow: "board admin"},
	"POST /tables/:id/copy":                   {allow: "board admin"},
	"POST /api/v1/tables/:id/copy":            {allow: "board admin"},
	"POST /tables/:id/adjustments":            {allow: "board admin", sub: "board admin", body: "unit_id={unit}"},
	"POST /api/v1/tables/:id/adjustments":     {allow: "board admin", sub: "board admin", body: `{"unit_id":{unit}}`},
	"GET /years/:year/tables/template":        {allow: "council board admin"},
	"GET /api/v1/years/:year/tables/template": {allow: "council board admin"},
	"GET /years/:year/tables/import":          {allow: "council board admin"},
	"POST /years/:year/tables/import":         {allow: "council board admin"}, // council: it keeps its blocs' tables; the upload is checked first, saving authorises the table's level
	"POST /api/v1/years/:year/tables/import":  {allow: "council board admin"},

	// The unit's filing: its officer scores it, this year's head (and the
	// board) review it; officers of other units and last year's head see nothing.
	"GET /years/:year/filings/:unit":                 {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"},
	"GET /api/v1/years/:year/filings/:unit":          {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"},
	"GET /years/:year/filings/:unit/history":         {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"},
	"GET /api/v1/years/:year/filings/:unit/history":  {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"},
	"GET /years/:year/filings/:unit/timeline":        {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"},
	"GET /api/v1/years/:year/filings/:unit/timeline": {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"},
	"GET /years/:year/filings/:unit/workbook":        {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"},
	"GET /api/v1/years/:year/filings/:unit/workbook": {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"},
	"PUT /years/:year/filings/:unit":                 {allow: "own", sub: "none"},
	"PUT /api/v1/years/:year/filings/:unit":          {allow: "own", sub: "none"},
	"GET /years/:year/filings/:unit/template":        {allow: "own", sub: "none"},
	"GET /api/v1/years/:year/filings/:unit/template": {allow: "own", sub: "none"},
	"GET /years/:year/filings/:unit/import":          {allow: "own", sub: "none"},
	"POST /years/:year/filings/:unit/import":         {allow: "own", sub: "none"},
	"POST /api/v1/years/:year/filings/:unit/import":  {allow: "own", sub: "none"},
	"GET /years/:year/filings/:unit/review":          {allow: "viewer own head council board admin", sub: "viewer:404 council:404 board:404 admin:404"}, // read-only unless one may review
	"PUT /years/:year/filings/:unit/review":          {allow: "head board admin", sub: "board:404 admin:404"},                                           // the write is refused before anything is read
	"PUT /api/v1/years/:year/filings/:unit/review":   {allow: "head board admin", sub: "board:404 admin:404"},
	"GET /units/:id/facts":                           {allow: "signed", sub: "signed", query: "year={year}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/registration":                  {allow: "signed", sub: "signed", query: "unit={unit}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/filing":                        {allow: "signed", sub: "signed", query: "unit={unit}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/filing/history":                {allow: "signed", sub: "signed", query: "unit={unit}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/filing/timeline":               {allow: "signed", sub: "signed", query: "unit={unit}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/filing/workbook":               {allow: "signed", sub: "signed", query: "unit={unit}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/filing/template":               {allow: "signed", sub: "signed", query: "unit={unit}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/filing/import":                 {allow: "signed", sub: "signed", query: "unit={unit}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/review":                        {allow: "signed", sub: "signed", query: "unit={unit}"}, // moved: a redirect to the URL it shares with the API
	"GET /years/:year/ranking":                       {allow: "signed"},
	"GET /api/v1/years/:year/ranking":                {allow: "signed"},
	"GET /years/:year/ranking/workbook":              {allow: "signed"},
	"GET /api/v1/years/:year/ranking/workbook":       {allow: "signed"},
	"GET /years/:year/progress":                      {allow: "signed"},
	"GET /api/v1/years/:year/progress":               {allow: "signed"},

	// People of the unit: its officers and the board keep them; awards are the board's.
	"GET /people":                                {allow: "signed"}, // an officer's list is filtered to their unit
	"GET /api/v1/people":                         {allow: "signed"},
	"GET /people/:id":                            {allow: "viewer own council board admin", sub: "viewer own council board admin"},
	"GET /api/v1/people/:id":                     {allow: "viewer own council board admin", sub: "viewer own council board admin"},
	"GET /people/new":                            {allow: "officers council board admin"},
	"POST /people":                               {allow: "own council board admin", sub: "own council board admin", body: "unit_id={unit}"},
	"POST /api/v1/people":                        {allow: "own council board admin", sub: "own council board admin", body: `{"unit_id":{unit}}`},
	"GET /people/:id/edit":                       {allow: "own council board admin", sub: "own council board admin"},
	"POST /people/:id":                           {allow: "own council board admin", sub: "own council board admin"},
	"PUT /api/v1/people/:id":                     {allow: "own council board admin", sub: "own council board admin"},
	"POST /people/:id/ratings":                   {allow: "own council board admin", sub: "own council board admin"},
	"POST /api/v1/people/:id/ratings":            {allow: "own council board admin", sub: "own council board admin"},
	"DELETE /people/:id/ratings/:year":           {allow: "own council board admin", sub: "own council board admin"},
	"DELETE /api/v1/people/:id/ratings/:year":    {allow: "own council board admin", sub: "own council board admin"},
	"POST /people/:id/initiatives":               {allow: "own council board admin", sub: "own council board admin"},
	"POST /api/v1/people/:id/initiatives":        {allow: "own council board admin", sub: "own council board admin"},
	"DELETE /people/:id/initiatives/:rid":        {allow: "own council board admin", sub: "own council board admin"},
	"DELETE /api/v1/people/:id/initiatives/:rid": {allow: "own council board admin", sub: "own council board admin"},
	"POST /people/:id/disciplines":               {allow: "own council board admin", sub: "own council board admin"},
	"POST /api/v1/people/:id/disciplines":        {allow: "own council board admin", sub: "own council board admin"},
	"DELETE /people/:id/disciplines/:rid":        {allow: "own council board admin", sub: "own council board admin"},
	"DELETE /api/v1/people/:id/disciplines/:rid": {allow: "own council board admin", sub: "own council board admin"},
	"POST /people/:id/awards":                    {allow: "council board admin", sub: "council board admin"},
	"POST /api/v1/people/:id/awards":             {allow: "council board admin", sub: "council board admin"},
	"POST /people/:id/awards/:rid/revoke":        {allow: "council board admin", sub: "council board admin"},
	"POST /api/v1/people/:id/awards/:rid/revoke": {allow: "council board admin", sub: "council board admin"},
	"GET /people/:id/verdicts":                   {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "year={year}"},
	"GET /api/v1/people/:id/verdicts":            {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "year={year}"},
	"POST /people/:id/absences":                  {allow: "own council board admin", sub: "own council board admin"},
	"POST /api/v1/people/:id/absences":           {allow: "own council board admin", sub: "own council board admin"},
	"DELETE /people/:id/absences/:rid":           {allow: "own council board admin", sub: "own council board admin"},
	"DELETE /api/v1/people/:id/absences/:rid":    {allow: "own council board admin", sub: "own council board admin"},
	"POST /people/:id/pending":                   {allow: "own council board admin", sub: "own council board admin"},
	"POST /api/v1/people/:id/pending":            {allow: "own council board admin", sub: "own council board admin"},
	"POST /pending/:id/close":                    {allow: "own council board admin"},
	"POST /api/v1/pending/:id/close":             {allow: "own council board admin"},
	"POST /units/:id/disciplines":                {allow: "council board admin", sub: "council board admin"},
	"POST /api/v1/units/:id/disciplines":         {allow: "council board admin", sub: "council board admin"},
	"DELETE /units/:id/disciplines/:rid":         {allow: "council board admin", sub: "council board admin"},
	"DELETE /api/v1/units/:id/disciplines/:rid":  {allow: "council board admin", sub: "council board admin"},
	"POST /units/:id/pending":                    {allow: "council board admin", sub: "council board admin"},
	"POST /api/v1/units/:id/pending":             {allow: "council board admin", sub: "council board admin"},
	"POST /years/:year/quotas":                   {allow: "board admin"},
	"POST /api/v1/years/:year/quotas":            {allow: "board admin"},
	"GET /years/:year/contradictions":            {allow: "board admin"},
	"GET /api/v1/years/:year/contradictions":     {allow: "board admin"},

	// Proposals: a unit's officers draft and submit its own; a draft is seen
	// by its unit, the board and viewers; the board decides.
	"GET /proposals":                      {allow: "signed"},
	"GET /api/v1/proposals":               {allow: "signed"},
	"GET /proposals/:id":                  {allow: "viewer own council board admin"},
	"GET /api/v1/proposals/:id":           {allow: "viewer own council board admin"},
	"GET /proposals/new":                  {allow: "officers"},
	"POST /proposals":                     {allow: "own", sub: "none", body: "proposer_unit_id={unit}&year={year}"},
	"POST /api/v1/proposals":              {allow: "own", sub: "none", body: `{"proposer_unit_id":{unit},"year":{year}}`},
	"GET /proposals/:id/edit":             {allow: "own"},
	"POST /proposals/:id":                 {allow: "own"},
	"PUT /api/v1/proposals/:id":           {allow: "own"},
	"POST /proposals/:id/submit":          {allow: "own"},
	"POST /api/v1/proposals/:id/submit":   {allow: "own"},
	"POST /proposals/:id/comments":        {allow: "own council board admin"},
	"POST /api/v1/proposals/:id/comments": {allow: "own council board admin"},
	// A level's board acts on what its level holds: Nghệ An's council on Nghệ An's proposals (a draft here, refused with 422).
	"POST /proposals/:id/reject":                        {allow: "council board admin"},
	"POST /api/v1/proposals/:id/reject":                 {allow: "council board admin"},
	"POST /proposals/:id/return":                        {allow: "council board admin"},
	"POST /api/v1/proposals/:id/return":                 {allow: "council board admin"},
	"POST /proposals/:id/forward":                       {allow: "council board admin"},
	"POST /api/v1/proposals/:id/forward":                {allow: "council board admin"},
	"POST /decisions":                                   {allow: "council board admin"}, // each at its own level
	"POST /api/v1/decisions":                            {allow: "council board admin"},
	"GET /councils":                                     {allow: "signed"},
	"GET /api/v1/councils":                              {allow: "signed"},
	"GET /councils/:id":                                 {allow: "signed"},
	"GET /api/v1/councils/:id":                          {allow: "signed"},
	"POST /councils":                                    {allow: "council board admin"}, // each its own level's (the probe's empty year is refused with 422)
	"POST /api/v1/councils":                             {allow: "council board admin"},
	"PUT /councils/:id":                                 {allow: "council admin"}, // Nghệ An's council: not the sector's board
	"PUT /api/v1/councils/:id":                          {allow: "council admin"},
	"POST /councils/:id/members":                        {allow: "council admin"},
	"POST /api/v1/councils/:id/members":                 {allow: "council admin"},
	"DELETE /councils/:id/members/:member":              {allow: "council admin"},
	"DELETE /api/v1/councils/:id/members/:member":       {allow: "council admin"},
	"GET /decisions/:id":                                {allow: "signed"}, // what a decision approved is public
	"GET /api/v1/decisions/:id":                         {allow: "signed"},
	"GET /decisions/:id/draft.xlsx":                     {allow: "signed"},
	"GET /api/v1/decisions/:id/draft.xlsx":              {allow: "signed"},
	"GET /decisions/:id/list.xlsx":                      {allow: "signed"},
	"GET /api/v1/decisions/:id/list.xlsx":               {allow: "signed"},
	"GET /years/:year/proposals/list.xlsx":              {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "unit_id={unit}"},
	"GET /api/v1/years/:year/proposals/list.xlsx":       {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "unit_id={unit}"},
	"GET /years/:year/proposals/submission.xlsx":        {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "unit_id={unit}"},
	"GET /api/v1/years/:year/proposals/submission.xlsx": {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "unit_id={unit}"},
	// The electronic dossier: the rights of the record the files belong to.
	"GET /proposals/:id/attachments":         {allow: "viewer own council board admin"},
	"GET /api/v1/proposals/:id/attachments":  {allow: "viewer own council board admin"},
	"POST /proposals/:id/attachments":        {allow: "own"}, // the probe sends no file: 422 once authorised
	"POST /api/v1/proposals/:id/attachments": {allow: "own"},
	"GET /proposals/:id/bundle":              {allow: "viewer own council board admin"},
	"GET /api/v1/proposals/:id/bundle":       {allow: "viewer own council board admin"},
	"POST /proposals/:id/bundle":             {allow: "own"},
	"POST /api/v1/proposals/:id/bundle":      {allow: "own"},
	"GET /decisions/:id/attachments":         {allow: "signed"},
	"GET /api/v1/decisions/:id/attachments":  {allow: "signed"},
	"POST /decisions/:id/attachments":        {allow: "council admin"}, // the world's decision is Nghệ An's: its council adds the files
	"POST /api/v1/decisions/:id/attachments": {allow: "council admin"},
	"GET /decisions/:id/bundle":              {allow: "signed"},
	"GET /api/v1/decisions/:id/bundle":       {allow: "signed"},
	"POST /decisions/:id/bundle":             {allow: "council admin"},
	"POST /api/v1/decisions/:id/bundle":      {allow: "council admin"},
	"GET /attachments/:id":                   {allow: "viewer own council board admin"}, // a file of the unit's draft proposal
	"GET /api/v1/attachments/:id":            {allow: "viewer own council board admin"},
	"GET /attachments/:id/preview":           {allow: "viewer own council board admin"},
	"GET /api/v1/attachments/:id/preview":    {allow: "viewer own council board admin"},
	// Nghệ An has saved no filing in 2026: whoever may see it is told there is nothing to attach to.
	"GET /years/:year/filings/:unit/entries/:criterion/attachments":         {allow: "viewer:404 own:404 head:404 council:404 board:404 admin:404", sub: "viewer:404 council:404 board:404 admin:404"},
	"GET /api/v1/years/:year/filings/:unit/entries/:criterion/attachments":  {allow: "viewer:404 own:404 head:404 council:404 board:404 admin:404", sub: "viewer:404 council:404 board:404 admin:404"},
	"POST /years/:year/filings/:unit/entries/:criterion/attachments":        {allow: "own:404", sub: "none"},
	"POST /api/v1/years/:year/filings/:unit/entries/:criterion/attachments": {allow: "own:404", sub: "none"},

	// Word and PDF documents (internal/docx, internal/pdf): as their workbooks.
	"GET /years/:year/proposals/list.docx":              {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "unit_id={unit}"},
	"GET /api/v1/years/:year/proposals/list.docx":       {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "unit_id={unit}"},
	"GET /years/:year/proposals/submission.docx":        {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "unit_id={unit}"},
	"GET /api/v1/years/:year/proposals/submission.docx": {allow: "viewer own council board admin", sub: "viewer own council board admin", query: "unit_id={unit}"},
	"GET /decisions/:id/draft.docx":                     {allow: "signed"},
	"GET /api/v1/decisions/:id/draft.docx":              {allow: "signed"},
	"GET /proposals/:id/report.docx":                    {allow: "viewer own council board admin"},
	"GET /api/v1/proposals/:id/report.docx":             {allow: "viewer own council board admin"},
	"GET /votes/:id/minutes.docx":                       {allow: "signed"},
	"GET /api/v1/votes/:id/minutes.docx":                {allow: "signed"},
	"GET /decisions/:id/list.pdf":                       {allow: "signed"},
	"GET /api/v1/decisions/:id/list.pdf":                {allow: "signed"},
	// Certificates: the board of the level that issues them, on its own
	// unit's blanks. The world's decision is Nghệ An's, so its council
	// prints it; the sector's board does not. The blanks are Nghệ An's
	// Giấy khen; those of the unit under it are that unit's, not the
	// province's.
	"GET /decisions/:id/certificates.pdf":                      {allow: "council admin"},
	"GET /api/v1/decisions/:id/certificates.pdf":               {allow: "council admin"},
	"GET /units/:id/certificates/:kind":                        {allow: "council admin", sub: "admin"},
	"GET /api/v1/units/:id/certificates/:kind":                 {allow: "council admin", sub: "admin"},
	"PUT /units/:id/certificates/:kind":                        {allow: "council admin", sub: "admin"}, // the probe's empty layout: 422 once authorised
	"PUT /api/v1/units/:id/certificates/:kind":                 {allow: "council admin", sub: "admin"},
	"GET /units/:id/certificates/:kind/calibration.pdf":        {allow: "council admin", sub: "admin"},
	"GET /api/v1/units/:id/certificates/:kind/calibration.pdf": {allow: "council admin", sub: "admin"},

	// Publication for comment: everyone reads, the board opens the window.
	"GET /years/:year/publication":         {allow: "signed"},
	"GET /api/v1/years/:year/publication":  {allow: "signed"},
	"POST /years/:year/publication":        {allow: "board admin"},
	"POST /api/v1/years/:year/publication": {allow: "board admin"},

	// The cluster's vote for the flag: this year's head runs it, each member
	// votes for itself.
	"GET /clusters/:id/votes":          {allow: "signed"},
	"GET /api/v1/clusters/:id/votes":   {allow: "signed"},
	"GET /votes/:id":                   {allow: "signed"},
	"GET /api/v1/votes/:id":            {allow: "signed"},
	"POST /clusters/:id/votes":         {allow: "head board admin"},
	"POST /api/v1/clusters/:id/votes":  {allow: "head board admin"},
	"POST /votes/:id/ballots":          {allow: "own", sub: "none", body: "unit_id={unit}"},
	"POST /api/v1/votes/:id/ballots":   {allow: "own", sub: "none", body: `{"unit_id":{unit}}`},
	"POST /votes/:id/close":            {allow: "head board admin"},
	"POST /api/v1/votes/:id/close":     {allow: "head board admin"},
	"POST /votes/:id/proposals":        {allow: "head board admin", sub: "head board admin", body: "unit_id={unit}"},
	"POST /api/v1/votes/:id/proposals": {allow: "head board admin", sub: "head board admin", body: `{"unit_id":{unit}}`},

	// The council's secret ballot: the sector's board runs the sector
	// council's sessions; its members (own and head sit on it) read them
	// and vote, each with their own account. The world's session is
	// closed, so an allowed ballot or closing is refused by the rules.
	"GET /councils/:id/sessions":                    {allow: "own head board admin"},
	"GET /api/v1/councils/:id/sessions":             {allow: "own head board admin"},
	"POST /councils/:id/sessions":                   {allow: "board admin"},
	"POST /api/v1/councils/:id/sessions":            {allow: "board admin"},
	"GET /council-sessions/:id":                     {allow: "own head board admin"},
	"GET /api/v1/council-sessions/:id":              {allow: "own head board admin"},
	"POST /council-sessions/:id/ballots":            {allow: "own head"},
	"POST /api/v1/council-sessions/:id/ballots":     {allow: "own head", body: `{"choices":{}}`},
	"POST /council-sessions/:id/close":              {allow: "board admin"},
	"POST /api/v1/council-sessions/:id/close":       {allow: "board admin"},
	"GET /council-sessions/:id/minutes.docx":        {allow: "own head board admin"},
	"GET /api/v1/council-sessions/:id/minutes.docx": {allow: "own head board admin"},
}

// expectation is what one role must get from one route.
type expectation string

const (
	expOK     expectation = "ok"
	expDenied expectation = "403"
	expHidden expectation = "404"
	expLogin  expectation = "login"
)

// namesUnit reports whether the route's request is about the unit: its
// path, query or form names it. Those routes are also sent about the unit
// under it.
func (c authzCase) namesUnit(path string) bool {
	rel := strings.TrimPrefix(path, "/api/v1")
	return strings.Contains(path, ":unit") || strings.HasPrefix(rel, "/units/:id") || strings.HasPrefix(rel, "/people/:id") ||
		strings.Contains(c.query+c.body, "{unit}")
}

func (c authzCase) expect(role string) (expectation, error) { return expectFrom(c.allow, role) }

// expectSub is what role must get when the request is about the unit under it.
func (c authzCase) expectSub(role string) (expectation, error) { return expectFrom(c.sub, role) }

func expectFrom(allow, role string) (expectation, error) {
	toks := strings.Fields(allow)
	for _, tok := range toks {
		r, kind, hidden := strings.Cut(tok, ":")
		if hidden && kind != "404" {
			return "", fmt.Errorf("bad token %q", tok)
		}
		if hidden && r == role {
			return expHidden, nil
		}
	}
	for _, tok := range toks {
		switch {
		case tok == "public":
			return expOK, nil
		case tok == role, tok == "signed" && role != "anon",
			tok == "officers" && slices.Contains([]string{"own", "other", "head", "deputy", "last"}, role):
			if role == "anon" {
				return "", fmt.Errorf("anon cannot be allowed alone: use public")
			}
			return expOK, nil
		case strings.Contains(tok, ":"):
		case !slices.Contains([]string{"public", "signed", "officers", "none", "viewer", "own", "other", "head", "deputy", "last", "council", "board", "admin"}, tok):
			return "", fmt.Errorf("unknown role %q", tok)
		}
	}
	if role == "anon" {
		return expLogin, nil
	}
	return expDenied, nil
}

// observed is what one request got.
type observed struct {
	status   int
	location string
	header   http.Header
}

// headerProblems lists the security headers an answer lacks: every answer,
// page, file, JSON, redirect or error, carries them.
func (o observed) headerProblems() []string {
	var out []string
	for h, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"} {
		if got := o.header.Get(h); got != want {
			out = append(out, fmt.Sprintf("%s=%q", h, got))
		}
	}
	csp := o.header.Get("Content-Security-Policy")
	// A file's preview forbids scripts altogether (script-src 'none').
	scripts := strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "script-src 'none'")
	if !scripts || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe") {
		out = append(out, fmt.Sprintf("Content-Security-Policy=%q", csp))
	}
	for _, line := range o.header.Values("Set-Cookie") {
		if !strings.Contains(line, "HttpOnly") || !strings.Contains(line, "SameSite") {
			out = append(out, "Set-Cookie "+line)
		}
	}
	return out
}

func (o observed) String() string {
	if o.location != "" {
		return fmt.Sprintf("%d→%s", o.status, o.location)
	}
	return fmt.Sprint(o.status)
}

// meets reports whether o is what e asks for.
func (o observed) meets(e expectation, api bool, method string) bool {
	toLogin := o.status == http.StatusSeeOther && strings.HasPrefix(o.location, "/login?next=")
	switch e {
	case expOK:
		if toLogin {
			return false
		}
		if o.status >= 200 && o.status < 400 {
			return true
		}
		return method != http.MethodGet && (o.status == http.StatusConflict || o.status == http.StatusUnprocessableEntity)
	case expDenied:
		return o.status == http.StatusForbidden
	case expHidden:
		return o.status == http.StatusNotFound
	case expLogin:
		if !api && method == http.MethodGet {
			return toLogin
		}
		return o.status == http.StatusUnauthorized
	}
	return false
}

// appRoutes lists "METHOD PATH" of every route the router serves.
func appRoutes(t *testing.T, s *site) []string {
	t.Helper()
	srv, err := web.New(s.app, web.Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range srv.Routes() {
		if r.Method == echoRouteNotFound {
			continue // the groups' catch-alls, not routes
		}
		out = append(out, r.Method+" "+r.Path)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// echoRouteNotFound is the method Echo gives the catch-all a group with
// middleware registers.
const echoRouteNotFound = "echo_route_not_found"

// authzClient sends one role's requests: a signed-in browser for pages,
// a bearer token for the API.
type authzClient struct {
	t     *testing.T
	s     *site
	role  string
	user  string
	b     *browser
	token string
}

func newAuthzClient(t *testing.T, s *site, role, user string) *authzClient {
	c := &authzClient{t: t, s: s, role: role, user: user, b: s.browser(t)}
	if user == "" {
		c.b.csrf() // an anonymous visitor who opened the sign-in page has a CSRF cookie
		return c
	}
	c.b.login(user)
	c.token = s.token(t, user)
	return c
}

func (c *authzClient) send(method, path, body string) observed {
	c.t.Helper()
	if strings.HasPrefix(path, "/api/v1/") {
		if body == "" && method != http.MethodGet && method != http.MethodDelete {
			body = "{}"
		}
		req, _ := http.NewRequest(method, c.s.URL+path, strings.NewReader(body))
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			c.t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return observed{status: res.StatusCode, header: res.Header}
	}
	b := c.b
	if method == http.MethodPost && path == "/logout" && c.user != "" {
		b = c.s.browser(c.t) // signing out must not end the session the other requests use
		b.login(c.user)
	}
	var r reply
	switch method {
	case http.MethodGet:
		r = b.get(path)
	case http.MethodPost:
		form, err := url.ParseQuery(body)
		if err != nil {
			c.t.Fatalf("%s %s: body %q: %v", method, path, body, err)
		}
		r = b.post(path, form)
	case http.MethodPut, http.MethodDelete: // a form's POST with ?_method=
		form, err := url.ParseQuery(body)
		if err != nil {
			c.t.Fatalf("%s %s: body %q: %v", method, path, body, err)
		}
		r = b.send(method, path, form)
	default:
		c.t.Fatalf("pages use GET, POST, PUT and DELETE only: %s %s", method, path)
	}
	o := observed{status: r.status, header: r.header}
	if r.status >= 300 && r.status < 400 {
		o.location = r.location
	}
	return o
}

// authzGroups are the roles sharing one site: those whose allowed
// requests change nothing that another role's expectations depend on.
var authzGroups = [][]string{{"anon", "viewer", "other"}, {"deputy", "last"}, {"own"}, {"head"}, {"council"}, {"board"}, {"admin"}}

func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	routes := appRoutes(t, s)
	for _, r := range routes {
		if _, ok := authzTable[r]; !ok {
			t.Errorf("new route without an authorisation entry: %s", r)
		}
	}
	for k, c := range authzTable {
		if !slices.Contains(routes, k) {
			t.Errorf("authorisation entry for a route the router does not have: %s", k)
		}
		_, path, _ := strings.Cut(k, " ")
		switch {
		case c.namesUnit(path) && c.sub == "":
			t.Errorf("%s names the unit: say in sub who may use it about the unit under it", k)
		case !c.namesUnit(path) && c.sub != "":
			t.Errorf("%s does not name the unit: it needs no sub", k)
		}
		for _, r := range authzRoles {
			if _, err := c.expect(r.name); err != nil {
				t.Errorf("%s: %v", k, err)
			}
			if _, err := c.expectSub(r.name); c.sub != "" && err != nil {
				t.Errorf("%s (sub): %v", k, err)
			}
		}
	}
	printing := os.Getenv("AUTHZ_MATRIX_PRINT") != ""
	if t.Failed() && !printing {
		return
	}

	var mu sync.Mutex
	seen := map[string]map[string]observed{} // route → role → answer
	checked, fingerprinted := 0, 0
	t.Cleanup(func() {
		if printing {
			printMatrix(seen)
		}
		t.Logf("authorisation matrix: %d routes × %d roles, and the routes naming the unit again about the unit under it: "+
			"%d requests checked, %d of them refused writes checked to have written nothing", len(routes), len(authzRoles), checked, fingerprinted)
	})

	for gi, group := range authzGroups {
		t.Run(strings.Join(group, "+"), func(t *testing.T) {
			t.Parallel()
			gs := s
			if gi > 0 {
				gs = newSite(t)
			}
			world := newAuthzWorld(t, gs)
			for _, role := range group {
				i := slices.IndexFunc(authzRoles, func(r struct{ name, user string }) bool { return r.name == role })
				c := newAuthzClient(t, gs, role, authzRoles[i].user)
				var last map[string][2]int64 // the fingerprint after the previous request, when it was a refused write
				for _, sub := range []bool{false, true} {
					w, label := world, role
					if sub {
						w, label = world.sub, role+" about the unit under it"
					}
					fill := w.placeholders()
					for _, route := range routes {
						method, path, _ := strings.Cut(route, " ")
						tc, listed := authzTable[route]
						if sub && (!listed || !tc.namesUnit(path)) {
							continue
						}
						fresh, wrote := w.prepare(t, gs, path)
						target := w.fill(t, path, fresh)
						if tc.query != "" {
							target += "?" + fill.Replace(tc.query)
						}
						want, _ := tc.expect(role)
						if sub {
							want, _ = tc.expectSub(role)
						}
						// A GET must never write to the change history (CSRF checks
						// only unsafe methods); a refused write must write nothing.
						var audits int
						before := last // the routes are sorted by method: refused writes mostly come in runs
						if last = nil; wrote {
							before = nil
						}
						refusedWrite := method != http.MethodGet && want != expOK
						switch {
						case method == http.MethodGet:
							audits = auditRows(t, gs)
						case refusedWrite && before == nil:
							before = w.fingerprint(t, gs)
						}
						o := c.send(method, target, fill.Replace(tc.body))
						if method == http.MethodGet && auditRows(t, gs) != audits {
							t.Errorf("%s as %s (%s) wrote to the change history", route, label, target)
						}
						if refusedWrite {
							last = w.fingerprint(t, gs)
							if changed := changedTables(before, last); len(changed) > 0 {
								t.Errorf("%s as %s (%s), refused with %s, wrote to %s", route, label, target, o, strings.Join(changed, ", "))
							}
						}
						if listed && !o.meets(want, strings.HasPrefix(path, "/api/"), method) {
							t.Errorf("%s as %s (%s): want %s, got %s", route, label, target, want, o)
						}
						if p := o.headerProblems(); len(p) > 0 {
							t.Errorf("%s as %s (%s): security headers: %s", route, label, target, strings.Join(p, ", "))
						}
						key := route
						if sub {
							key = route + " (sub)"
						}
						mu.Lock()
						if seen[key] == nil {
							seen[key] = map[string]observed{}
						}
						seen[key][role] = o
						checked++
						if refusedWrite {
							fingerprinted++
						}
						mu.Unlock()
					}
				}
			}
		})
	}
}

func printMatrix(seen map[string]map[string]observed) {
	var sb strings.Builder
	routes := slices.Sorted(maps.Keys(seen))
	for _, r := range routes {
		fmt.Fprintf(&sb, "%-55s", r)
		for _, role := range authzRoles {
			fmt.Fprintf(&sb, " %s=%s", role.name, seen[r][role.name])
		}
		sb.WriteString("\n")
	}
	fmt.Fprint(os.Stderr, sb.String())
}
