package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"rotate/rotation"
)

// copyTeamBook writes a team book into the empty SQLite file at path, as
// a personal book: what Backup does for a team book. It reads one
// snapshot (Export) and writes it in one transaction (Import), so the
// copy is whole or fails. Assignments stay behind: a personal book has
// no team.
func (s *Store) copyTeamBook(ctx context.Context, path string) error {
	book, err := s.Export(ctx)
	if err != nil {
		return fmt.Errorf("backup: read the team book: %w", err)
	}
	for i := range book.Records {
		book.Records[i].Contact.Assignee = ""
	}
	dst, err := Open(ctx, path, Options{Now: s.now, NoSync: true}) // synced as a file after
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer dst.Close()
	if _, err := dst.Import(ctx, book, rotation.DateOf(s.now()), ImportOptions{}); err != nil {
		return fmt.Errorf("backup: write the copy: %w", dst.connError(err))
	}
	// A copy in WAL mode would grow a -wal and -shm beside it at the
	// check that follows (a read-only connection cannot remove them).
	if _, err := dst.db.ExecContext(ctx, "PRAGMA journal_mode = DELETE"); err != nil {
		return fmt.Errorf("backup: write the copy: %w", dst.connError(err))
	}
	return dst.Close()
}

// PushResult sums up a Push: ImportResult's counts, Calls and FollowUps
// being the history copied.
type PushResult struct {
	ImportResult
}

// Push copies the personal book (a SQLite file) at path into this team
// book: every contact with its calls, follow-ups and draft, in one
// transaction, all or nothing. The personal book's settings and streak
// stay behind: they were one person's, the team book has its own. A
// contact the team book has already (same phone, e-mail, or the same
// contact pushed before) gains what it lacks instead of being added
// twice. opts.Assign gives the new contacts to a member.
func (s *Store) Push(ctx context.Context, path string, today rotation.Date, opts ImportOptions) (PushResult, error) {
	if err := s.needTeam(); err != nil {
		return PushResult{}, err
	}
	if IsTeamURL(path) {
		return PushResult{}, invalid(errors.New("push copies a personal book (a SQLite file) into the team book; give the file"))
	}
	switch info, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist):
		return PushResult{}, notFoundf("no book at %s", path)
	case err != nil:
		return PushResult{}, err
	case info.IsDir():
		return PushResult{}, invalid(fmt.Errorf("%s is a folder; give the book's file", path))
	}
	src, err := Open(ctx, path, Options{Now: s.now})
	if err != nil {
		return PushResult{}, err
	}
	book, err := src.Export(ctx)
	src.Close()
	if err != nil {
		return PushResult{}, fmt.Errorf("read %s: %w", path, err)
	}
	// The personal book's settings (workdays, time away, capacity) and
	// streak were one person's: the team book keeps its own.
	book.Settings, book.ClearedDays = nil, nil
	var res PushResult
	res.ImportResult, err = s.Import(ctx, book, today, opts)
	return res, err
}
