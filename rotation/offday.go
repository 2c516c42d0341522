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
