package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Backup writes a consistent copy of the live book to path: SQLite's
// VACUUM INTO makes it from one snapshot (other processes may go on
// writing) under a temporary name in path's folder, the copy must pass
// PRAGMA quick_check, and only then is it made private (0600), synced and
// renamed to path, so that path never holds half a copy. An existing path
// is refused (ErrAlreadyExist) unless force is set.
func (s *Store) Backup(ctx context.Context, path string, force bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if live, err := filepath.Abs(s.path); err == nil && sameFile(live, abs) {
		return invalid(fmt.Errorf("%s is the book itself; back it up to another file", path))
	}
	switch info, err := os.Stat(abs); {
	case err == nil && info.IsDir():
		return invalid(fmt.Errorf("%s is a folder; give the name of the backup file", path))
	case err == nil && !force:
		return &kindError{ErrAlreadyExist, fmt.Sprintf("%s exists; use --force to overwrite it", path)}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("backup: %w", err)
	}
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return invalid(fmt.Errorf("the folder %s does not exist; create it first", dir))
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp := f.Name()
	f.Close()
	// VACUUM INTO wants a file that does not exist or is empty; CreateTemp
	// reserved the name.
	done := false
	defer func() {
		if !done {
			os.Remove(tmp)
		}
	}()
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("backup: copy the book: %w", err)
	}
	if err := quickCheck(ctx, tmp); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	done = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // the rename itself survives a crash
		d.Close()
	}
	return nil
}

// quickCheck opens the copy read-only and runs PRAGMA quick_check.
func quickCheck(ctx context.Context, path string) error {
	dsn := (&url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("backup: check the copy: %w", err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("backup: check the copy: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("backup: check the copy: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backup: check the copy: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("backup: the copy fails its integrity check (%s); the book itself may be damaged", strings.Join(problems, "; "))
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}
