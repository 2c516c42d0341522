package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

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
	Next        string `json:"next,omitempty"`    // the explicit next date the call was logged with
	Cleared     bool   `json:"cleared,omitempty"` // the call marked its day as cleared (the streak)
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
	ID, ContactID                                        int64
	At, Day, Kind, Outcome, Note, NextDue, LoggedBy, Pri string
}

func getCall(ctx context.Context, q querier, id int64) (storedCall, error) {
	var k storedCall
	err := q.QueryRowContext(ctx, `SELECT id, contact_id, at, day, kind, outcome, note, next_due, logged_by, prior
		FROM calls WHERE id = ?`, id).
		Scan(&k.ID, &k.ContactID, &k.At, &k.Day, &k.Kind, &k.Outcome, &k.Note, &k.NextDue, &k.LoggedBy, &k.Pri)
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
		if s.kind() == Assistant && k.LoggedBy != s.team.role {
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
func (s *Store) beginChange(ctx context.Context, tx *txn, action string) error {
	if tx.d != dialectPostgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT set_config('rotate.action', ?, true)`, action)
	return err
}

// keepRevision writes the version of call k that a change is about to
// replace. On PostgreSQL the trigger on calls does it (members may not
// write the history); on SQLite this does, with the same columns.
func (s *Store) keepRevision(ctx context.Context, tx *txn, action string, id int64) error {
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
		FROM calls k WHERE k.id = ?`, stamp(s.now()), action, id)
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
		last_call_day = ?, last_outcome = ?, last_talk_day = ?, updated_at = ? WHERE id = ?`,
		nullDate(r.Due), r.Attempts, r.Step, string(r.Status), p.LastCall, p.LastOutcome, p.LastTalk,
		stamp(s.now()), c.ID); err != nil {
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
// outcome o on day would, for the call id: LogCall's computation and
// writes. It returns the call's new prior and the next schedule.
func (s *Store) relog(ctx context.Context, tx *txn, id int64, c rotation.Contact, o rotation.Outcome, day, explicit rotation.Date, set rotation.Settings) (prior, rotation.Next, error) {
	cal := set.Calendar()
	p := priorOf(c, explicit)
	next, err := s.levelNext(ctx, tx, c.Schedule, o, day, explicit, set)
	if err != nil {
		return p, next, invalid(err)
	}
	lastTalk := c.LastTalk
	if o == rotation.Reached && day > lastTalk {
		lastTalk = day
	}
	if _, err := tx.ExecContext(ctx, `UPDATE contacts SET due = ?, attempts = ?, step = ?, status = ?,
		last_call_day = ?, last_outcome = ?, last_talk_day = ?, updated_at = ? WHERE id = ?`,
		nullDate(next.Due), next.Attempts, next.Step, string(next.Status), day.String(),
		string(o), lastTalk.String(), stamp(s.now()), c.ID); err != nil {
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

// Undo takes back the newest call (or note) the signed-in person logged:
// see DeleteCall. It is ErrNotFound when there is nothing to take back.
func (s *Store) Undo(ctx context.Context) (rotation.Correction, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM calls WHERE true"+s.own("logged_by")).Scan(&id)
	if err != nil {
		return rotation.Correction{}, s.connError(fmt.Errorf("find the newest call: %w", err))
	}
	if id == 0 {
		return rotation.Correction{}, notFoundf("nothing to undo: no call logged")
	}
	return s.removeCall(ctx, id, rotation.ActionUndo)
}

// UndoCall is Undo of the call id named to the person first (NewestLogged):
// refused when it is no longer the newest call they logged.
func (s *Store) UndoCall(ctx context.Context, id int64) (rotation.Correction, error) {
	k, err := s.NewestLogged(ctx)
	if err != nil {
		return rotation.Correction{}, err
	}
	if k.ID != id {
		return rotation.Correction{}, &kindError{ErrConflict, fmt.Sprintf("call #%d is no longer the newest you logged (#%d is); nothing was taken back", id, k.ID)}
	}
	return s.removeCall(ctx, id, rotation.ActionUndo)
}

// NewestLogged is the newest call (or note) the signed-in person logged,
// what Undo would take back; ErrNotFound when none.
func (s *Store) NewestLogged(ctx context.Context) (rotation.Call, error) {
	var k rotation.Call
	var at, day, outcome, next string
	err := s.db.QueryRowContext(ctx, `SELECT id, contact_id, at, day, kind, outcome, note, next_due FROM calls
		WHERE id = (SELECT max(id) FROM calls WHERE true`+s.own("logged_by")+`)`).
		Scan(&k.ID, &k.ContactID, &at, &day, &k.Kind, &outcome, &k.Note, &next)
	if errors.Is(err, sql.ErrNoRows) {
		return k, notFoundf("nothing to undo: no call logged")
	}
	if err != nil {
		return k, s.connError(err)
	}
	k.At, k.Day, k.Outcome, k.NextDue = parseStamp(at), dateOrZero(day), rotation.Outcome(outcome), dateOrZero(next)
	return k, nil
}

// DeleteCall removes a logged call from the history, briefing, search,
// stats and export, keeping its last version in the history of changes.
// The follow-ups it created go with it and those it resolved are open
// again; when it was the contact's newest call, the schedule, attempts,
// status and streak are as before it was logged.
func (s *Store) DeleteCall(ctx context.Context, id int64) (rotation.Correction, error) {
	return s.removeCall(ctx, id, rotation.ActionDelete)
}

func (s *Store) removeCall(ctx context.Context, id int64, action string) (rotation.Correction, error) {
	res := rotation.Correction{CallID: id}
	err := s.correction(ctx, func(tx *txn, set rotation.Settings) error {
		k, c, err := s.lockedCall(ctx, tx, id)
		if err != nil {
			return err
		}
		res.ContactID = c.ID
		newest, err := newestOf(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		// The follow-ups it touched, before the call's row goes (their
		// references to it are cleared with it).
		if err := s.beginChange(ctx, tx, action); err != nil {
			return err
		}
		if err := s.keepRevision(ctx, tx, action, id); err != nil {
			return err
		}
		created, err := followUpIDs(ctx, tx, "created_call_id", id)
		if err != nil {
			return err
		}
		resolved, err := followUpIDs(ctx, tx, "resolved_call_id", id)
		if err != nil {
			return err
		}
		var draft rotation.Draft
		if action == rotation.ActionUndo {
			// What was typed for the call comes back as the contact's
			// draft: a call logged on the wrong person is logged again
			// without retyping.
			if draft, err = undoneDraft(ctx, tx, k, created); err != nil {
				return err
			}
		}
		r, err := tx.ExecContext(ctx, "DELETE FROM calls WHERE id = ?", id)
		if err != nil {
			return s.correctError(id, err)
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return s.notYours(id)
		}
		for _, f := range resolved {
			if _, err := tx.ExecContext(ctx, "UPDATE followups SET resolved_at = '', resolved_call_id = NULL WHERE id = ?", f); err != nil {
				return fmt.Errorf("reopen follow-ups: %w", err)
			}
		}
		for _, f := range created {
			if _, err := tx.ExecContext(ctx, "DELETE FROM followups WHERE id = ?", f); err != nil {
				return fmt.Errorf("remove the call's follow-ups: %w", err)
			}
		}
		if !draft.IsEmpty() {
			// An unsaved draft already there is the newer work: it stays.
			r, err := tx.ExecContext(ctx, `INSERT INTO drafts (contact_id, outcome, note, followups, next, updated_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT `+s.draftKey()+` DO NOTHING`,
				c.ID, string(draft.Outcome), draft.Note, draft.FollowUps, draft.Next, stamp(s.now()))
			if err != nil {
				return fmt.Errorf("keep the note as a draft: %w", err)
			}
			n, _ := r.RowsAffected()
			res.Drafted = n == 1
		}
		if k.Kind == rotation.KindNote || newest != id {
			return nil
		}
		r2, ok, err := s.restore(ctx, tx, k, c)
		if err != nil {
			return err
		}
		res.Kept = !ok
		if ok {
			res.Rescheduled = append(res.Rescheduled, rotation.Rescheduled{ContactID: c.ID, Next: r2.Due})
		}
		return nil
	})
	return res, err
}

// EditCall corrects a logged call: its note, outcome, time, or the
// contact it is on (a move). The version it replaces is kept in the
// history of changes. When the call is its contact's newest, the
// schedule is recomputed as if the corrected call had been logged (for
// both contacts when it moves: the one it leaves as before it, the one it
// joins as if logged there, when it is newer than that contact's calls).
func (s *Store) EditCall(ctx context.Context, id int64, e rotation.CallEdit) (rotation.Correction, error) {
	res := rotation.Correction{CallID: id}
	if e.Outcome != nil && !validOutcome(*e.Outcome) {
		return res, invalid(fmt.Errorf("unknown outcome %q", *e.Outcome))
	}
	err := s.correction(ctx, func(tx *txn, set rotation.Settings) error {
		k, from, err := s.lockedCall(ctx, tx, id)
		if err != nil {
			return err
		}
		to := from
		moved := e.Contact != 0 && e.Contact != from.ID
		if moved {
			if err := s.lockContact(ctx, tx, e.Contact); err != nil {
				return err
			}
			if to, err = getContact(ctx, tx, e.Contact); err != nil {
				return err
			}
		}
		note, outcome, at, day := k.Note, rotation.Outcome(k.Outcome), k.At, dateOrZero(k.Day)
		if e.Note != nil {
			note = *e.Note
		}
		if e.Outcome != nil {
			if k.Kind == rotation.KindNote {
				return invalid(fmt.Errorf("call #%d is a note; a note has no outcome", id))
			}
			outcome = *e.Outcome
		}
		if e.At != nil {
			at = stamp(*e.At)
			if !e.Day.IsZero() {
				day = e.Day
			}
		}
		old, _ := decodePrior(k.Pri)
		explicit := dateOrZero(old.Next)
		if !e.Next.IsZero() {
			explicit = e.Next
		}
		if outcome == rotation.Callback && explicit.IsZero() {
			return invalid(rotation.ErrNeedDate)
		}
		reschedule := k.Kind != rotation.KindNote && (moved || outcome != rotation.Outcome(k.Outcome) ||
			day != dateOrZero(k.Day) || explicit != dateOrZero(old.Next))
		action := rotation.ActionEdit
		if moved {
			action = rotation.ActionMove
		}
		if err := s.beginChange(ctx, tx, action); err != nil {
			return err
		}
		if err := s.keepRevision(ctx, tx, action, id); err != nil {
			return err
		}
		newestFrom, err := newestOf(ctx, tx, from.ID)
		if err != nil {
			return err
		}
		newestTo := newestFrom
		if moved {
			if newestTo, err = newestOf(ctx, tx, to.ID); err != nil {
				return err
			}
		}
		pri, nextDue := k.Pri, k.NextDue
		if reschedule && newestFrom == id {
			restored, ok, err := s.restore(ctx, tx, k, from)
			if err != nil {
				return err
			}
			res.Kept = !ok
			if ok && !moved {
				to = restored
			} else if ok {
				res.Rescheduled = append(res.Rescheduled, rotation.Rescheduled{ContactID: from.ID, Next: restored.Due})
			}
			if !ok && !moved {
				reschedule = false
			}
		}
		// The call itself, in one statement: one version in the history.
		r, err := tx.ExecContext(ctx, `UPDATE calls SET contact_id = ?, at = ?, day = ?, outcome = ?, note = ?, edited_at = ?
			WHERE id = ?`, to.ID, at, day.String(), string(outcome), note, stamp(s.now()), id)
		if err != nil {
			return s.correctError(id, err)
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return s.notYours(id)
		}
		if moved {
			// Its follow-ups: those it created go with it; those of the
			// contact it left that it resolved are open again.
			if _, err := tx.ExecContext(ctx, "UPDATE followups SET contact_id = ? WHERE created_call_id = ? AND contact_id = ?", to.ID, id, from.ID); err != nil {
				return fmt.Errorf("move the call's follow-ups: %w", err)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE followups SET resolved_at = '', resolved_call_id = NULL WHERE resolved_call_id = ? AND contact_id = ?", id, from.ID); err != nil {
				return fmt.Errorf("reopen follow-ups: %w", err)
			}
		}
		if reschedule && ((!moved && newestFrom == id) || (moved && id > newestTo)) {
			p, next, err := s.relog(ctx, tx, id, to, outcome, day, explicit, set)
			if err != nil {
				return err
			}
			pri, nextDue = p.encode(), next.Due.String()
			res.Rescheduled = append(res.Rescheduled, rotation.Rescheduled{ContactID: to.ID, Next: next.Due})
		}
		if _, err := tx.ExecContext(ctx, "UPDATE calls SET prior = ?, next_due = ? WHERE id = ?", pri, nextDue, id); err != nil {
			return s.correctError(id, err)
		}
		res.ContactID = to.ID
		return nil
	})
	return res, err
}

// followUpIDs lists the follow-ups whose column col is the call id.
// undoneDraft is what was typed for a call being undone, as a draft: its
// note, its outcome (a call's), the follow-ups it created, one per line,
// and a callback's date.
func undoneDraft(ctx context.Context, tx *txn, k storedCall, created []int64) (rotation.Draft, error) {
	d := rotation.Draft{ContactID: k.ContactID, Note: k.Note}
	if k.Kind != rotation.KindNote {
		d.Outcome = rotation.Outcome(k.Outcome)
		if d.Outcome == rotation.Callback {
			d.Next = k.NextDue
		}
	}
	var lines []string
	for _, f := range created {
		var text string
		if err := tx.QueryRowContext(ctx, "SELECT text FROM followups WHERE id = ?", f).Scan(&text); err != nil {
			return d, fmt.Errorf("read the call's follow-ups: %w", err)
		}
		lines = append(lines, text)
	}
	d.FollowUps = strings.Join(lines, "\n")
	return d.Clean(), nil
}

func followUpIDs(ctx context.Context, tx *txn, col string, id int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM followups WHERE "+col+" = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var f int64
		if err := rows.Scan(&f); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// correctError names a refusal by the database (row-level security on a
// team book) as the rule it is.
func (s *Store) correctError(id int64, err error) error {
	if isPermission(err) {
		return &kindError{ErrInvalid, fmt.Sprintf("call #%d was logged by someone else; you may correct only the calls you logged", id)}
	}
	return fmt.Errorf("correct call #%d: %w", id, err)
}

func validOutcome(o rotation.Outcome) bool {
	for _, x := range rotation.Outcomes {
		if x == o {
			return true
		}
	}
	return false
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
