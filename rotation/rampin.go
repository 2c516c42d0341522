package rotation

// Load tells how many calls are already booked on a day.
type Load func(Date) int

// RampIn picks the first due date of a contact added on today without an
// explicit date, so that a batch of new contacts spreads across their first
// interval instead of all being due at once: the least-booked workday in
// [today, today+interval), ties going to the earliest. Fixed-weekday and
// daily rules, and tapers whose first step is under 7 days, start at their
// first slot: docs/DESIGN.md never moves those.
//
// RampIn sees only booked calls. RampInBatch with a Forecast also sees the
// calls expected but not booked yet (the next calls of contacts due
// sooner), which keeps a single add from drifting to the far end of its
// first interval, where fewer calls are booked only because it is far.
func RampIn(r Rule, today Date, cal Calendar, load Load) Date {
	if load == nil {
		return FirstDue(r, today, cal)
	}
	return rampIn(r, today, cal, load, nil)
}
