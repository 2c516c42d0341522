package store

import (
	"context"
	"fmt"
	"sync"

	"rotate/rotation"
)

// The leveler needs two things from the book: how many calls are booked
// on the days of a window, and how many are expected there but not booked
// yet (rotation.Forecast). The first is one indexed range query per
// placement. The second needs every schedule in the book; it is built
// from the book's schedule groups (plan_groups, a few hundred rows kept by
// triggers), kept for the process, updated
// with each placement this store makes, and rebuilt when book_version
// says another process (or a bulk change) moved calls.

// planCache is a forecast of the book as of one book_version and day.
type planCache struct {
	mu       sync.Mutex
	version  int64
	today    rotation.Date
	forecast *rotation.Forecast
}

// bookVersion reads the change counter the triggers of migration 00002
// keep.
func bookVersion(ctx context.Context, q querier) (int64, error) {
	var v int64
	err := q.QueryRowContext(ctx, "SELECT version FROM book_version WHERE id = 1").Scan(&v)
	return v, err
}

// bookings lists the active book as one row per shared schedule and day,
// from the summary the triggers of migration 00003 keep.
func bookings(ctx context.Context, q querier) ([]rotation.Booking, error) {
	rows, err := q.QueryContext(ctx, `SELECT due, rule, override_rule, override_until, attempts, step, n
		FROM plan_groups`)
	if err != nil {
		return nil, fmt.Errorf("read the schedules: %w", err)
	}
	defer rows.Close()
	rules := map[string]rotation.Rule{} // a book has a handful of distinct rules
	parse := func(s string) rotation.Rule {
		if r, ok := rules[s]; ok {
			return r
		}
		r, _ := rotation.ParseRule(s) // stored rules were valid when written
		rules[s] = r
		return r
	}
	var out []rotation.Booking
	for rows.Next() {
		var due, rule, override, until string
		var b rotation.Booking
		if err := rows.Scan(&due, &rule, &override, &until, anyInt{&b.Attempts}, anyInt{&b.Step}, &b.Count); err != nil {
			return nil, err
		}
		b.Due = dateOrZero(due)
		b.Rule = parse(rule)
		if override != "" {
			b.Override = parse(override)
			b.OverrideUntil = dateOrZero(until)
		}
		b.Schedule = b.Schedule.Sane()
		out = append(out, b)
	}
	return out, rows.Err()
}

// forecast returns the book's forecast for today, building it when the
// book changed since the last one. The caller holds s.plan.mu.
func (s *Store) forecast(ctx context.Context, q querier, today rotation.Date, cal rotation.Calendar) (*planCache, error) {
	p := &s.plan
	v, err := bookVersion(ctx, q)
	if err != nil {
		return nil, err
	}
	if p.forecast != nil && p.version == v && p.today == today {
		return p, nil
	}
	book, err := bookings(ctx, q)
	if err != nil {
		return nil, err
	}
	p.forecast = rotation.NewForecast(today, cal, book, rotation.DefaultReach)
	p.version, p.today = v, today
	return p, nil
}

// invalidate drops the forecast, after a failed write that may have been
// half booked into it.
func (p *planCache) invalidate() { p.forecast, p.version = nil, -1 }

// windowLoad is the leveler's view of a window of days: the calls booked
// there, counted by indexed queries, and the forecast's expected calls.
// Calls overdue count on today, when they will be made. Days are counted
// when the leveler first looks at them (a placement reads the dozen days
// of its window), or all at once by loadWindow for a wide span.
type windowLoad struct {
	ctx      context.Context
	q        querier
	today    rotation.Date
	booked   map[rotation.Date]int
	expected *rotation.Forecast
	err      error // the first failed count; the placement is then void
	capacity int   // the daily capacity set by hand; 0 on auto
}

// DailyCap is the capacity set by hand: the leveler puts no call past it
// while its window has a day with room (rotation.Capped).
func (w *windowLoad) DailyCap() int { return w.capacity }

