package store

import (
	"context"
	"fmt"
	"time"

	"rotate/rotation"
)

// UpdateContactWithNote saves every editable field of c, as UpdateContact
// does, and records a note about the contact, in one transaction: both or,
// on any error, neither. An empty note records nothing.
func (s *Store) UpdateContactWithNote(ctx context.Context, c rotation.Contact, note string, at time.Time, day rotation.Date) error {
	if note == "" {
		return s.UpdateContact(ctx, c)
	}
	if err := validateContact(c); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE contacts SET name = ?, email = ?, company = ?, tier = ?,
			rule = ?, override_rule = ?, override_until = ?, due = ?, attempts = ?, step = ?, status = ?,
			family = ?, occupation = ?, recreation = ?, message = ?, birthday = ?, phone = ?, updated_at = ?
			WHERE id = ?`,
			c.Name, c.Email, c.Company, c.Tier, c.Rule.String(), c.Override.String(), c.OverrideUntil.String(),
			nullDate(c.Due), c.Attempts, c.Step, string(c.Status), c.Family, c.Occupation, c.Recreation,
			c.Message, c.Birthday.String(), c.FirstPhone(), stamp(s.now()), c.ID)
		if err != nil {
			return fmt.Errorf("update %s: %w", c.Name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFoundf("no contact #%d", c.ID)
		}
		if err := writePhonesAndTags(ctx, tx, c, false); err != nil {
			return err
		}
		_, err = insertNote(ctx, tx, c.ID, note, at, day)
		return err
	})
}
