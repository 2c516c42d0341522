package rotation

// maxOccurrences bounds the calls Occurrences projects for one contact
// (a daily rule over the longest export is a few hundred).
const maxOccurrences = 1000

// Occurrences are the days of a contact's planned calls from from
// (inclusive) until until (exclusive): the due date (an overdue call
// counts on from), then each next call as if every call were reached on
// its day, by the rules Apply uses — a weekly Friday client every Friday,
// an interval from each call, a taper step by step, an override until it
// ends, on workdays of cal. Nil when no call is planned: a paused or
// archived contact, or one without a due date. These are the ideal
// dates: the leveler may place an interval call a few days off them when
// it is logged.
func Occurrences(s Schedule, from, until Date, cal Calendar) []Date {
	s = s.Sane()
	if s.Due.IsZero() || s.Status != Active && s.Status != "" {
		return nil
	}
	var out []Date
	for d := max(s.Due, from); d < until && len(out) < maxOccurrences; {
		out = append(out, d)
		s.Due = d
		n, err := Apply(s, Reached, d, 0, cal)
		if err != nil || n.Due <= d {
			break
		}
		s, d = n.Schedule, n.Due
	}
	return out
}
