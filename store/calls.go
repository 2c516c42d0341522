package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
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
	if e.Direction == "" {
		e.Direction = rotation.Out
	}
	if !slices.Contains(rotation.Kinds, e.Kind) {
		return LogResult{}, invalid(fmt.Errorf("unknown kind %q; use %s", e.Kind, rotation.KindNames()))
	}
	if e.Kind == rotation.KindNote {
		if e.Direction != rotation.Out {
			return LogResult{}, invalid(errors.New("a note has no direction; log what they said as a touch"))
		}
		return s.logNote(ctx, e)
	}
	if err := touchOf(e).Check(); err != nil {
		return LogResult{}, invalid(err)
	}
	var res LogResult
	err := s.retryDeadlock(func() error { return s.logCallTx(ctx, e, &res) })
	if err != nil {
		s.plan.mu.Lock()
		s.plan.invalidate()
		s.plan.mu.Unlock()
	}
	return res, err
}

// logCallTx is LogCall's transaction; res is set when it commits.
func (s *Store) logCallTx(ctx context.Context, e LogEntry, res *LogResult) error {
	return s.withTx(ctx, func(tx *txn) error {
		if err := s.lockContact(ctx, tx, e.ContactID); err != nil {
			return err
		}
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		s.plan.mu.Lock()
		defer s.plan.mu.Unlock()
		r, err := s.logTouchIn(ctx, tx, e, set, "")
		if err == nil {
			*res = r
		}
		return err
	})
}

// logTouchIn logs one touch in the transaction tx, its contact locked
// (lockContact) and then the plan's lock held, in that order. phoneKey is the key of the phone's record an imported call is
// (interchange.PhoneCall.Key), stored with it; "" for a touch logged by
// hand. An imported call leaves the contact's draft alone: the note being
// written is not the phone's.
func (s *Store) logTouchIn(ctx context.Context, tx *txn, e LogEntry, set rotation.Settings, phoneKey string) (LogResult, error) {
	c, err := getContact(ctx, tx, e.ContactID)
	if err != nil {
		return LogResult{}, err
	}
	if err := checkSeen(ctx, tx, c, e.Seen); err != nil {
		return LogResult{}, err
	}
	t := touchOf(e)
	next, err := s.levelTouch(ctx, tx, c.Schedule, t, e.Today, e.Next, set)
	if err != nil {
		return LogResult{}, invalid(err)
	}
	var callID int64
	prior := priorOf(c, e.Next)
	idCol, idVal := newCallID(tx)
	err = tx.QueryRowContext(ctx, `INSERT INTO calls (`+idCol+`contact_id, at, day, kind, direction, outcome, note, next_due, prior, phone_key)
		VALUES (`+idVal+`?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.ID, stamp(e.At), e.Today.String(), e.Kind, string(e.Direction), string(e.Outcome), e.Note, next.Due.String(), prior.encode(), phoneKey).Scan(&callID)
	if err != nil {
		return LogResult{}, fmt.Errorf("save the call: %w", err)
	}
	// Follow-ups carry the time of the call that created or resolved
	// them, so back-filled calls (ROTATE_TODAY) keep an honest history.
	now, at := stamp(s.now()), stamp(e.At)
	if err := resolveFollowUps(ctx, tx, c, callID, at, e.Resolve); err != nil {
		return LogResult{}, err
	}
	if err := addFollowUps(ctx, tx, c.ID, callID, at, e.NewFollowUps); err != nil {
		return LogResult{}, err
	}
	lastTalk := c.LastTalk
	if e.Outcome == rotation.Reached && e.Today > lastTalk {
		lastTalk = e.Today
	}
	// A message sent and a missed call of theirs keep the planned
	// call, and with it the last call the due list explains it by.
	lastCall, lastOutcome := e.Today.String(), string(e.Outcome)
	if t.Outcome == rotation.Sent || t.ReturnedCall() {
		lastCall, lastOutcome = c.LastCall.String(), string(c.LastOutcome)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE contacts SET due = ?, attempts = ?, step = ?, status = ?,
		last_call_day = ?, last_outcome = ?, last_talk_day = ?, returned_day = ?, due_time = ?, updated_at = ? WHERE id = ?`,
		nullDate(next.Due), next.Attempts, next.Step, string(next.Status), lastCall,
		lastOutcome, lastTalk.String(), next.Returned.String(), next.DueTime.String(), now, c.ID); err != nil {
		return LogResult{}, fmt.Errorf("reschedule %s: %w", c.Name, err)
	}
	if err := keepTyped(ctx, tx, c.ID, e.Next); err != nil {
		return LogResult{}, fmt.Errorf("reschedule %s: %w", c.Name, err)
	}
	if phoneKey == "" {
		if _, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE contact_id = ?"+s.own("author"), c.ID); err != nil {
			return LogResult{}, err
		}
	}
	if err := s.markClearedBy(ctx, tx, callID, prior, e.Today, set.Calendar()); err != nil {
		return LogResult{}, err
	}
	if err := s.rebook(ctx, tx, c.Schedule, next.Schedule, next.Status == rotation.Active); err != nil {
		return LogResult{}, err
	}
	return LogResult{CallID: callID, Next: next}, nil
}

