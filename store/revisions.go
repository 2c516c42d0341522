package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"rotate/rotation"
)

// Corrections of logged calls — undo, edit, move, delete — and their
// history of changes (call_revisions, migrations sqlite/00007 and
// postgres/00004).
//
// Each call keeps, in calls.prior, what its contact's schedule was just
// before it was logged. Correcting a contact's newest call puts that back
// and, unless the call is removed, logs the corrected call over it with
// LogCall's own computation: the schedule is then exactly what a fresh
// log of the corrected call would have given. A call that is not the
// contact's newest changed nothing the newer ones did not replace, so its
// correction leaves the schedule alone.

// prior is a contact's schedule just before a call, as kept in
// calls.prior.
type prior struct {
	Due         string `json:"due"`
	Attempts    int    `json:"attempts"`
	Step        int    `json:"step"`
	Status      string `json:"status"`
	LastCall    string `json:"last_call_day"`
	LastOutcome string `json:"last_outcome"`
	LastTalk    string `json:"last_talk_day"`
	Next        string `json:"next,omitempty"`     // the explicit next date the call was logged with
	Cleared     bool   `json:"cleared,omitempty"`  // the call marked its day as cleared (the streak)
	Returned    string `json:"returned,omitempty"` // a returned call waiting (Schedule.Returned)
	DueTime     string `json:"due_time,omitempty"` // the time of day of the next call
}

func priorOf(c rotation.Contact, explicit rotation.Date) prior {
	p := prior{Attempts: c.Attempts, Step: c.Step, Status: string(c.Status), LastOutcome: string(c.LastOutcome)}
	if !c.Due.IsZero() {
		p.Due = c.Due.String()
	}
	if !c.LastCall.IsZero() {
		p.LastCall = c.LastCall.String()
	}
	if !c.LastTalk.IsZero() {
		p.LastTalk = c.LastTalk.String()
	}
	if !explicit.IsZero() {
		p.Next = explicit.String()
	}
	p.Returned, p.DueTime = c.Returned.String(), c.DueTime.String()
	return p
}

func (p prior) encode() string {
	b, _ := json.Marshal(p) // plain strings and numbers
	return string(b)
}

func decodePrior(s string) (prior, bool) {
	var p prior
	if s == "" || json.Unmarshal([]byte(s), &p) != nil || p.Status == "" {
		return prior{}, false
	}
	return p, true
}

// schedule is c with its schedule as p says.
func (p prior) schedule(c rotation.Contact) rotation.Contact {
	c.Due = dateOrZero(p.Due)
	c.Attempts, c.Step, c.Status = p.Attempts, p.Step, rotation.Status(p.Status)
	c.LastCall, c.LastOutcome, c.LastTalk = dateOrZero(p.LastCall), rotation.Outcome(p.LastOutcome), dateOrZero(p.LastTalk)
	c.Returned = dateOrZero(p.Returned)
	c.DueTime, _ = rotation.ParseClock(p.DueTime)
	return c
}

// markClearedBy is markClearedDay for the call callID, noting in the
// call's prior when it marked the day, so that taking the call back
// takes the day back too.
func (s *Store) markClearedBy(ctx context.Context, tx *txn, callID int64, p prior, day rotation.Date, cal rotation.Calendar) error {
	marked, err := markClearedDay(ctx, tx, day, cal, s.mine(""))
	if err != nil || !marked {
		return err
	}
	p.Cleared = true
	_, err = tx.ExecContext(ctx, "UPDATE calls SET prior = ? WHERE id = ?", p.encode(), callID)
	return err
}

// newCallID is the id column and value for INSERT INTO calls (id, ...):
// never an id a removed call had. PostgreSQL's identity never gives one
// twice (and the column is the server's, not to be named); SQLite would
// give the largest again once its row is gone, and the history of changes
// would then mix two calls.
func newCallID(q querier) (col, val string) {
	if dialectOf(q) == dialectPostgres {
		return "", ""
	}
	return "id, ", `(SELECT coalesce(max(m), 0) + 1 FROM (SELECT max(id) AS m FROM calls UNION ALL SELECT max(call_id) FROM call_revisions)), `
}

