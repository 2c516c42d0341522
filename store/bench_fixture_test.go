package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"rotate/rotation"
)

// FillBenchBook adds n active contacts to s for the backend benchmarks,
// 500 to an INSERT: spread over the 90 days around today (a few days
// overdue to 86 ahead), on a mix of rules, each with a phone. Plain SQL
// both backends read, through the store's dialect.
func FillBenchBook(ctx context.Context, s *Store, n int, today rotation.Date) error {
	rules := []string{"every 30d", "every 90d", "every 90d", "every 3m", "every 6m", "weekly fri", "every 2w"}
	tiers := []string{"A", "B", "B", "C"}
	now := stamp(today.Time().Add(8 * time.Hour))
	const batch = 500
	for first := 0; first < n; first += batch {
		last := min(first+batch, n)
		err := s.withTx(ctx, func(tx *txn) error {
			var rows []string
			var args []any
			for i := first; i < last; i++ {
				rows = append(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?)")
				due := today.AddDays(i%90 - 3)
				args = append(args, fmt.Sprintf("Client %06d", i), fmt.Sprintf("client%d@example.com", i),
					fmt.Sprintf("Company %d", i%997), tiers[i%len(tiers)], rules[i%len(rules)], due.String(),
					fmt.Sprintf("+1 555 %07d", i), now, now)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (name, email, company, tier, rule, due, phone, created_at, updated_at)
				VALUES `+strings.Join(rows, ", "), args...); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO phones (contact_id, position, number, label)
				SELECT id, 0, phone, 'mobile' FROM contacts WHERE id > (SELECT coalesce(max(contact_id), 0) FROM phones)`)
			return err
		})
		if err != nil {
			return err
		}
	}
	s.plan.mu.Lock()
	s.plan.invalidate()
	s.plan.mu.Unlock()
	return nil
}

// AssignEvery gives every k-th contact of the benchmark book (by id) to
// role.
func AssignEvery(ctx context.Context, s *Store, role string, k int) error {
	return s.withTx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, "UPDATE contacts SET assignee = ? WHERE id % ? = 0", role, k)
		return err
	})
}