// touchOf is the touch a log entry records, as the rules read it.
func touchOf(e LogEntry) rotation.Touch {
	return rotation.Touch{Via: e.Kind, Direction: e.Direction, Outcome: e.Outcome, NextTime: e.NextTime}
}

// ConflictError is LogCall refusing a call because someone else logged
// the contact since the person logging last looked (LogEntry.Seen): their
// outcome stands, and the refused note should be kept as a draft.
type ConflictError struct {
	Contact string
	By      string // who logged it; "" when not known (a personal book)
	At      time.Time
	Outcome rotation.Outcome
	Kind    rotation.CallKind
	CallID  int64
}

func (e *ConflictError) Error() string {
	who := "Someone else"
	if e.By != "" {
		who = e.By
	}
	what := string(e.Outcome)
	if e.Kind != rotation.KindCall && e.Kind != "" {
		what = string(e.Kind) + ", " + what
	}
	// Short enough for the interface's status line at 80 columns with a
	// name of usual length.
	return fmt.Sprintf("%s logged %s meanwhile (%s %s); note kept as a draft", who, e.Contact, what, e.At.Local().Format("15:04"))
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Conflict reports true: the interface tells a refused call by this
// method, without importing the store.
func (e *ConflictError) Conflict() bool { return true }

// checkSeen refuses a log when a call newer than seen was logged for c
// (see LogEntry.Seen).
func checkSeen(ctx context.Context, tx *txn, c rotation.Contact, seen int64) error {
	if seen == 0 {
		return nil
	}
	e := &ConflictError{Contact: c.Name}
	var at, outcome string
	err := tx.QueryRowContext(ctx, `SELECT id, at, kind, outcome, logged_by FROM calls
		WHERE contact_id = ? AND kind <> 'note' AND id > ? ORDER BY id DESC LIMIT 1`, c.ID, max(seen, 0)).
		Scan(&e.CallID, &at, &e.Kind, &outcome, &e.By)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check for other calls: %w", err)
	}
	e.At, e.Outcome = parseStamp(at), rotation.Outcome(outcome)
	return e
}

