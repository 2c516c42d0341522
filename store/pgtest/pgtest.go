package pgtest

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"rotate/store"
)

// The environment the tests read.
const (
	// EnvServer holds a superuser URL of a throw-away PostgreSQL server.
	EnvServer = "ROTATE_TEST_POSTGRES"
	// EnvBackend is "postgres" in the second pass of Main.
	EnvBackend = "ROTATE_TEST_BACKEND"
	// EnvRequire, when set, fails a suite that cannot reach a server
	// instead of skipping its PostgreSQL pass (.ci/run sets it).
	EnvRequire = "ROTATE_REQUIRE_POSTGRES"
)

// Backends are the backends a book can live on, in the order Main runs
// the tests on them.
var Backends = []string{"sqlite", "postgres"}

// Backend is the backend of this pass: "sqlite" or "postgres".
func Backend() string {
	if os.Getenv(EnvBackend) == "postgres" {
		return "postgres"
	}
	return "sqlite"
}

// Postgres reports whether this pass runs on PostgreSQL.
func Postgres() bool { return Backend() == "postgres" }

// ServerURL is the superuser URL of the test server, or "".
func ServerURL() string { return os.Getenv(EnvServer) }

// Main runs the package's tests once per backend (Backends): m on
// SQLite, then the test binary again with EnvBackend=postgres. Without a
// server the second pass is skipped with a line that says so, or fails
// when EnvRequire is set. Fuzzing and listing run once.
func Main(m interface{ Run() int }) int {
	code := m.Run()
	if Postgres() {
		dropTemplate()
		return code
	}
	if code != 0 || once() {
		return code
	}
	if ServerURL() == "" {
		if os.Getenv(EnvRequire) != "" {
			fmt.Fprintf(os.Stderr, "pgtest: %s is set but %s is not: no PostgreSQL server to test on\n", EnvRequire, EnvServer)
			return 1
		}
		fmt.Printf("pgtest: the PostgreSQL pass was skipped: no server (set %s; .ci/postgres start DIR prints one)\n", EnvServer)
		return 0
	}
	fmt.Println("pgtest: the same tests on PostgreSQL")
	args := os.Args[1:]
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		// Benchmarks measure; on this pass only the ones that compare the
		// backends (BenchmarkBackend*) measure anything new.
		args = append(args, "-test.bench=^BenchmarkBackend")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), EnvBackend+"=postgres")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	return 0
}

// once reports whether this run should not be repeated on the second
// backend: fuzzing (and its workers) and listing tests.
func once() bool {
	for _, name := range []string{"test.fuzz", "test.fuzzworker", "test.list"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" && f.Value.String() != "false" {
			return true
		}
	}
	return false
}

var (
	tplOnce sync.Once
	tplName string
	tplErr  error
	dbSeq   atomic.Int64
)

// admin opens the server's maintenance database as the superuser.
func admin() (*sql.DB, error) {
	return sql.Open("pgx", ServerURL())
}

// WithDatabase is the server URL with another database (and, when user
// is set, another user and password).
func WithDatabase(server, database, user, password string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + database
	if user != "" {
		u.User = url.UserPassword(user, password)
	}
	return u.String()
}

// template makes, once per test process, a database set up by rotate team
// init, which NewDatabase copies.
func template() (string, error) {
	tplOnce.Do(func() {
		tplName = fmt.Sprintf("rotate_tpl_%d", os.Getpid())
		db, err := admin()
		if err != nil {
			tplErr = err
			return
		}
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+tplName+" WITH (FORCE)")
		if _, err := db.ExecContext(ctx, "CREATE DATABASE "+tplName); err != nil {
			tplErr = fmt.Errorf("create the template database: %w", err)
			return
		}
		s, err := store.OpenTeam(ctx, WithDatabase(ServerURL(), tplName, "", ""), store.Options{})
		if err != nil {
			tplErr = fmt.Errorf("set the template up: %w", err)
			return
		}
		s.Close()
	})
	return tplName, tplErr
}

func dropTemplate() {
	if tplName == "" {
		return
	}
	if db, err := admin(); err == nil {
		db.Exec("DROP DATABASE IF EXISTS " + tplName + " WITH (FORCE)")
		db.Close()
	}
}

// NewDatabase creates a fresh team book, set up and owned by the
// superuser, for the test, dropped when it ends; it returns its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	if ServerURL() == "" {
		t.Skipf("no PostgreSQL server: set %s (.ci/postgres start DIR prints one)", EnvServer)
	}
	url, drop, err := CreateDatabase()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(drop)
	return url
}

// CreateDatabase is NewDatabase for callers without a testing.TB (the
// testscript commands): the URL, and how to drop it.
func CreateDatabase() (url string, drop func(), err error) {
	tpl, err := template()
	if err != nil {
		return "", nil, err
	}
	name := fmt.Sprintf("rotate_t%d_%d", os.Getpid(), dbSeq.Add(1))
	db, err := admin()
	if err != nil {
		return "", nil, err
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name + " TEMPLATE " + tpl); err != nil {
		return "", nil, fmt.Errorf("create a database: %w", err)
	}
	drop = func() {
		if db, err := admin(); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	}
	return WithDatabase(ServerURL(), name, "", ""), drop, nil
}

// NewRole creates a login role with a password for the test, dropped
// when it ends (after the test's databases, which hold its grants).
func NewRole(t testing.TB, prefix string) (name, password string) {
	t.Helper()
	name, password, drop, err := CreateRole(prefix)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(drop)
	return name, password
}

// CreateRole is NewRole without a testing.TB: the role, its password and
// how to drop it. Roles belong to the whole server, so the name is made
// unique; one left behind (its grants kept it) goes with the server.
func CreateRole(prefix string) (name, password string, drop func(), err error) {
	name = fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), dbSeq.Add(1))
	password = "pw-" + name
	db, err := admin()
	if err != nil {
		return "", "", nil, err
	}
	defer db.Close()
	if _, err := db.Exec("CREATE ROLE " + pgx.Identifier{name}.Sanitize() + " LOGIN PASSWORD '" + strings.ReplaceAll(password, "'", "''") + "'"); err != nil {
		return "", "", nil, fmt.Errorf("create role: %w", err)
	}
	drop = func() {
		if db, err := admin(); err == nil {
			db.Exec("DROP ROLE IF EXISTS " + pgx.Identifier{name}.Sanitize())
			db.Close()
		}
	}
	return name, password, drop, nil
}
