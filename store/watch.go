package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5/stdlib"
)

// watcher notices commits made by other connections and processes, such
// as a `rotate log` in another terminal, or on a team book the other
// person's calls, while the interface is open.
type watcher struct {
	mu      sync.Mutex
	conn    *sql.Conn
	version int64 // SQLite: the last data_version read

	// PostgreSQL: a connection LISTENing for rotate_changed, counting
	// notifications in the background.
	seen, heard int64
	lost        error // why the listener stopped; it is restarted
	missed      bool  // listening again after a loss: report a change
	stop        context.CancelFunc
	done        chan struct{}
}

// Changed reports whether anything was committed to the book since the
// previous call (the first call reports false). On SQLite it reads
// data_version on one connection kept for the purpose, cheap enough to
// poll every second or two. On PostgreSQL it reports whether a
// notification came (the triggers of the team schema send one for every
// change to calls, contacts and follow-ups); a lost listening connection
// is an error once, then listened again, and reported as a change, since
// notifications may have been missed meanwhile.
func (s *Store) Changed(ctx context.Context) (bool, error) {
	if s.db.d == dialectPostgres {
		return s.changedPostgres(ctx)
	}
	w := &s.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
		conn, err := s.db.DB.Conn(ctx)
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

func (s *Store) changedPostgres(ctx context.Context) (bool, error) {
	w := &s.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.lost != nil {
		err := w.lost
		w.lost, w.conn, w.stop, w.done = nil, nil, nil, nil
		w.missed = true
		return false, s.connError(fmt.Errorf("watch the book: %w", err))
	}
	if w.conn == nil {
		if err := s.listen(ctx); err != nil {
			return false, s.connError(fmt.Errorf("watch the book: %w", err))
		}
		missed := w.missed
		w.missed, w.seen = false, w.heard
		return missed, nil
	}
	changed := w.heard != w.seen
	w.seen = w.heard
	return changed, nil
}

// listen starts the background listener; the caller holds w.mu.
func (s *Store) listen(ctx context.Context) error {
	w := &s.watch
	conn, err := s.db.DB.Conn(ctx)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "LISTEN rotate_changed"); err != nil {
		conn.Close()
		return err
	}
	lctx, stop := context.WithCancel(context.Background())
	w.conn, w.stop, w.done = conn, stop, make(chan struct{})
	go func(done chan struct{}) {
		defer close(done)
		err := conn.Raw(func(dc any) error {
			pc := dc.(*stdlib.Conn).Conn()
			for {
				if _, err := pc.WaitForNotification(lctx); err != nil {
					// The connection is in no state to go back to the pool.
					return errors.Join(err, driver.ErrBadConn)
				}
				w.mu.Lock()
				w.heard++
				w.mu.Unlock()
			}
		})
		if lctx.Err() == nil {
			w.mu.Lock()
			w.lost = err
			w.mu.Unlock()
		}
		conn.Close()
	}(w.done)
	return nil
}

func (w *watcher) close() {
	w.mu.Lock()
	stop, done, conn := w.stop, w.done, w.conn
	w.stop, w.done, w.conn = nil, nil, nil
	w.mu.Unlock()
	if stop != nil {
		stop()
		<-done
		return
	}
	if conn != nil {
		conn.Close()
	}
}
