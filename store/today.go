package store

import (
	"context"
	"fmt"

	"rotate/rotation"
)

// Today returns the call list of a day: the active contacts due on or
// before it in the rotation's priority order, the calls already logged that
// day, and when the next calls fall if none are due.
func (s *Store) Today(ctx context.Context, today rotation.Date) (rotation.Agenda, error) {
	a := rotation.Agenda{Day: today, DoneNames: map[int64]string{}}
	due, err := queryContacts(ctx, s.db, "SELECT "+contactColumns+
		" FROM contacts c WHERE c.status = 'active' AND c.due <= ?", today.String())
	if err != nil {
		return a, err
	}
	ptrs := make([]*rotation.Contact, len(due))
	for i := range due {
		ptrs[i] = &due[i]
	}
	if err := attachPhonesAndTags(ctx, s.db, ptrs); err != nil {
		return a, err
	}
	a.Due = make([]rotation.DueItem, len(due))
	for i, c := range due {
		a.Due[i] = rotation.DueItem{
			Contact:     c,
			Reason:      rotation.DueReason(c.Schedule, c.History, today),
			OverdueDays: max(0, c.Due.DaysUntil(today)),
		}
	}
	rotation.SortDue(a.Due, today)

	rows, err := s.db.QueryContext(ctx, `SELECT k.id, k.contact_id, k.at, k.kind, k.outcome, k.next_due, c.name
		FROM calls k JOIN contacts c ON c.id = k.contact_id WHERE k.day = ? ORDER BY k.at, k.id`, today.String())
	if err != nil {
		return a, fmt.Errorf("read today's calls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k rotation.Call
		var at, outcome, next, name string
		if err := rows.Scan(&k.ID, &k.ContactID, &at, &k.Kind, &outcome, &next, &name); err != nil {
			return a, err
		}
		k.At, k.Day, k.Outcome, k.NextDue = parseStamp(at), today, rotation.Outcome(outcome), dateOrZero(next)
		a.Done = append(a.Done, k)
		a.DoneNames[k.ContactID] = name
	}
	if err := rows.Err(); err != nil {
		return a, err
	}
	var next string
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(min(due), '') FROM contacts WHERE status = 'active' AND due > ?`, today.String()).Scan(&next)
	if err != nil {
		return a, err
	}
	if a.NextDue = dateOrZero(next); !a.NextDue.IsZero() {
		if a.NextDueCount, err = dueOn(ctx, s.db, a.NextDue); err != nil {
			return a, err
		}
	}
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM contacts").Scan(&a.Contacts)
	return a, err
}

// DayLoad is the number of calls due on one day (see rotation.DayLoad).
type DayLoad = rotation.DayLoad

// Upcoming returns the calls due on each day from today for days days;
// overdue calls count on today, where they will be made.
func (s *Store) Upcoming(ctx context.Context, today rotation.Date, days int) ([]DayLoad, error) {
	end := today.AddDays(days)
	rows, err := s.db.QueryContext(ctx, `SELECT max(due, ?) AS d, count(*) FROM contacts
		WHERE status = 'active' AND due < ? GROUP BY d ORDER BY d`, today.String(), end.String())
	if err != nil {
		return nil, fmt.Errorf("read upcoming calls: %w", err)
	}
	defer rows.Close()
	counts := map[rotation.Date]int{}
	for rows.Next() {
		var d string
		var n int
		if err := rows.Scan(&d, &n); err != nil {
			return nil, err
		}
		counts[dateOrZero(d)] = n
	}
	out := make([]DayLoad, 0, days)
	for d := today; d < end; d++ {
		out = append(out, DayLoad{Date: d, Count: counts[d]})
	}
	return out, rows.Err()
}

// DueBetween lists the active contacts due in [from, to), by date then
// name: who is due on the days of the Upcoming view.
func (s *Store) DueBetween(ctx context.Context, from, to rotation.Date) ([]rotation.Contact, error) {
	cs, err := queryContacts(ctx, s.db, "SELECT "+contactColumns+
		" FROM contacts c WHERE c.status = 'active' AND c.due >= ? AND c.due < ? ORDER BY c.due, c.name COLLATE NOCASE",
		from.String(), to.String())
	return cs, err
}
