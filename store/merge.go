package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"rotate/rotation"
)

// Duplicates and merging (docs/DESIGN.md "Corrections and erasure"):
// adding a contact whose phone number or e-mail address the book has
// already is refused unless asked for, and two contacts of one person
// merge into one.

// Duplicates lists the contacts of the book that share a phone number
// (compared as E.164 where it parses, numbers without a country code read
// in region) or an e-mail address with c, as import finds them.
func (s *Store) Duplicates(ctx context.Context, c rotation.Contact, region string) ([]rotation.Contact, error) {
	var out []rotation.Contact
	err := s.readTx(ctx, func(tx *txn) error {
		ix := newImportIndex(region)
		var ids []int64
		var names []string
		if err := indexBook(ctx, tx, ix, &ids, &names); err != nil {
			return err
		}
		var seen []int64
		for _, k := range ix.keys(c, nil) {
			for _, pos := range ix.byKey[k] {
				if id := ids[pos]; id != c.ID && !slices.Contains(seen, id) {
					seen = append(seen, id)
				}
			}
		}
		slices.Sort(seen)
		for _, id := range seen {
			d, err := getContact(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// Merged is what Merge did.
type Merged struct {
	Kept, Removed   int64
	Calls           int64
	FollowUps       int64
	Changes         []string // what the kept contact gained: "phone +49 …", "email", …
	LastCall        rotation.Date
	KeptDue         rotation.Date
	KeptStatus      rotation.Status
	RemovedSchedule rotation.Schedule
}

// Merge moves everything of contact from into contact into — calls (each
// keeping a version in its history of changes), follow-ups, drafts,
// phones, e-mail, tags and profile (into's values win where both have
// one) — keeps into's schedule, and removes from. On a team book only an
// owner may.
func (s *Store) Merge(ctx context.Context, from, into int64, region string) (Merged, error) {
	res := Merged{Kept: into, Removed: from}
	if from == into {
		return res, invalid(errors.New("a contact cannot be merged into itself"))
	}
	if s.db.d == dialectPostgres && s.team.kind != Owner {
		return res, &kindError{ErrInvalid, "only an owner can merge contacts on a team book"}
	}
	err := s.correction(ctx, func(tx *txn, _ rotation.Settings) error {
		// In id order, so two merges never wait on each other crosswise.
		for _, id := range []int64{min(from, into), max(from, into)} {
			if err := s.lockContact(ctx, tx, id); err != nil {
				return err
			}
		}
		src, err := getContact(ctx, tx, from)
		if err != nil {
			return err
		}
		dst, err := getContact(ctx, tx, into)
		if err != nil {
			return err
		}
		res.RemovedSchedule = src.Schedule
		if err := s.beginChange(ctx, tx, rotation.ActionMerge); err != nil {
			return err
		}
		if tx.d != dialectPostgres {
			if _, err := tx.ExecContext(ctx, `INSERT INTO call_revisions (call_id, contact_id, changed_at, changed_by, action,
					at, day, kind, outcome, note, next_due, logged_by, prior, edited_at)
				SELECT id, contact_id, ?, '', ?, at, day, kind, outcome, note, next_due, logged_by, prior, edited_at
				FROM calls WHERE contact_id = ? ORDER BY id`, stamp(s.now()), rotation.ActionMerge, from); err != nil {
				return fmt.Errorf("keep the calls' history: %w", err)
			}
		}
		r, err := tx.ExecContext(ctx, "UPDATE calls SET contact_id = ? WHERE contact_id = ?", into, from)
		if err != nil {
			return fmt.Errorf("move the calls: %w", err)
		}
		res.Calls, _ = r.RowsAffected()
		if r, err = tx.ExecContext(ctx, "UPDATE followups SET contact_id = ? WHERE contact_id = ?", into, from); err != nil {
			return fmt.Errorf("move the follow-ups: %w", err)
		}
		res.FollowUps, _ = r.RowsAffected()
		// A draft moves unless the kept contact has one (of the same
		// person, on a team book).
		same := ""
		if tx.d == dialectPostgres {
			same = " AND d.author = drafts.author"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE drafts SET contact_id = ? WHERE contact_id = ?
			AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.contact_id = ?`+same+`)`, into, from, into); err != nil {
			return fmt.Errorf("move the draft: %w", err)
		}
		was := dst
		res.Changes = fillMissing(&dst, src, region)
		if err := s.updateContactTx(ctx, tx, was, dst); err != nil {
			return err
		}
		// The history is the kept contact's now: its last call and
		// conversation are the newer of the two.
		last, outcome, talk := dst.LastCall, dst.LastOutcome, max(dst.LastTalk, src.LastTalk)
		if src.LastCall > last {
			last, outcome = src.LastCall, src.LastOutcome
		}
		if _, err := tx.ExecContext(ctx, "UPDATE contacts SET last_call_day = ?, last_outcome = ?, last_talk_day = ? WHERE id = ?",
			last.String(), string(outcome), talk.String(), into); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM contacts WHERE id = ?", from); err != nil {
			return fmt.Errorf("remove %s: %w", src.Name, err)
		}
		res.LastCall, res.KeptDue, res.KeptStatus = last, dst.Due, dst.Status
		s.plan.invalidate()
		return nil
	})
	return res, err
}

// MergeContacts is Merge for the interface, numbers read without a
// region.
func (s *Store) MergeContacts(ctx context.Context, from, into int64) error {
	_, err := s.Merge(ctx, from, into, "")
	return err
}
