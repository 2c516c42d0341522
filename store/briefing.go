package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"rotate/rotation"
)

// Briefing gathers what to read before calling a contact: the contact, its
// open follow-ups (most recent first), its last calls (newest first; at
// most callLimit, all when callLimit <= 0) and any unsaved draft.
func (s *Store) Briefing(ctx context.Context, id int64, callLimit int) (rotation.Briefing, error) {
	var b rotation.Briefing
	var err error
	if b.Contact, err = s.Contact(ctx, id); err != nil {
		return b, err
	}
	if b.FollowUps, err = s.followUps(ctx, id, true); err != nil {
		return b, err
	}
	if b.Calls, err = s.Calls(ctx, id, callLimit); err != nil {
		return b, err
	}
	d, ok, err := s.Draft(ctx, id)
	if err != nil {
		return b, err
	}
	if ok {
		b.Draft = &d
	}
	return b, nil
}

// Calls returns a contact's calls, newest first; at most limit when limit
// is positive.
func (s *Store) Calls(ctx context.Context, contactID int64, limit int) ([]rotation.Call, error) {
	if limit <= 0 {
		limit = math.MaxInt32 // every call: LIMIT -1 is SQLite's alone
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, day, kind, outcome, note, next_due, edited_at <> '' FROM calls
		WHERE contact_id = ? ORDER BY at DESC, id DESC LIMIT ?`, contactID, limit)
	if err != nil {
		return nil, fmt.Errorf("read calls: %w", err)
	}
	defer rows.Close()
	var out []rotation.Call
	for rows.Next() {
		k := rotation.Call{ContactID: contactID}
		var at, day, outcome, next string
		if err := rows.Scan(&k.ID, &at, &day, &k.Kind, &outcome, &k.Note, &next, &k.Revised); err != nil {
			return nil, err
		}
		k.At, k.Day, k.Outcome, k.NextDue = parseStamp(at), dateOrZero(day), rotation.Outcome(outcome), dateOrZero(next)
		out = append(out, k)
	}
	return out, rows.Err()
}

// FollowUps returns a contact's follow-ups, most recent first: only the
// open ones when openOnly is set.
func (s *Store) FollowUps(ctx context.Context, contactID int64, openOnly bool) ([]rotation.FollowUp, error) {
	return s.followUps(ctx, contactID, openOnly)
}

func (s *Store) followUps(ctx context.Context, contactID int64, openOnly bool) ([]rotation.FollowUp, error) {
	q := `SELECT id, text, created_at, coalesce(created_call_id, 0), resolved_at, coalesce(resolved_call_id, 0)
		FROM followups WHERE contact_id = ?`
	if openOnly {
		q += " AND resolved_at = ''"
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY created_at DESC, id DESC", contactID)
	if err != nil {
		return nil, fmt.Errorf("read follow-ups: %w", err)
	}
	defer rows.Close()
	var out []rotation.FollowUp
	for rows.Next() {
		f := rotation.FollowUp{ContactID: contactID}
		var created, resolved string
		if err := rows.Scan(&f.ID, &f.Text, &created, &f.CreatedCall, &resolved, &f.ResolvedCall); err != nil {
			return nil, err
		}
		f.Created, f.Resolved = parseStamp(created), parseStamp(resolved)
		out = append(out, f)
	}
	return out, rows.Err()
}

// AddFollowUp adds something to bring up with a contact, outside a call.
func (s *Store) AddFollowUp(ctx context.Context, contactID int64, text string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *txn) error {
		err := tx.QueryRowContext(ctx, "INSERT INTO followups (contact_id, text, created_at) VALUES (?, ?, ?) RETURNING id",
			contactID, text, stamp(s.now())).Scan(&id)
		if err != nil {
			return fmt.Errorf("add follow-up: %w", err)
		}
		return nil
	})
	return id, err
}

// Draft returns the unsaved draft of a contact, if there is one.
func (s *Store) Draft(ctx context.Context, contactID int64) (rotation.Draft, bool, error) {
	d := rotation.Draft{ContactID: contactID}
	var outcome, updated string
	err := s.db.QueryRowContext(ctx, "SELECT outcome, note, followups, next, updated_at FROM drafts WHERE contact_id = ?"+s.own("author"), contactID).
		Scan(&outcome, &d.Note, &d.FollowUps, &d.Next, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("read draft: %w", err)
	}
	d.Outcome, d.Updated = rotation.Outcome(outcome), parseStamp(updated)
	return d, true, nil
}

// SaveDraft keeps the state of a call being logged; an empty draft is
// removed instead.
func (s *Store) SaveDraft(ctx context.Context, d rotation.Draft) error {
	if d.IsEmpty() {
		return s.DeleteDraft(ctx, d.ContactID)
	}
	gone := false
	err := s.withTx(ctx, func(tx *txn) error {
		if s.db.d == dialectPostgres {
			// A contact that left the member's reach (reassigned, the
			// member demoted) takes no draft of theirs: the note goes to
			// whoever holds it now (HandDraft).
			ok, err := s.reachable(ctx, tx, d.ContactID)
			if err != nil {
				return err
			}
			if !ok {
				gone = true
				return nil
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO drafts (contact_id, outcome, note, followups, next, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT `+s.draftKey()+` DO UPDATE SET outcome = excluded.outcome,
			note = excluded.note, followups = excluded.followups, next = excluded.next, updated_at = excluded.updated_at`,
			d.ContactID, string(d.Outcome), d.Note, d.FollowUps, d.Next, stamp(s.now()))
		if err != nil {
			return fmt.Errorf("save draft: %w", err)
		}
		return nil
	})
	if err != nil || !gone {
		return err
	}
	handed, err := s.HandDraft(ctx, d)
	if err != nil {
		return err
	}
	return handedOver(d.ContactID, handed)
}

// DeleteDraft removes a contact's draft (after saving or discarding it).
func (s *Store) DeleteDraft(ctx context.Context, contactID int64) error {
	return s.withTx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE contact_id = ?"+s.own("author"), contactID)
		return err
	})
}

// Drafts lists the contacts that have an unsaved draft.
func (s *Store) Drafts(ctx context.Context) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT contact_id FROM drafts WHERE 1=1"+s.own("author")+" ORDER BY updated_at DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// draftKey is the conflict target of a draft: the contact, and on a team
// book the person writing it (each has their own).
func (s *Store) draftKey() string {
	if s.db.d == dialectPostgres {
		return "(contact_id, author)"
	}
	return "(contact_id)"
}
