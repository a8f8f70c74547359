package web_test

import (
	"os"
	"testing"

	"thidua/internal/dbtest"
)

// TestMain drops the package's template database when the tests end.
func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }
