package store

import (
	"context"
	"fmt"

	"rotate/rotation"
)

// CheckReport is what Check found.
type CheckReport struct {
	Book     string   `json:"book"`
	Backend  string   `json:"backend"`        // sqlite or postgres
	Checks   []string `json:"checks"`         // what was checked
	Problems []string `json:"problems"`       // empty when healthy
	Note     string   `json:"note,omitempty"` // what could not be checked
}

// Healthy reports whether the check found nothing wrong.
func (r CheckReport) Healthy() bool { return len(r.Problems) == 0 }

// Check runs the full check of the book (rotate check): on SQLite PRAGMA
// integrity_check and foreign_key_check; on a team book, whose storage
// the server checks (amcheck needs a superuser), the schema version and a
// read of every table the person may see. It changes nothing. An error
// is returned only when the check itself could not run.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{Book: s.path, Backend: s.db.d.String(), Problems: []string{}}
	if s.db.d == dialectPostgres {
		return s.checkTeam(ctx, r)
	}
	r.Checks = []string{"integrity_check", "foreign_key_check"}
	problems, err := runIntegrity(ctx, s.db, "integrity_check")
	if err != nil {
		if e := sqliteError(s.path, err); e != err {
			// So damaged the check cannot read it.
			r.Problems = append(r.Problems, collapseSpace(err.Error()))
			return r, nil
		}
		return r, fmt.Errorf("check %s: %w", s.path, err)
	}
	r.Problems = append(r.Problems, problems...)
	rows, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		r.Problems = append(r.Problems, "foreign_key_check: "+collapseSpace(err.Error()))
		return r, nil
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return r, err
		}
		r.Problems = append(r.Problems, fmt.Sprintf("%s row %v refers to a missing %s row", table, rowid, parent))
	}
	return r, rows.Err()
}

func (s *Store) checkTeam(ctx context.Context, r CheckReport) (CheckReport, error) {
	r.Checks = []string{"schema version", "every table reads"}
	r.Note = "the server checks its own storage; a full check of the files (amcheck) needs its administrator"
	version, err := s.teamVersion(ctx)
	if err != nil {
		return r, s.connError(err)
	}
	if version != latestPostgres() {
		r.Problems = append(r.Problems, fmt.Sprintf("schema version %d, this rotate knows %d", version, latestPostgres()))
	}
	for _, table := range []string{"contacts", "phones", "tags", "calls", "followups", "drafts", "settings", "cleared_days"} {
		var n int64
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			if ce := s.connError(err); ce != err {
				return r, ce
			}
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %s", table, collapseSpace(err.Error())))
		}
	}
	return r, nil
}

// QuickCheckDue reports whether the background quick check has not run
// yet on day (at most one a day), and records that it runs now. A team
// book, whose server keeps its own storage, never needs it.
func (s *Store) QuickCheckDue(ctx context.Context, day rotation.Date) (bool, error) {
	if s.db.d == dialectPostgres {
		return false, nil
	}
	due := false
	err := s.withTx(ctx, func(tx *txn) error {
		res, err := tx.ExecContext(ctx, "UPDATE book_identity SET quick_checked = ? WHERE quick_checked <> ?", day.String(), day.String())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		due = n > 0
		return err
	})
	return due, err
}

// QuickCheck runs PRAGMA quick_check and returns its problems, none when
// the book looks healthy. It reads without blocking writers, at the
// lowest CPU priority (inBackground): on a very large book it takes a
// minute or more, beside the interface. A cancelled ctx stops it.
func (s *Store) QuickCheck(ctx context.Context) ([]string, error) {
	if s.db.d == dialectPostgres {
		return nil, nil
	}
	var problems []string
	var err error
	inBackground(func() { problems, err = runIntegrity(ctx, s.db, "quick_check") })
	if err != nil {
		if e := sqliteError(s.path, err); e != err {
			return []string{collapseSpace(err.Error())}, nil
		}
		return nil, err
	}
	return problems, nil
}
