package rotation

import (
	"errors"
	"fmt"
	"strings"
)

// Outcome is how a call went.
type Outcome string

// The outcomes of a call, spelled as on the command line.
const (
	Reached     Outcome = "reached"
	Voicemail   Outcome = "voicemail"
	NoAnswer    Outcome = "no-answer"
	Callback    Outcome = "callback"
	WrongNumber Outcome = "wrong-number"
	NotAFit     Outcome = "not-a-fit"
	// Sent is a one-way message (an e-mail, a text, a letter or card):
	// recorded, the planned call stays.
	Sent Outcome = "sent"
)

// Outcomes lists every outcome in the order they are offered.
var Outcomes = []Outcome{Reached, Voicemail, NoAnswer, Callback, WrongNumber, NotAFit, Sent}

// ParseOutcome reads an outcome name; "no answer", "noanswer" and the like
// are accepted too.
func ParseOutcome(s string) (Outcome, error) {
	norm := strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch norm {
	case "noanswer":
		norm = string(NoAnswer)
	case "wrongnumber", "wrong":
		norm = string(WrongNumber)
	case "notafit", "not-fit":
		norm = string(NotAFit)
	case "vm":
		norm = string(Voicemail)
	}
	for _, o := range Outcomes {
		if string(o) == norm {
			return o, nil
		}
	}
	return "", fmt.Errorf("unknown outcome %q; use one of reached, voicemail, no-answer, callback, wrong-number, not-a-fit, sent", s)
}

// IsMiss reports whether the outcome is a failed attempt to reach someone.
func (o Outcome) IsMiss() bool { return o == Voicemail || o == NoAnswer }

// Status is where a contact stands in the rotation.
type Status string

// The statuses of a contact.
const (
	Active   Status = "active"
	Paused   Status = "paused"   // e.g. a wrong number, until it is edited
	Archived Status = "archived" // no longer a fit, or stopped by hand
)

// UnreachableAfter is the number of consecutive misses from which a contact
// is flagged unreachable and another channel is suggested.
const UnreachableAfter = 3

// retryWorkdays are the waits after the 1st, 2nd and 3rd consecutive miss.
var retryWorkdays = []int{1, 2, 4}

// Schedule is the part of a contact that the rotation rules read and write.
type Schedule struct {
	Rule          Rule
	Override      Rule // a temporary rule; zero for none
	OverrideUntil Date // the last day the override applies
	Due           Date // the next call; zero when none is planned
	Attempts      int  // consecutive missed attempts
	Step          int  // the taper step the next reached call uses
	Status        Status
	// Returned is the day of a call of theirs that was missed and not yet
	// answered by a later touch: a returned call, first on today's list
	// (zero for none). The planned call (Due) stays as it was.
	Returned Date
	// DueTime is the time of day of the next call when one was typed
	// with its date (a callback "thu 3pm"); zero for none.
	DueTime Clock
}

// MaxAttempts is the most consecutive misses a schedule counts, and
// MaxStep the highest taper step (steps count from 0): a book or a file
// holding more is read as these.
const (
	MaxAttempts = 9999
	MaxStep     = maxTaperSteps - 1
)

// Sane returns s with its numbers and dates in range: attempts in 0 to
// MaxAttempts, the taper step in 0 to MaxStep, dates between MinDate and
// MaxDate. A book or a file written by an older or hostile program may
// hold anything; read through Sane, nothing it holds makes the rules
// panic or compute a date that cannot be written back.
func (s Schedule) Sane() Schedule {
	s.Attempts = min(max(s.Attempts, 0), MaxAttempts)
	s.Step = min(max(s.Step, 0), MaxStep)
	s.Due = ClampDate(s.Due)
	s.OverrideUntil = ClampDate(s.OverrideUntil)
	s.Returned = ClampDate(s.Returned)
	if !s.DueTime.Valid() {
		s.DueTime = 0
	}
	return s
}

// Unreachable reports whether the contact has missed enough calls in a row
// to suggest another channel.
func (s Schedule) Unreachable() bool { return s.Attempts >= UnreachableAfter }

// ActiveRule returns the rule in force on day: the override until its end
// date, the base rule otherwise.
func (s Schedule) ActiveRule(day Date) Rule {
	if !s.Override.IsZero() && day <= s.OverrideUntil {
		return s.Override
	}
	return s.Rule
}

// RuleLabel describes the rule in force on day, e.g. "every 90d" or
// "every 2d until 2026-12-15, then every 90d".
func (s Schedule) RuleLabel(day Date) string {
	if !s.Override.IsZero() && day <= s.OverrideUntil {
		return fmt.Sprintf("%s until %s, then %s", s.Override, s.OverrideUntil, s.Rule)
	}
	return s.Rule.String()
}

// Next is the result of applying an outcome: the new schedule and why its
// date was chosen.
type Next struct {
	Schedule
	Reason string // e.g. "every 90d", "retry 2 after voicemail", "callback"
}

// ErrNeedDate is returned for a callback without a date.
var ErrNeedDate = errors.New("a callback needs the date to call back")

