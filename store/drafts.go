package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"rotate/rotation"
)

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
