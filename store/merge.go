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

// Duplicates and merging (docs/DESIGN.md "Corrections and erasure"):
// adding a contact whose phone number or e-mail address the book has
// already is refused unless asked for, and two contacts of one person
// merge into one.

// Duplicates lists the contacts of the book that share a phone number
// (compared as E.164 where it parses, numbers without a country code read
// in region) or an e-mail address with c, as import finds them. With no
// region, a number without a country code is also compared with the
// book's by its national digits (interchange.MaybeSame).
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
		if region == "" && len(c.Phones) > 0 {
			// No region says how to read a number written without a
			// country code: compare it by its national digits too, so
			// "079 555 10 01" finds "+41 79 555 1001".
			loose, err := mayBeSameNumber(ctx, tx, c)
			if err != nil {
				return err
			}
			for _, id := range loose {
				if id != c.ID && !slices.Contains(seen, id) {
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

// mayBeSameNumber lists the contacts with a number that may be one of c's
// written another way (interchange.MaybeSame).
func mayBeSameNumber(ctx context.Context, tx *txn, c rotation.Contact) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT contact_id, number FROM phones ORDER BY contact_id, position")
	if err != nil {
		return nil, fmt.Errorf("read phones: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var number string
		if err := rows.Scan(&id, &number); err != nil {
			return nil, err
		}
		if slices.ContainsFunc(c.Phones, func(p rotation.Phone) bool { return interchange.MaybeSame(p.Number, number) }) {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
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
// one) — and removes from. The kept contact's schedule is what the newest
// call of the two gives, as if it had been logged on into. On a team book only an
// owner may.
func (s *Store) Merge(ctx context.Context, from, into int64, region string) (Merged, error) {
	res := Merged{Kept: into, Removed: from}
	if from == into {
		return res, invalid(errors.New("a contact cannot be merged into itself"))
	}
	if s.db.d == dialectPostgres && s.kind() != Owner {
		return res, &kindError{ErrInvalid, "only an owner can merge contacts on a team book"}
	}
	err := s.correction(ctx, func(tx *txn, set rotation.Settings) error {
		src, dst, err := s.lockPair(ctx, tx, from, into)
		if err != nil {
			return err
		}
		res.RemovedSchedule = src.Schedule
		srcCall, err := newestCall(ctx, tx, from)
		if err != nil {
			return err
		}
		dstCall, err := newestCall(ctx, tx, into)
		if err != nil {
			return err
		}
		if err := s.beginChange(ctx, tx, rotation.ActionMerge); err != nil {
			return err
		}
		if err := s.moveHistory(ctx, tx, from, into, &res); err != nil {
			return err
		}
		was := dst
		res.Changes = fillMissing(&dst, src, region)
		if err := s.updateContactTx(ctx, tx, was, dst); err != nil {
			return err
		}
		last, err := s.mergeSchedule(ctx, tx, src, &dst, srcCall, dstCall, set)
		if err != nil {
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

// lockPair locks contacts from and into, in id order so that two merges
// never wait on each other crosswise, and reads them.
func (s *Store) lockPair(ctx context.Context, tx *txn, from, into int64) (src, dst rotation.Contact, err error) {
	for _, id := range []int64{min(from, into), max(from, into)} {
		if err := s.lockContact(ctx, tx, id); err != nil {
			return src, dst, err
		}
	}
	if src, err = getContact(ctx, tx, from); err != nil {
		return src, dst, err
	}
	dst, err = getContact(ctx, tx, into)
	return src, dst, err
}

// moveHistory moves the calls (their versions kept in the history of
// changes), the follow-ups and the draft of contact from to into.
func (s *Store) moveHistory(ctx context.Context, tx *txn, from, into int64, res *Merged) error {
	if tx.d != dialectPostgres {
		if _, err := tx.ExecContext(ctx, `INSERT INTO call_revisions (call_id, contact_id, changed_at, changed_by, action,
				at, day, kind, outcome, note, next_due, logged_by, prior, edited_at)
			SELECT id, contact_id, ?, '', ?, at, day, kind, outcome, note, next_due, logged_by, prior, edited_at
			FROM calls WHERE contact_id = ? ORDER BY id`, stamp(s.now()), string(rotation.ActionMerge), from); err != nil {
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
	return nil
}

// mergeSchedule gives the kept contact dst the history of both: its last
// call and conversation are the newer of the two, and when the newest
// call was the removed contact's, its schedule is what that call gives
// it. It returns the day of the last call.
func (s *Store) mergeSchedule(ctx context.Context, tx *txn, src rotation.Contact, dst *rotation.Contact, srcCall, dstCall lastCall, set rotation.Settings) (rotation.Date, error) {
	last, outcome, talk := dst.LastCall, dst.LastOutcome, max(dst.LastTalk, src.LastTalk)
	if src.LastCall > last {
		last, outcome = src.LastCall, src.LastOutcome
	}
	if _, err := tx.ExecContext(ctx, "UPDATE contacts SET last_call_day = ?, last_outcome = ?, last_talk_day = ? WHERE id = ?",
		last.String(), string(outcome), talk.String(), dst.ID); err != nil {
		return last, err
	}
	if !srcCall.newer(dstCall) {
		return last, nil
	}
	// The newest call was the removed contact's: the kept contact's
	// schedule is what that call gives it, as if it had been logged on
	// it (attempts, due date, status).
	last, outcome = srcCall.day, srcCall.outcome
	next, err := s.levelNext(ctx, tx, dst.Schedule, outcome, last, srcCall.explicit, set)
	if err != nil {
		return last, invalid(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE contacts SET due = ?, attempts = ?, step = ?, status = ?,
		last_call_day = ?, last_outcome = ? WHERE id = ?`,
		nullDate(next.Due), next.Attempts, next.Step, string(next.Status), last.String(), string(outcome), dst.ID); err != nil {
		return last, err
	}
	dst.Schedule = next.Schedule
	return last, nil
}

// MergeContacts is Merge for the interface, numbers read without a
// region.
func (s *Store) MergeContacts(ctx context.Context, from, into int64) error {
	_, err := s.Merge(ctx, from, into, "")
	return err
}

// lastCall is a contact's newest call (not a note), zero when it has none.
type lastCall struct {
	day      rotation.Date
	at       time.Time
	outcome  rotation.Outcome
	explicit rotation.Date // the next date the call was logged with, if chosen
}

func newestCall(ctx context.Context, tx *txn, id int64) (lastCall, error) {
	var c lastCall
	var day, at, outcome, pri string
	err := tx.QueryRowContext(ctx, `SELECT day, at, outcome, prior FROM calls WHERE contact_id = ? AND kind <> 'note'
		ORDER BY day DESC, at DESC, id DESC LIMIT 1`, id).Scan(&day, &at, &outcome, &pri)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read the newest call: %w", err)
	}
	c.day = dateOrZero(day)
	c.at, c.outcome = parseStamp(at), rotation.Outcome(outcome)
	if p, ok := decodePrior(pri); ok && p.Next != "" {
		c.explicit = dateOrZero(p.Next)
	}
	return c, nil
}

// newer reports whether c is a call newer than d.
func (c lastCall) newer(d lastCall) bool {
	if c.day.IsZero() || c.day != d.day {
		return c.day > d.day
	}
	return c.at.After(d.at)
}
