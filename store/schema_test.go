package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"rotate/store"
	"rotate/store/pgtest"
)

// The two schemas are kept by hand: store/migrations/sqlite and
// store/migrations/postgres. TestSchemasMatch opens a fresh book on each
// backend and compares the tables and columns they end with, so a
// migration written for one backend only fails here.
//
// These are the differences on purpose, each with its reason. Anything
// else that differs is a forgotten migration.
var (
	// sqliteOnlyTables are tables only a SQLite book has.
	sqliteOnlyTables = map[string]string{
		"calls_fts":       "full-text search: an FTS5 table on SQLite, a tsvector expression index on PostgreSQL",
		"followups_fts":   "full-text search: an FTS5 table on SQLite, a tsvector expression index on PostgreSQL",
		"book_identity":   "the book's random id, which tells its WAL from another book's (sqlite_wal.go), and the day of the background quick check: a SQLite file's own safety; the PostgreSQL server keeps its own files",
		"sqlite_sequence": "SQLite's own AUTOINCREMENT counters; PostgreSQL uses identity columns",
	}
	// postgresOnlyTables are tables only a team book has.
	postgresOnlyTables = map[string]string{
		"team_members":    "the members of a practice and their kind (owner or assistant): a personal book has one person",
		"removed_calls":   "the contact each deleted or undone call was on, for the row-level security policy that lets a member read that call's history (a policy may not read its own table); a personal book has no policies",
		"rotate_rights":   "what each kind of member may do on each table, for the grants: a personal book has no roles",
		"possible_twins":  "contacts an assistant added that share a phone or e-mail with one they cannot see, flagged for the owners to merge: in a personal book one sees every contact, and adding a duplicate is refused outright",
		"removed_phones":  "numbers taken off a contact, so that a push or import of the same contact does not bring them back: a team book's pushes are by several people; a personal book's re-import is the one person's own doing",
		"reach_lost":      "the contacts that left a member's reach, so that a draft they kept locally can still be handed to whoever holds the contact: a personal book has one person, who never loses one",
		"forget_requests": "forget on a team book is asked by inserting a row here: triggers check the owner and erase as the tables' owner, and the row is never stored",
	}
	// onlyOn are columns one backend has and the other has not, as
	// "table.column": "backend: reason".
	onlyOn = map[string]string{
		"calls.search":         "postgres: the tsvector of the note, a generated column the GIN index searches (SQLite: calls_fts)",
		"followups.search":     "postgres: the tsvector of the text, a generated column the GIN index searches (SQLite: followups_fts)",
		"drafts.author":        "postgres: each member has their own draft of a contact; a personal book has one person",
		"cleared_days.who":     "postgres: each member has their own streak; a personal book has one person",
		"plan_groups.assignee": "postgres: the leveler's day counts are kept per member, whose lists are levelled apart",
	}
)

// ignoredTable reports tables that are no part of the book's schema:
// goose's version table, and the shadow tables of SQLite's FTS5 tables.
func ignoredTable(name string) bool {
	if name == "goose_db_version" {
		return true
	}
	for _, fts := range []string{"calls_fts_", "followups_fts_"} {
		if strings.HasPrefix(name, fts) {
			return true
		}
	}
	return false
}

func TestSchemasMatch(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("compares the SQLite schema with the PostgreSQL one; runs in the PostgreSQL pass")
	}
	ctx := t.Context()
	lite := openAt(t, filepath.Join(t.TempDir(), "rotate.db"), newClock(day0))
	pg := openAt(t, pgtest.NewDatabase(t), newClock(day0))
	liteCols := sqliteColumns(t, ctx, store.SQLDB(lite))
	pgCols := postgresColumns(t, ctx, store.SQLDB(pg))

	for _, name := range sortedKeys(liteCols) {
		if _, ok := pgCols[name]; !ok && sqliteOnlyTables[name] == "" {
			t.Errorf("table %s is in the SQLite schema only: add it to store/migrations/postgres (or list it in sqliteOnlyTables with the reason)", name)
		}
	}
	for _, name := range sortedKeys(pgCols) {
		if _, ok := liteCols[name]; !ok && postgresOnlyTables[name] == "" {
			t.Errorf("table %s is in the PostgreSQL schema only: add it to store/migrations/sqlite (or list it in postgresOnlyTables with the reason)", name)
		}
	}
	for name, reason := range sqliteOnlyTables {
		if _, ok := liteCols[name]; !ok {
			t.Errorf("sqliteOnlyTables lists %s (%s), which the SQLite schema does not have", name, reason)
		}
		if _, ok := pgCols[name]; ok {
			t.Errorf("sqliteOnlyTables lists %s, which the PostgreSQL schema has too", name)
		}
	}
	for name, reason := range postgresOnlyTables {
		if _, ok := pgCols[name]; !ok {
			t.Errorf("postgresOnlyTables lists %s (%s), which the PostgreSQL schema does not have", name, reason)
		}
		if _, ok := liteCols[name]; ok {
			t.Errorf("postgresOnlyTables lists %s, which the SQLite schema has too", name)
		}
	}
	for _, name := range sortedKeys(liteCols) {
		pc, ok := pgCols[name]
		if !ok {
			continue
		}
		lc := liteCols[name]
		for _, col := range lc {
			if !slices.Contains(pc, col) && onlyOn[name+"."+col] == "" {
				t.Errorf("column %s.%s is in the SQLite schema only: add it to store/migrations/postgres", name, col)
			}
		}
		for _, col := range pc {
			if !slices.Contains(lc, col) && onlyOn[name+"."+col] == "" {
				t.Errorf("column %s.%s is in the PostgreSQL schema only: add it to store/migrations/sqlite", name, col)
			}
		}
	}
	for key, reason := range onlyOn {
		table, col, _ := strings.Cut(key, ".")
		inLite, inPG := slices.Contains(liteCols[table], col), slices.Contains(pgCols[table], col)
		if inLite == inPG {
			t.Errorf("onlyOn lists %s (%s), which is on both backends or on neither", key, reason)
		}
	}
}

// sqliteColumns lists every table of a SQLite book with its columns.
func sqliteColumns(t *testing.T, ctx context.Context, db *sql.DB) map[string][]string {
	t.Helper()
	tables := queryStrings(t, ctx, db, "SELECT name FROM sqlite_master WHERE type = 'table'")
	out := map[string][]string{}
	for _, name := range tables {
		if ignoredTable(name) {
			continue
		}
		out[name] = queryStrings(t, ctx, db, fmt.Sprintf("SELECT name FROM pragma_table_info('%s')", name))
	}
	return out
}

// postgresColumns lists every table of a team book's schema with its
// columns.
func postgresColumns(t *testing.T, ctx context.Context, db *sql.DB) map[string][]string {
	t.Helper()
	rows, err := db.QueryContext(ctx, `SELECT c.table_name, c.column_name
		FROM information_schema.columns c
		JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatalf("read the PostgreSQL schema: %v", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		if !ignoredTable(table) {
			out[table] = append(out[table], col)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func queryStrings(t *testing.T, ctx context.Context, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
