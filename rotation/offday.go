package rotation

// MoveOffDay says where the planned call of c goes when its date, a
// workday under the calendar it was planned with (was), is a day off under
// the new one (now): time away or days off set after calls were planned
// inside them move those calls as if they had been computed with them. A
// fixed-weekday rule takes its next slot that is a workday; other rules the
// next workday. A callback the client asked for is kept, and so is a date
// that was already a day off (one the user typed on purpose). ok is false
// when the call stays.
func MoveOffDay(c Contact, today Date, was, now Calendar) (due Date, ok bool) {
	d := c.Due
	if c.Status != Active || d.IsZero() || d < today || now.IsWorkday(d) || !was.IsWorkday(d) ||
		c.LastOutcome == Callback {
		return d, false
	}
	if r := c.ActiveRule(d); r.Kind == Weekdays {
		return workSlot(r, d, now), true
	}
	return now.OnOrAfter(d), true
}

// MoveOffDayLeveled is MoveOffDay followed by the leveler, as if the call
// had been computed with the new calendar: an interval call the leveler
// may move (Movable) goes to the lightest workday of its window around the
// planned date, after today and under a capacity set by hand while one
// has room, rather than onto the first workday back with all the others.
// Other calls are exactly as MoveOffDay gives them.
func MoveOffDayLeveled(c Contact, today Date, was, now Calendar, load LoadModel) (due Date, ok bool) {
	due, ok = MoveOffDay(c, today, was, now)
	if !ok || load == nil {
		return due, ok
	}
	r := c.ActiveRule(c.Due)
	if !Movable(r, c.Step) {
		return due, ok
	}
	w := Window(r.ApproxDays(c.Step))
	lo, hi := max(c.Due.AddDays(-w), today.AddDays(1)), c.Due.AddDays(w)
	if d := levelIn(c.Due, lo, hi, now, load); d >= lo && d <= hi && now.IsWorkday(d) {
		return d, true
	}
	return due, ok
}
