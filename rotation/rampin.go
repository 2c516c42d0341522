package rotation

// Load tells how many calls are already booked on a day.
type Load func(Date) int

// RampIn picks the first due date of a contact added on today without an
// explicit date, so that a batch of new contacts spreads across their first
// interval instead of all being due at once: the least-booked workday in
// [today, today+interval), ties going to the earliest. Fixed-weekday and
// daily rules, and tapers whose first step is under 7 days, start at their
// first slot: DESIGN.md never moves those.
func RampIn(r Rule, today Date, cal Calendar, load Load) Date {
	var span int
	switch r.Kind {
	case Interval:
		span = today.DaysUntil(r.Every.After(today))
	case Taper:
		if first := r.StepSpan(0).Days(); first >= 7 {
			span = first
		}
	}
	if span <= 1 || load == nil {
		return FirstDue(r, today, cal)
	}
	best, bestLoad := Date(0), 0
	for d := today; d < today.AddDays(span); d++ {
		if !cal.IsWorkday(d) {
			continue
		}
		if l := load(d); best.IsZero() || l < bestLoad {
			best, bestLoad = d, l
		}
	}
	if best.IsZero() {
		return FirstDue(r, today, cal)
	}
	return best
}
