package store

import (
	"context"
	"fmt"

	"rotate/rotation"
)

// Stats computes the consistency dashboard for today.
func (s *Store) Stats(ctx context.Context, today rotation.Date) (rotation.Stats, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return rotation.Stats{}, err
	}
	contacts, err := queryContacts(ctx, s.db, "SELECT "+contactColumns+" FROM contacts c WHERE 1=1"+s.mine("c."))
	if err != nil {
		return rotation.Stats{}, err
	}
	cleared := map[rotation.Date]bool{}
	rows, err := s.db.QueryContext(ctx, "SELECT day FROM cleared_days WHERE day <= ?"+s.own("who")+" ORDER BY day DESC LIMIT 4000", today.String())
	if err != nil {
		return rotation.Stats{}, fmt.Errorf("read streak: %w", err)
	}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return rotation.Stats{}, err
		}
		cleared[dateOrZero(d)] = true
	}
	rows.Close()
	late, err := s.lateDays(ctx, today, set.Calendar())
	if err != nil {
		return rotation.Stats{}, err
	}
	// The book begins with its first contact or call: before it there is
	// no streak to count.
	var since string
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(min(d), '') FROM (
			SELECT min(substr(created_at, 1, 10)) AS d FROM contacts c WHERE 1=1`+s.mine("c.")+`
			UNION ALL SELECT min(day) FROM calls WHERE kind <> 'note'`+s.own("logged_by")+`) x`).Scan(&since); err != nil {
		return rotation.Stats{}, fmt.Errorf("read the book's first day: %w", err)
	}
	// Notes are history, not calls: the weekly counts leave them out too.
	var calls7 int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM calls WHERE day > ? AND day <= ? AND kind <> 'note'"+s.own("logged_by"),
		today.AddDays(-7).String(), today.String()).Scan(&calls7); err != nil {
		return rotation.Stats{}, err
	}
	st := rotation.ComputeStats(contacts, rotation.StreakDays{Cleared: cleared, Late: late, Since: dateOrZero(since)}, calls7, today, set.Calendar())
	if err := s.weeklyCalls(ctx, &st, today); err != nil {
		return st, err
	}
	return st, nil
}

// weeklyCalls fills the calls per week and the outcome mix of the last
// rotation.StatsWeeks weeks from one grouped query.
func (s *Store) weeklyCalls(ctx context.Context, st *rotation.Stats, today rotation.Date) error {
	st.Weekly = make([]int, rotation.StatsWeeks)
	st.Outcomes = map[rotation.Outcome]int{}
	st.Conversations = map[rotation.CallKind]int{}
	from := today.AddDays(-7*rotation.StatsWeeks + 1)
	rows, err := s.db.QueryContext(ctx, `SELECT day, outcome, kind, direction, count(*) FROM calls
		WHERE day >= ? AND day <= ? AND kind <> 'note'`+s.own("logged_by")+` GROUP BY day, outcome, kind, direction`, from.String(), today.String())
	if err != nil {
		return fmt.Errorf("read calls per week: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var day, outcome, kind, dir string
		var n int
		if err := rows.Scan(&day, &outcome, &kind, &dir, &n); err != nil {
			return err
		}
		if rotation.Outcome(outcome) == rotation.Reached {
			st.Conversations[rotation.CallKind(kind)] += n
		}
		if rotation.Direction(dir) == rotation.In {
			st.Inbound += n
		}
		if i := rotation.WeekIndex(dateOrZero(day), today); i >= 0 {
			st.Weekly[i] += n
		}
		st.Outcomes[rotation.Outcome(outcome)] += n
	}
	return rows.Err()
}

// lateDays are the workdays before today on which a call of the person's
// list was left late: from the date a call was due (the date the
// contact's previous call set) to the day it was made, and from an open
// call's due date to today. The streak does not count them; another
// workday with nothing left open counts as cleared.
func (s *Store) lateDays(ctx context.Context, today rotation.Date, cal rotation.Calendar) (map[rotation.Date]bool, error) {
	late := map[rotation.Date]bool{}
	from := today.AddDays(-4000).String()
	rows, err := s.db.QueryContext(ctx, `SELECT served, day FROM (
			SELECT k.day, lag(k.next_due) OVER (PARTITION BY k.contact_id ORDER BY k.at, k.id) AS served
			FROM calls k JOIN contacts c ON c.id = k.contact_id
			WHERE k.kind <> 'note' AND k.day >= ?`+s.mine("c.")+`) x
		WHERE served <> '' AND served < day`, from)
	if err != nil {
		return nil, fmt.Errorf("read late calls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var served, day string
		if err := rows.Scan(&served, &day); err != nil {
			return nil, err
		}
		rotation.LateDays(late, dateOrZero(served), dateOrZero(day), cal)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	open, err := s.db.QueryContext(ctx, `SELECT c.due FROM contacts c
		WHERE c.status = 'active' AND c.due < ?`+s.mine("c."), today.String())
	if err != nil {
		return nil, fmt.Errorf("read late calls: %w", err)
	}
	defer open.Close()
	for open.Next() {
		var due string
		if err := open.Scan(&due); err != nil {
			return nil, err
		}
		rotation.LateDays(late, dateOrZero(due), today, cal)
	}
	return late, open.Err()
}
