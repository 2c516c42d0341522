package rotation

// Load tells how many calls are already booked on a day.
type Load func(Date) int

// RampIn picks the first due date of a contact added on today without an
// explicit date, so that a batch of new contacts spreads across their first
// interval instead of all being due at once: the least-booked workday in
// [today, today+interval), ties going to the earliest. Fixed-weekday,
// daily and short taper rules start at their first slot.
func RampIn(r Rule, today Date, cal Calendar, load Load) Date {
	var span int
	switch r.Kind {
	case Interval:
		span = r.Every.After(today).DaysUntil(today) * -1
	case Taper:
		span = r.StepSpan(0).Days()
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
