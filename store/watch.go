package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// watcher notices commits made by other connections and processes, such
// as a `rotate log` in another terminal while the interface is open.
type watcher struct {
	mu      sync.Mutex
	conn    *sql.Conn
	version int64
}

// Changed reports whether anything was committed to the book since the
// previous call (the first call reports false). It reads SQLite's
// data_version on one connection kept for the purpose, which is cheap
// enough to poll every second or two.
func (s *Store) Changed(ctx context.Context) (bool, error) {
	w := &s.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return false, fmt.Errorf("watch the book: %w", err)
		}
		w.conn = conn
		if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&w.version); err != nil {
			return false, fmt.Errorf("watch the book: %w", err)
		}
		return false, nil
	}
	var v int64
	if err := w.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return false, fmt.Errorf("watch the book: %w", err)
	}
	changed := v != w.version
	w.version = v
	return changed, nil
}

func (w *watcher) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil {
		w.conn.Close()
		w.conn = nil
	}
}
