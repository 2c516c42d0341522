package store_test

import (
	"os"
	"testing"

	"rotate/store/pgtest"
)

// TestMain runs every test of the store on each backend (pgtest.Backends):
// the SQLite file, then a team book on PostgreSQL when a server is given.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// sqliteOnly skips a test of what only a SQLite file has (its bytes on
// disk, its permissions, its journal, VACUUM INTO).
func sqliteOnly(t testing.TB) {
	t.Helper()
	if pgtest.Postgres() {
		t.Skip("a SQLite file's own behaviour; the PostgreSQL server keeps its own files")
	}
}