func dialectOf(q querier) dialect {
	switch q := q.(type) {
	case *txn:
		return q.d
	case *sqlDB:
		return q.d
	case *sqlConn:
		return q.d
	case *stmtCache:
		return q.tx.d
	}
	return dialectSQLite
}

// storedCall is a row of calls as corrections read it.
type storedCall struct {
	ID, ContactID                                  int64
	At, Day, Outcome, Note, NextDue, LoggedBy, Pri string
	Kind                                           rotation.CallKind
	Direction                                      string
}

func getCall(ctx context.Context, q querier, id int64) (storedCall, error) {
	var k storedCall
	err := q.QueryRowContext(ctx, `SELECT id, contact_id, at, day, kind, outcome, note, next_due, logged_by, prior, direction
		FROM calls WHERE id = ?`, id).
		Scan(&k.ID, &k.ContactID, &k.At, &k.Day, &k.Kind, &k.Outcome, &k.Note, &k.NextDue, &k.LoggedBy, &k.Pri, &k.Direction)
	if errors.Is(err, sql.ErrNoRows) {
		return k, notFoundf("no call #%d", id)
	}
	if err != nil {
		return k, fmt.Errorf("read call #%d: %w", id, err)
	}
	return k, nil
}

// lockedCall reads call id for a correction, its contact locked (see
// lockContact) so that no one logs or corrects it meanwhile, and refuses
// an assistant another's call (the database would too).
func (s *Store) lockedCall(ctx context.Context, tx *txn, id int64) (storedCall, rotation.Contact, error) {
	for {
		k, err := getCall(ctx, tx, id)
		if err != nil {
			return k, rotation.Contact{}, err
		}
		if s.team.kind == Assistant && k.LoggedBy != s.team.role {
			return k, rotation.Contact{}, s.notYours(id)
		}
		if err := s.lockContact(ctx, tx, k.ContactID); err != nil {
			return k, rotation.Contact{}, err
		}
		again, err := getCall(ctx, tx, id)
		if err != nil {
			return k, rotation.Contact{}, err
		}
		if again.ContactID != k.ContactID {
			continue // moved meanwhile
		}
		c, err := getContact(ctx, tx, k.ContactID)
		return again, c, err
	}
}

func (s *Store) notYours(id int64) error {
	return &kindError{ErrInvalid, fmt.Sprintf("call #%d was logged by someone else; you may correct only the calls you logged", id)}
}

// newestOf is the id of contact's newest call (not a note), 0 for none.
func newestOf(ctx context.Context, tx *txn, contactID int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM calls WHERE contact_id = ? AND kind <> 'note'`, contactID).Scan(&id)
	return id, err
}

// beginChange tells PostgreSQL's trigger which of the two names of an
// operation the change is: undo or delete for a DELETE, merge or move
// for an UPDATE of the contact (the trigger derives the rest, and takes
// who and when from the server: its clock, not the store's, dates a team
// book's history). On SQLite the store writes the revision itself
// (keepRevision).
func (s *Store) beginChange(ctx context.Context, tx *txn, action rotation.VersionAction) error {
	if tx.d != dialectPostgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT set_config('rotate.action', ?, true)`, string(action))
	return err
}

