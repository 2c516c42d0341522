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

// Backup writes a consistent copy of the live book to path (of a team
// book, a personal book with what the signed-in person sees; see
// copyTeamBook): SQLite's VACUUM INTO makes it from one snapshot (other processes may go on
// writing) under a temporary name in path's folder, the copy must pass
// PRAGMA quick_check, and only then is it made private (0600), synced and
// put in place, so that path never holds half a copy. A SQLite book that
// fails PRAGMA integrity_check is not copied (ErrDamaged): VACUUM INTO
// would rebuild its indexes and make the copy look healthy. The copy gets
// a book id of its own (renewIdentity), is not in WAL mode, and nothing
// but it is left in path's folder; path must not be a symbolic link. An existing path is
// refused (ErrAlreadyExist) unless force is set, also one that appears
// while the copy is made: without force the copy is put in place by a
// step that fails if path exists (place), not by a rename over it.
func (s *Store) Backup(ctx context.Context, path string, force bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if err := s.checkBackupTarget(path, abs, force); err != nil {
		return err
	}
	dir := filepath.Dir(abs)
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
	if err := s.copyBook(ctx, tmp, path); err != nil {
		return err
	}
	if err := sealBackup(ctx, tmp); err != nil {
		return err
	}
	if err := placeBackup(tmp, abs, path, force); err != nil {
		return err
	}
	done = true
	os.Remove(tmp) // after a link, the copy's second name; after a rename, gone already
	if d, err := os.Open(dir); err == nil {
		d.Sync() // the new name survives a crash
		d.Close()
	}
	return nil
}

// checkBackupTarget refuses a backup to the book itself, through a
// link, over a folder, over a file without force, or into a folder that
// does not exist.
func (s *Store) checkBackupTarget(path, abs string, force bool) error {
	if live, err := filepath.Abs(s.path); err == nil && sameFile(live, abs) {
		return invalid(fmt.Errorf("%s is the book itself; back it up to another file", path))
	}
	if err := RefuseLink(abs); err != nil {
		return err
	}
	switch info, err := os.Stat(abs); {
	case err == nil && info.IsDir():
		return invalid(fmt.Errorf("%s is a folder; give the name of the backup file", path))
	case err == nil && !force:
		return remedy(&kindError{ErrAlreadyExist, path + " exists"}, RemedyForce)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("backup: %w", err)
	}
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return invalid(fmt.Errorf("the folder %s does not exist; create it first", dir))
	}
	return nil
}

// copyBook copies the book into the empty SQLite file tmp: a team book
// row by row, a personal one, checked first, by VACUUM INTO with an
// identity of its own.
func (s *Store) copyBook(ctx context.Context, tmp, path string) error {
	if s.db.d == dialectPostgres {
		return s.copyTeamBook(ctx, tmp)
	}
	// VACUUM INTO rebuilds the indexes, so the copy of a damaged
	// book may look healthy: the book itself is checked first.
	if problems, err := runIntegrity(ctx, s.db, "integrity_check"); err != nil {
		return fmt.Errorf("backup: %w", sqliteError(s.path, err))
	} else if len(problems) > 0 {
		return remedy(damaged(s.path, problems, "no backup was written"), RemedyCheckBackup)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("backup: copy the book: %w", sqliteError(s.path, err))
	}
	if err := renewIdentity(ctx, tmp); err != nil {
		return fmt.Errorf("backup: %w", sqliteError(path, err))
	}
	return nil
}

// sealBackup checks the copy tmp and makes it private and durable.
func sealBackup(ctx context.Context, tmp string) error {
	err := quickCheck(ctx, tmp)
	os.Remove(tmp + "-wal") // a check of a copy in WAL mode leaves them
	os.Remove(tmp + "-shm")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// placeBackup gives the copy tmp its name abs: over an existing file
// only with force.
func placeBackup(tmp, abs, path string, force bool) error {
	backupPlacing(abs)
	var err error
	if force {
		err = os.Rename(tmp, abs)
	} else {
		err = place(tmp, abs)
	}
	if errors.Is(err, fs.ErrExist) && !force {
		return remedy(&kindError{ErrAlreadyExist, path + " exists"}, RemedyForce)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// backupPlacing is called just before the copy is put in place; tests
// use it to create the target in the meantime.
var backupPlacing = func(path string) {}

// linkFile is os.Link; tests replace it to play a file system without
// hard links.
var linkFile = os.Link

// place gives the finished copy tmp the name path unless path exists
// (fs.ErrExist), in one step that another process cannot slip a file
// into: a hard link, after which Backup removes the temporary name. A
// file system without hard links (FAT on a USB stick) gets an empty path
// created exclusively, then the rename over it; a failed rename removes
// that empty file again.
func place(tmp, path string) error {
	err := linkFile(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// renewIdentity gives the copy at path an id of its own (book_identity):
// restored over the book while the book's WAL stays beside it, it is
// told apart from that WAL (sqlite_wal.go).
func renewIdentity(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path}).String())
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "UPDATE book_identity SET id = lower(hex(randomblob(16)))"); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "PRAGMA journal_mode = DELETE"); err != nil {
		return err
	}
	return db.Close()
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
		return remedy(&kindError{ErrDamaged, fmt.Sprintf("backup: the copy fails its integrity check (%s); the book itself may be damaged", strings.Join(problems, "; "))}, RemedyCheckCopy)
	}
	return nil
}

// damaged is ErrDamaged for the book at path, naming the first problems
// a check found.
func damaged(path string, problems []string, what string) error {
	list := problems
	if len(list) > 3 {
		list = append(list[:3:3], fmt.Sprintf("… %d problems in all", len(problems)))
	}
	return &kindError{ErrDamaged, collapseSpace(fmt.Sprintf("%s is damaged (%s); %s", path, strings.Join(list, "; "), what))}
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
