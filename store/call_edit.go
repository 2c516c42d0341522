package store

import (
	"context"
	"fmt"
	"rotate/rotation"
)

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
