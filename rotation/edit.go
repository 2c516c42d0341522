package rotation

import "slices"

// PhonesChanged reports whether two phone lists differ in a number, a
// label or their order.
func PhonesChanged(a, b []Phone) bool { return !slices.Equal(a, b) }

// AfterEdit returns after, the contact as a person edited it, with what the
// edit means for its schedule on today's calendar:
//
//   - A contact paused by a wrong number whose phone numbers were changed
//     (and still has one) is active again, its missed attempts reset, due
//     on today's first workday.
//   - When the rule in force today changes (a new base rule, a new tier
//     the contact follows, an override set or cleared), the next call of
//     an active contact is what the new rule gives (RuleChanged).
//
// A due date the person typed is applied after AfterEdit and wins.
func AfterEdit(before, after Contact, today Date, cal Calendar) Contact {
	if before.Status == Paused && before.LastOutcome == WrongNumber &&
		PhonesChanged(before.Phones, after.Phones) && len(after.Phones) > 0 {
		after.Status = Active
		after.Attempts = 0
		after.Due = cal.OnOrAfter(today)
		return after
	}
	oldRule, newRule := before.ActiveRule(today), after.ActiveRule(today)
	if oldRule.Equal(newRule) {
		return after
	}
	if newRule.Kind == Taper {
		after.Step = 0
	}
	if after.Status == Active {
		after.Due = RuleChanged(after, newRule, today, cal)
	}
	return after
}

// RuleChanged is the next call of an active contact whose rule in force
// becomes r (c is the contact with its current schedule):
//
//   - A contact reached before: the date r gives counted from the last
//     conversation, sooner or later than the planned one, and never before
//     today's first workday. A retry after a missed call that comes sooner
//     stays; so does a callback the client asked for.
//   - A contact never reached: the planned first call stays, unless r makes
//     it due sooner (its first interval counted from today); on fixed
//     weekdays it takes the rule's first slot, where status calls sit.
//
// Fixed weekdays take their next slot. The leveler may then move an
// interval date within its window (AfterEditLeveled).
func RuleChanged(c Contact, r Rule, today Date, cal Calendar) Date {
	planned := c.Due
	d := firstDueUnder(r, c.LastTalk, today, cal)
	switch {
	case planned.IsZero():
		return d
	case c.LastOutcome == Callback && planned >= today:
		return planned
	case c.LastTalk.IsZero() && r.Kind == Weekdays:
		return d // a first call on the rule's days: status calls sit on their slot
	case c.LastTalk.IsZero() || c.Attempts > 0 && c.Attempts <= len(retryWorkdays):
		return min(planned, d)
	}
	return d
}

// firstDueUnder is the first call a newly chosen rule asks for, counted
// from the last talk (from today for a contact never reached): today's
// first workday at the earliest. Fixed weekdays take their next slot.
func firstDueUnder(r Rule, lastTalk, today Date, cal Calendar) Date {
	if r.Kind == Weekdays {
		return FirstDue(r, today, cal)
	}
	from := lastTalk
	if from.IsZero() {
		from = today
	}
	var d Date
	switch r.Kind {
	case Interval:
		d = r.Every.After(from)
	case Taper:
		d = r.StepSpan(0).After(from)
	default: // Daily
		d = from.AddDays(1)
		if lastTalk.IsZero() {
			d = today
		}
	}
	return cal.OnOrAfter(max(d, today))
}
