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
		p, err := s.planCallEdit(ctx, tx, id, e)
		if err != nil {
			return err
		}
		return s.applyCallEdit(ctx, tx, id, p, set, &res)
	})
	return res, err
}

// callEdit is what EditCall will write: the call as stored, the contacts
// it leaves and joins, and its corrected fields.
type callEdit struct {
	k          storedCall
	from, to   rotation.Contact
	moved      bool
	note       string
	outcome    rotation.Outcome
	at         string
	day        rotation.Date
	explicit   rotation.Date // the next call asked for (a callback's date)
	reschedule bool          // whether the change may move the schedule
}

// planCallEdit reads call id, its contact and the one it moves to (both
// locked), and works out the corrected call; it writes nothing.
func (s *Store) planCallEdit(ctx context.Context, tx *txn, id int64, e rotation.CallEdit) (*callEdit, error) {
	k, from, err := s.lockedCall(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	p := &callEdit{k: k, from: from, to: from, moved: e.Contact != 0 && e.Contact != from.ID}
	if p.moved {
		if err := s.lockContact(ctx, tx, e.Contact); err != nil {
			return nil, err
		}
		if p.to, err = getContact(ctx, tx, e.Contact); err != nil {
			return nil, err
		}
	}
	p.note, p.outcome, p.at, p.day = k.Note, rotation.Outcome(k.Outcome), k.At, dateOrZero(k.Day)
	if e.Note != nil {
		p.note = *e.Note
	}
	if e.Outcome != nil {
		if k.Kind == rotation.KindNote {
			return nil, invalid(fmt.Errorf("call #%d is a note; a note has no outcome", id))
		}
		p.outcome = *e.Outcome
		t := rotation.Touch{Via: k.Kind, Direction: rotation.Direction(k.Direction), Outcome: p.outcome}
		if err := t.Check(); err != nil {
			return nil, invalid(fmt.Errorf("call #%d: %w", id, err))
		}
	}
	if e.At != nil {
		p.at = stamp(*e.At)
		if !e.Day.IsZero() {
			p.day = e.Day
		}
	}
	old, _ := decodePrior(k.Pri)
	p.explicit = dateOrZero(old.Next)
	if !e.Next.IsZero() {
		p.explicit = e.Next
	}
	if p.outcome == rotation.Callback && p.explicit.IsZero() {
		return nil, invalid(rotation.ErrNeedDate)
	}
	p.reschedule = k.Kind != rotation.KindNote && (p.moved || p.outcome != rotation.Outcome(k.Outcome) ||
		p.day != dateOrZero(k.Day) || p.explicit != dateOrZero(old.Next))
	return p, nil
}

// applyCallEdit writes the edit p of call id: its version kept in the
// history of changes, the schedule put back when it was its contact's
// newest call, the call itself, and the schedule it now gives.
func (s *Store) applyCallEdit(ctx context.Context, tx *txn, id int64, p *callEdit, set rotation.Settings, res *rotation.Correction) error {
	action := rotation.ActionEdit
	if p.moved {
		action = rotation.ActionMove
	}
	if err := s.beginChange(ctx, tx, action); err != nil {
		return err
	}
	if err := s.keepRevision(ctx, tx, action, id); err != nil {
		return err
	}
	newestFrom, err := newestOf(ctx, tx, p.from.ID)
	if err != nil {
		return err
	}
	newestTo := newestFrom
	if p.moved {
		if newestTo, err = newestOf(ctx, tx, p.to.ID); err != nil {
			return err
		}
	}
	pri, nextDue := p.k.Pri, p.k.NextDue
	if p.reschedule && newestFrom == id {
		if err := s.unlogEdited(ctx, tx, p, res); err != nil {
			return err
		}
	}
	if err := s.writeEditedCall(ctx, tx, id, p); err != nil {
		return err
	}
	if p.reschedule && ((!p.moved && newestFrom == id) || (p.moved && id > newestTo)) {
		t := rotation.Touch{Via: p.k.Kind, Direction: rotation.Direction(p.k.Direction), Outcome: p.outcome}
		pr, next, err := s.relog(ctx, tx, id, p.to, t, p.day, p.explicit, set)
		if err != nil {
			return err
		}
		pri, nextDue = pr.encode(), next.Due.String()
		res.Rescheduled = append(res.Rescheduled, rotation.Rescheduled{ContactID: p.to.ID, Next: next.Due})
	}
	if _, err := tx.ExecContext(ctx, "UPDATE calls SET prior = ?, next_due = ? WHERE id = ?", pri, nextDue, id); err != nil {
		return s.correctError(id, err)
	}
	res.ContactID = p.to.ID
	return nil
}

// unlogEdited puts the schedule of the contact whose newest call p edits
// back as it was before the call (see restore).
func (s *Store) unlogEdited(ctx context.Context, tx *txn, p *callEdit, res *rotation.Correction) error {
	restored, ok, err := s.restore(ctx, tx, p.k, p.from)
	if err != nil {
		return err
	}
	res.Kept = !ok
	if ok && !p.moved {
		p.to = restored
	} else if ok {
		res.Rescheduled = append(res.Rescheduled, rotation.Rescheduled{ContactID: p.from.ID, Next: restored.Due})
	}
	if !ok && !p.moved {
		p.reschedule = false
	}
	return nil
}

// writeEditedCall writes the corrected call in one statement (one
// version in the history) and, when it moves, its follow-ups: those it
// created go with it; those of the contact it left that it resolved are
// open again.
func (s *Store) writeEditedCall(ctx context.Context, tx *txn, id int64, p *callEdit) error {
	r, err := tx.ExecContext(ctx, `UPDATE calls SET contact_id = ?, at = ?, day = ?, outcome = ?, note = ?, edited_at = ?
		WHERE id = ?`, p.to.ID, p.at, p.day.String(), string(p.outcome), p.note, stamp(s.now()), id)
	if err != nil {
		return s.correctError(id, err)
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return s.notYours(id)
	}
	if !p.moved {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE followups SET contact_id = ? WHERE created_call_id = ? AND contact_id = ?", p.to.ID, id, p.from.ID); err != nil {
		return fmt.Errorf("move the call's follow-ups: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE followups SET resolved_at = '', resolved_call_id = NULL WHERE resolved_call_id = ? AND contact_id = ?", id, p.from.ID); err != nil {
		return fmt.Errorf("reopen follow-ups: %w", err)
	}
	return nil
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
