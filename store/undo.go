package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"rotate/rotation"
	"strings"
)

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

func (s *Store) removeCall(ctx context.Context, id int64, action rotation.VersionAction) (rotation.Correction, error) {
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
