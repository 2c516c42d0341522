package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

//go:embed migrations/postgres/*.sql
var pgMigrations embed.FS

// latestPostgres is the newest team schema this build knows.
var latestPostgres = sync.OnceValue(func() int64 {
	return newestMigration(pgMigrations, "migrations/postgres/*.sql")
})

// ErrConnection marks trouble reaching a team book's server: down,
// unreachable, refused credentials, a connection lost mid-session.
var ErrConnection = errors.New("cannot reach the team database")

// IsTeamURL reports whether a --db value names a team book on
// PostgreSQL rather than a SQLite file.
func IsTeamURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

func openPostgres(ctx context.Context, url string, opts Options, init bool) (*Store, error) {
	cfg, err := pgx.ParseConfig(url) // PGHOST, PGUSER, PGPASSWORD, … fill what the URL leaves out
	if err != nil {
		return nil, invalid(fmt.Errorf("the database URL: %s", collapseSpace(err.Error())))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	// A member who holds a table locked from psql must not hang everyone
	// else's writes: after lockTimeout they fail with one line instead.
	if _, set := cfg.RuntimeParams["lock_timeout"]; !set {
		cfg.RuntimeParams["lock_timeout"] = lockTimeout
	}
	where := fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
	// Every new connection the pool makes, at any time in a session, says
	// what went wrong in one line: the server down, a refused password.
	db := sql.OpenDB(friendlyConnector{stdlib.GetConnector(*cfg), where, cfg.User})
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: &sqlDB{DB: db, d: dialectPostgres}, path: where, now: opts.Now, zones: zonesOr(opts.ZoneOf), team: teamState{everyone: opts.Everyone}}
	if err := s.openTeam(ctx, init); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) openTeam(ctx context.Context, init bool) error {
	if err := s.db.PingContext(ctx); err != nil {
		return s.connError(err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT current_user::text").Scan(&s.team.role); err != nil {
		return s.connError(err)
	}
	version, err := s.teamVersion(ctx)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42501" {
		return s.notMember()
	}
	if err != nil {
		return s.connError(fmt.Errorf("read the schema version: %w", err))
	}
	switch {
	case version > latestPostgres():
		return remedy(fmt.Errorf("%s: %w (schema %d, this one knows up to %d)", s.path, ErrNewerSchema, version, latestPostgres()), RemedyUpgrade)
	case version == 0 && !init:
		return remedy(&kindError{ErrNotRotateDB, s.path + " is not a rotate team book yet"}, RemedyTeamInit)
	case version < latestPostgres():
		if !init {
			return remedy(errors.New(s.path+" was made by an older rotate"), RemedyTeamUpgrade)
		}
		sub, err := fs.Sub(pgMigrations, "migrations/postgres")
		if err != nil {
			return err
		}
		p, err := goose.NewProvider(goose.DialectPostgres, s.db.DB, sub)
		if err != nil {
			return fmt.Errorf("migrations: %w", err)
		}
		if _, err := p.Up(ctx); err != nil {
			return s.connError(fmt.Errorf("%s: set up the schema: %w", s.path, err))
		}
	}
	if init {
		if err := s.claimBook(ctx); err != nil {
			return err
		}
	}
	_, kind, err := s.WhoNow(ctx)
	if err == nil && kind == "" {
		return s.notMember()
	}
	return err
}

// friendlyConnector is the pgx connector with connError's messages.
type friendlyConnector struct {
	driver.Connector
	where string
	user  string
}

func (c friendlyConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42501" {
		// A team book's database lets in its members only (CONNECT).
		return nil, notMemberAt(c.where, c.user)
	}
	if err != nil {
		return nil, connErrorAt(c.where, err)
	}
	return conn, nil
}

// connError turns what the PostgreSQL driver reports about the server
// and the connection into one line a person can act on (ErrConnection).
// Other errors, and every error of a SQLite book, pass unchanged.
func (s *Store) connError(err error) error {
	if err == nil {
		return nil
	}
	if s.db.d != dialectPostgres {
		return sqliteError(s.path, err)
	}
	return connErrorAt(s.path, err)
}

// connErrorAt is connError for the team book at where.
func connErrorAt(where string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err // the caller's own doing, not the connection's
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "28P01" || pgErr.Code == "28000":
			return &kindError{ErrConnection, fmt.Sprintf("%s refused the sign-in: %s", where, pgErr.Message)}
		case pgErr.Code == "55P03":
			return &kindError{ErrConnection, fmt.Sprintf("%s: another session holds the book locked (waited %s); nothing was saved, try again", where, lockTimeout)}
		case pgErr.Code == "3D000":
			return &kindError{ErrConnection, fmt.Sprintf("%s: %s; create it first (createdb)", where, pgErr.Message)}
		case pgErr.Code == "42501":
			// Grants (team add), row-level security (not one's contact)
			// or the book's own checks: one sentence naming who may.
			return &kindError{ErrInvalid, refusal(pgErr)}
		case strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P"):
			return &kindError{ErrConnection, fmt.Sprintf("lost the connection to %s (%s); try again", where, pgErr.Message)}
		}
		return err
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connectErr):
		msg := connectErr.Unwrap().Error()
		if errors.Is(err, syscall.ECONNREFUSED) {
			msg = "connection refused; is the server running?"
		}
		return &kindError{ErrConnection, fmt.Sprintf("cannot reach %s: %s", where, collapseSpace(msg))}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, net.ErrClosed), errors.As(err, &netErr),
		pgconn.SafeToRetry(err), errors.Is(err, sql.ErrConnDone):
		return &kindError{ErrConnection, fmt.Sprintf("lost the connection to %s (%s); try again", where, collapseSpace(err.Error()))}
	}
	return err
}

// collapseSpace keeps a driver's message to one line: every run of white
// space becomes one space (its characters are not otherwise changed).
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Connection reports whether the error is ErrConnection: the interface
// tells connection trouble by this method, without importing the store.
func (e *kindError) Connection() bool { return e.kind == ErrConnection }

// lockTimeout is how long a team book's statement waits for a lock held
// by another session before it gives up with one line.
var lockTimeout = "15s"

// retryDeadlock runs a whole transaction again (at most three times) when
// PostgreSQL broke a deadlock by aborting it: two people writing at once
// may lock rows in different orders through the book's triggers, and the
// aborted side changed nothing, so running it again is what they meant.
func (s *Store) retryDeadlock(run func() error) error {
	var err error
	for range 3 {
		err = run()
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || (pgErr.Code != "40P01" && pgErr.Code != "40001") {
			return err
		}
		s.plan.mu.Lock()
		s.plan.invalidate()
		s.plan.mu.Unlock()
	}
	return err
}
