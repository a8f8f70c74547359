package web_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pendingOneCall are handlers still calling several app methods, with
// why: left for the lead.
var pendingOneCall = map[string]string{}

// TestOneAppCallPerHandler: a handler binds, calls one app method (a page
// method for a GET, an action for a POST) and renders; gathering a page
// from several calls belongs in app, where one page method returns the
// page model. The calls made through the Server's helpers count
// (s.renderCluster …); s.app.Today and s.app.Now, the clock, do not.
//
// One exception, found from the code's shape: when the action fails, the
// branch handling its error (an if on err, or on what fieldErrors(err)
// says) may call one more method, the page method of the form it shows
// again with the messages.
func TestOneAppCallPerHandler(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		if !strings.HasSuffix(name, "_test.go") {
			parsed = append(parsed, parse(t, fset, name, 0))
		}
	}
	seen := map[string]bool{}
	for _, v := range oneCallViolations(fset, parsed, pendingOneCall, seen) {
		t.Errorf("internal/web/%s", v)
	}
	for name := range pendingOneCall {
		if !seen[name] {
			t.Errorf("pendingOneCall lists %s, which now calls one app method: remove the entry", name)
		}
	}
}

// appCall is one s.app.X call: the method, and whether it sits in a
// branch handling an error.
type appCall struct {
	method  string
	onError bool
}

// oneCallViolations returns the functions of files calling more than one
// distinct app method on their way, or more than one in their error
// branches, directly or through the Server's helpers they call; pending
// functions are skipped, and seen collects those that still need it.
func oneCallViolations(fset *token.FileSet, files []*ast.File, pending map[string]string, seen map[string]bool) []string {
	helpers := map[string]*ast.FuncDecl{}
	var funcs []*ast.FuncDecl
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				funcs = append(funcs, fd)
				if fd.Recv != nil {
					helpers[fd.Name.Name] = fd
				}
			}
		}
	}
	var out []string
	for _, fd := range funcs {
		main, onError := map[string]bool{}, map[string]bool{}
		for _, c := range appCalls(fd.Body, helpers) {
			if c.onError {
				onError[c.method] = true
			} else {
				main[c.method] = true
			}
		}
		if len(main) <= 1 && len(onError) <= 1 {
			continue
		}
		name := fd.Name.Name
		if _, ok := pending[name]; ok {
			seen[name] = true
			continue
		}
		where := fset.Position(fd.Pos()).Filename
		if len(main) > 1 {
			out = append(out, fmt.Sprintf("%s: %s calls %s: make it one app call (a page method returning the page model, or one action returning what the answer needs)",
				where, name, methodList(main)))
		}
		if len(onError) > 1 {
			out = append(out, fmt.Sprintf("%s: %s calls %s when the action fails: one page method shows the form again",
				where, name, methodList(onError)))
		}
	}
	return out
}

func methodList(set map[string]bool) string {
	var l []string
	for m := range set {
		l = append(l, m)
	}
	sort.Strings(l)
	return strings.Join(l, ", ")
}

// appCalls lists the s.app.X calls of body and of the Server methods it
// calls (helpers), the clock excepted.
func appCalls(body *ast.BlockStmt, helpers map[string]*ast.FuncDecl) []appCall {
	var out []appCall
	entered := map[string]bool{}
	var walk func(n ast.Node, onError bool)
	walk = func(n ast.Node, onError bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.IfStmt:
				if n.Init != nil {
					walk(n.Init, onError)
				}
				walk(n.Cond, onError)
				body, orElse := branchesOnError(n)
				walk(n.Body, onError || body)
				if n.Else != nil {
					walk(n.Else, onError || orElse)
				}
				return false
			case *ast.CallExpr:
				if fn, ok := n.Fun.(*ast.Ident); ok && fn.Name == "formFailed" {
					// formFailed(c, err, show): show draws the form again
					// when err is a form's problem.
					for _, a := range n.Args {
						walk(a, true)
					}
					return false
				}
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if inner, ok := sel.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "app" && sel.Sel.Name != "Today" && sel.Sel.Name != "Now" {
					out = append(out, appCall{sel.Sel.Name, onError})
				}
				if recv, ok := sel.X.(*ast.Ident); ok && recv.Name == "s" {
					key := fmt.Sprint(sel.Sel.Name, onError)
					if h := helpers[sel.Sel.Name]; h != nil && !entered[key] {
						entered[key] = true
						walk(h.Body, onError)
					}
				}
			}
			return true
		})
	}
	walk(body, false)
	return out
}