func (w *windowLoad) Booked(d rotation.Date) int {
	if n, ok := w.booked[d]; ok || w.q == nil {
		return n
	}
	if d <= w.today {
		var n int
		if err := w.q.QueryRowContext(w.ctx, `SELECT count(*) FROM contacts
			WHERE status = 'active' AND due <= ?`, w.today.String()).Scan(&n); err != nil && w.err == nil {
			w.err = fmt.Errorf("count the calls due today: %w", err)
		}
		w.booked[d] = n
		return n
	}
	// The leveler reads a window from its first day on: one range query
	// counts the whole window (at most 15 days).
	hi := d.AddDays(2*7 + 1)
	for x := d; x <= hi; x++ {
		w.booked[x] = 0
	}
	if err := w.countRange(d, hi); err != nil && w.err == nil {
		w.err = err
	}
	return w.booked[d]
}

// countRange adds the calls booked on each day of [lo, hi].
func (w *windowLoad) countRange(lo, hi rotation.Date) error {
	rows, err := w.q.QueryContext(w.ctx, `SELECT due, count(*) FROM contacts
		WHERE status = 'active' AND due >= ? AND due <= ? GROUP BY due`, lo.String(), hi.String())
	if err != nil {
		return fmt.Errorf("count the calls per day: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var due string
		var n int
		if err := rows.Scan(&due, &n); err != nil {
			return err
		}
		w.booked[dateOrZero(due)] += n
	}
	return rows.Err()
}

func (w *windowLoad) Expected(d rotation.Date) float64 {
	if w.expected == nil {
		return 0
	}
	return w.expected.Expected(d)
}

// lazyLoad counts booked days on demand.
func lazyLoad(ctx context.Context, q querier, today rotation.Date, f *rotation.Forecast) *windowLoad {
	return &windowLoad{ctx: ctx, q: q, today: today, booked: map[rotation.Date]int{}, expected: f}
}

// loadWindow counts the active calls booked on each day of [lo, hi] in one
// indexed range query (the overdue ones on today when the window reaches
// back to it); days outside count as empty.
func loadWindow(ctx context.Context, q querier, today, lo, hi rotation.Date, f *rotation.Forecast) (*windowLoad, error) {
	w := &windowLoad{today: today, booked: map[rotation.Date]int{}, expected: f}
	from := lo.String()
	if lo <= today {
		from = "" // every overdue call too
	}
	rows, err := q.QueryContext(ctx, `SELECT due, count(*) FROM contacts
		WHERE status = 'active' AND due >= ? AND due <= ? GROUP BY due`, from, hi.String())
	if err != nil {
		return w, fmt.Errorf("count the calls per day: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var due string
		var n int
		if err := rows.Scan(&due, &n); err != nil {
			return w, err
		}
		w.booked[max(dateOrZero(due), today)] += n
	}
	return w, rows.Err()
}

// placementSpan bounds the days a leveled date of s can fall on when
// logged on today: from half the shortest possible interval to the
// longest interval in force plus more than a window.
func placementSpan(s rotation.Schedule, today rotation.Date) (lo, hi rotation.Date) {
	days := 0
	for _, r := range []rotation.Rule{s.Rule, s.Override} {
		for step := range max(len(r.Steps), 1) {
			days = max(days, r.ApproxDays(step))
		}
	}
	return today.AddDays(days / 2), today.AddDays(days + 10)
}

// levelNext is rotation.ApplyLeveled against the book: the outcome's next
// date, moved within its window to keep the load even. The contact's own
// booking is taken out of the forecast while it is placed and put back
// after; the caller holds s.plan.mu and books the result if it keeps it.
func (s *Store) levelNext(ctx context.Context, q querier, sched rotation.Schedule, o rotation.Outcome, today, explicit rotation.Date, set rotation.Settings) (rotation.Next, error) {
	if !explicit.IsZero() {
		return rotation.Apply(sched, o, today, explicit, set.Calendar())
	}
	return s.withLoad(ctx, q, sched, today, set, func(load rotation.LoadModel) (rotation.Next, error) {
		return rotation.ApplyLeveled(sched, o, today, explicit, set.Calendar(), load)
	})
}

// levelTouch is levelNext for a touch on any channel and in either
// direction (rotation.ApplyTouch).
func (s *Store) levelTouch(ctx context.Context, q querier, sched rotation.Schedule, t rotation.Touch, today, explicit rotation.Date, set rotation.Settings) (rotation.Next, error) {
	if !explicit.IsZero() || t.ReturnedCall() || t.Outcome == rotation.Sent || t.Check() != nil {
		// No date is placed: no forecast to read.
		return rotation.ApplyTouch(sched, t, today, explicit, set.Calendar(), nil)
	}
	return s.withLoad(ctx, q, sched, today, set, func(load rotation.LoadModel) (rotation.Next, error) {
		return rotation.ApplyTouch(sched, t, today, explicit, set.Calendar(), load)
	})
}

// withLoad runs apply with the book's load as of today, the contact's own
// booking (sched) taken out of it.
func (s *Store) withLoad(ctx context.Context, q querier, sched rotation.Schedule, today rotation.Date, set rotation.Settings, apply func(rotation.LoadModel) (rotation.Next, error)) (rotation.Next, error) {
	cal := set.Calendar()
	p, err := s.forecast(ctx, q, today, cal)
	if err != nil {
		return rotation.Next{}, err
	}
	load := lazyLoad(ctx, q, today, p.forecast)
	load.capacity = set.Capacity
	if !sched.Due.IsZero() {
		// The contact's own call is not part of the load it is placed in.
		own := max(sched.Due, today)
		load.booked[own] = load.Booked(own) - 1
		p.forecast.Book(sched.Due, sched, -1)
		defer p.forecast.Book(sched.Due, sched, 1)
	}
	next, err := apply(load)
	if err == nil {
		err = load.err
	}
	return next, err
}

// rebook moves a contact's booking in the forecast from before to after,
// and marks the forecast as of the book's version now: call it inside the
// transaction that made the move, after its writes, holding s.plan.mu.
// A transaction that then fails must invalidate the forecast.
func (s *Store) rebook(ctx context.Context, tx *txn, before, after rotation.Schedule, afterActive bool) error {
	p := &s.plan
	if p.forecast == nil {
		return nil
	}
	if !before.Due.IsZero() {
		p.forecast.Book(before.Due, before, -1)
	}
	if afterActive && !after.Due.IsZero() {
		p.forecast.Book(after.Due, after, 1)
	}
	v, err := bookVersion(ctx, tx)
	if err != nil {
		return err
	}
	p.version = v
	return nil
}

// Capacity works out the book's daily capacity on today: the one figure
// the Today header, `rotate upcoming`, the Upcoming view and the catch-up
// show and use (see capacity).
func (s *Store) Capacity(ctx context.Context, today rotation.Date) (rotation.Capacity, error) {
	var c rotation.Capacity
	err := s.withRead(ctx, func(q querier) error {
		set, err := loadSettings(ctx, q)
		if err != nil {
			return err
		}
		c, err = capacity(ctx, q, set)
		return err
	})
	return c, err
}

// capacity is the only source of the capacity figure: the settings'
// capacity for the calls per workday the book asks for, read from the
// book as it is now (its schedule groups, a few hundred rows), never from
// a forecast this process has kept and updated, so that every process
// and every view gives the same number for the same book.
func capacity(ctx context.Context, q querier, set rotation.Settings) (rotation.Capacity, error) {
	book, err := bookings(ctx, q)
	if err != nil {
		return rotation.Capacity{}, err
	}
	return set.CapacityFor(rotation.ExpectedPerWorkday(book, set.Calendar(), rotation.DefaultReach)), nil
}

// withRead runs fn on a consistent snapshot of the book.
func (s *Store) withRead(ctx context.Context, fn func(q querier) error) error {
	if s.db.d == dialectPostgres {
		return s.readTx(ctx, func(tx *txn) error { return fn(tx) })
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return err
	}
	// A read has nothing to undo; the rollback only ends the snapshot.
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	return fn(conn)
}

// rampIn gives the active contacts of a batch that have no due date their
// first one: spread across their first interval under the book's load,
// highest tier first (rotation.RampInBatch). The batch's own calls are
// counted as it is placed; the forecast is rebuilt after, as the book's
// version changed.
func (s *Store) rampIn(ctx context.Context, tx *txn, set rotation.Settings, batch []NewContact, today rotation.Date) error {
	var idx []int
	var newcomers []rotation.Newcomer
	peerCache := map[string]map[rotation.Date]int{}
	span := 0
	for i, n := range batch {
		c := n.Contact
		if !c.Due.IsZero() || c.Status != "" && c.Status != rotation.Active {
			continue
		}
		sched := c.Schedule
		if sched.Rule.IsZero() {
			sched.Rule = set.TierRule(c.Tier)
		}
		idx = append(idx, i)
		peers, err := s.rampPeers(ctx, tx, peerCache, c.Tier, sched, today)
		if err != nil {
			return err
		}
		newcomers = append(newcomers, rotation.Newcomer{Tier: c.Tier, Schedule: sched, Peers: peers})
		_, hi := placementSpan(sched, today)
		span = max(span, today.DaysUntil(hi))
	}
	if len(idx) == 0 {
		return nil
	}
	cal := set.Calendar()
	s.plan.mu.Lock()
	defer s.plan.mu.Unlock()
	p, err := s.forecast(ctx, tx, today, cal)
	if err != nil {
		return err
	}
	load, err := loadWindow(ctx, tx, today, today, today.AddDays(span), p.forecast)
	if err != nil {
		return err
	}
	for j, due := range rotation.RampInBatch(newcomers, today, cal, load) {
		batch[idx[j]].Contact.Due = due
	}
	return nil
}

// rampPeers are the first calls, by day from today on, of the contacts
// already in the book like a newcomer — same tier, same rule, no override,
// never called — so that contacts added one at a time spread as a batch
// does (rotation.Newcomer.Peers). One query per kind of newcomer.
func (s *Store) rampPeers(ctx context.Context, tx *txn, cache map[string]map[rotation.Date]int, tier string, sched rotation.Schedule, today rotation.Date) (map[rotation.Date]int, error) {
	if !sched.Override.IsZero() {
		return nil, nil
	}
	key := tier + "|" + sched.Rule.String()
	if m, ok := cache[key]; ok {
		return m, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT due, count(*) FROM contacts
		WHERE status = 'active' AND tier = ? AND rule = ? AND override_rule = '' AND last_call_day = '' AND due >= ?
		GROUP BY due`, tier, sched.Rule.String(), today.String())
	if err != nil {
		return nil, fmt.Errorf("read the first calls planned: %w", err)
	}
	defer rows.Close()
	m := map[rotation.Date]int{}
	for rows.Next() {
		var due string
		var n int
		if err := rows.Scan(&due, &n); err != nil {
			return nil, err
		}
		m[dateOrZero(due)] += n
	}
	cache[key] = m
	return m, rows.Err()
}

// AfterEdit is rotation.AfterEdit with the leveler: when an edit brings a
// call forward to the date the new rule gives, that date moves within its
// window to keep the load even (rotation.AfterEditLeveled). A contact
// following its tier (FollowsTier) gets its tier's cadence. Nothing is
// written; UpdateContact saves the result.
func (s *Store) AfterEdit(ctx context.Context, before, after rotation.Contact, today rotation.Date) (rotation.Contact, error) {
	set, err := loadSettings(ctx, s.db)
	if err != nil {
		return after, err
	}
	if after.FollowsTier {
		// A contact following its tier has the tier's cadence: a new tier
		// brings its rule.
		after.Rule = set.TierRule(normalTier(after.Tier))
	}
	cal := set.Calendar()
	s.plan.mu.Lock()
	defer s.plan.mu.Unlock()
	p, err := s.forecast(ctx, s.db, today, cal)
	if err != nil {
		return after, err
	}
	load := lazyLoad(ctx, s.db, today, p.forecast)
	load.capacity = set.Capacity
	if !before.Due.IsZero() && before.Status == rotation.Active {
		own := max(before.Due, today)
		load.booked[own] = load.Booked(own) - 1
	}
	out := rotation.AfterEditLeveled(before, after, today, cal, load)
	return out, load.err
}
