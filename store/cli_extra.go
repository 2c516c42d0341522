package store

import (
	"context"
	"time"

	"rotate/rotation"
)

// UpdateContactWithNote saves an edit of a contact as UpdateContact does
// (only what changed, refused on a conflict) and records a note about the
// contact, in one transaction: both or, on any error, neither. An empty
// note records nothing.
func (s *Store) UpdateContactWithNote(ctx context.Context, was, now rotation.Contact, note string, at time.Time, day rotation.Date) error {
	return s.withTx(ctx, func(tx *txn) error {
		if err := s.updateContactTx(ctx, tx, was, now); err != nil {
			return err
		}
		if note == "" {
			return nil
		}
		_, err := insertNote(ctx, tx, was.ID, note, at, day)
		return err
	})
}
