package web_test

import (
	"go/ast"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestRolesTestedInAuthOnly: who may do what is decided in internal/auth
// (Authorize, or a named decision such as auth.DeskOf). A role compared
// anywhere else is a rule that the authorisation matrix cannot see, so no
// code outside auth compares a role (x.Role == …, auth.RoleX != …, a
// switch on x.Role), nor does a template (eq .User.Role …). Test files are free; so is the seed, whose fixture
// picks demo accounts by role and decides nothing.
func TestRolesTestedInAuthOnly(t *testing.T) {
	root := moduleRoot(t)
	for _, rel := range moduleFiles(t, root, "internal/auth/", "internal/seed/") {
		path := filepath.Join(root, rel)
		switch {
		case strings.HasSuffix(rel, ".html"):
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(string(b), "\n") {
				if templateRoleTest.MatchString(line) {
					t.Errorf("%s:%d compares a role: ask the page (Page.WorksForUnit …) or the page model", rel, i+1)
				}
			}
		case strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go"):
			fset := token.NewFileSet()
			for _, line := range roleComparisons(fset, parse(t, fset, path, 0)) {
				t.Errorf("%s:%d compares a role: move the decision into internal/auth as a named function with a table test", rel, line)
			}
		}
	}
}

// moduleFiles lists the module's files (slash-separated, relative to root)
// outside the exempt folders, hidden folders, node_modules and testdata.
func moduleFiles(t *testing.T, root string, exempt ...string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !slices.ContainsFunc(exempt, func(p string) bool { return strings.HasPrefix(rel, p) }) {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// templateRoleTest is a template comparing a role: {{if eq .User.Role "officer"}}.
var templateRoleTest = regexp.MustCompile(`\b(eq|ne)\b[^}]*\.Role\b`)

// roleComparisons returns the lines of f that compare a role.
func roleComparisons(fset *token.FileSet, f *ast.File) []int {
	var lines []int
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && (isRole(n.X) || isRole(n.Y)) {
				lines = append(lines, fset.Position(n.Pos()).Line)
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && isRole(n.Tag) {
				lines = append(lines, fset.Position(n.Pos()).Line)
			}
		}
		return true
	})
	return lines
}

// isRole: x.Role, auth.RoleX, or either converted (string(auth.RoleX)).
func isRole(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return isRole(e.X)
	case *ast.CallExpr:
		return len(e.Args) == 1 && isRole(e.Args[0])
	case *ast.SelectorExpr:
		if e.Sel.Name == "Role" {
			return true
		}
		pkg, ok := e.X.(*ast.Ident)
		return ok && pkg.Name == "auth" && strings.HasPrefix(e.Sel.Name, "Role")
	}
	return false
}

// TestRoleComparisonsFound: the check above sees the forms it refuses.
func TestRoleComparisonsFound(t *testing.T) {
	src := `package x
func f() {
	_ = p.Role == auth.RoleOfficer
	_ = u.Role != string(auth.RoleBoard)
	_ = principal(c).Role == "officer"
	switch p.Role {
	}
	_ = auth.Role(u.Role).Valid()
	_ = auth.DeskOf(p) == auth.DeskUnit
}`
	for _, tmpl := range []string{`{{if eq .User.Role "officer"}}`, `{{if and (ne .Role "board") .X}}`} {
		if !templateRoleTest.MatchString(tmpl) {
			t.Errorf("%s not seen as a role comparison", tmpl)
		}
	}
	if templateRoleTest.MatchString(`{{.User.Role.Label}} {{if eq .Nav "units"}}`) {
		t.Error("a role shown, not compared, seen as a comparison")
	}
	fset := token.NewFileSet()
	f := parseSource(t, fset, src)
	if got, want := roleComparisons(fset, f), []int{3, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("role comparisons on lines %v, want %v", got, want)
	}
}
