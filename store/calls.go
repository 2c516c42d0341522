package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

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
		if err := resolveFollowUps(ctx, tx, c, callID, at, e.Resolve); err != nil {
			return err
		}
		if err := addFollowUps(ctx, tx, c.ID, callID, at, e.NewFollowUps); err != nil {
			return err
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

// resolveFollowUps closes the open follow-ups ids of contact c as covered by
// the call callID. One statement for all of them: every statement that
// touches the follow-ups flushes their full-text index, so a row at a time
// would cost a flush per follow-up.
func resolveFollowUps(ctx context.Context, tx *sql.Tx, c rotation.Contact, callID int64, at string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	r, err := tx.ExecContext(ctx, `UPDATE followups SET resolved_at = ?, resolved_call_id = ?
		WHERE contact_id = ? AND resolved_at = '' AND id IN (SELECT value FROM json_each(?))`,
		at, callID, c.ID, string(list))
	if err != nil {
		return fmt.Errorf("resolve follow-ups: %w", err)
	}
	if n, _ := r.RowsAffected(); n == int64(len(ids)) {
		return nil
	}
	// Name the first id that was not an open follow-up of c; the caller
	// rolls the whole call back.
	var missing int64
	err = tx.QueryRowContext(ctx, `SELECT j.value FROM json_each(?) j
		WHERE NOT EXISTS (SELECT 1 FROM followups f WHERE f.id = j.value AND f.contact_id = ? AND f.resolved_call_id = ?)
		ORDER BY j.key LIMIT 1`, string(list), c.ID, callID).Scan(&missing)
	if err != nil {
		return fmt.Errorf("resolve follow-ups: %w", err)
	}
	return notFoundf("follow-up %d is not an open follow-up of %s", missing, c.Name)
}

// addFollowUps records the non-blank texts as open follow-ups of contact
// id created by the call callID, in the order given, in one statement (see
// resolveFollowUps for why).
func addFollowUps(ctx context.Context, tx *sql.Tx, id, callID int64, at string, texts []string) error {
	var keep []string
	for _, text := range texts {
		if text = strings.TrimSpace(text); text != "" {
			keep = append(keep, text)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	const insert = `INSERT INTO followups (contact_id, text, created_at, created_call_id) VALUES (?, ?, ?, ?)`
	if slices.ContainsFunc(keep, jsonUnsafe) {
		// Texts JSON cannot carry byte for byte go one at a time.
		for _, text := range keep {
			if _, err := tx.ExecContext(ctx, insert, id, text, at, callID); err != nil {
				return fmt.Errorf("save follow-up: %w", err)
			}
		}
		return nil
	}
	list, err := json.Marshal(keep)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO followups (contact_id, text, created_at, created_call_id)
		SELECT ?, value, ?, ? FROM json_each(?) ORDER BY key`, id, at, callID, string(list)); err != nil {
		return fmt.Errorf("save follow-ups: %w", err)
	}
	return nil
}

// jsonUnsafe reports whether text would not survive a trip through JSON
// into SQLite unchanged: invalid UTF-8 is replaced by encoding/json, and a
// NUL may end the text early in SQLite's JSON functions.
func jsonUnsafe(text string) bool {
	return !utf8.ValidString(text) || strings.ContainsRune(text, 0)
}
