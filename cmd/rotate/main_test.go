package main

import (
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"rotate/store/pgtest"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected files of the testdata/script scenarios")

// TestMain lets the test binary act as the rotate command inside the
// testscript scenarios, and runs every test on each backend
// (pgtest.Backends): the SQLite file, then a team book on PostgreSQL when
// a server is given.
func TestMain(m *testing.M) {
	testscript.Main(bothBackends{m}, map[string]func(){
		"rotate": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Environ())) },
	})
}

type bothBackends struct{ m *testing.M }

func (b bothBackends) Run() int { return pgtest.Main(b.m) }

// TestScripts runs the end-to-end scenarios in testdata/script. Each sets
// ROTATE_DB to a book in $WORK and ROTATE_TODAY to the day it plays.
// go test -run TestScripts -update rewrites the files they cmp against.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                "testdata/script",
		RequireUniqueNames: true,
		UpdateScripts:      *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("TZ", "UTC")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
			"usebook":  cmdUseBook,
			"pgrole":   cmdPGRole,
			"rawsql":   cmdRawSQL,
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "postgres", "sqlite":
				return pgtest.Backend() == cond, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// cmdExitCode is `exitcode N rotate ARGS...`: it runs the command, fails
// unless it exits with code N, and for a non-zero N also unless stderr is
// exactly one non-empty line, as docs/CLI.md promises for every error. stdout
// and stderr stay available to the next commands.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with code %d, want %d", args[1], got, want)
	}
	if want == 0 {
		return
	}
	stderr := strings.TrimSuffix(ts.ReadFile("stderr"), "\n")
	if strings.TrimSpace(stderr) == "" || strings.Contains(stderr, "\n") {
		ts.Fatalf("stderr should be one line, got:\n%s", stderr)
	}
}

// cmdUseBook is `usebook NAME`: ROTATE_DB names the book NAME of the
// scenario, on the backend under test: $WORK/NAME.db, or a database of
// its own on the PostgreSQL server (the same one each time NAME comes
// back), dropped when the scenario ends. $BOOK is set to it as well.
func cmdUseBook(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: usebook NAME")
	}
	loc := ts.MkAbs(args[0] + ".db")
	if pgtest.Postgres() {
		key := "PGBOOK_" + args[0]
		if loc = ts.Getenv(key); loc == "" {
			url, drop, err := pgtest.CreateDatabase()
			if err != nil {
				ts.Fatalf("usebook: %v", err)
			}
			ts.Defer(drop)
			loc = url
			ts.Setenv(key, loc)
		}
	}
	ts.Setenv("ROTATE_DB", loc)
	ts.Setenv("BOOK", loc)
}

// cmdPGRole is `pgrole NAME` on a team book (after usebook): it creates
// a PostgreSQL login role for the scenario and sets $NAME to its name,
// $NAME_URL to the current book signed in as it, and $NAME_HOSTURL and
// $NAME_PW to the book's URL without user and password and the password,
// for libpq's variables (PGUSER, PGPASSWORD).
func cmdPGRole(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 || !pgtest.Postgres() {
		ts.Fatalf("usage: pgrole NAME, on the PostgreSQL pass after usebook")
	}
	role, pw, drop, err := pgtest.CreateRole(strings.ToLower(args[0]))
	if err != nil {
		ts.Fatalf("pgrole: %v", err)
	}
	ts.Defer(drop)
	u, err := url.Parse(ts.Getenv("BOOK"))
	if err != nil {
		ts.Fatalf("pgrole: %v", err)
	}
	u.User = nil
	ts.Setenv(args[0]+"_HOSTURL", u.String())
	u.User = url.UserPassword(role, pw)
	ts.Setenv(args[0], role)
	ts.Setenv(args[0]+"_PW", pw)
	ts.Setenv(args[0]+"_URL", u.String())
}

// cmdRawSQL is `rawsql SQL [ARG...]` (after usebook): it runs one
// statement on the book directly, as an older rotate or psql could have,
// with ? placeholders. An ARG in double quotes is read as a Go string
// ("Eve\x1b[2J"), so that scenarios can store what rotate itself would
// clean.
func cmdRawSQL(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: rawsql SQL [ARG...]")
	}
	query := args[0]
	var params []any
	for i, a := range args[1:] {
		if strings.HasPrefix(a, `"`) {
			u, err := strconv.Unquote(a)
			if err != nil {
				ts.Fatalf("rawsql: %s: %v", a, err)
			}
			a = u
		}
		params = append(params, a)
		if pgtest.Postgres() {
			query = strings.Replace(query, "?", "$"+strconv.Itoa(i+1), 1)
		}
	}
	driver := "sqlite"
	if pgtest.Postgres() {
		driver = "pgx"
	}
	db, err := sql.Open(driver, ts.Getenv("BOOK"))
	if err != nil {
		ts.Fatalf("rawsql: %v", err)
	}
	defer db.Close()
	if _, err := db.Exec(query, params...); err != nil {
		ts.Fatalf("rawsql: %v", err)
	}
}

// sqliteOnly skips, on the PostgreSQL pass, a test of what only a SQLite
// book does (its file, its locks, no network at all), which the first
// pass has run already.
func sqliteOnly(t *testing.T) {
	t.Helper()
	if pgtest.Postgres() {
		t.Skip("about the SQLite file; run in the SQLite pass")
	}
}

// testBook is where a test's book lives on the backend under test: a
// file in a temporary folder, or a team book on the PostgreSQL server.
func testBook(t *testing.T) string {
	t.Helper()
	if pgtest.Postgres() {
		return pgtest.NewDatabase(t)
	}
	return filepath.Join(t.TempDir(), "book.db")
}
