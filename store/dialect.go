package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// dialect is the SQL backend a book lives on. Every statement is written
// once, with ? placeholders, in the SQL both understand; the few that
// cannot be (full-text search, JSON lists, snapshots, the schema) ask the
// dialect which to run.
type dialect int

const (
	dialectSQLite dialect = iota
	dialectPostgres
)

func (d dialect) String() string {
	if d == dialectPostgres {
		return "postgres"
	}
	return "sqlite"
}

// rebinds caches the PostgreSQL spelling of each statement: a book runs a
// few dozen distinct ones, many thousands of times.
var rebinds sync.Map // string -> string

// rebind writes a statement for the dialect: for PostgreSQL the ?
// placeholders become $1, $2, … (outside quotes and comments).
func (d dialect) rebind(q string) string {
	if d != dialectPostgres || !strings.Contains(q, "?") {
		return q
	}
	if r, ok := rebinds.Load(q); ok {
		return r.(string)
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(q[i+1:], c)
			if j < 0 {
				b.WriteString(q[i:])
				i = len(q)
				continue
			}
			b.WriteString(q[i : i+j+2])
			i += j + 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	r := b.String()
	rebinds.Store(q, r)
	return r
}

// args adapts a statement's arguments to the dialect. PostgreSQL text
// holds neither NUL nor invalid UTF-8, which SQLite keeps as given: such
// text (pasted binary, a broken terminal) is stored with U+FFFD in their
// place rather than refused, so a note is never lost over a stray byte.
func (d dialect) args(args []any) []any {
	if d != dialectPostgres {
		return args
	}
	cloned := false // the caller's slice stays as it was
	for i, a := range args {
		if s, ok := a.(string); ok && (!utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0) {
			if !cloned {
				args, cloned = slices.Clone(args), true
			}
			args[i] = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
		}
	}
	return args
}

// own is Store.own for the dialect: on PostgreSQL the condition that
// col is the signed-in role, on SQLite (one person) nothing.
func (d dialect) own(col string) string {
	if d != dialectPostgres {
		return ""
	}
	return " AND " + col + " = current_user"
}

// sqlDB is the book's connection pool, speaking the book's dialect.
type sqlDB struct {
	*sql.DB
	d dialect
}

func (db *sqlDB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.DB.ExecContext(ctx, db.d.rebind(q), db.d.args(args)...)
}

func (db *sqlDB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.DB.QueryContext(ctx, db.d.rebind(q), db.d.args(args)...)
}

func (db *sqlDB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return db.DB.QueryRowContext(ctx, db.d.rebind(q), db.d.args(args)...)
}

// BeginTx starts a transaction in the book's dialect.
func (db *sqlDB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*txn, error) {
	tx, err := db.DB.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &txn{Tx: tx, d: db.d}, nil
}

// Conn reserves one connection of the pool.
func (db *sqlDB) Conn(ctx context.Context) (*sqlConn, error) {
	c, err := db.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &sqlConn{Conn: c, d: db.d}, nil
}

// txn is a transaction speaking the book's dialect.
type txn struct {
	*sql.Tx
	d dialect
}

func (tx *txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.Tx.ExecContext(ctx, tx.d.rebind(q), tx.d.args(args)...)
}

func (tx *txn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.Tx.QueryContext(ctx, tx.d.rebind(q), tx.d.args(args)...)
}

func (tx *txn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.Tx.QueryRowContext(ctx, tx.d.rebind(q), tx.d.args(args)...)
}

func (tx *txn) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return tx.Tx.PrepareContext(ctx, tx.d.rebind(q))
}

// sqlConn is one connection speaking the book's dialect.
type sqlConn struct {
	*sql.Conn
	d dialect
}

func (c *sqlConn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.Conn.ExecContext(ctx, c.d.rebind(q), c.d.args(args)...)
}

func (c *sqlConn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.Conn.QueryContext(ctx, c.d.rebind(q), c.d.args(args)...)
}

func (c *sqlConn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return c.Conn.QueryRowContext(ctx, c.d.rebind(q), c.d.args(args)...)
}
