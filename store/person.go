package store

import (
	"context"
	"fmt"

	"rotate/rotation"
)

// PersonRecord is everything the book holds about one person, for an
// access or portability request (rotate export --contact): the contact,
// every call with its notes, the follow-ups, the signed-in person's draft
// and the history of changes of the calls about them.
type PersonRecord struct {
	Contact   rotation.Contact
	Calls     []rotation.Call // oldest first
	FollowUps []rotation.FollowUp
	Draft     *rotation.Draft
	// History are the earlier versions of their calls, by call id: each
	// call's versions oldest first (see CallHistory).
	History map[int64][]rotation.CallVersion
}

// Person gathers a PersonRecord.
func (s *Store) Person(ctx context.Context, id int64) (PersonRecord, error) {
	var r PersonRecord
	b, err := s.Briefing(ctx, id, 0)
	if err != nil {
		return r, err
	}
	r.Contact, r.Draft = b.Contact, b.Draft
	if r.FollowUps, err = s.FollowUps(ctx, id, false); err != nil {
		return r, err
	}
	for i := len(b.Calls) - 1; i >= 0; i-- {
		r.Calls = append(r.Calls, b.Calls[i])
	}
	// Calls with a history: those on this contact now, and those that
	// were on it before a move or a removal.
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT call_id FROM call_revisions
		WHERE contact_id = ? OR call_id IN (SELECT id FROM calls WHERE contact_id = ?) ORDER BY call_id`, id, id)
	if err != nil {
		return r, s.connError(fmt.Errorf("read the history: %w", err))
	}
	var ids []int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return r, err
		}
		ids = append(ids, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, err
	}
	r.History = map[int64][]rotation.CallVersion{}
	for _, k := range ids {
		h, err := s.CallHistory(ctx, k)
		if err != nil {
			return r, err
		}
		r.History[k] = h
	}
	return r, nil
}
