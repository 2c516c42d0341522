package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Errors callers check with errors.Is.
var (
	ErrNotFound     = errors.New("not found")
	ErrAmbiguous    = errors.New("ambiguous")
	ErrNotRotateDB  = errors.New("not a rotate database")
	ErrNewerSchema  = errors.New("database written by a newer rotate")
	ErrInvalid      = errors.New("invalid")
	ErrAlreadyExist = errors.New("already exists")
	ErrReadOnly     = errors.New("read-only")
	ErrConflict     = errors.New("logged by someone else meanwhile")
)

// AmbiguousError lists the contacts a name could mean.
type AmbiguousError struct {
	Query   string
	Matches []string
}

func (e *AmbiguousError) Error() string {
	list := ""
	for i, m := range e.Matches {
		if i == 8 {
			list += fmt.Sprintf(", … (%d in all)", len(e.Matches))
			break
		}
		if i > 0 {
			list += ", "
		}
		list += m
	}
	return fmt.Sprintf("%q matches several contacts: %s; use more of the name or the id", e.Query, list)
}

// Unwrap makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }

// Store is an open rotate book.
type Store struct {
	db    *sqlDB
	path  string    // the file, or for PostgreSQL the URL without its password
	team  teamState // who is signed in to a team book (postgres.go)
	now   func() time.Time
	watch watcher
	plan  planCache // the load forecast the leveler reads (leveling.go)

	release func() // ends holdBook's count of a SQLite book
}

// Options tune Open.
type Options struct {
	// Now is the clock for record timestamps; time.Now when nil.
	Now func() time.Time
	// NoSync skips the fsync of each commit. Only for throw-away books
	// (the demo, benchmark fixtures): a crash may lose recent commits.
	NoSync bool

	// Everyone, on a team book, lists every contact the person may see
	// (rotate today --all), not only theirs and the unassigned ones.
	Everyone bool
}

// Open opens the book at path, creating it (0600, in a 0700 folder) if it
// does not exist, and brings its schema up to date. A file that is not a
// rotate book, or one written by a newer rotate, is refused untouched.
// A postgres:// or postgresql:// URL opens a team book on PostgreSQL
// instead (see OpenTeam).
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if IsTeamURL(path) {
		return openPostgres(ctx, path, opts, false)
	}
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	sync := "synchronous(FULL)"
	if opts.NoSync {
		sync = "synchronous(OFF)"
	}
	// A relative path would read as the URI's authority ("file://rel.db").
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	release, err := holdBook(ctx, abs)
	if err != nil {
		return nil, sqliteError(path, err)
	}
	dsn := (&url.URL{Scheme: "file", Path: abs, RawQuery: url.Values{
		// secure_delete: what a write frees (an edited name, a deleted
		// call) is zeroed, not left readable in free space, so forget can
		// keep its promise that no byte about a person stays in the file.
		"_pragma": {"busy_timeout(10000)", "foreign_keys(1)", "journal_mode(WAL)", sync, "secure_delete(1)"},
		"_txlock": {"immediate"},
	}.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		release()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: &sqlDB{DB: db}, path: path, now: opts.Now, release: release}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		release()
		return nil, err
	}
	return s, nil
}

// Close closes the book.
func (s *Store) Close() error {
	s.watch.close()
	err := s.db.Close()
	if s.release != nil {
		s.release()
	}
	return err
}

// Path is the file the book lives in.
func (s *Store) Path() string { return s.path }

// newestMigration is the highest version among the goose migration files
// matching pattern (their names start with it: 00008_typed_due.sql).
func newestMigration(fsys fs.FS, pattern string) int64 {
	entries, _ := fs.Glob(fsys, pattern)
	var newest int64
	for _, e := range entries {
		name := path.Base(e)
		if i := strings.IndexByte(name, '_'); i > 0 {
			if v, err := strconv.ParseInt(name[:i], 10, 64); err == nil {
				newest = max(newest, v)
			}
		}
	}
	return newest
}

// querier is what both *sql.DB and *txn offer, so helpers run inside or
// outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// withTx runs fn in one immediate write transaction, committed if fn
// returns nil and rolled back otherwise.
func (s *Store) withTx(ctx context.Context, fn func(tx *txn) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if errors.Is(err, ErrConnection) {
		return err // says it all
	}
	if err != nil {
		return s.connError(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	var before int64
	sqlite := s.db.d == dialectSQLite
	if sqlite {
		if err := tx.QueryRowContext(ctx, "SELECT total_changes()").Scan(&before); err != nil {
			return s.connError(err)
		}
	}
	if err := fn(tx); err != nil {
		return s.connError(err)
	}
	if sqlite {
		if err := stampIdentity(ctx, tx, before); err != nil {
			return s.connError(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return s.connError(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// stampIdentity rewrites the book's id row (a changed value: SQLite
// skips rewriting a row that stays the same) in a transaction that wrote
// something (total_changes moved past before): every transaction rotate
// commits then carries the book's identity page in the WAL, which is how
// checkWAL tells the book's WAL from another's.
func stampIdentity(ctx context.Context, tx *txn, before int64) error {
	var after int64
	if err := tx.QueryRowContext(ctx, "SELECT total_changes()").Scan(&after); err != nil {
		return err
	}
	if after == before {
		return nil
	}
	_, err := tx.ExecContext(ctx, "UPDATE book_identity SET commits = commits + 1")
	return err
}

// stamp formats a timestamp for storage.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseStamp reads a stored timestamp; "" is the zero time.
func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// kindError carries a message for people and a named error for code: its
// text is the message alone, and errors.Is sees the kind.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// notFoundf is an ErrNotFound with a readable message.
func notFoundf(format string, args ...any) error {
	return &kindError{ErrNotFound, fmt.Sprintf(format, args...)}
}

// invalid marks err as bad input (ErrInvalid), keeping err's text and
// whatever err wraps.
func invalid(err error) error {
	return &invalidError{err}
}

type invalidError struct{ err error }

func (e *invalidError) Error() string   { return e.err.Error() }
func (e *invalidError) Unwrap() []error { return []error{ErrInvalid, e.err} }
