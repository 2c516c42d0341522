package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"rotate/rotation"
)

// LogEntry is one call to record (see rotation.LogEntry).
type LogEntry = rotation.LogEntry

// LogResult is what logging a call did (see rotation.LogResult).
type LogResult = rotation.LogResult

// LogCall records a call and everything it changes — the call itself, the
// follow-ups it resolves and creates, the contact's next date, attempts,
// taper step and status, and the removal of the contact's draft — in one
// transaction: either all of it is saved or none.
func (s *Store) LogCall(ctx context.Context, e LogEntry) (LogResult, error) {
	if e.Kind == "" {
		e.Kind = rotation.KindCall
	}
	if !slices.Contains(rotation.Kinds, e.Kind) {
		return LogResult{}, invalid(fmt.Errorf("unknown kind %q; use %s", e.Kind, strings.Join(rotation.Kinds, ", ")))
	}
	var res LogResult
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		c, err := getContact(ctx, tx, e.ContactID)
		if err != nil {
			return err
		}
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		s.plan.mu.Lock()
		defer s.plan.mu.Unlock()
		next, err := s.levelNext(ctx, tx, c.Schedule, e.Outcome, e.Today, e.Next, set.Calendar())
		if err != nil {
			return invalid(err)
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO calls (contact_id, at, day, kind, outcome, note, next_due)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			c.ID, stamp(e.At), e.Today.String(), e.Kind, string(e.Outcome), e.Note, next.Due.String())
		if err != nil {
			return fmt.Errorf("save the call: %w", err)
		}
		callID, err := r.LastInsertId()
		if err != nil {
			return err
		}
		// Follow-ups carry the time of the call that created or resolved
		// them, so back-filled calls (ROTATE_TODAY) keep an honest history.
		now, at := stamp(s.now()), stamp(e.At)
		for _, id := range e.Resolve {
			r, err := tx.ExecContext(ctx, `UPDATE followups SET resolved_at = ?, resolved_call_id = ?
				WHERE id = ? AND contact_id = ? AND resolved_at = ''`, at, callID, id, c.ID)
			if err != nil {
				return fmt.Errorf("resolve follow-up %d: %w", id, err)
			}
			if n, _ := r.RowsAffected(); n == 0 {
				return notFoundf("follow-up %d is not an open follow-up of %s", id, c.Name)
			}
		}
		for _, text := range e.NewFollowUps {
			if text = strings.TrimSpace(text); text == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO followups (contact_id, text, created_at, created_call_id)
				VALUES (?, ?, ?, ?)`, c.ID, text, at, callID); err != nil {
				return fmt.Errorf("save follow-up: %w", err)
			}
		}
		lastTalk := c.LastTalk
		if e.Outcome == rotation.Reached && e.Today > lastTalk {
			lastTalk = e.Today
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET due = ?, attempts = ?, step = ?, status = ?,
			last_call_day = ?, last_outcome = ?, last_talk_day = ?, updated_at = ? WHERE id = ?`,
			nullDate(next.Due), next.Attempts, next.Step, string(next.Status), e.Today.String(),
			string(e.Outcome), lastTalk.String(), now, c.ID); err != nil {
			return fmt.Errorf("reschedule %s: %w", c.Name, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE contact_id = ?", c.ID); err != nil {
			return err
		}
		if err := markClearedDay(ctx, tx, e.Today, set.Calendar()); err != nil {
			return err
		}
		if err := s.rebook(ctx, tx, c.Schedule, next.Schedule, next.Status == rotation.Active); err != nil {
			return err
		}
		res = LogResult{CallID: callID, Next: next}
		return nil
	})
	if err != nil {
		s.plan.mu.Lock()
		s.plan.invalidate()
		s.plan.mu.Unlock()
	}
	return res, err
}

// Propose says what logging outcome for a contact on today would set,
// without saving anything: the same computation LogCall makes.
func (s *Store) Propose(ctx context.Context, contactID int64, o rotation.Outcome, today, explicit rotation.Date) (rotation.Next, error) {
	c, err := s.Contact(ctx, contactID)
	if err != nil {
		return rotation.Next{}, err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return rotation.Next{}, err
	}
	s.plan.mu.Lock()
	defer s.plan.mu.Unlock()
	return s.levelNext(ctx, s.db, c.Schedule, o, today, explicit, set.Calendar())
}

// markClearedDay records today as a cleared workday once nothing active is
// due on or before it: the streak counts these days.
func markClearedDay(ctx context.Context, tx *sql.Tx, today rotation.Date, cal rotation.Calendar) error {
	if !cal.IsWorkday(today) {
		return nil
	}
	var left bool // any call still due: the first one found will do
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM contacts WHERE status = 'active' AND due <= ?)", today.String()).Scan(&left); err != nil {
		return err
	}
	if left {
		return nil
	}
	_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO cleared_days (day) VALUES (?)", today.String())
	return err
}

// AddNote records a note about a contact that is not a call: it appears in
// the history and in search but changes no schedule.
func (s *Store) AddNote(ctx context.Context, contactID int64, text string, at time.Time, day rotation.Date) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := getContact(ctx, tx, contactID); err != nil {
			return err
		}
		var err error
		id, err = insertNote(ctx, tx, contactID, text, at, day)
		return err
	})
	return id, err
}

func insertNote(ctx context.Context, tx querier, contactID int64, text string, at time.Time, day rotation.Date) (int64, error) {
	r, err := tx.ExecContext(ctx, `INSERT INTO calls (contact_id, at, day, kind, outcome, note) VALUES (?, ?, ?, ?, '', ?)`,
		contactID, stamp(at), day.String(), rotation.KindNote, text)
	if err != nil {
		return 0, fmt.Errorf("save note: %w", err)
	}
	return r.LastInsertId()
}
