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
// placeholders become $1, $2, … outside what is text rather than SQL:
// string literals (quotes doubled inside, or E-strings with backslash
// escapes), quoted identifiers, -- and (nested) /* */ comments, and
// dollar-quoted bodies ($$ … $$, $fn$ … $fn$).
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
	for i := 0; i < len(q); {
		if j := skipText(q, i); j > i {
			b.WriteString(q[i:j])
			i = j
			continue
		}
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		} else {
			b.WriteByte(q[i])
		}
		i++
	}
	r := b.String()
	rebinds.Store(q, r)
	return r
}

// skipText returns the end of the literal, quoted identifier, comment or
// dollar-quoted body that starts at q[i], or i when none starts there. One
// left open runs to the end of q.
func skipText(q string, i int) int {
	rest := q[i:]
	switch {
	case rest[0] == '\'' && i > 0 && (q[i-1] == 'E' || q[i-1] == 'e') && (i == 1 || !isIdentByte(q[i-2])):
		// An escape string: a backslash escapes the next byte.
		for j := i + 1; j < len(q); j++ {
			switch q[j] {
			case '\\':
				j++
			case '\'':
				if j+1 < len(q) && q[j+1] == '\'' {
					j++
					continue
				}
				return j + 1
			}
		}
		return len(q)
	case rest[0] == '\'' || rest[0] == '"':
		// A doubled quote inside reads as the end of one quoted text and
		// the start of the next: the same bytes either way.
		if j := strings.IndexByte(rest[1:], rest[0]); j >= 0 {
			return i + j + 2
		}
		return len(q)
	case strings.HasPrefix(rest, "--"):
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			return i + j
		}
		return len(q)
	case strings.HasPrefix(rest, "/*"):
		depth := 0
		for j := i; j+1 < len(q); j++ {
			switch q[j : j+2] {
			case "/*":
				depth++
				j++
			case "*/":
				depth--
				j++
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(q)
	case rest[0] == '$' && (i == 0 || !isIdentByte(q[i-1])):
		tag := dollarTag(rest)
		if tag == "" {
			return i
		}
		if j := strings.Index(rest[len(tag):], tag); j >= 0 {
			return i + len(tag) + j + len(tag)
		}
		return len(q)
	}
	return i
}

// dollarTag is the opening tag of a dollar-quoted body at the start of s
// ("$$" or "$name$"), or "" when s starts with none (a $1 parameter).
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '$':
			return s[:j+1]
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
		case c >= '0' && c <= '9' && j > 1:
		default:
			return ""
		}
	}
	return ""
}

// isIdentByte reports whether c may be part of an SQL identifier.
func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
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
