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
	contacts, err := queryContacts(ctx, s.db, "SELECT "+contactColumns+" FROM contacts c")
	if err != nil {
		return rotation.Stats{}, err
	}
	cleared := map[rotation.Date]bool{}
	rows, err := s.db.QueryContext(ctx, "SELECT day FROM cleared_days WHERE day <= ? ORDER BY day DESC LIMIT 4000", today.String())
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
	var calls7 int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM calls WHERE day > ? AND day <= ?",
		today.AddDays(-7).String(), today.String()).Scan(&calls7); err != nil {
		return rotation.Stats{}, err
	}
	return rotation.ComputeStats(contacts, cleared, calls7, today, set.Calendar()), nil
}
