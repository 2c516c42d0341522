package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"rotate/rotation"
	"rotate/rotation/interchange"
)

// Calls from the phone (rotate calls import, docs/DESIGN.md "Calls from
// the phone"): the book as matching a call log needs it, and the matched
// calls logged in one transaction, each with its phone record's key.

// CallLogBook returns what interchange.MatchCalls needs from the book:
// every contact it shows the person (with phones), and the touches that
// may be the phone's calls — every imported one (it has a key), and the
// calls logged since since.
func (s *Store) CallLogBook(ctx context.Context, since time.Time) ([]rotation.Contact, []interchange.LoggedCall, error) {
	var contacts []rotation.Contact
	var logged []interchange.LoggedCall
	err := s.readTx(ctx, func(tx *txn) error {
		var err error
		contacts, err = queryContacts(ctx, tx, "SELECT "+contactColumns+" FROM contacts c ORDER BY c.id")
		if err != nil {
			return err
		}
		pos := make(map[int64]int, len(contacts))
		for i, c := range contacts {
			pos[c.ID] = i
		}
		rows, err := tx.QueryContext(ctx, "SELECT contact_id, number, label FROM phones ORDER BY contact_id, position")
		if err != nil {
			return fmt.Errorf("read phones: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var p rotation.Phone
			if err := rows.Scan(&id, &p.Number, &p.Label); err != nil {
				return err
			}
			if i, ok := pos[id]; ok {
				contacts[i].Phones = append(contacts[i].Phones, p)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// Stamps compare as text only roughly (RFC 3339 drops trailing
		// zeros of the fraction): a day's margin, the window in Go.
		calls, err := tx.QueryContext(ctx, `SELECT id, contact_id, at, kind, phone_key FROM calls
			WHERE phone_key <> '' OR (kind = ? AND at >= ?)`, rotation.KindCall, stamp(since.Add(-24*time.Hour)))
		if err != nil {
			return fmt.Errorf("read calls: %w", err)
		}
		defer calls.Close()
		for calls.Next() {
			var l interchange.LoggedCall
			var at string
			if err := calls.Scan(&l.ID, &l.ContactID, &at, &l.Kind, &l.Key); err != nil {
				return err
			}
			l.At = parseStamp(at)
			if l.Key != "" || !l.At.Before(since) {
				logged = append(logged, l)
			}
		}
		return calls.Err()
	})
	return contacts, logged, err
}

// PhoneTouch is one call of a phone's call log to log: the touch, and the
// key of the phone's record (interchange.PhoneCall.Key) kept with it.
type PhoneTouch struct {
	Entry LogEntry
	Key   string
}

// ErrImportedMeanwhile is ImportCalls refusing calls that another import
// logged while this one was being reviewed.
var ErrImportedMeanwhile = errors.New("some of these calls were imported meanwhile; run the import again")

// ImportCalls logs the touches of a phone's call log, in the order given
// (oldest first), each as LogCall logs a touch, in one transaction: all of
// them are saved or none. A touch whose key the contact has already (an
// import that ran meanwhile) refuses the whole import.
func (s *Store) ImportCalls(ctx context.Context, touches []PhoneTouch) ([]LogResult, error) {
	var ids []int64
	for i := range touches {
		e := &touches[i].Entry
		if e.Kind == "" {
			e.Kind = rotation.KindCall
		}
		if e.Direction == "" {
			e.Direction = rotation.Out
		}
		if err := touchOf(*e).Check(); err != nil {
			return nil, invalid(err)
		}
		if touches[i].Key == "" {
			return nil, invalid(errors.New("a call from the phone without its record's key"))
		}
		ids = append(ids, e.ContactID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var res []LogResult
	err := s.retryDeadlock(func() error {
		res = nil
		return s.withTx(ctx, func(tx *txn) error {
			// Contacts are locked in the order of their ids, as every
			// import does, so that two imports cannot wait on each other.
			for _, id := range ids {
				if err := s.lockContact(ctx, tx, id); err != nil {
					return err
				}
			}
			for _, t := range touches {
				var one int
				err := tx.QueryRowContext(ctx, "SELECT 1 FROM calls WHERE contact_id = ? AND phone_key = ?", t.Entry.ContactID, t.Key).Scan(&one)
				if err == nil {
					return ErrImportedMeanwhile
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			set, err := loadSettings(ctx, tx)
			if err != nil {
				return err
			}
			s.plan.mu.Lock()
			defer s.plan.mu.Unlock()
			for _, t := range touches {
				r, err := s.logTouchIn(ctx, tx, t.Entry, set, t.Key)
				if err != nil {
					return err
				}
				res = append(res, r)
			}
			return nil
		})
	})
	if err != nil {
		s.plan.mu.Lock()
		s.plan.invalidate()
		s.plan.mu.Unlock()
		return nil, err
	}
	return res, nil
}
