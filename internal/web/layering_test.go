package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
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

// gormHandle is store.Q's GORM handle: still exported for tests and the
// exempt packages, so the test refuses reaching it anywhere else (without
// importing gorm, q.DB.Where(…).Find(…) would otherwise pass).
const gormHandle = "DB"

// TestSQLOnlyInStore: the store is the one package that knows the schema.
// Outside it no code imports GORM, pgx or database/sql, sends SQL or
// reaches the store's GORM handle;
// except cmd/ (opening and migrating the database; thidua-load's bare
// server, hand-written SQL by design, the baseline the app is measured
// against) and internal/dbtest (creating and dropping test databases).
// Test files are free.
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
			if strings.HasPrefix(p, "gorm.io/") || strings.HasPrefix(p, "github.com/jackc/pgx") || p == "database/sql" {
				t.Errorf("%s imports %s: only internal/store talks to the database", rel, p)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sqlCalls[sel.Sel.Name] {
					t.Errorf("%s:%d sends SQL (%s): move it into a store method", rel, fset.Position(call.Pos()).Line, sel.Sel.Name)
				}
			}
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == gormHandle {
				t.Errorf("%s:%d reaches the store's GORM handle (.%s): move the query into a store method", rel, fset.Position(sel.Pos()).Line, gormHandle)
			}
			return true
		})
	}
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
