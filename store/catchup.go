package store

import (
	"context"
	"fmt"
	"rotate/rotation"
)

// PlanCatchUp plans today's open calls (overdue and due) when there are
// more than a day holds: the most urgent stay today, the rest go to the
// first workdays with room, highest priority first, under the capacity
// (see Capacity). Nothing is written; ApplyCatchUp writes a plan. A list
// that fits gives a plan without moves.
func (s *Store) PlanCatchUp(ctx context.Context, today rotation.Date) (rotation.CatchUpPlan, error) {
	var plan rotation.CatchUpPlan
	err := s.withRead(ctx, func(q querier) error {
		var err error
		plan, err = s.planCatchUp(ctx, q, today)
		return err
	})
	return plan, err
}

func (s *Store) planCatchUp(ctx context.Context, q querier, today rotation.Date) (rotation.CatchUpPlan, error) {
	set, err := loadSettings(ctx, q)
	if err != nil {
		return rotation.CatchUpPlan{}, err
	}
	cal := set.Calendar()
	due, err := dueList(ctx, q, today, s.mine(""))
	if err != nil {
		return rotation.CatchUpPlan{}, err
	}
	capacity, err := capacity(ctx, q, set)
	if err != nil {
		return rotation.CatchUpPlan{}, err
	}
	s.plan.mu.Lock()
	defer s.plan.mu.Unlock()
	p, err := s.forecast(ctx, q, today, cal)
	if err != nil {
		return rotation.CatchUpPlan{}, err
	}
	plan := rotation.CatchUpPlan{Last: today, Days: 1, Limit: capacity.Daily}
	for _, c := range due {
		plan.Today = append(plan.Today, c.ID)
	}
	if len(due) <= capacity.Daily {
		return plan, nil
	}
	// The forecast is the load: it books each planned call with the
	// retries it leads to, so a day after a catch-up day keeps room for
	// them. Planning changes it, so it is dropped after.
	kept, err := keptDue(ctx, q, today, s.mine(""))
	if err != nil {
		return rotation.CatchUpPlan{}, err
	}
	items := make([]rotation.DueItem, len(due))
	for i, c := range due {
		items[i] = rotation.DueItem{Contact: c, Kept: kept[c.ID]}
	}
	plan = rotation.CatchUp(items, today, cal, float64(capacity.Daily), p.forecast)
	p.invalidate()
	plan.Limit = capacity.Daily
	return plan, nil
}

// keptDue are the contacts of today's list whose due date the user typed
// (due_typed, migration 00008): the catch-up leaves them where they are.
func keptDue(ctx context.Context, q querier, today rotation.Date, mine string) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM contacts
		WHERE status = 'active' AND due <= ? AND due = due_typed`+mine, today.String())
	if err != nil {
		return nil, fmt.Errorf("read the typed dates: %w", err)
	}
	defer rows.Close()
	kept := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		kept[id] = true
	}
	return kept, rows.Err()
}

// ApplyCatchUp moves the calls of a plan to their planned days, in one
// transaction. A contact whose due date changed since the plan was made
// (called, edited, moved by another process) keeps it. It returns how many
// calls moved.
func (s *Store) ApplyCatchUp(ctx context.Context, plan rotation.CatchUpPlan) (int, error) {
	moved := 0
	err := s.withTx(ctx, func(tx *txn) error {
		now := stamp(s.now())
		for _, m := range plan.Moves {
			r, err := tx.ExecContext(ctx, `UPDATE contacts SET due = ?, updated_at = ?
				WHERE id = ? AND status = 'active' AND due = ?`, m.To.String(), now, m.ID, m.From.String())
			if err != nil {
				return fmt.Errorf("move a call: %w", err)
			}
			n, _ := r.RowsAffected()
			moved += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return moved, nil
}
