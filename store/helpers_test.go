package store_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// day0 is the "today" of most tests: Wednesday 4 March 2026.
var day0 = rotation.MustDate("2026-03-04")

// clock is a test clock for store.Options.Now that moves only when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

// newClock starts at 09:00 UTC on day.
func newClock(day rotation.Date) *clock { return &clock{now: day.Time().Add(9 * time.Hour)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// book is a store on a fresh file in the test's temporary folder.
type book struct {
	*store.Store
	path  string
	clock *clock
}

// newBook opens a fresh book whose clock starts on day0; it is closed when
// the test ends.
func newBook(t testing.TB) *book {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rotate.db")
	if pgtest.Postgres() {
		path = pgtest.NewDatabase(t)
	}
	c := newClock(day0)
	return &book{Store: openAt(t, path, c), path: path, clock: c}
}

// openAt opens the book at path on clock c and closes it when the test
// ends (closing twice is harmless).
func openAt(t testing.TB, path string, c *clock) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), path, store.Options{Now: c.Now})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// reopen closes the book and opens its file again.
func (b *book) reopen(t testing.TB) {
	t.Helper()
	if err := b.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	b.Store = openAt(t, b.path, b.clock)
}

// person is an active contact with a tier and an explicit due date (zero
// for none).
func person(name, tier string, due rotation.Date) rotation.Contact {
	return rotation.Contact{Name: name, Tier: tier, Schedule: rotation.Schedule{Due: due}}
}

// mustAdd adds c on day0.
func mustAdd(t testing.TB, s *store.Store, c rotation.Contact) rotation.Contact {
	t.Helper()
	added, err := s.AddContact(t.Context(), c, day0)
	if err != nil {
		t.Fatalf("add %s: %v", c.Name, err)
	}
	return added
}

// mustContact reads a contact back.
func mustContact(t testing.TB, s *store.Store, id int64) rotation.Contact {
	t.Helper()
	c, err := s.Contact(t.Context(), id)
	if err != nil {
		t.Fatalf("contact %d: %v", id, err)
	}
	return c
}

// mustLog logs a call and fails the test on error.
func mustLog(t testing.TB, s *store.Store, e store.LogEntry) store.LogResult {
	t.Helper()
	if e.At.IsZero() {
		e.At = e.Today.Time().Add(10 * time.Hour)
	}
	res, err := s.LogCall(t.Context(), e)
	if err != nil {
		t.Fatalf("log %s for #%d on %s: %v", e.Outcome, e.ContactID, e.Today, err)
	}
	return res
}

// rawDB opens a second, plain connection pool on a book's file, for what
// the store does not offer: triggers that make a write fail, hand edits
// and whole-table dumps.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	if pgtest.Postgres() {
		db, err := sql.Open("pgx", path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// mustExec runs statements on a raw connection, written for SQLite:
// on PostgreSQL the placeholders are rewritten, and the failing triggers
// the tests plant (CREATE TRIGGER boom … RAISE(ABORT, 'boom')) become
// their PostgreSQL equivalent.
func mustExec(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.ExecContext(t.Context(), rawSQL(q)); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// dump prints every row of every table of the book, the search indexes
// own tables included, so that two dumps are equal exactly when nothing
// was written in between.
func dump(t testing.TB, db *sql.DB) string {
	t.Helper()
	ctx := t.Context()
	var tables []string
	tablesQuery := "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	if pgtest.Postgres() {
		tablesQuery = "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
	}
	rows, err := db.QueryContext(ctx, tablesQuery)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, "SELECT * FROM "+table+" LIMIT 0")
		if err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		rows.Close()
		order := make([]string, len(cols))
		for i := range cols {
			order[i] = fmt.Sprint(i + 1)
		}
		rows, err = db.QueryContext(ctx, "SELECT * FROM "+table+" ORDER BY "+strings.Join(order, ", "))
		if err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		fmt.Fprintf(&b, "%s %v\n", table, cols)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "  %#v\n", vals)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// count returns the result of a count(*) query on a raw connection.
func count(t testing.TB, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(t.Context(), rawSQL(query), args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// readFile returns a file's bytes.
func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// names lists the names of contacts, in order.
func names(cs []rotation.Contact) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

var boomTrigger = regexp.MustCompile(`(?s)^CREATE TRIGGER boom BEFORE (.+?) ON (\w+)(?: WHEN (.+?))?\s+BEGIN SELECT RAISE\(ABORT, 'boom'\); END$`)

// rawSQL is a test's SQLite statement for the backend under test.
func rawSQL(q string) string {
	if !pgtest.Postgres() {
		return q
	}
	if q == "DROP TRIGGER boom" {
		return "DROP FUNCTION boom() CASCADE"
	}
	if m := boomTrigger.FindStringSubmatch(q); m != nil {
		cond := "true"
		if m[3] != "" {
			cond = m[3]
		}
		return `CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN IF ` + cond + ` THEN RAISE EXCEPTION 'boom'; END IF; RETURN coalesce(NEW, OLD); END $$;
			CREATE TRIGGER boom BEFORE ` + m[1] + ` ON ` + m[2] + ` FOR EACH ROW EXECUTE FUNCTION boom()`
	}
	return store.RebindPostgres(q)
}
