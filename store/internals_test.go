package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"testing"

	"github.com/pressly/goose/v3"
)

// SQLDB exposes a store's connection pool to the external tests, which
// check the pragmas each pooled connection runs with.
func SQLDB(s *Store) *sql.DB { return s.db.DB }

// MigrateTo brings the database db up to schema version, as an older
// rotate left it, for tests of what a newer one does on opening it.
func MigrateTo(ctx context.Context, db *sql.DB, version int64) error {
	sub, err := fs.Sub(migrations, "migrations/sqlite")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		return err
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return err
	}
	for _, q := range []string{
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", version),
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// SetBackupHooks replaces, until the test ends, what Backup calls just
// before it puts the copy in place (placing) and the hard link it puts it
// there with (link); nil keeps the real one.
func SetBackupHooks(t testing.TB, placing func(path string), link func(oldname, newname string) error) {
	oldPlacing, oldLink := backupPlacing, linkFile
	t.Cleanup(func() { backupPlacing, linkFile = oldPlacing, oldLink })
	if placing != nil {
		backupPlacing = placing
	}
	if link != nil {
		linkFile = link
	}
}

// RebindPostgres is a statement as the store sends it to PostgreSQL.
func RebindPostgres(q string) string { return dialectPostgres.rebind(q) }

// SetLockTimeout sets how long team books opened from now on wait for a
// lock another session holds, and returns a function that puts it back.
func SetLockTimeout(d string) (restore func()) {
	old := lockTimeout
	lockTimeout = d
	return func() { lockTimeout = old }
}