// Apply works out what an outcome logged on today means for the schedule:
// the next due date, the missed-attempt count, the taper step and the
// status, exactly as docs/DESIGN.md's rules say. A non-zero explicit date is the
// user's choice and is kept exactly; computed dates land on workdays.
//
// Whatever s holds, the next due date is between MinDate and MaxDate and
// the counts stay in range (Sane).
func Apply(s Schedule, o Outcome, today, explicit Date, cal Calendar) (Next, error) {
	n, err := apply(s.Sane(), o, ClampDate(today), ClampDate(explicit), cal)
	n.Due = ClampDate(n.Due)
	return n, err
}

func apply(s Schedule, o Outcome, today, explicit Date, cal Calendar) (Next, error) {
	n := Next{Schedule: s}
	switch o {
	case Reached:
		n.Attempts = 0
		n.Due, n.Step, n.Reason = reachedDate(s, today, cal)
	case Voicemail, NoAnswer:
		n.Attempts = min(s.Attempts+1, MaxAttempts)
		normal, _, label := reachedDate(s, today, cal)
		if n.Attempts <= len(retryWorkdays) {
			retry := cal.AddWorkdays(today, retryWorkdays[n.Attempts-1])
			n.Due = min(retry, normal)
			n.Reason = fmt.Sprintf("retry %d after %s", n.Attempts, o)
			if normal < retry {
				n.Reason = label
			}
		} else {
			n.Due, n.Reason = normal, label+" · still unreachable"
		}
	case Callback:
		if explicit.IsZero() {
			return Next{}, ErrNeedDate
		}
		n.Due, n.Reason = explicit, "callback as asked"
		return n, nil
	case WrongNumber:
		n.Status, n.Due, n.Reason = Paused, 0, "paused until the number is fixed"
		return n, nil
	case NotAFit:
		n.Status, n.Due, n.Reason = Archived, 0, "archived"
		return n, nil
	case Sent:
		n.Reason = "message sent · the planned call stays"
	default:
		return Next{}, fmt.Errorf("unknown outcome %q", o)
	}
	if n.Status == "" || o == Reached && n.Status == Paused {
		// Reaching a paused contact (a wrong number, found again) puts
		// them back in the rotation.
		n.Status = Active
	}
	if !explicit.IsZero() {
		n.Due, n.Reason = explicit, "date as chosen"
	}
	return n, nil
}

// reachedDate is the date a reached call on today gives, the taper step
// after it, and a label for the rule that produced it.
func reachedDate(s Schedule, today Date, cal Calendar) (Date, int, string) {
	rule := s.ActiveRule(today)
	due, step := ruleDate(rule, s, today, cal)
	label := rule.String()
	if rule.Equal(s.Override) && !s.Override.IsZero() && due > s.OverrideUntil {
		// The intensive period is over by the next call: the base rule
		// takes over from today.
		base := s
		base.Override = Rule{}
		due, step = ruleDate(s.Rule, base, today, cal)
		label = s.Rule.String()
	}
	return due, step, label
}

func ruleDate(rule Rule, s Schedule, today Date, cal Calendar) (Date, int) {
	step := s.Step
	var next Date
	switch rule.Kind {
	case Interval:
		next = cal.OnOrAfter(rule.Every.After(today))
	case Daily:
		next = cal.AddWorkdays(today, 1)
	case Weekdays:
		next = workSlot(rule, max(today, s.Due), cal)
	case Taper:
		next = cal.OnOrAfter(rule.StepSpan(step).After(today))
		step = min(step+1, len(rule.Steps)-1)
	default:
		next = cal.AddWorkdays(today, 1)
	}
	return next, step
}

// nextSlot returns the first day strictly after d whose weekday is one of
// the rule's.
func nextSlot(rule Rule, d Date) Date {
	for i := 1; i <= 7; i++ {
		if rule.On[d.AddDays(i).Weekday()] {
			return d.AddDays(i)
		}
	}
	return d.AddDays(7)
}

// workSlot is the first slot of a fixed-weekday rule strictly after d that
// is a workday: a slot in time away or on a holiday moves to the rule's
// next slot, not to the next workday (a Friday status call stays on a
// Friday). A rule none of whose days is ever a workday (weekly sat on a
// Monday-to-Friday week) falls back to the workday after its slot.
func workSlot(rule Rule, d Date, cal Calendar) Date {
	first := nextSlot(rule, d)
	for s := first; s-first < maxSearch; s = nextSlot(rule, s) {
		if cal.IsWorkday(s) {
			return s
		}
	}
	return cal.OnOrAfter(first)
}

// FirstDue is the first due date of a new contact added on today without
// an explicit date: the next slot for fixed weekdays, the next workday
// otherwise. The leveler spreads interval contacts later on.
func FirstDue(r Rule, today Date, cal Calendar) Date {
	if r.Kind == Weekdays {
		if r.On[today.Weekday()] && cal.IsWorkday(today) {
			return today
		}
		return workSlot(r, today, cal)
	}
	return cal.OnOrAfter(today)
}