// keepRevision writes the version of call k that a change is about to
// replace. On PostgreSQL the trigger on calls does it (members may not
// write the history); on SQLite this does, with the same columns.
func (s *Store) keepRevision(ctx context.Context, tx *txn, action rotation.VersionAction, id int64) error {
	if tx.d == dialectPostgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO call_revisions (call_id, contact_id, changed_at, changed_by, action,
			at, day, kind, outcome, note, next_due, logged_by, prior, edited_at, followups)
		SELECT k.id, k.contact_id, ?, '', ?, k.at, k.day, k.kind, k.outcome, k.note, k.next_due, k.logged_by, k.prior, k.edited_at,
			coalesce((SELECT json_group_array(json_object('id', f.id, 'text', f.text, 'created_at', f.created_at,
				'created', json(CASE WHEN f.created_call_id = k.id THEN 'true' ELSE 'false' END),
				'resolved_at', f.resolved_at,
				'resolved', json(CASE WHEN f.resolved_call_id = k.id THEN 'true' ELSE 'false' END)))
				FROM (SELECT * FROM followups WHERE created_call_id = k.id OR resolved_call_id = k.id ORDER BY id) f
				HAVING count(*) > 0), '')
		FROM calls k WHERE k.id = ?`, stamp(s.now()), string(action), id)
	if err != nil {
		return fmt.Errorf("keep the call's history: %w", err)
	}
	return nil
}

// correction runs fn in a write transaction holding the leveler's
// forecast, as LogCall does.
func (s *Store) correction(ctx context.Context, fn func(tx *txn, set rotation.Settings) error) error {
	err := s.withTx(ctx, func(tx *txn) error {
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		s.plan.mu.Lock()
		defer s.plan.mu.Unlock()
		return fn(tx, set)
	})
	if err != nil {
		s.plan.mu.Lock()
		s.plan.invalidate()
		s.plan.mu.Unlock()
	}
	return err
}

// restore puts contact c's schedule back to what it was before call k
// (k being its newest call) and takes back the streak day k marked. It
// returns the contact as restored, and false when k kept no prior.
func (s *Store) restore(ctx context.Context, tx *txn, k storedCall, c rotation.Contact) (rotation.Contact, bool, error) {
	p, ok := decodePrior(k.Pri)
	if !ok {
		return c, false, nil
	}
	r := p.schedule(c)
	if _, err := tx.ExecContext(ctx, `UPDATE contacts SET due = ?, attempts = ?, step = ?, status = ?,
		last_call_day = ?, last_outcome = ?, last_talk_day = ?, returned_day = ?, due_time = ?, updated_at = ? WHERE id = ?`,
		nullDate(r.Due), r.Attempts, r.Step, string(r.Status), p.LastCall, p.LastOutcome, p.LastTalk,
		p.Returned, p.DueTime, stamp(s.now()), c.ID); err != nil {
		return c, false, fmt.Errorf("restore %s's schedule: %w", c.Name, err)
	}
	if p.Cleared {
		q := "DELETE FROM cleared_days WHERE day = ?"
		args := []any{k.Day}
		if tx.d == dialectPostgres {
			q += " AND who = ?"
			args = append(args, k.LoggedBy)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return c, false, fmt.Errorf("take back the cleared day: %w", err)
		}
	}
	if err := s.rebook(ctx, tx, c.Schedule, r.Schedule, r.Status == rotation.Active); err != nil {
		return c, false, err
	}
	return r, true, nil
}

// relog schedules contact c (its schedule as before the call) as logging
// the touch t on day would, for the call id: LogCall's computation and
// writes. It returns the call's new prior and the next schedule.
func (s *Store) relog(ctx context.Context, tx *txn, id int64, c rotation.Contact, t rotation.Touch, day, explicit rotation.Date, set rotation.Settings) (prior, rotation.Next, error) {
	cal := set.Calendar()
	p := priorOf(c, explicit)
	o := t.Outcome
	next, err := s.levelTouch(ctx, tx, c.Schedule, t, day, explicit, set)
	if err != nil {
		return p, next, invalid(err)
	}
	lastTalk := c.LastTalk
	if o == rotation.Reached && day > lastTalk {
		lastTalk = day
	}
	lastCall, lastOutcome := day.String(), string(o)
	if o == rotation.Sent || t.ReturnedCall() {
		lastCall, lastOutcome = c.LastCall.String(), string(c.LastOutcome)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE contacts SET due = ?, attempts = ?, step = ?, status = ?,
		last_call_day = ?, last_outcome = ?, last_talk_day = ?, returned_day = ?, due_time = ?, updated_at = ? WHERE id = ?`,
		nullDate(next.Due), next.Attempts, next.Step, string(next.Status), lastCall,
		lastOutcome, lastTalk.String(), next.Returned.String(), next.DueTime.String(), stamp(s.now()), c.ID); err != nil {
		return p, next, fmt.Errorf("reschedule %s: %w", c.Name, err)
	}
	marked, err := markClearedDay(ctx, tx, day, cal, s.mine(""))
	if err != nil {
		return p, next, err
	}
	p.Cleared = marked
	if err := s.rebook(ctx, tx, c.Schedule, next.Schedule, next.Status == rotation.Active); err != nil {
		return p, next, err
	}
	return p, next, nil
}

