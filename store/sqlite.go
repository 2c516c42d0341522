package store

import (
	"bytes"
	"context"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/sqlite/*.sql
var migrations embed.FS

// applicationID marks a SQLite file as a rotate book ("ROTA").
const applicationID = 0x524F5441

// prepareFile refuses files that are not rotate books before SQLite may
// touch them, and creates a missing file with private permissions.
func prepareFile(path string) error {
	if err := refuseLinks(path); err != nil {
		return err
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(path)
		if err := MkdirPrivate(dir); err != nil {
			return fmt.Errorf("create the folder for %s: %w", path, err)
		}
		f, err := CreatePrivate(path)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create %s: %w", path, err)
		}
		if f != nil {
			f.Close()
		}
		return RefuseLink(path) // one made meanwhile
	case err != nil:
		return fmt.Errorf("open %s: %w", path, err)
	case info.IsDir():
		return fmt.Errorf("%s is a folder, not a rotate database", path)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file, not a rotate database", path)
	case info.Mode().Perm()&0o200 == 0:
		// Checked by the mode bits, not by trying: root could write anyway,
		// and a user who made the book read-only meant it.
		return &kindError{ErrReadOnly, fmt.Sprintf("%s is read-only; make it writable (chmod u+w) to use it", path)}
	}
	if dir, err := os.Stat(filepath.Dir(path)); err == nil && dir.Mode().Perm()&0o200 == 0 {
		return &kindError{ErrReadOnly, fmt.Sprintf("the folder %s is read-only; SQLite keeps its journal beside the book, so the folder must be writable", filepath.Dir(path))}
	}
	if info.Size() == 0 {
		return nil
	}
	f, err := openNoFollow(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var header [100]byte
	if _, err := io.ReadFull(f, header[:]); err != nil || !bytes.HasPrefix(header[:], []byte("SQLite format 3\x00")) {
		return remedy(fmt.Errorf("%s: %w (it is not a SQLite file)", path, ErrNotRotateDB), RemedyOtherBook)
	}
	appID := binary.BigEndian.Uint32(header[68:72])
	version := int64(binary.BigEndian.Uint32(header[60:64]))
	switch {
	case appID == applicationID && version > latestVersion():
		return remedy(fmt.Errorf("%s: %w (schema %d, this one knows up to %d)", path, ErrNewerSchema, version, latestVersion()), RemedyUpgrade)
	case appID == applicationID:
		return nil
	case appID == 0 && fileExists(path+"-wal"):
		// Possibly a fresh book whose header still sits in the WAL; the
		// migration step checks again through SQLite.
		return nil
	}
	return remedy(fmt.Errorf("%s: %w (a SQLite file of another program)", path, ErrNotRotateDB), RemedyOtherBook)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// latestVersion is the newest schema version this build knows: the
// highest number of the migrations embedded.
var latestVersion = sync.OnceValue(func() int64 {
	return newestMigration(migrations, "migrations/sqlite/*.sql")
})

func (s *Store) migrate(ctx context.Context) error {
	var appID, version int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return s.openError(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return s.openError(err)
	}
	if appID != applicationID {
		var tables int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return s.openError(err)
		}
		if tables > 0 {
			return remedy(fmt.Errorf("%s: %w (a SQLite file of another program)", s.path, ErrNotRotateDB), RemedyOtherBook)
		}
		// An empty file becomes a rotate book before its first table:
		// creation stopped halfway (a full disk) is then finished at the
		// next open, where marking it only at the end left a file of
		// tables that read as another program's for ever.
		if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return s.openError(err)
		}
	}
	if version > latestVersion() {
		return remedy(fmt.Errorf("%s: %w (schema %d, this one knows up to %d)", s.path, ErrNewerSchema, version, latestVersion()), RemedyUpgrade)
	}
	if version == latestVersion() && appID == applicationID {
		return nil
	}
	sub, err := fs.Sub(migrations, "migrations/sqlite")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, s.db.DB, sub)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		if e := sqliteError(s.path, err); e != err {
			return e
		}
		return fmt.Errorf("%s: upgrade the schema: %w", s.path, err)
	}
	stmts := []string{
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", latestVersion()),
		"PRAGMA wal_checkpoint(TRUNCATE)",
	}
	for _, q := range stmts {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return s.openError(err)
		}
	}
	return nil
}

func (s *Store) openError(err error) error {
	if e := sqliteError(s.path, err); e != err {
		return e
	}
	return fmt.Errorf("%s: cannot read the database: %w", s.path, err)
}