// NewestCall is the id of a contact's newest call (not a note), or -1
// when it has none: what LogEntry.Seen wants.
func (s *Store) NewestCall(ctx context.Context, contactID int64) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), -1) FROM calls WHERE contact_id = ? AND kind <> 'note'`, contactID).Scan(&id)
	return id, err
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
	return s.levelNext(ctx, s.db, c.Schedule, o, today, explicit, set)
}

// ProposeTouch is Propose for a touch on any channel and in either
// direction: what LogCall would set for it.
func (s *Store) ProposeTouch(ctx context.Context, contactID int64, t rotation.Touch, today, explicit rotation.Date) (rotation.Next, error) {
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
	return s.levelTouch(ctx, s.db, c.Schedule, t, today, explicit, set)
}

// markClearedDay records today as a cleared workday once nothing active is
// due on or before it: the streak counts these days. On a team book it is
// the person's own list (mine, Store.mine) and their own streak.
// It reports whether the day was marked now (not already).
func markClearedDay(ctx context.Context, tx *txn, today rotation.Date, cal rotation.Calendar, mine string) (bool, error) {
	if !cal.IsWorkday(today) {
		return false, nil
	}
	var left bool // any call still due: the first one found will do
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM contacts WHERE status = 'active' AND due <= ?"+mine+")", today.String()).Scan(&left); err != nil {
		return false, err
	}
	if left {
		return false, nil
	}
	r, err := tx.ExecContext(ctx, "INSERT INTO cleared_days (day) VALUES (?) ON CONFLICT DO NOTHING", today.String())
	if err != nil {
		return false, err
	}
	n, _ := r.RowsAffected()
	return n > 0, nil
}

// AddNote records a note about a contact that is not a call: it appears in
// the history and in search but changes no schedule.
func (s *Store) AddNote(ctx context.Context, contactID int64, text string, at time.Time, day rotation.Date) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *txn) error {
		if _, err := getContact(ctx, tx, contactID); err != nil {
			return err
		}
		var err error
		id, err = insertNote(ctx, tx, contactID, text, at, day)
		return err
	})
	return id, err
}

// logNote is LogCall for a note: it records the text and changes no date,
// attempt or status (docs/DESIGN.md: a note changes no date). A note has no
// outcome, no next date and resolves nothing.
func (s *Store) logNote(ctx context.Context, e LogEntry) (LogResult, error) {
	switch {
	case e.Outcome != "":
		return LogResult{}, invalid(fmt.Errorf("a note has no outcome (%s); log it as a call, or leave the outcome out", e.Outcome))
	case !e.Next.IsZero():
		return LogResult{}, invalid(errors.New("a note changes no date; snooze the contact to move the next call"))
	case strings.TrimSpace(e.Note) == "":
		return LogResult{}, remedy(invalid(errors.New("a note needs its text")), RemedyNote)
	case len(e.Resolve) > 0 || len(e.NewFollowUps) > 0:
		return LogResult{}, invalid(errors.New("follow-ups go with a call; a note only records text"))
	}
	var res LogResult
	err := s.withTx(ctx, func(tx *txn) error {
		c, err := getContact(ctx, tx, e.ContactID)
		if err != nil {
			return err
		}
		id, err := insertNote(ctx, tx, c.ID, e.Note, e.At, e.Today)
		if err != nil {
			return err
		}
		res = LogResult{CallID: id, Next: rotation.Next{Schedule: c.Schedule, Reason: "a note changes no date"}}
		return nil
	})
	return res, err
}

func insertNote(ctx context.Context, tx querier, contactID int64, text string, at time.Time, day rotation.Date) (int64, error) {
	var id int64
	idCol, idVal := newCallID(tx)
	err := tx.QueryRowContext(ctx, `INSERT INTO calls (`+idCol+`contact_id, at, day, kind, outcome, note) VALUES (`+idVal+`?, ?, ?, ?, '', ?) RETURNING id`,
		contactID, stamp(at), day.String(), string(rotation.KindNote), text).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("save note: %w", err)
	}
	return id, nil
}

// jsonUnsafe reports whether text would not survive a trip through JSON
// into SQLite unchanged: invalid UTF-8 is replaced by encoding/json, and a
// NUL may end the text early in SQLite's JSON functions.
func jsonUnsafe(text string) bool {
	return !utf8.ValidString(text) || strings.ContainsRune(text, 0)
}

// jsonList is a table (value, key) of the integers in the JSON array
// param, key being the position: SQLite's json_each, or its PostgreSQL
// equivalent.
func jsonList(d dialect, param string) string {
	if d == dialectPostgres {
		return "(SELECT v::bigint AS value, k AS key FROM json_array_elements_text(" + param + "::json) WITH ORDINALITY AS a(v, k))"
	}
	return "json_each(" + param + ")"
}

// jsonTexts is jsonList for an array of strings.
func jsonTexts(d dialect, param string) string {
	if d == dialectPostgres {
		return "(SELECT v AS value, k AS key FROM json_array_elements_text(" + param + "::json) WITH ORDINALITY AS a(v, k))"
	}
	return "json_each(" + param + ")"
}

// Calls returns a contact's calls, newest first; at most limit when limit
// is positive.
func (s *Store) Calls(ctx context.Context, contactID int64, limit int) ([]rotation.Call, error) {
	if limit <= 0 {
		limit = math.MaxInt32 // every call: LIMIT -1 is SQLite's alone
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, day, kind, direction, outcome, note, next_due, edited_at <> '', logged_by FROM calls
		WHERE contact_id = ? ORDER BY at DESC, id DESC LIMIT ?`, contactID, limit)
	if err != nil {
		return nil, fmt.Errorf("read calls: %w", err)
	}
	defer rows.Close()
	var out []rotation.Call
	for rows.Next() {
		k := rotation.Call{ContactID: contactID}
		var at, day, dir, outcome, next string
		if err := rows.Scan(&k.ID, &at, &day, &k.Kind, &dir, &outcome, &k.Note, &next, &k.Revised, &k.By); err != nil {
			return nil, err
		}
		k.Direction = rotation.Direction(dir)
		k.At, k.Day, k.Outcome, k.NextDue = parseStamp(at), dateOrZero(day), rotation.Outcome(outcome), dateOrZero(next)
		out = append(out, k)
	}
	return out, rows.Err()
}