// branchesOnError tells which branches of an if statement handle an
// error: with "err == nil" the else branch, with "err != nil" the body,
// likewise with a form's problems ("len(fields) == 0" …), and the body of
// any other test of an error (fieldErrors(err) …).
func branchesOnError(n *ast.IfStmt) (body, orElse bool) {
	if b, ok := n.Cond.(*ast.BinaryExpr); ok {
		switch {
		case isNil(b.Y) && isErrName(b.X):
			return b.Op == token.NEQ, b.Op == token.EQL
		case isProblemCount(b.X) && isZero(b.Y):
			return b.Op == token.NEQ || b.Op == token.GTR, b.Op == token.EQL
		}
	}
	found := false
	for _, part := range []ast.Node{n.Init, n.Cond} {
		if part == nil {
			continue
		}
		ast.Inspect(part, func(x ast.Node) bool {
			if id, ok := x.(*ast.Ident); ok && (isErrName(id) || id.Name == "fieldErrors") {
				found = true
			}
			return !found
		})
	}
	return found, false
}

// isErrName: err, cerr, saveErr …
func isErrName(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && strings.HasSuffix(strings.ToLower(id.Name), "err")
}

// isProblemCount: len(fields), len(fe), len(d.Problems) …
func isProblemCount(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "len" {
		return false
	}
	var name string
	switch a := call.Args[0].(type) {
	case *ast.Ident:
		name = a.Name
	case *ast.SelectorExpr:
		name = a.Sel.Name
	}
	return name == "fields" || name == "fe" || name == "Problems"
}

func isZero(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Value == "0"
}

func isNil(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "nil"
}

// TestOneCallCheckFails: the check refuses two app calls on a handler's
// way, directly or through a helper, and two in its error branch; it lets
// an action's error branch show the form again.
func TestOneCallCheckFails(t *testing.T) {
	src := `package web
func (s *Server) twoCalls(c echo.Context) error {
	u, err := s.app.Unit(ctx, p, id)
	h, err := s.app.UnitHistory(ctx, p, id)
	_ = s.app.Today()
	return nil
}
func (s *Server) reRendered(c echo.Context) error {
	if _, err := s.app.UpdateUnit(ctx, p, id); err != nil {
		if _, _, ok := fieldErrors(err); ok {
			return s.form(c)
		}
	}
	return nil
}
func (s *Server) form(c echo.Context) error {
	_, err := s.app.UnitFormPage(ctx, p, id)
	return err
}
func (s *Server) throughHelper(c echo.Context) error {
	if isAPI(c) {
		s.app.Unit(ctx, p, id)
	}
	return s.form(c)
}
func (s *Server) twoOnError(c echo.Context) error {
	if err := s.app.UpdateUnit(ctx, p, id); err != nil {
		s.app.Unit(ctx, p, id)
		return s.form(c)
	}
	return nil
}
func (s *Server) checkedFirst(c echo.Context) error {
	if len(fe) == 0 {
		if err = s.app.UpdateUnit(ctx, p, id); err == nil {
			return nil
		}
	} else {
		return s.form(c)
	}
	return formFailed(c, err, func(st int) error { return s.form(c) })
}
func (s *Server) successTwice(c echo.Context) error {
	if err == nil {
		s.app.UpdateUnit(ctx, p, id)
		s.app.Unit(ctx, p, id)
	}
	return nil
}
func (s *Server) pending(c echo.Context) error {
	s.app.Unit(ctx, p, id)
	return s.form(c)
}`
	fset := token.NewFileSet()
	seen := map[string]bool{}
	got := oneCallViolations(fset, []*ast.File{parseSource(t, fset, src)}, map[string]string{"pending": "test"}, seen)
	want := []string{"twoCalls calls Unit, UnitHistory:", "throughHelper calls Unit, UnitFormPage:",
		"twoOnError calls Unit, UnitFormPage when the action fails", "successTwice calls Unit, UpdateUnit:"}
	if len(got) != len(want) {
		t.Fatalf("violations %q, want %q", got, want)
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("violation %q, want %q", got[i], want[i])
		}
	}
	if !seen["pending"] {
		t.Error("the pending handler not seen")
	}
}

func parseSource(t *testing.T, fset *token.FileSet, src string) *ast.File {
	t.Helper()
	f, err := parser.ParseFile(fset, "src.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
