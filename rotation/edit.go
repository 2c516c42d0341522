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
//   - When the rule in force today changes (a new base rule, an override
//     set or cleared), the next call of an active contact is brought
//     forward if the new rule calls sooner, counted from the last talk,
//     and never earlier than today's first workday; it is never pushed
//     later. A taper coming into force starts at its first step.
//
// A due date the person typed is applied after AfterEdit and wins.
func AfterEdit(before, after Contact, today Date, cal Calendar) Contact {
	if before.Status == Paused && before.LastOutcome == WrongNumber &&
		PhonesChanged(before.Phones, after.Phones) && len(after.Phones) > 0 {
		after.Status = Active
		after.Attempts = 0
		after.Due = cal.OnOrAfter(today)
	}
	oldRule, newRule := before.ActiveRule(today), after.ActiveRule(today)
	if oldRule.Equal(newRule) {
		return after
	}
	if newRule.Kind == Taper {
		after.Step = 0
	}
	if after.Status == Active {
		if d := firstDueUnder(newRule, after.LastTalk, today, cal); after.Due.IsZero() || d < after.Due {
			after.Due = d
		}
	}
	return after
}

// firstDueUnder is the first call a newly chosen rule asks for, counted
// from the last talk: today's first workday at the earliest. Fixed
// weekdays take their next slot.
func firstDueUnder(r Rule, lastTalk, today Date, cal Calendar) Date {
	if lastTalk.IsZero() || r.Kind == Weekdays {
		return FirstDue(r, today, cal)
	}
	var d Date
	switch r.Kind {
	case Interval:
		d = r.Every.After(lastTalk)
	case Taper:
		d = r.StepSpan(0).After(lastTalk)
	default: // Daily
		d = lastTalk.AddDays(1)
	}
	return cal.OnOrAfter(max(d, today))
}
