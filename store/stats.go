package store

import (
	"context"
	"fmt"
	"strings"

	"rotate/rotation"
)

// Stats computes the consistency dashboard for today: on a team book
// the signed-in person's (their list, their calls, their streak), or the
// practice's when the book was opened with Options.Everyone (see
// PracticeStats).
func (s *Store) Stats(ctx context.Context, today rotation.Date) (rotation.Stats, error) {
	scope := s.myScope()
	if s.db.d == dialectPostgres && s.team.everyone {
		scope = practiceScope()
	}
	st, err := s.statsFor(ctx, today, scope)
	if err != nil {
		return st, err
	}
	if err := s.weeklyCalls(ctx, &st, today, scope); err != nil {
		return st, err
	}
	return st, nil
}

// statsScope is whose figures a dashboard counts: the contacts whose
// calls are theirs (contacts, on an alias such as "c."), the calls they
// logged and the days they cleared (calls and cleared, on a column).
// Each gives a condition to append to a WHERE, "" for all.
type statsScope struct {
	contacts func(alias string) string
	calls    func(col string) string
	cleared  func(col string) string
}

// myScope is the signed-in person's, as their Today list has it.
func (s *Store) myScope() statsScope {
	return statsScope{contacts: s.mine, calls: s.own, cleared: s.own}
}

// practiceScope is the whole practice's: every contact the person may
// see and every call on them; no one person's cleared days stand for the
// practice's, so its streak counts the workdays on which no call of the
// practice was left late.
func practiceScope() statsScope {
	all := func(string) string { return "" }
	return statsScope{contacts: all, calls: all, cleared: func(string) string { return " AND 1=0" }}
}

// personScope is one member's, as their Today list has it: an
// assistant's contacts, an owner's and the unassigned ones.
func personScope(role string, kind MemberKind) statsScope {
	lit := sqlString(role)
	return statsScope{
		contacts: func(alias string) string {
			if kind == Owner {
				return " AND (" + alias + "assignee = " + lit + " OR " + alias + "assignee = '')"
			}
			return " AND " + alias + "assignee = " + lit
		},
		calls:   func(col string) string { return " AND " + col + " = " + lit },
		cleared: func(col string) string { return " AND " + col + " = " + lit },
	}
}

// sqlString is a SQL string literal of s (standard quoting: PostgreSQL's
// standard_conforming_strings, SQLite's only kind). Roles are the only
// text written into a query this way, for queries that name one many
// times.
func sqlString(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, "\x00", ""), "'", "''") + "'"
}

// statsFor is the dashboard of a scope, but for the calls per week.
func (s *Store) statsFor(ctx context.Context, today rotation.Date, scope statsScope) (rotation.Stats, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return rotation.Stats{}, err
	}
	contacts, err := queryContacts(ctx, s.db, "SELECT "+contactColumns+" FROM contacts c WHERE 1=1"+scope.contacts("c."))
	if err != nil {
		return rotation.Stats{}, err
	}
	cleared := map[rotation.Date]bool{}
	rows, err := s.db.QueryContext(ctx, "SELECT day FROM cleared_days WHERE day <= ?"+scope.cleared("who")+" ORDER BY day DESC LIMIT 4000", today.String())
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
	late, err := s.lateDays(ctx, today, set.Calendar(), scope)
	if err != nil {
		return rotation.Stats{}, err
	}
	// The book begins with its first contact or call: before it there is
	// no streak to count.
	var since string
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(min(d), '') FROM (
			SELECT min(substr(created_at, 1, 10)) AS d FROM contacts c WHERE 1=1`+scope.contacts("c.")+`
			UNION ALL SELECT min(day) FROM calls WHERE kind <> 'note'`+scope.calls("logged_by")+`) x`).Scan(&since); err != nil {
		return rotation.Stats{}, fmt.Errorf("read the book's first day: %w", err)
	}
	// Notes are history, not calls: the weekly counts leave them out too.
	var calls7 int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM calls WHERE day > ? AND day <= ? AND kind <> 'note'"+scope.calls("logged_by"),
		today.AddDays(-7).String(), today.String()).Scan(&calls7); err != nil {
		return rotation.Stats{}, err
	}
	return rotation.ComputeStats(contacts, rotation.StreakDays{Cleared: cleared, Late: late, Since: dateOrZero(since)}, calls7, today, set.Calendar()), nil
}

// PracticeStats is the dashboard of a team book's practice, with each
// member's figures: every member's for an owner, an assistant's own for
// them (what they may see of the practice is their contacts).
func (s *Store) PracticeStats(ctx context.Context, today rotation.Date) (rotation.Stats, []rotation.PersonStats, error) {
	if err := s.needTeam(); err != nil {
		return rotation.Stats{}, nil, err
	}
	scope := practiceScope()
	st, err := s.statsFor(ctx, today, scope)
	if err != nil {
		return st, nil, s.connError(err)
	}
	if err := s.weeklyCalls(ctx, &st, today, scope); err != nil {
		return st, nil, s.connError(err)
	}
	members, err := s.Members(ctx)
	if err != nil {
		return st, nil, err
	}
	var people []rotation.PersonStats
	for _, m := range members {
		if s.team.kind != Owner && m.Role != s.team.role {
			continue
		}
		ps, err := s.statsFor(ctx, today, personScope(m.Role, m.Kind))
		if err != nil {
			return st, nil, s.connError(err)
		}
		people = append(people, rotation.PersonStats{Role: m.Role, Kind: string(m.Kind),
			CallsLast7Days: ps.CallsLast7Days, Coverage: ps.Coverage, StreakDays: ps.StreakDays})
	}
	return st, people, nil
}

// weeklyCalls fills the calls per week and the outcome mix of the last
// rotation.StatsWeeks weeks from one grouped query.
func (s *Store) weeklyCalls(ctx context.Context, st *rotation.Stats, today rotation.Date, scope statsScope) error {
	st.Weekly = make([]int, rotation.StatsWeeks)
	st.Outcomes = map[rotation.Outcome]int{}
	st.Conversations = map[rotation.CallKind]int{}
	from := today.AddDays(-7*rotation.StatsWeeks + 1)
	rows, err := s.db.QueryContext(ctx, `SELECT day, outcome, kind, direction, count(*) FROM calls
		WHERE day >= ? AND day <= ? AND kind <> 'note'`+scope.calls("logged_by")+` GROUP BY day, outcome, kind, direction`, from.String(), today.String())
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
func (s *Store) lateDays(ctx context.Context, today rotation.Date, cal rotation.Calendar, scope statsScope) (map[rotation.Date]bool, error) {
	late := map[rotation.Date]bool{}
	from := today.AddDays(-4000).String()
	rows, err := s.db.QueryContext(ctx, `SELECT served, day FROM (
			SELECT k.day, lag(k.next_due) OVER (PARTITION BY k.contact_id ORDER BY k.at, k.id) AS served
			FROM calls k JOIN contacts c ON c.id = k.contact_id
			WHERE k.kind <> 'note' AND k.day >= ?`+scope.contacts("c.")+`) x
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
		WHERE c.status = 'active' AND c.due < ?`+scope.contacts("c."), today.String())
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
