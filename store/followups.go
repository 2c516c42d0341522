package store

import (
	"context"
	"encoding/json"
	"fmt"
	"rotate/rotation"
	"slices"
	"strings"
)

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

// resolveFollowUps closes the open follow-ups ids of contact c as covered by
// the call callID. One statement for all of them: every statement that
// touches the follow-ups flushes their full-text index, so a row at a time
// would cost a flush per follow-up.
func resolveFollowUps(ctx context.Context, tx *txn, c rotation.Contact, callID int64, at string, ids []int64) error {
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
		WHERE contact_id = ? AND resolved_at = '' AND id IN (SELECT j.value FROM `+jsonList(tx.d, "?")+` j)`,
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
	err = tx.QueryRowContext(ctx, `SELECT j.value FROM `+jsonList(tx.d, "?")+` j
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
func addFollowUps(ctx context.Context, tx *txn, id, callID int64, at string, texts []string) error {
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
		SELECT CAST(? AS BIGINT), j.value, ?, CAST(? AS BIGINT) FROM `+jsonTexts(tx.d, "?")+` j ORDER BY j.key`, id, at, callID, string(list)); err != nil {
		return fmt.Errorf("save follow-ups: %w", err)
	}
	return nil
}
