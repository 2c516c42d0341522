package tui

import (
	"os"
	"testing"

	"rotate/store/pgtest"
)

// TestMain runs the interface's tests on each backend (pgtest.Backends):
// on a SQLite book, then on a team book on PostgreSQL when a server is
// given, so that the whole interface is shown to behave the same on both.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