// CallHistory is the versions of one call, oldest first: as logged, then
// after each correction (see rotation.CallVersion). It is ErrNotFound
// for a call that never was, or whose history one may not read.
func (s *Store) CallHistory(ctx context.Context, id int64) ([]rotation.CallVersion, error) {
	var out []rotation.CallVersion
	err := s.readTx(ctx, func(tx *txn) error {
		type version struct {
			rotation.CallVersion
			loggedBy string
		}
		var revs []version
		rows, err := tx.QueryContext(ctx, `SELECT changed_at, changed_by, action, contact_id, at, day, kind, outcome, note, logged_by
			FROM call_revisions WHERE call_id = ? ORDER BY id`, id)
		if err != nil {
			return fmt.Errorf("read the history: %w", err)
		}
		for rows.Next() {
			var v version
			var changed, at, day, outcome string
			if err := rows.Scan(&changed, &v.By, &v.Action, &v.ContactID, &at, &day, &v.Kind, &outcome, &v.Note, &v.loggedBy); err != nil {
				rows.Close()
				return err
			}
			v.At, v.CalledAt, v.Day, v.Outcome = parseStamp(changed), parseStamp(at), dateOrZero(day), rotation.Outcome(outcome)
			revs = append(revs, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var cur *version
		var at, day, outcome string
		v := version{}
		err = tx.QueryRowContext(ctx, `SELECT contact_id, at, day, kind, outcome, note, logged_by FROM calls WHERE id = ?`, id).
			Scan(&v.ContactID, &at, &day, &v.Kind, &outcome, &v.Note, &v.loggedBy)
		switch {
		case err == nil:
			v.CalledAt, v.Day, v.Outcome = parseStamp(at), dateOrZero(day), rotation.Outcome(outcome)
			cur = &v
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if len(revs) == 0 && cur == nil {
			return notFoundf("no call #%d", id)
		}
		// The first version: as logged.
		first := cur
		if len(revs) > 0 {
			first = &revs[0]
		}
		logged := first.CallVersion
		logged.Action, logged.At, logged.By = rotation.ActionLogged, first.CalledAt, first.loggedBy
		out = append(out, logged)
		for i, r := range revs {
			// What the call said after change i: the version change i+1
			// replaced, or the call as it is now.
			after := r.CallVersion
			switch {
			case i+1 < len(revs):
				after = revs[i+1].CallVersion
			case cur != nil:
				after = cur.CallVersion
			}
			after.At, after.By, after.Action = r.At, r.By, r.Action
			out = append(out, after)
		}
		return nil
	})
	return out, err
}

// isPermission reports a refusal by PostgreSQL's rights or row-level
// security.
func isPermission(err error) bool {
	var pg interface{ SQLState() string }
	return errors.As(err, &pg) && (pg.SQLState() == "42501")
}

// Call reads one logged call.
func (s *Store) Call(ctx context.Context, id int64) (rotation.Call, error) {
	k, err := getCall(ctx, s.db, id)
	if err != nil {
		return rotation.Call{}, s.connError(err)
	}
	return rotation.Call{ID: k.ID, ContactID: k.ContactID, At: parseStamp(k.At), Day: dateOrZero(k.Day), Kind: k.Kind,
		Outcome: rotation.Outcome(k.Outcome), Note: k.Note, NextDue: dateOrZero(k.NextDue)}, nil
}
