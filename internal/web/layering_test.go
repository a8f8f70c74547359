package web_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestWebImportsNoStore: app is the only way in. A handler that could
// read the store could skip the app's authorisation and rules, so web's
// own files import neither the store nor GORM (tests may: they set up
// and inspect the database below the app).
func TestWebImportsNoStore(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		var below []string
		for _, path := range imports(t, name) {
			if path == "thidua/internal/store" || strings.HasPrefix(path, "gorm.io/") {
				below = append(below, path)
			}
		}
		if len(below) > 0 {
			t.Errorf("internal/web/%s imports %s: web reaches the data through app only (an app method returning a page model, app request types)",
				name, strings.Join(below, ", "))
		}
	}
}

// sqlCalls are the calls that send SQL of their own (GORM's Raw and Exec,
// database/sql's).
var sqlCalls = map[string]bool{"Raw": true, "Exec": true, "ExecContext": true, "QueryContext": true, "QueryRowContext": true}

// TestSQLOnlyInStore: the store is the one package that knows the schema.
// Outside it no code imports GORM, pgx or database/sql, sends SQL or
// calls the store's helpers for tests (…ForTest); except cmd/ (opening
// and migrating the database; thidua-load's bare server, hand-written SQL
// by design, the baseline the app is measured against) and
// internal/dbtest (creating and dropping test databases). Test files may
// send SQL, through the store's helpers for tests, to arrange and inspect
// data below the app. GORM, and the store's handle on it, nothing outside
// the store touches at all, tests and cmd/ included (storeHandleUses).
func TestSQLOnlyInStore(t *testing.T) {
	root := moduleRoot(t)
	for _, rel := range moduleFiles(t, root, "internal/store/", "internal/dbtest/", "cmd/") {
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		f := parse(t, fset, filepath.Join(root, rel), 0)
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if strings.HasPrefix(p, "github.com/jackc/pgx") || p == "database/sql" {
				t.Errorf("%s imports %s: only internal/store talks to the database", rel, p)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sqlCalls[sel.Sel.Name] {
					t.Errorf("%s:%d sends SQL (%s): move it into a store method", rel, fset.Position(call.Pos()).Line, sel.Sel.Name)
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && strings.HasSuffix(sel.Sel.Name, "ForTest") {
					t.Errorf("%s:%d calls the store's %s, which is for tests: move the query into a store method", rel, fset.Position(call.Pos()).Line, sel.Sel.Name)
				}
			}
			return true
		})
	}
	for _, rel := range moduleFiles(t, root, "internal/store/") {
		if !strings.HasSuffix(rel, ".go") {
			continue
		}
		fset := token.NewFileSet()
		f := parse(t, fset, filepath.Join(root, rel), 0)
		for _, v := range storeHandleUses(fset, f) {
			t.Errorf("%s:%s", rel, v)
		}
	}
}

// TestStoreKeepsItsHandle: the store's GORM handle stays private. No
// exported field, function or method of internal/store hands out a
// *gorm.DB (or any gorm type), so what TestSQLOnlyInStore keeps out cannot
// come back through an accessor.
func TestStoreKeepsItsHandle(t *testing.T) {
	root := moduleRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "internal/store/*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		for _, v := range gormExports(fset, parse(t, fset, name, 0)) {
			t.Errorf("internal/store/%s:%s", filepath.Base(name), v)
		}
	}
}

// storeHandleUses returns where f imports GORM or selects a DB that is
// not a package's type (sql.DB): a store handle's GORM field, under its
// old exported name or any other.
func storeHandleUses(fset *token.FileSet, f *ast.File) []string {
	var out []string
	packages := map[string]bool{} // what the file's imports are called
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if strings.HasPrefix(p, "gorm.io/") {
			out = append(out, fmt.Sprintf("%d imports %s: only internal/store touches GORM", fset.Position(im.Pos()).Line, p))
		}
		name := path.Base(p)
		if im.Name != nil {
			name = im.Name.Name
		}
		packages[name] = true
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "DB" {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && packages[x.Name] {
			return true // a package's type DB: sql.DB (gorm's import is reported above)
		}
		out = append(out, fmt.Sprintf("%d reaches a store handle's GORM DB (.DB): use a store method, or in a test the store's …ForTest helpers", fset.Position(sel.Pos()).Line))
		return true
	})
	return out
}

// gormExports returns the exported fields, functions and methods of f
// whose types name gorm.
func gormExports(fset *token.FileSet, f *ast.File) []string {
	var out []string
	namesGorm := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "gorm" {
					found = true
				}
			}
			return !found
		})
		return found
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && namesGorm(d.Type) {
				out = append(out, fmt.Sprintf("%d %s hands out a gorm type", fset.Position(d.Pos()).Line, d.Name.Name))
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok || !ts.Name.IsExported() {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					if namesGorm(ts.Type) {
						out = append(out, fmt.Sprintf("%d %s is a gorm type", fset.Position(ts.Pos()).Line, ts.Name.Name))
					}
					continue
				}
				for _, field := range st.Fields.List {
					exported := len(field.Names) == 0 // embedded: promoted
					for _, n := range field.Names {
						exported = exported || n.IsExported()
					}
					if exported && namesGorm(field.Type) {
						out = append(out, fmt.Sprintf("%d %s has an exported gorm field", fset.Position(field.Pos()).Line, ts.Name.Name))
					}
				}
			}
		}
	}
	return out
}

func imports(t *testing.T, name string) []string {
	var out []string
	for _, im := range parse(t, token.NewFileSet(), name, parser.ImportsOnly).Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		out = append(out, p)
	}
	return out
}

func parse(t *testing.T, fset *token.FileSet, path string, mode parser.Mode) *ast.File {
	t.Helper()
	f, err := parser.ParseFile(fset, path, nil, mode)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// moduleRoot is the folder of go.mod above the test's folder.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}
