package store_test

import (
	"os"
	"testing"

	"thidua/internal/dbtest"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }
