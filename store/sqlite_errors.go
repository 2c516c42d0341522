package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"

	"modernc.org/sqlite"
)

// Errors of the machine rather than of the book's content, each told in
// one line that says what to do (errors.Is sees the kind).
var (
	// ErrBusy: another program holds the book's write lock past the
	// busy timeout.
	ErrBusy = errors.New("another program holds the book")
	// ErrDiskFull: SQLITE_FULL, or ENOSPC writing a file.
	ErrDiskFull = errors.New("the disk is full")
	// ErrDamaged: SQLITE_CORRUPT or SQLITE_NOTADB, or a failed check.
	ErrDamaged = errors.New("the book is damaged")
)

// SQLite's primary result codes this file tells apart.
const (
	sqliteBusy    = 5
	sqliteLocked  = 6
	sqliteIOErr   = 10
	sqliteCorrupt = 11
	sqliteFull    = 13
	sqliteNotADB  = 26
)

// Explain turns an error of SQLite or of the file system that says
// "locked", "full" or "damaged" into one line for people, whatever
// command met it; other errors are returned as they are.
func Explain(err error) error { return sqliteError("", err) }

// sqliteError is Explain for the book at path.
func sqliteError(path string, err error) error {
	if err == nil {
		return nil
	}
	var k *kindError
	if errors.As(err, &k) && (k.kind == ErrBusy || k.kind == ErrDiskFull || k.kind == ErrDamaged) {
		return err
	}
	code := 0
	var se *sqlite.Error
	if errors.As(err, &se) {
		code = se.Code() & 0xff
	}
	book := "the book"
	if path != "" {
		book = "the book " + path
	}
	msg := err.Error()
	switch {
	case code == sqliteBusy || code == sqliteLocked:
		return &kindError{ErrBusy, fmt.Sprintf("another program holds %s (%s); close it or wait until it is done, then try again", book, sqliteText(se))}
	case code == sqliteFull || errors.Is(err, syscall.ENOSPC) || (code == sqliteIOErr && diskFull(path)):
		return &kindError{ErrDiskFull, fmt.Sprintf("the disk is full (%s); nothing was written: free some space and try again", collapseSpace(msg))}
	case code == sqliteCorrupt || code == sqliteNotADB ||
		strings.Contains(msg, "database disk image is malformed") ||
		strings.Contains(msg, "malformed database schema") ||
		strings.Contains(msg, "file is not a database") ||
		// The full-text index's own pages, read by the fts5 module.
		strings.Contains(msg, "invalid fts5 file format") || strings.Contains(msg, "fts5: corrupt") ||
		strings.HasSuffix(sqliteText(se), "SQL logic error: parse error"):
		return remedy(&kindError{ErrDamaged, fmt.Sprintf("%s is damaged (%s)", book, collapseSpace(msg))}, RemedyCheck)
	}
	return err
}

// diskFull reports whether the file system holding the book at path has
// no room left: SQLite reports a write that found the disk full as an I/O
// error when it was growing the WAL's shared memory (SQLITE_IOERR_SHMSIZE)
// or writing a page, not always as SQLITE_FULL.
func diskFull(path string) bool {
	if path == "" {
		return false
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return false
	}
	return st.Bavail*uint64(st.Bsize) < 64<<10
}

// sqliteText is SQLite's own words for an error, without the code.
func sqliteText(se *sqlite.Error) string {
	if se == nil {
		return ""
	}
	msg := se.Error()
	if i := strings.LastIndex(msg, " ("); i > 0 {
		msg = msg[:i]
	}
	return msg
}
