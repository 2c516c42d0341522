package store

import (
	"context"
	"database/sql"
)

// stmtCache runs statements in a transaction, preparing each distinct one
// once. A batch (an import of thousands of contacts) would otherwise spend
// half its time parsing the same INSERT again for every row.
type stmtCache struct {
	tx    *txn
	stmts map[string]*sql.Stmt
}

func newStmtCache(tx *txn) *stmtCache { return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, c.tx.d.args(args)...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, c.tx.d.args(args)...)
}

// QueryRowContext prepares like the others; a failed prepare surfaces from
// Scan, as database/sql does.
func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, c.tx.d.args(args)...)
}

// Close releases the prepared statements; the transaction stays open.
func (c *stmtCache) Close() {
	for _, st := range c.stmts {
		st.Close()
	}
}
