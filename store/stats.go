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
	// Notes are history, not calls: the weekly counts leave them out too.
	var calls7 int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM calls WHERE day > ? AND day <= ? AND kind <> 'note'"+s.own("logged_by"),
		today.AddDays(-7).String(), today.String()).Scan(&calls7); err != nil {
		return rotation.Stats{}, err
	}
	st := rotation.ComputeStats(contacts, cleared, calls7, today, set.Calendar())
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
	from := today.AddDays(-7*rotation.StatsWeeks + 1)
	rows, err := s.db.QueryContext(ctx, `SELECT day, outcome, count(*) FROM calls
		WHERE day >= ? AND day <= ? AND kind <> 'note'`+s.own("logged_by")+` GROUP BY day, outcome`, from.String(), today.String())
	if err != nil {
		return fmt.Errorf("read calls per week: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var day, outcome string
		var n int
		if err := rows.Scan(&day, &outcome, &n); err != nil {
			return err
		}
		if i := rotation.WeekIndex(dateOrZero(day), today); i >= 0 {
			st.Weekly[i] += n
		}
		st.Outcomes[rotation.Outcome(outcome)] += n
	}
	return rows.Err()
}
