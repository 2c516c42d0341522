package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"rotate/rotation"
)

// Today returns the call list of a day: the active contacts due on or
// before it in the rotation's priority order (with what the list shows:
// the first phone, no profile), the calls already logged that
// day, and when the next calls fall if none are due.
func (s *Store) Today(ctx context.Context, today rotation.Date) (rotation.Agenda, error) {
	a := rotation.Agenda{Day: today, DoneNames: map[int64]string{}}
	due, err := dueList(ctx, s.db, today, s.mine(""))
	if err != nil {
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

	// Done today is what was logged today; a note (rotate add --note, an
	// edit with a note) is not a call made. Each call's NextDue is the
	// contact's next call as it is now, so a snooze or an edit after the
	// call shows in the list: none once paused or archived.
	rows, err := s.db.QueryContext(ctx, `SELECT k.id, k.contact_id, k.at, k.kind, k.direction, k.outcome,
		CASE WHEN c.status = 'active' THEN coalesce(c.due, '') ELSE '' END, c.name, k.logged_by
		FROM calls k JOIN contacts c ON c.id = k.contact_id WHERE k.day = ? AND k.kind <> ?`+s.mine("c.")+` ORDER BY k.at, k.id`,
		today.String(), string(rotation.KindNote))
	if err != nil {
		return a, fmt.Errorf("read today's calls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k rotation.Call
		var at, outcome, next, name string
		var dir string
		if err := rows.Scan(&k.ID, &k.ContactID, &at, &k.Kind, &dir, &outcome, &next, &name, &k.By); err != nil {
			return a, err
		}
		k.At, k.Day, k.Outcome, k.NextDue = parseStamp(at), today, rotation.Outcome(outcome), dateOrZero(next)
		k.Direction = rotation.Direction(dir)
		a.Done = append(a.Done, k)
		a.DoneNames[k.ContactID] = name
	}
	if err := rows.Err(); err != nil {
		return a, err
	}
	var next string
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(min(due), '') FROM contacts WHERE status = 'active' AND due > ?`+s.mine(""), today.String()).Scan(&next)
	if err != nil {
		return a, err
	}
	if a.NextDue = dateOrZero(next); !a.NextDue.IsZero() {
		if a.NextDueCount, err = dueOn(ctx, s.db, a.NextDue, s.mine("")); err != nil {
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
	rows, err := s.db.QueryContext(ctx, `SELECT CASE WHEN due > ? THEN due ELSE ? END AS d, count(*) FROM contacts
		WHERE status = 'active' AND due < ?`+s.mine("")+` GROUP BY d ORDER BY d`, today.String(), today.String(), end.String())
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
		" FROM contacts c WHERE c.status = 'active' AND c.due >= ? AND c.due < ?"+s.mine("c."),
		from.String(), to.String())
	if err != nil {
		return nil, err
	}
	// Names as people expect them (accents folded), which SQL's lower()
	// does not give.
	rotation.SortContacts(cs, rotation.ByName)
	slices.SortStableFunc(cs, func(a, b rotation.Contact) int { return cmp.Compare(a.Due, b.Due) })
	return cs, nil
}

// dueListColumns are what the due list shows and orders by, and nothing
// more (profiles and timestamps are for the briefing); the first phone is
// kept on the contact row for it, and the zone given (the local time).
// At 100,000 contacts every column and every lookup costs.
const dueListColumns = `SELECT id, name, company, tier, rule, override_rule, override_until,
	coalesce(due, ''), attempts, step, last_call_day, last_outcome, last_talk_day, phone, assignee, returned_day, due_time, tz, status
	FROM contacts`

// dueListQuery is the contacts due on or before today, then those with a
// returned call who are not due yet: two parts, each on its own index
// (status and due; the partial index of returned calls), because one
// WHERE with an OR read every active contact (46–133 ms became 590–750
// ms on the stress book). The second part leaves the status out of its
// WHERE, or SQLite's planner takes the status index and reads every
// active contact again; dueList skips the inactive rows it returns.
func dueListQuery(mine string) string {
	return dueListColumns + ` WHERE status = 'active' AND due <= ?` + mine +
		` UNION ALL ` + dueListColumns + ` WHERE returned_day <> '' AND (due IS NULL OR due > ?)` + mine
}

// dueList reads the active contacts due on or before today, and those
// with a returned call, unordered. mine narrows it to the signed-in
// person's calls (Store.mine).
func dueList(ctx context.Context, q querier, today rotation.Date, mine string) ([]rotation.Contact, error) {
	rows, err := q.QueryContext(ctx, dueListQuery(mine), today.String(), today.String())
	if err != nil {
		return nil, fmt.Errorf("read today's list: %w", err)
	}
	defer rows.Close()
	var out []rotation.Contact
	rules := map[string]rotation.Rule{} // a book has a handful of distinct rules
	parse := func(s string) rotation.Rule {
		r, ok := rules[s]
		if !ok {
			r, _ = rotation.ParseRule(s)
			rules[s] = r
		}
		return r
	}
	for rows.Next() {
		c := rotation.Contact{}
		c.Status = rotation.Active
		var rule, override, until, due, lastCall, lastOutcome, lastTalk, returned, dueTime, status string
		var ph rotation.Phone
		if err := rows.Scan(&c.ID, &c.Name, &c.Company, &c.Tier, &rule, &override, &until, &due, anyInt{&c.Attempts}, anyInt{&c.Step},
			&lastCall, &lastOutcome, &lastTalk, &ph.Number, &c.Assignee, &returned, &dueTime, &c.TZ, &status); err != nil {
			return nil, err
		}
		if status != string(rotation.Active) {
			continue // a returned call of a contact out of the rotation
		}
		if c.Rule = parse(rule); c.Rule.IsZero() {
			c.Rule = rotation.MustRule("every 90d")
		}
		if override != "" {
			c.Override, c.OverrideUntil = parse(override), dateOrZero(until)
		}
		c.Due, c.LastCall, c.LastTalk = dateOrZero(due), dateOrZero(lastCall), dateOrZero(lastTalk)
		c.LastOutcome = rotation.Outcome(lastOutcome)
		c.Returned = dateOrZero(returned)
		c.DueTime, _ = rotation.ParseClock(dueTime)
		c.Schedule = c.Schedule.Sane()
		if ph.Number != "" {
			c.Phones = []rotation.Phone{ph}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
